"""One export format written in a process of its own: ``python -m medgraph.backends.writer FMT``
reads sorted canonical N-Triples on standard input and writes the format on standard output.

Oxigraph's writers hold Python's lock, so the formats of a large release are written by
separate processes to use the other cores. A plain child process started from the interpreter
(not ``multiprocessing``) neither forks a process whose libraries may hold locks nor imports
the caller's ``__main__`` again, so a script that calls :func:`medgraph.build` needs no
``if __name__ == "__main__"`` guard.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

__all__ = ["Writing", "write_in_processes"]


def _child_environment() -> dict[str, str]:
    """The caller's environment with this medgraph first on the path, so the child runs the
    same code whether medgraph is installed or imported from a checkout."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    return env


class Writing:
    """Each format of ``formats`` being written from the N-Triples ``text``, one child process
    per format, all at once; the caller goes on with other work and collects the bytes with
    :meth:`result` (or stops the children with :meth:`cancel`)."""

    def __init__(self, text: bytes, formats: Sequence[str]) -> None:
        env = _child_environment()
        self._processes = {
            fmt: subprocess.Popen(
                [sys.executable, "-m", "medgraph.backends.writer", fmt],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for fmt in formats
        }
        self._results: dict[str, tuple[bytes, bytes]] = {}
        self._threads = [
            threading.Thread(target=self._talk, args=(fmt, process, text), daemon=True)
            for fmt, process in self._processes.items()
        ]
        for thread in self._threads:
            thread.start()

    def _talk(self, fmt: str, process: subprocess.Popen[bytes], text: bytes) -> None:
        self._results[fmt] = process.communicate(text)

    def cancel(self) -> None:
        """Stop every child still running."""
        for process in self._processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()

    def result(self) -> dict[str, bytes]:
        """The bytes of each format, once every child is done. A failed child raises
        :class:`RuntimeError` with its message."""
        try:
            for thread in self._threads:
                thread.join()
        finally:
            self.cancel()
        written: dict[str, bytes] = {}
        for fmt, process in self._processes.items():
            out, err = self._results.get(fmt, (b"", b""))
            if process.returncode != 0:
                message = err.decode("utf-8", "replace").strip().splitlines()
                raise RuntimeError(
                    f"writing {fmt} failed: {message[-1] if message else process.returncode}"
                )
            written[fmt] = out
        return written


def write_in_processes(text: bytes, formats: Sequence[str]) -> dict[str, bytes]:
    """Each format of ``formats`` from the N-Triples ``text``, one child process per format,
    all at once. A failed child raises :class:`RuntimeError` with its message."""
    return Writing(text, formats).result()


def main(argv: Sequence[str] | None = None) -> int:
    from medgraph.backends.fast import serialize_lines

    (fmt,) = argv if argv is not None else sys.argv[1:]
    text = sys.stdin.buffer.read()
    lines = text.rstrip(b"\n").split(b"\n") if text else []
    sys.stdout.buffer.write(serialize_lines(lines, fmt))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
