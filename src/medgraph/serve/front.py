"""The HTTP front of ``medgraph serve``: the pages, ``/sparql``, ``/api/query``, ``/api/queries``.

- ``/sparql`` (GET or POST, SPARQL 1.1 Protocol): the query, once checked
  (:func:`medgraph.serve.query_check.check_query`: size, nesting, no SERVICE), to Oxigraph
  through the supervisor. Updates are refused (403), and so is SERVICE, which would make the
  server contact other hosts.
- ``/api/query`` (POST JSON ``{"name", "params"}``, or GET ``?name=&param.NAME=&format=csv``):
  a named query, its parameters bound as RDF terms by medgraph's own binder
  (:func:`medgraph.queries.bind_query`: an escaped ``VALUES`` block): the browser never writes query text.
- ``/api/queries``: the named queries and their parameters, as JSON.
- ``/differential`` (GET ``?findings=...&absent=...&sex=&age=&top=``): the differential of the
  served graph, as JSON (:mod:`medgraph.serve.differential`).

Paths are decoded once, strictly, before any check: a NUL, a bad percent-encoding or invalid
UTF-8 is a 400, and a dot-file (``/.git``, ``/%2e%2e/``) a 404, never a traceback. Requests come
complete from :class:`medgraph.serve.connections.FrontServer`: the handler never waits on the
client.
"""

from __future__ import annotations

import http.server
import io
import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from medgraph.errors import QueryError
from medgraph.serve.answer import Answer, json_answer, text_answer
from medgraph.serve.connections import MAX_BODY, Connection, SocketWriter
from medgraph.serve.differential import DifferentialService
from medgraph.serve.query_check import check_query

