"""Serve stage: the rendered site, a query page and a read-only SPARQL 1.1 endpoint, on one port.

The SPARQL engine is the Oxigraph server (PyPI package ``oxigraph``), run read-only on a
private loopback port over a temporary on-disk store; Oxigraph cancels a query that runs past
the time-out, so a slow query frees its thread and never blocks the others. In front of it, a
small threaded HTTP server (standard library) serves the pages and forwards:

- ``/sparql`` (GET or POST, SPARQL 1.1 Protocol): the query, untouched, to Oxigraph. Updates are
  refused (403), and so is SERVICE, which would make the server contact other hosts.
- ``/api/query`` (POST JSON ``{"name", "params"}``, or GET ``?name=&param.NAME=&format=csv``):
  a named query, its parameters bound as RDF terms by medgraph's own binder
  (:func:`medgraph.queries.bind_parameters`, then an escaped ``VALUES`` block,
  :func:`medgraph.sparql_text.inject_values`): the browser never writes query text.
- ``/api/queries``: the named queries and their parameters, as JSON.

Oxigraph's own web page is not exposed: it loads a query editor from a CDN, and these pages
load nothing from the network. Everything binds to 127.0.0.1 unless asked otherwise; stopping
(Ctrl-C or SIGTERM) terminates Oxigraph and removes the temporary folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medgraph.atomic import pid_alive
from medgraph.errors import ExitCode, MedgraphError, QueryError
from medgraph.render import Progress, ToolMissing

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "RunningSite",
    "find_oxigraph",
    "running_site",
    "serve",
]

DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0
MAX_BODY = 1 << 20
"""Largest request body accepted (1 MiB): a SPARQL query, not an upload."""
MAX_RESULT = 64 << 20
"""Largest result relayed (64 MiB); the shipped graph is far smaller."""
CANCELLED_MARKER = b"The SPARQL operation has been cancelled"
"""What Oxigraph appends to a streamed result when its time-out stops the query."""
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
}
_SERVICE_WORD = re.compile(rb"service", re.IGNORECASE)


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


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM if medgraph dies, even by SIGKILL; no orphan servers."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


# ----------------------------------------------------------------------------------------------
# Forwarding to Oxigraph
# ----------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def _json(status: int, document: Any) -> Answer:
    return Answer(
        status,
        "application/json; charset=utf-8",
        json.dumps(document, ensure_ascii=False).encode("utf-8"),
    )


class Upstream:
    """The private Oxigraph server, one HTTP request per query, under a firm deadline.

    Oxigraph's ``--timeout-s`` cancels a query's evaluation (and frees its thread), but it
    notices the deadline only between steps of the evaluation, later when the machine is busy.
    So the front also stops waiting at the time-out plus :data:`GRACE` seconds and answers 503:
    the client gets a firm deadline, and Oxigraph stops the evaluation on its own.
    """

    GRACE = 1.0

    def __init__(self, port: int, timeout: float) -> None:
        self.port = port
        self.timeout = timeout

    def _cut(self, started: float) -> Answer:
        return _text(
            503,
            f"the query ran longer than the server's time-out ({self.timeout:g} s) and was "
            f"stopped after {time.monotonic() - started:.1f} s; narrow it down or add a LIMIT",
        )

    def query(self, body: bytes, content_type: str, accept: str, search: str = "") -> Answer:
        path = "/query" + (f"?{search}" if search else "")
        started = time.monotonic()
        deadline = started + self.timeout + self.GRACE
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=self.timeout + self.GRACE
        )
        try:
            headers = {"Accept": accept or "application/sparql-results+json"}
            if body:
                headers["Content-Type"] = content_type
                connection.request("POST", path, body=body, headers=headers)
            else:
                connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            kind = response.getheader("Content-Type", "application/octet-stream")
            chunks: list[bytes] = []
            size = 0
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return self._cut(started)
                if connection.sock is not None:
                    connection.sock.settimeout(remaining)
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_RESULT:
                    return _text(
                        507, f"the result is larger than {MAX_RESULT >> 20} MiB; add a LIMIT"
                    )
            data = b"".join(chunks)
        except TimeoutError:
            return self._cut(started)
        except OSError as exc:
            return _text(502, f"the SPARQL engine cannot be reached: {exc}")
        finally:
            connection.close()
        if data.endswith(CANCELLED_MARKER) or (
            response.status >= 400 and b"cancelled" in data.lower()
        ):
            return self._cut(started)
        return Answer(response.status, kind, data)


def _refuse_service(text: str) -> Answer | None:
    """403 for a query with a SERVICE clause (checked with rdflib's parser, only when needed)."""
    if not _SERVICE_WORD.search(text.encode("utf-8")):
        return None
    from medgraph.queries import prepare_query

    try:
        prepare_query(text, "query")  # thread-safe: medgraph.queries parses under a lock
    except QueryError as exc:
        if "SERVICE" in str(exc) or "Update" in str(exc):
            return _text(403, str(exc).replace("; pass --allow-service if you mean it", ""))
        return None  # a syntax error: Oxigraph reports it in its own words
    return None


class NamedQueries:
    """The shipped named queries, bound server-side with medgraph's binder for Oxigraph.

    Each query is parsed once, at start (rdflib, to know its form); a request only binds its
    parameters (:func:`medgraph.queries.bind_parameters`) and writes them as an escaped VALUES
    block (:func:`medgraph.sparql_text.inject_values`). Names are looked up in the catalogue
    only, never as file paths.
    """

    def __init__(self) -> None:
        from medgraph.queries import list_queries, prepare_query, query_form

        self.queries = {q.name: q for q in list_queries()}
        self.forms = {
            name: query_form(prepare_query(q.text, str(q.path))) for name, q in self.queries.items()
        }

    def catalogue(self) -> list[dict[str, Any]]:
        return [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "quality_check": q.is_quality_check,
                "parameters": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "default": p.default or "",
                        "description": p.description,
                    }
                    for p in q.parameters
                ],
                "text": q.text,
            }
            for q in self.queries.values()
        ]

    def text(self, name: str, params: Mapping[str, str]) -> str:
        """The query's text with its parameters as an escaped VALUES block (QueryError if bad)."""
        from medgraph.queries import bind_parameters
        from medgraph.sparql_text import inject_values

        query = self.queries.get(name)
        if query is None:
            known = ", ".join(sorted(self.queries))
            raise QueryError(f"unknown query {name[:100]!r}; named queries are: {known}")
        return inject_values(query.text, bind_parameters(query, params), self.forms[name])


