"""Shared fixtures. Tests never touch the network and never write into the repository."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from .virtuoso import Virtuoso, running_virtuoso

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to reach a host other than this machine's loopback."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and not (
            host.startswith("127.") or host in {"localhost", "::1"} or self.family == socket.AF_UNIX
        ):
            raise OSError(f"test tried to reach {host!r}; tests must not use the network")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(scope="session")
def shipped_graph() -> Graph:
    """The shipped knowledge graph (ontology + data + mappings), loaded once."""
    from medgraph.loader import load_default_graph

    return load_default_graph()


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture
def run_cli(cli: CliRunner):  # type: ignore[no-untyped-def]
    """Invoke ``medgraph ARGS`` in-process and return click's result (stdout/stderr apart)."""
    from medgraph.cli import main

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return cli.invoke(main, list(args), catch_exceptions=False)

    return invoke


@contextlib.contextmanager
def running_oxigraph(location: Path, *options: str) -> Iterator[str]:
    """Start a real, writable Oxigraph server on 127.0.0.1 (PyPI package ``oxigraph``) with
    medgraph's own engine class; yield its URL."""
    from medgraph.render import ToolMissing
    from medgraph.serve.engine import OxigraphServer, find_oxigraph

    try:
        find_oxigraph()
    except ToolMissing:
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    with OxigraphServer(location, read_only=False, memory=None, options=options) as server:
        yield server.url


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A session-wide Oxigraph server whose default graph is the union of its named graphs."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph") as url:
        yield url


_DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
_ANSWERS = {
    "garbage": b"<html>this is not a SPARQL result</html>",
    "deep": _DEEP_JSON,
    "shape": b'{"head": {"vars": ["x"]}, "results": {"bindings": [["not", "a", "binding"]]}}',
    "bad-iri": b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", '
    b'"value": "http://example.org/a> } ; DROP ALL ; <x:y"}}]}}',
}
_REDIRECTS = {
    "redirect-away": "http://127.0.0.1:9/elsewhere",  # another port: another origin
    "redirect-ftp": "ftp://127.0.0.1:9/results",
}
ENDPOINT_MODES = ("slow", "error", "garbage", "down", "drip", "endless", "deep", "shape")
ENDPOINT_MODES += ("bad-iri", "redirect-away", "redirect-ftp")


class _MisbehavingHandler(http.server.BaseHTTPRequestHandler):
    mode = "garbage"
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        if self.mode == "slow":
            time.sleep(4)
        if self.mode == "error":
            self._answer(500, b"internal error: the store is on fire")
            return
        if self.mode in _REDIRECTS:
            self.send_response(302)
            self.send_header("Location", _REDIRECTS[self.mode])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.mode in ("drip", "endless"):
            self._stream()
            return
        self._answer(200, _ANSWERS.get(self.mode, _ANSWERS["garbage"]))

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _stream(self) -> None:
        """``drip``: one byte every 0.25 s; ``endless``: 64 KiB chunks as fast as they go.
        Both stop when the client hangs up, or after 60 s."""
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        if self.mode == "drip":
            self.send_header("Content-Length", "1000000")
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"%x\r\n%s\r\n" % (65536, b" " * 65536)
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                if self.mode == "drip":
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.25)
                else:
                    self.wfile.write(chunk)
        except OSError:
            pass
        self.close_connection = True

    do_GET = do_POST
    do_PUT = do_POST

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def misbehaving_endpoint(mode: str) -> Iterator[str]:
    """A local HTTP server that answers slowly, with HTTP 500, or with garbage; or, for
    ``down``, an address where nothing listens."""
    if mode == "down":
        from medgraph.serve.engine import free_port

        yield f"http://127.0.0.1:{free_port()}/sparql"
        return
    handler = type("Handler", (_MisbehavingHandler,), {"mode": mode})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A session-wide Virtuoso Open Source server on 127.0.0.1 (see tests/virtuoso.py)."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso") / "db") as server:
        yield server


def benchmark_generator():  # type: ignore[no-untyped-def]
    """``benchmarks/generate.py`` as a module (it is a script, not part of the package): the
    tests scale the shipped graph with it as the benchmarks do."""
    import importlib.util
    import sys

    name = "medgraph_benchmarks_generate"
    if name in sys.modules:
        return sys.modules[name]
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location(name, root / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module