__all__ = ["RESULT_TYPES", "Handler", "NamedQueries", "handler_class"]

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
}
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Engine(Protocol):
    """What the front needs from the engine: one query in, one answer out."""

    def query(self, body: bytes, content_type: str, accept: str, search: str = "") -> Answer: ...


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
        from medgraph.queries import bind_query

        query = self.queries.get(name)
        if query is None:
            known = ", ".join(sorted(self.queries))
            raise QueryError(f"unknown query {name[:100]!r}; named queries are: {known}")
        return bind_query(query, params).text


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static pages, /sparql, /api/query and /api/queries. Read-only: no PUT, DELETE, PATCH.

    One instance answers one request, read from memory; ``close_connection`` tells the server
    whether to keep the connection for the next one.
    """

    protocol_version = "HTTP/1.1"
    server_version = "medgraph"
    sys_version = ""
    engine: Engine
    named: NamedQueries
    differential: DifferentialService | None = None
    quiet = True

    # -- plumbing ---------------------------------------------------------------------------

    def setup(self) -> None:
        connection: Connection = self.request
        self.connection = connection.sock
        self.rfile = io.BytesIO(connection.request)
        self.wfile = SocketWriter(connection.sock)

    def handle(self) -> None:
        self.close_connection = True
        self.handle_one_request()
        self.request.keep = not self.close_connection

    def finish(self) -> None:
        pass  # the server keeps or closes the connection

    def handle_expect_100(self) -> bool:
        return True  # the server sent "100 Continue" while the body was arriving

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
            self._send(text_answer(413, f"the request body must be at most {MAX_BODY >> 10} KiB"))
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    def _route(self) -> tuple[str, str] | None:
        """The decoded path and the raw query string; None (and a 400 sent) if unusable."""
        try:
            parts = urllib.parse.urlsplit(self.path)
        except ValueError:
            parts = None
        raw = parts.path if parts is not None else ""
        problem = None
        if parts is None or not raw.startswith("/"):
            problem = "the request target is not a path"
        elif _BAD_ESCAPE.search(raw):
            problem = "the path has a bad percent-encoding"
        else:
            try:
                path = urllib.parse.unquote(raw, errors="strict")
            except UnicodeDecodeError:
                problem = "the path is not UTF-8"
            else:
                if _CONTROL.search(path) or "\\" in path:
                    problem = "the path has a control character or a backslash"
        if problem is not None:
            self._send(text_answer(400, problem))
            self.close_connection = True
            return None
        return path, (parts.query if parts is not None else "")

    # -- methods ----------------------------------------------------------------------------

    def do_GET(self) -> None:
        route = self._route()
        if route is None:
            return
        path, search = route
        if path == "/sparql":
            self._sparql(b"", "", search)
        elif path == "/api/queries":
            self._send(json_answer(200, self.named.catalogue()))
        elif path == "/differential":
            if self.differential is None:
                self._send(json_answer(404, {"error": "this server answers no differential"}))
            else:
                self._send(self.differential.answer(search))
        elif path == "/api/query":
            fields = urllib.parse.parse_qs(search, keep_blank_values=True)
            name = (fields.get("name") or [""])[0]
            params = {k[6:]: v[0] for k, v in fields.items() if k.startswith("param.")}
            fmt = (fields.get("format") or ["json"])[0]
            self._named(name, params, fmt)
        elif path.startswith("/api/"):
            self._send(json_answer(404, {"error": f"no such API route: {path}"}))
        else:
            self._static(path)

    def do_HEAD(self) -> None:
        route = self._route()
        if route is None:
            return
        path, _ = route
        if path in ("/sparql", "/differential") or path.startswith("/api/"):
            self._send(text_answer(405, "use GET or POST"))
        else:
            self._static(path)

    def do_POST(self) -> None:
        route = self._route()
        if route is None:
            return
        path, search = route
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
                self._send(
                    json_answer(400, {"error": 'send JSON: {"name": "...", "params": {...}}'})
                )
                return
            self._named(name, params, fmt)
        else:
            self._send(
                text_answer(405, "this server is read-only; POST goes to /sparql or /api/query")
            )

    def _read_only(self) -> None:
        self._send(text_answer(405, "this server is read-only"))

    do_PUT = do_DELETE = do_PATCH = _read_only

    # -- routes -----------------------------------------------------------------------------

    def _static(self, path: str) -> None:
        """A file of the site; dot-files, folders without an index and listings are 404."""
        if any(part.startswith(".") for part in path.split("/") if part):
            self._send(text_answer(404, "not found"))
            return
        if path.endswith("/") and not (Path(self.translate_path(path)) / "index.html").is_file():
            self._send(text_answer(404, "not found"))
            return
        super().do_GET() if self.command == "GET" else super().do_HEAD()

    def list_directory(self, path: Any) -> None:
        self._send(text_answer(404, "not found"))
        return None

    def _sparql(self, body: bytes, content_type: str, search: str) -> None:
        fields = urllib.parse.parse_qs(search, keep_blank_values=True)
        if body and content_type == "application/x-www-form-urlencoded":
            fields.update(
                urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            )
        if "update" in fields or content_type == "application/sparql-update":
            self._send(text_answer(403, "this endpoint is read-only: SPARQL Update is refused"))
            return
        if body and content_type not in (
            "application/x-www-form-urlencoded",
            "application/sparql-query",
        ):
            self._send(
                text_answer(
                    415, "send the query as application/sparql-query or a form field 'query'"
                )
            )
            return
        if content_type == "application/sparql-query":
            text = body.decode("utf-8", "replace")
        elif len(fields.get("query") or []) > 1:
            self._send(text_answer(400, "send one query, not several 'query' parameters"))
            return
        else:
            text = (fields.get("query") or [""])[0]
        if not text.strip():
            self._send(
                text_answer(400, "no query: send it as the 'query' parameter (SPARQL 1.1 Protocol)")
            )
            return
        refused = check_query(text)
        if refused is not None:
            self._send(text_answer(refused.status, refused.message))
            return
        fmt = (fields.get("format") or [""])[0]
        accept = RESULT_TYPES.get(fmt) or self.headers.get("Accept") or RESULT_TYPES["json"]
        # What goes on is exactly the text that was checked, and nothing else of the request.
        graphs = {k: v for k, v in fields.items() if k in ("default-graph-uri", "named-graph-uri")}
        if content_type == "application/sparql-query":
            extra = urllib.parse.urlencode(graphs, doseq=True)
            answer = self.engine.query(text.encode("utf-8"), content_type, accept, extra)
        else:
            form = urllib.parse.urlencode({"query": text, **graphs}, doseq=True).encode("utf-8")
            answer = self.engine.query(form, "application/x-www-form-urlencoded", accept)
        self._send(self._as_download(answer, fmt))

    def _named(self, name: str, params: Mapping[str, str], fmt: str) -> None:
        if fmt not in RESULT_TYPES:
            self._send(
                json_answer(400, {"error": f"format must be one of {', '.join(RESULT_TYPES)}"})
            )
            return
        try:
            text = self.named.text(name, params)
        except QueryError as exc:
            self._send(json_answer(400, {"error": str(exc)}))
            return
        form = urllib.parse.urlencode({"query": text}).encode("utf-8")
        answer = self.engine.query(form, "application/x-www-form-urlencoded", RESULT_TYPES[fmt])
        if answer.status >= 400:
            answer = json_answer(
                answer.status, {"error": answer.body.decode("utf-8", "replace").strip()}
            )
        self._send(self._as_download(answer, fmt, name))

    @staticmethod
    def _as_download(answer: Answer, fmt: str, name: str = "results") -> Answer:
        if fmt in ("csv", "tsv") and answer.status == 200:
            filename = f"medgraph-{name}.{fmt}"
            answer.headers = (("Content-Disposition", f'attachment; filename="{filename}"'),)
        return answer


def handler_class(
    engine: Engine,
    named: NamedQueries,
    site: Path,
    *,
    quiet: bool = True,
    differential: DifferentialService | None = None,
) -> Callable[..., Handler]:
    """A handler factory bound to the engine, the named queries, the site's folder and the
    differential of the served graph."""
    bound = type(
        "BoundHandler",
        (Handler,),
        {"engine": engine, "named": named, "quiet": quiet, "differential": differential},
    )

    def factory(*args: Any, **kwargs: Any) -> Handler:
        return bound(*args, directory=str(site), **kwargs)

    return factory