# ----------------------------------------------------------------------------------------------
# The HTTP front
# ----------------------------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static pages, /sparql, /api/query and /api/queries. Read-only: no PUT, DELETE, PATCH."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stalls
    server_version = "medgraph"
    sys_version = ""
    upstream: Upstream
    named: NamedQueries
    quiet = True

    # -- plumbing ---------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        )
        super().end_headers()

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _body(self) -> bytes | None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._send(_text(413, f"the request body must be at most {MAX_BODY >> 10} KiB"))
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    def _route(self) -> tuple[str, str]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, parts.query

    # -- methods ----------------------------------------------------------------------------

    def do_GET(self) -> None:
        path, search = self._route()
        if path == "/sparql":
            self._sparql(b"", "", search)
        elif path == "/api/queries":
            self._send(_json(200, self.named.catalogue()))
        elif path == "/api/query":
            fields = urllib.parse.parse_qs(search, keep_blank_values=True)
            name = (fields.get("name") or [""])[0]
            params = {k[6:]: v[0] for k, v in fields.items() if k.startswith("param.")}
            fmt = (fields.get("format") or ["json"])[0]
            self._named(name, params, fmt)
        elif path.startswith("/api/"):
            self._send(_json(404, {"error": f"no such API route: {path}"}))
        else:
            self._static(path)

    def do_HEAD(self) -> None:
        path, _ = self._route()
        if path.startswith(("/sparql", "/api/")):
            self._send(_text(405, "use GET or POST"))
        else:
            self._static(path)

    def do_POST(self) -> None:
        path, search = self._route()
        body = self._body()
        if body is None:
            return
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if path == "/sparql":
            self._sparql(body, content_type, search)
        elif path == "/api/query":
            try:
                request = json.loads(body or b"{}")
                name = str(request.get("name", ""))
                params = {str(k): str(v) for k, v in dict(request.get("params") or {}).items()}
                fmt = str(request.get("format", "json"))
            except (ValueError, TypeError, AttributeError):
                self._send(_json(400, {"error": 'send JSON: {"name": "...", "params": {...}}'}))
                return
            self._named(name, params, fmt)
        else:
            self._send(_text(405, "this server is read-only; POST goes to /sparql or /api/query"))

    def _read_only(self) -> None:
        self._send(_text(405, "this server is read-only"))

    do_PUT = do_DELETE = do_PATCH = _read_only

    # -- routes -----------------------------------------------------------------------------

    def _static(self, path: str) -> None:
        if any(part.startswith(".") for part in path.split("/") if part):
            self._send(_text(404, "not found"))
            return
        if path.endswith("/") and not (Path(self.translate_path(path)) / "index.html").is_file():
            self._send(_text(404, "not found"))
            return
        super().do_GET() if self.command == "GET" else super().do_HEAD()

    def list_directory(self, path: Any) -> None:  # type: ignore[override]
        self._send(_text(404, "not found"))
        return None

    def _sparql(self, body: bytes, content_type: str, search: str) -> None:
        fields = urllib.parse.parse_qs(search, keep_blank_values=True)
        if body and content_type == "application/x-www-form-urlencoded":
            fields.update(
                urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            )
        if "update" in fields or content_type == "application/sparql-update":
            self._send(_text(403, "this endpoint is read-only: SPARQL Update is refused"))
            return
        if body and content_type not in (
            "application/x-www-form-urlencoded",
            "application/sparql-query",
        ):
            self._send(
                _text(415, "send the query as application/sparql-query or a form field 'query'")
            )
            return
        text = body.decode("utf-8", "replace") if content_type == "application/sparql-query" else ""
        text = text or (fields.get("query") or [""])[0]
        if not text.strip():
            self._send(
                _text(400, "no query: send it as the 'query' parameter (SPARQL 1.1 Protocol)")
            )
            return
        refused = _refuse_service(text)
        if refused is not None:
            self._send(refused)
            return
        fmt = (fields.pop("format", None) or [""])[0]
        accept = RESULT_TYPES.get(fmt) or self.headers.get("Accept") or RESULT_TYPES["json"]
        forwarded = {
            k: v
            for k, v in fields.items()
            if k in ("query", "default-graph-uri", "named-graph-uri")
        }
        if content_type == "application/sparql-query":
            extra = urllib.parse.urlencode(
                {k: v for k, v in forwarded.items() if k != "query"}, doseq=True
            )
            answer = self.upstream.query(body, content_type, accept, extra)
        else:
            form = urllib.parse.urlencode(forwarded, doseq=True).encode("utf-8")
            answer = self.upstream.query(form, "application/x-www-form-urlencoded", accept)
        self._send(self._as_download(answer, fmt))

    def _named(self, name: str, params: Mapping[str, str], fmt: str) -> None:
        if fmt not in RESULT_TYPES:
            self._send(_json(400, {"error": f"format must be one of {', '.join(RESULT_TYPES)}"}))
            return
        try:
            text = self.named.text(name, params)
        except QueryError as exc:
            self._send(_json(400, {"error": str(exc)}))
            return
        form = urllib.parse.urlencode({"query": text}).encode("utf-8")
        answer = self.upstream.query(form, "application/x-www-form-urlencoded", RESULT_TYPES[fmt])
        if answer.status >= 400:
            answer = _json(answer.status, {"error": answer.body.decode("utf-8", "replace").strip()})
        self._send(self._as_download(answer, fmt, name))

    @staticmethod
    def _as_download(answer: Answer, fmt: str, name: str = "results") -> Answer:
        if fmt in ("csv", "tsv") and answer.status == 200:
            filename = f"medgraph-{name}.{fmt}"
            answer.headers = (("Content-Disposition", f'attachment; filename="{filename}"'),)
        return answer


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


