"""The hostile corpus (tests/hostile/cases.toml): every case fails clearly, fetches nothing,
loses nothing. Each case runs the real command in a fresh process."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ENDPOINT_MODES, misbehaving_endpoint

HOSTILE = Path(__file__).parent / "hostile"
FILES = HOSTILE / "files"
CASES = tomllib.loads((HOSTILE / "cases.toml").read_text())["case"]
ROOT = Path(__file__).resolve().parent.parent

# Loaded into every child process: refuses and logs any connection that leaves loopback.
GUARD = """
import os, socket
_log = os.environ["MEDGRAPH_NETLOG"]
_connect = socket.socket.connect
def _guarded(self, address):
    host = address[0] if isinstance(address, tuple) else str(address)
    if self.family != socket.AF_UNIX and not (str(host).startswith("127.") or host in ("localhost", "::1")):
        with open(_log, "a") as log:
            log.write(f"{host}\\n")
        raise OSError("network access refused by the test guard")
    return _connect(self, address)
socket.socket.connect = _guarded
"""


@pytest.fixture(scope="module")
def guard_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("guard")
    (folder / "sitecustomize.py").write_text(GUARD)
    return folder


@contextlib.contextmanager
def endpoints() -> Iterator[dict[str, str]]:
    with contextlib.ExitStack() as stack:
        yield {mode: stack.enter_context(misbehaving_endpoint(mode)) for mode in ENDPOINT_MODES}


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def _run(args: list[str], env: dict[str, str], limit: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "medgraph", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size if limit else None,
        cwd=ROOT,
    )


def _setup(name: str, tmp: Path, env: dict[str, str]) -> bool:
    """Prepare a case; return True when the command must run under a small file-size limit."""
    if name == "existing-output":
        (tmp / "out.ttl").write_text("precious data\n")
    elif name == "empty-folder":
        (tmp / "empty").mkdir()
    elif name == "huge-literal":
        (tmp / "huge.ttl").write_text(
            '@prefix ex: <http://example.org/> .\nex:a ex:b "' + "x" * (8 * 1024 * 1024) + '" .\n'
        )
    elif name == "fifo-output":
        os.mkfifo(tmp / "out.fifo")
    elif name == "fifo-input":
        os.mkfifo(tmp / "in.ttl")
        os.mkfifo(tmp / "in.rq")
    elif name == "symlink-output":
        (tmp / "precious.ttl").write_text("precious data\n")
        (tmp / "out").mkdir()
        (tmp / "out" / "link.ttl").symlink_to("../precious.ttl")
    elif name == "file-size-limit":
        return True
    elif name == "previous-release-and-file-size-limit":
        done = _run(["build", "--out", str(tmp / "dist")], env)
        assert done.returncode == 0, done.stderr
        return True
    elif name:
        raise AssertionError(f"unknown setup {name!r}")
    return False


def _fill(text: str, places: dict[str, str]) -> str:
    """Replace {files}, {tmp} and the endpoint placeholders, leaving SPARQL braces alone."""
    return re.sub(r"\{([\w-]+)\}", lambda m: places.get(m[1], m[0]), text)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_case(case: dict, tmp_path: Path, guard_dir: Path) -> None:
    netlog = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard_dir), str(ROOT / "src")]),
        "MEDGRAPH_NETLOG": str(netlog),
        "NO_COLOR": "1",
    }
    env.pop("MEDGRAPH_SPARQL_USER", None)
    env.update(case.get("env", {}))
    tmp = tmp_path / "work"
    tmp.mkdir()
    limit = _setup(case.get("setup", ""), tmp, env)
    with endpoints() as urls:
        places = {"files": str(FILES), "tmp": str(tmp), **urls}
        args = [_fill(arg, places) for arg in case["args"]]
        watched = [Path(_fill(p, places)) for p in case.get("unchanged", [])]
        before = {p: _digest(p) for p in watched}
        done = _run(args, env, limit)
    assert done.returncode == case["code"], (done.stdout[-2000:], done.stderr[-2000:])
    for words in case.get("stderr", []):
        assert words in done.stderr, done.stderr
    for words in case.get("stdout", []):
        assert words in done.stdout, done.stdout[:2000]
    for words in case.get("stdout_lacks", []):
        assert words not in done.stdout, done.stdout[:2000]
    for words in case.get("stderr_lacks", []):
        assert words not in done.stderr, done.stderr[:2000]
    assert "Traceback" not in done.stderr
    if done.returncode:
        said = [line for line in done.stderr.splitlines() if line.startswith(("error:", "Error:"))]
        assert said or "VIOLATION" in done.stdout, done.stderr
    assert not netlog.exists(), f"reached for the network: {netlog.read_text()}"
    for path in watched:
        assert _digest(path) == before[path], f"{path} changed"
    leftovers = [p.name for p in tmp.rglob(".*") if p.name.endswith((".tmp", ".staging"))]
    assert not leftovers, f"half-written files left behind: {leftovers}"


def test_build_killed_mid_write_leaves_a_whole_release(tmp_path: Path) -> None:
    """SIGKILL a build at several moments: dist/ is always the old release or the new one."""
    out = tmp_path / "dist"
    first = subprocess.run(
        [sys.executable, "-m", "medgraph", "build", "--out", str(out)], capture_output=True
    )
    assert first.returncode == 0, first.stderr
    manifest = (out / "manifest.ttl").read_bytes()
    for delay in (0.3, 0.8, 1.5, 2.5):
        process = subprocess.Popen(
            [sys.executable, "-m", "medgraph", "build", "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (out / "manifest.ttl").read_bytes() == manifest
        for name in json.loads(json.dumps([p.name for p in out.iterdir()])):
            assert (out / name).stat().st_size > 0, name
    assert len(CASES) >= 40
