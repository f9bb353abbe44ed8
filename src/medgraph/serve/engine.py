"""The Oxigraph server process (PyPI package ``oxigraph``): find it, start it on a private
127.0.0.1 port over an on-disk store, wait until it answers, and stop it.

:class:`OxigraphServer` is the one place that starts the engine, for ``medgraph serve`` and
for the tests. Its memory is bounded with ``RLIMIT_AS`` (Linux ``prlimit``, set as it starts): a
query that would grow it past the limit makes Oxigraph abort instead of swapping the machine
to a halt, and the supervisor (:mod:`medgraph.serve.supervisor`) starts a fresh one. A control
group would bound resident memory more precisely, but it needs a writable cgroup hierarchy,
which a user's shell or a container rarely has; the address-space limit works everywhere.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from medgraph.errors import ExitCode, MedgraphError
from medgraph.render import ToolMissing

__all__ = [
    "ENGINE_MEMORY",
    "OxigraphServer",
    "ServeError",
    "find_oxigraph",
    "free_port",
    "limit_memory",
]

ENGINE_MEMORY = 4 << 30
"""Address space the engine may reserve (4 GiB): an idle Oxigraph reserves about 0.4 GiB and
the shipped graph's heaviest legitimate queries stay well under 1.5 GiB."""
START_WITHIN = 30.0
"""Seconds Oxigraph may take to open its store and listen."""


class ServeError(MedgraphError):
    """The SPARQL engine (Oxigraph) failed to start."""

    exit_code = ExitCode.ENVIRONMENT


def find_oxigraph() -> str:
    """The Oxigraph server's executable, from PATH or beside this Python."""
    found = shutil.which("oxigraph")
    if found:
        return found
    sibling = Path(sys.executable).with_name("oxigraph")
    if sibling.exists():
        return str(sibling)
    raise ToolMissing(
        "the Oxigraph server is not installed, and it answers the SPARQL queries; "
        "install it with: pip install 'oxigraph>=0.4'"
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (another program may still take it before we do)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _resolve_prctl() -> Callable[..., int] | None:
    """libc's ``prctl``, looked up once in the parent: the child only calls it (no loader lock
    to take between ``fork`` and ``exec`` while other threads run)."""
    if sys.platform != "linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _resolve_prctl()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM when the thread that started it ends, even by SIGKILL of
    medgraph; so engines are started by long-lived threads only (the main one, the supervisor's)."""
    if _PRCTL is not None:
        pr_set_pdeathsig = 1
        _PRCTL(pr_set_pdeathsig, signal.SIGTERM)


def limit_memory(pid: int, memory: int | None) -> None:
    """Bound the address space of the running process ``pid`` to ``memory`` bytes (Linux
    ``prlimit``; elsewhere nothing). Set just after the start, before any query arrives."""
    if memory is None or not hasattr(resource, "prlimit"):
        return
    with contextlib.suppress(ValueError, OSError):
        _, hard = resource.prlimit(pid, resource.RLIMIT_AS)
        limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.prlimit(pid, resource.RLIMIT_AS, (limit, hard))


class OxigraphServer:
    """One Oxigraph server process on 127.0.0.1, over the store at ``location``.

    ``read_only`` runs ``oxigraph serve-read-only`` (several processes may then read the same
    store at once, which the supervisor uses to start a replacement before it stops the old
    one); otherwise ``oxigraph serve``. ``port`` ``None`` picks a free port (retried if another
    program takes it first). ``timeout`` is Oxigraph's own query time-out (``--timeout-s``);
    ``options`` are passed on (for example ``--union-default-graph``). Use it as a context
    manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self,
        location: Path | str,
        *,
        read_only: bool = True,
        port: int | None = None,
        timeout: float | None = None,
        memory: int | None = ENGINE_MEMORY,
        options: Sequence[str] = (),
        executable: str | None = None,
    ) -> None:
        self.location = Path(location)
        self.read_only = read_only
        self.port = port or 0
        self.timeout = timeout
        self.memory = memory
        self.options = tuple(options)
        self.executable = executable
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> OxigraphServer:
        """Start the process and return once it accepts connections (ServeError if it cannot)."""
        executable = self.executable or find_oxigraph()
        fixed = self.port
        for attempt in range(3):
            port = fixed or free_port()
            self._log = tempfile.TemporaryFile(prefix="medgraph-oxigraph-")  # noqa: SIM115 - closed in stop()
            self.process = subprocess.Popen(
                self._command(executable, port),
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches medgraph, which stops it in order
                preexec_fn=_die_with_parent if _PRCTL is not None else None,
            )
            limit_memory(self.process.pid, self.memory)
            self.port = port
            try:
                self._wait_until_listening(time.monotonic() + START_WITHIN)
            except ServeError:
                detail = self.output()
                self.stop()
                if not fixed and attempt < 2 and "in use" in detail:
                    continue
                raise
            return self
        raise AssertionError("unreachable")

    def _command(self, executable: str, port: int) -> list[str]:
        command = [executable, "serve-read-only" if self.read_only else "serve"]
        command += ["--location", str(self.location), "--bind", f"127.0.0.1:{port}"]
        if self.timeout is not None:
            command += ["--timeout-s", f"{max(1, round(self.timeout))}"]
        return command + list(self.options)

    def _wait_until_listening(self, deadline: float) -> None:
        assert self.process is not None
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise ServeError(
                        f"the Oxigraph server stopped at start: {self.output() or 'no message'}"
                    ) from None
                if time.monotonic() > deadline:
                    raise ServeError(
                        f"the Oxigraph server did not start within {START_WITHIN:g} s"
                    ) from None
                time.sleep(0.02)

    def stop(self, grace: float = 10.0) -> None:
        """Terminate the process (killed if it does not stop within ``grace`` seconds)."""
        process = self.process
        if process is not None and process.poll() is None:
            if grace > 0:
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=grace)
            if process.poll() is None:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def kill(self) -> None:
        """Stop the process at once (SIGKILL): for an engine stuck in a runaway query."""
        self.stop(grace=0)

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    # -- state -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The server's base URL, ``http://127.0.0.1:PORT`` (``/query``, ``/update`` below)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ended_within(self, seconds: float) -> bool:
        """Whether the process has ended, or ends within ``seconds`` (a crash in progress)."""
        if self.process is None:
            return True
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return False
        return True

    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def output(self, limit: int = 500) -> str:
        """The end of what the process printed (its error message when it failed)."""
        if self._log is None:
            return ""
        try:
            self._log.seek(0, 2)
            size = self._log.tell()
            self._log.seek(max(0, size - limit))
            return self._log.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""

    def answers(self, timeout: float = 3.0) -> bool:
        """Health check: the process runs and answers ``ASK {}`` within ``timeout`` seconds."""
        if not self.running():
            return False
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            search = urllib.parse.urlencode({"query": "ASK {}"})
            connection.request(
                "GET", f"/query?{search}", headers={"Accept": "application/sparql-results+json"}
            )
            response = connection.getresponse()
            return response.status == 200 and b"true" in response.read(4096)
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()