# ----------------------------------------------------------------------------------------------
# Starting and stopping
# ----------------------------------------------------------------------------------------------


@dataclass
class RunningSite:
    url: str
    endpoint: str
    site: Path
    store: Path
    triples: int


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, deadline: float) -> None:
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process.poll() is not None:
                detail = log.read_text(errors="replace").strip()[-500:] if log.exists() else ""
                raise ServeError(
                    f"the Oxigraph server stopped at start: {detail or 'no message'}"
                ) from None
            if time.monotonic() > deadline:
                raise ServeError("the Oxigraph server did not start within 30 s") from None
            time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running_site(
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    graph: Any = None,
    progress: Progress | None = None,
    verbose: bool = False,
) -> Iterator[tuple[RunningSite, _Server]]:
    """Start everything; yield the address and the (not yet serving) HTTP server; clean up.

    Clean-up runs however the block ends: the HTTP server is closed, Oxigraph is terminated
    (killed if it does not stop within 10 s) and the temporary store and site are removed.
    """
    from medgraph.loader import load_default_graph
    from medgraph.render import build_site
    from medgraph.store import load_store

    report = progress or (lambda message, done, total: None)
    executable = find_oxigraph()
    steps = 5
    _remove_stale_folders()
    upstream = Upstream(0, max(1, round(timeout)))
    handler = type(
        "Handler",
        (_Handler,),
        {"upstream": upstream, "named": NamedQueries(), "quiet": not verbose},
    )
    work = Path(tempfile.mkdtemp(prefix=f"medgraph-serve-{os.getpid()}-"))
    site = work / "site"
    process: subprocess.Popen[bytes] | None = None
    server: _Server | None = None
    try:
        try:  # the address first: a taken port fails at once, before any work
            server = _Server((host, port), _with_directory(handler, site))
        except OSError as exc:
            raise MedgraphError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port"
            ) from None
        report("loading the graph", 0, steps)
        if graph is None:
            graph = load_default_graph()
        report("filling the store", 1, steps)
        store = work / "store"
        store.mkdir()
        summary = load_store(store, files=[], extra=graph)
        report("rendering the pages", 2, steps)
        site.mkdir()
        build_site(graph, site)
        handler.named = NamedQueries()
        report("starting the SPARQL engine", 3, steps)
        process, upstream.port = _start_engine(executable, store, upstream.timeout, work)
        report("opening the web server", 4, steps)
        bound_host, bound_port = server.server_address[:2]
        shown = f"[{bound_host}]" if ":" in str(bound_host) else str(bound_host)
        url = f"http://{shown}:{bound_port}/"
        report("ready", steps, steps)
        yield RunningSite(url, url + "sparql", site, store, summary.triples), server
    finally:
        if server is not None:
            server.server_close()
        if process is not None:
            _stop(process)
        shutil.rmtree(work, ignore_errors=True)


def _start_engine(
    executable: str, store: Path, timeout: float, work: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """Start Oxigraph read-only on a free loopback port (retried if the port is taken)."""
    log = work / "oxigraph.log"
    for attempt in range(3):
        port = _free_port()
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [
                    executable,
                    "serve-read-only",
                    "--location",
                    str(store),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout-s",
                    f"{max(1, round(timeout))}",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches medgraph, which stops it in order
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        try:
            _wait_for_port(port, process, log, time.monotonic() + 30)
        except ServeError:
            _stop(process)
            if attempt < 2 and "in use" in log.read_text(errors="replace"):
                continue
            raise
        return process, port
    raise AssertionError("unreachable")


def _remove_stale_folders() -> None:
    """Temporary folders of servers that were killed (SIGKILL leaves no chance to clean up)."""
    for folder in Path(tempfile.gettempdir()).glob("medgraph-serve-*-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _with_directory(handler: type[_Handler], directory: Path) -> Callable[..., _Handler]:
    def factory(*args: Any, **kwargs: Any) -> _Handler:
        return handler(*args, directory=str(directory), **kwargs)

    return factory


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    ready: Callable[[RunningSite], None] | None = None,
    verbose: bool = False,
) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop everything and clean up."""

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        # A stop may come at any moment, even while the site starts or prints its address:
        # leaving the context stops the engine and removes its folder whatever the moment.
        with (
            contextlib.suppress(KeyboardInterrupt),
            running_site(
                host=host, port=port, timeout=timeout, progress=progress, verbose=verbose
            ) as (site, server),
        ):
            if ready is not None:
                ready(site)
            server.serve_forever(poll_interval=0.25)
    finally:
        signal.signal(signal.SIGTERM, previous)
