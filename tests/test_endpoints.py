"""Network clients (medgraph.httpclient, medgraph.remote): redirects never carry credentials
to another host, every answer is bounded in time and size, answers of the wrong shape are
clear errors, and ``push`` replaces a graph in one step or leaves it unchanged.

Every server here is a local http.server on 127.0.0.1; every wait has a time-out.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from medgraph.errors import ExitCode, QueryError
from medgraph.httpclient import (
    EndpointGarbage,
    EndpointHTTPError,
    EndpointRedirected,
    EndpointTimeout,
    request,
)
from medgraph.remote import push_graph, run_remote_query

ROOT = Path(__file__).resolve().parent.parent
ASK_TRUE = b'{"head": {}, "boolean": true}'
GRAPH = "https://example.org/g"


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def update(self) -> str:
        return urllib.parse.parse_qs(self.body.decode()).get("update", [""])[0]


Reply = tuple[int, bytes, dict[str, str]]


@dataclass
class Server:
    url: str
    seen: list[Seen] = field(default_factory=list)


@contextlib.contextmanager
def serve(respond: Callable[[Seen], Reply]) -> Iterator[Server]:
    """A local server that records each request and answers with ``respond(request)``."""
    server_info = Server("")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
            seen = Seen(self.command, self.path, dict(self.headers.items()), body)
            server_info.seen.append(seen)
            status, answer, headers = respond(seen)
            self.send_response(status)
            for name, value in {"Content-Length": str(len(answer)), **headers}.items():
                self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(answer)

        do_GET = do_POST = do_PUT = _handle

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    server_info.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield server_info
    finally:
        httpd.shutdown()
        httpd.server_close()


def _json(status: int = 200, body: bytes = ASK_TRUE) -> Reply:
    return status, body, {"Content-Type": "application/sparql-results+json"}


# --- redirects and credentials ------------------------------------------------------------------


def test_credentials_never_follow_a_redirect_to_another_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MEDGRAPH_SPARQL_USER", "alice")
    monkeypatch.setenv("MEDGRAPH_SPARQL_PASSWORD", "hunter2")
    with serve(lambda seen: _json()) as elsewhere:
        target = f"{elsewhere.url}/steal"
        with (
            serve(lambda seen: (302, b"", {"Location": target})) as endpoint,
            pytest.raises(EndpointRedirected, match="does not follow it") as caught,
        ):
            run_remote_query(f"{endpoint.url}/sparql", "ASK {}", timeout=5)
            assert caught.value.exit_code == ExitCode.ENDPOINT
            assert endpoint.seen[0].headers.get("Authorization", "").startswith("Basic ")
        assert elsewhere.seen == [], "the other host was contacted"
    assert "hunter2" not in str(caught.value)


def test_same_host_307_redirect_is_followed_with_the_request_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MEDGRAPH_SPARQL_USER", "alice")
    monkeypatch.setenv("MEDGRAPH_SPARQL_PASSWORD", "hunter2")

    def respond(seen: Seen) -> Reply:
        if seen.path == "/old":
            return 307, b"", {"Location": "/new"}
        return _json()

    with serve(respond) as endpoint:
        result = run_remote_query(f"{endpoint.url}/old", "ASK {}", timeout=5)
    assert result.boolean is True
    old, new = endpoint.seen
    assert new.path == "/new" and new.method == "POST" and new.body == old.body
    assert new.headers["Authorization"] == old.headers["Authorization"]


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_redirect_that_would_drop_the_query_is_refused(status: int) -> None:
    with (
        serve(lambda seen: (status, b"", {"Location": "/elsewhere"})) as endpoint,
        pytest.raises(EndpointRedirected, match="drop the request's content"),
    ):
        run_remote_query(f"{endpoint.url}/sparql", "ASK {}", timeout=5)
    assert len(endpoint.seen) == 1


def test_redirect_loops_end() -> None:
    with (
        serve(lambda seen: (307, b"", {"Location": seen.path + "x"})) as endpoint,
        pytest.raises(EndpointRedirected, match="more than 5 redirects"),
    ):
        request("GET", f"{endpoint.url}/a", timeout=5)
    assert len(endpoint.seen) == 6


def test_a_redirect_location_with_a_password_is_not_echoed() -> None:
    location = "http://mallory:secret@127.0.0.1:9/x"
    with (
        serve(lambda seen: (302, b"", {"Location": location})) as endpoint,
        pytest.raises(EndpointRedirected) as caught,
    ):
        request("GET", f"{endpoint.url}/a", timeout=5)
    assert "secret" not in str(caught.value) and "***@127.0.0.1:9" in str(caught.value)


# --- bounded reads --------------------------------------------------------------------------


@contextlib.contextmanager
def dripping(headers_first: bool) -> Iterator[str]:
    """A server that sends one byte every 0.2 s: of the body, or of the status line."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(10)
    stop = threading.Event()

    def drip() -> None:
        with contextlib.suppress(OSError):
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                head = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
                if headers_first:
                    connection.sendall(head)
                    head = b""
                for byte in head + b" " * 1000:
                    if stop.wait(0.2):
                        return
                    connection.sendall(bytes([byte]))

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    finally:
        stop.set()
        listener.close()
        thread.join(5)


@pytest.mark.parametrize("headers_first", [True, False], ids=["body", "status-line"])
def test_a_drip_fed_answer_ends_at_the_timeout(headers_first: bool) -> None:
    with dripping(headers_first) as url:
        started = time.monotonic()
        with pytest.raises(EndpointTimeout, match=r"no answer within 1\.5 s"):
            run_remote_query(url, "ASK {}", timeout=1.5)
        assert time.monotonic() - started < 3.0


def test_an_answer_over_the_size_limit_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDGRAPH_MAX_ANSWER_BYTES", "1000")
    with (
        serve(lambda seen: _json(body=b" " * 5000 + ASK_TRUE)) as endpoint,
        pytest.raises(EndpointGarbage, match="larger than 1,000 bytes") as caught,
    ):
        run_remote_query(f"{endpoint.url}/sparql", "ASK {}", timeout=5)
    assert caught.value.exit_code == ExitCode.ENDPOINT_GARBAGE


def test_an_endless_error_page_still_gives_the_http_error() -> None:
    with (
        serve(lambda seen: (503, b"busy\n" + b"x" * 500_000, {})) as endpoint,
        pytest.raises(EndpointHTTPError, match="HTTP 503 Service Unavailable: busy"),
    ):
        run_remote_query(f"{endpoint.url}/sparql", "ASK {}", timeout=5, retries=0)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[]", "not a JSON object"),
        (b'{"boolean": "yes"}', "'boolean' is not true or false"),
        (b'{"head": {"vars": "x"}, "results": {"bindings": []}}', "'head.vars'"),
        (b'{"head": {"vars": ["x"]}, "results": {"bindings": {}}}', "'results.bindings'"),
        (b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 1}]}}', "bound value"),
        (b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri"}}]}}', "lacks"),
        (
            b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": '
            b'{"type": "literal", "value": "v", "xml:lang": "en } ;"}}]}}',
            "not a language tag",
        ),
        (
            b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": '
            b'{"type": "literal", "value": "v", "datatype": "x y"}}]}}',
            "the datatype <x y>",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b"\xff\xfe", "not SPARQL JSON results"),
    ],
)
def test_json_of_the_wrong_shape_is_endpoint_garbage(body: bytes, words: str) -> None:
    with (
        serve(lambda seen: _json(body=body)) as endpoint,
        pytest.raises(EndpointGarbage, match="not SPARQL JSON results") as caught,
    ):
        run_remote_query(f"{endpoint.url}/sparql", "SELECT ?x WHERE { ?x ?p ?o }", timeout=5)
    assert words in str(caught.value)


def test_a_construct_answer_with_an_escaped_iri_is_refused() -> None:
    answer = b'<http://example.org/a\\u003E> <http://example.org/p> "x" .\n'
    with (
        serve(lambda seen: (200, answer, {"Content-Type": "application/n-triples"})) as endpoint,
        pytest.raises(EndpointGarbage, match="holds the IRI"),
    ):
        run_remote_query(f"{endpoint.url}/sparql", "CONSTRUCT WHERE { ?s ?p ?o }", timeout=5)


def test_only_http_and_no_credentials_in_the_address() -> None:
    for url in ("ftp://127.0.0.1/sparql", "file:///etc/passwd", "http:///nohost", "http://h:x/"):
        with pytest.raises(QueryError, match="not an http"):
            run_remote_query(url, "ASK {}")
    with pytest.raises(QueryError, match=r"http://\*\*\*@127.0.0.1:9/s") as caught:
        run_remote_query("http://bob:pa55@127.0.0.1:9/s", "ASK {}")
    assert "pa55" not in str(caught.value)


# --- push ---------------------------------------------------------------------------------------


def _small_graph() -> Graph:
    graph = Graph()
    ex = "https://example.org/"
    for i in range(7):
        graph.add((URIRef(f"{ex}s{i}"), URIRef(f"{ex}p"), Literal(f'" }} }} ; DROP ALL ; #{i}')))
    node = BNode()
    graph.add((URIRef(f"{ex}s0"), URIRef(f"{ex}q"), node))
    graph.add((node, URIRef(f"{ex}p"), Literal("in a blank node", lang="en")))
    return graph


def _store(fail: Callable[[Seen], Reply | None] = lambda seen: None) -> Callable[[Seen], Reply]:
    """A store without the Graph Store Protocol that takes every update, unless ``fail``
    answers otherwise."""

    def respond(seen: Seen) -> Reply:
        if seen.method == "PUT":
            return 404, b"no graph store here", {}
        return fail(seen) or (204, b"", {})

    return respond


def test_push_writes_every_term_itself_and_moves_the_graph_last() -> None:
    from rdflib.plugins.sparql.parser import parseUpdate

    with serve(_store()) as store:
        summary = push_graph(f"{store.url}/update", _small_graph(), GRAPH, chunk_size=3)
    assert summary.method == "insert-data" and summary.triples == 9
    updates = [seen.update for seen in store.seen if seen.method == "POST"]
    *inserts, move = updates
    temporary = move.split()[3]
    assert temporary.startswith(f"<{GRAPH}-medgraph-tmp-")
    assert move == f"MOVE SILENT GRAPH {temporary} TO <{GRAPH}>"
    assert len(inserts) == 4  # the blank-node triples together, then 7 named ones in threes
    # Blank nodes go in an INSERT template with an empty WHERE (Virtuoso refuses them in
    # INSERT DATA), the rest as INSERT DATA.
    assert inserts[0].startswith(f"INSERT {{ GRAPH {temporary} {{")
    assert inserts[0].endswith("} } WHERE {}")
    for update in inserts[1:]:
        assert update.startswith(f"INSERT DATA {{ GRAPH {temporary} {{")
    for update in inserts:
        parsed = parseUpdate(update)
        assert len(parsed.request) == 1, "one operation per request: nothing broke out"
    assert not [u for u in updates if u.startswith("DROP")], "the target is never dropped apart"


def test_push_failing_midway_leaves_the_graph_unchanged_and_drops_the_temporary_graph() -> None:
    inserts = []

    def fail(seen: Seen) -> Reply | None:
        if seen.update.startswith("INSERT "):
            inserts.append(seen)
            if len(inserts) == 2:
                return 500, b"out of disk", {}
        return None

    with serve(_store(fail)) as store, pytest.raises(EndpointHTTPError) as caught:
        push_graph(f"{store.url}/update", _small_graph(), GRAPH, chunk_size=3, retries=0)
    message = str(caught.value)
    assert f"<{GRAPH}> at {store.url}/update is unchanged" in message
    assert "was dropped" in message
    last = store.seen[-1].update
    assert last.startswith("DROP SILENT GRAPH <https://example.org/g-medgraph-tmp-")
    assert not any(seen.update.startswith("MOVE") for seen in store.seen)


def test_push_to_a_store_without_move_says_so() -> None:
    def fail(seen: Seen) -> Reply | None:
        if seen.update.startswith("MOVE"):
            return 400, b"Parse error: unknown keyword MOVE", {}
        return None

    with serve(_store(fail)) as store, pytest.raises(EndpointHTTPError) as caught:
        push_graph(f"{store.url}/update", _small_graph(), GRAPH)
    assert caught.value.exit_code == ExitCode.ENDPOINT_HTTP
    assert "refused 'MOVE'" in str(caught.value) and "is unchanged" in str(caught.value)
    assert store.seen[-1].update.startswith("DROP SILENT GRAPH")


def test_push_refuses_a_graph_holding_a_term_that_is_not_an_iri() -> None:
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), URIRef("x> }")))
    with serve(_store()) as store, pytest.raises(QueryError, match="nothing was sent"):
        push_graph(f"{store.url}/update", graph, GRAPH)
    assert store.seen == []


@pytest.mark.parametrize(
    ("signum", "code", "words"),
    [
        (signal.SIGTERM, ExitCode.TERMINATED, "push stopped (SIGTERM)"),
        (signal.SIGINT, ExitCode.INTERRUPTED, "push interrupted (Ctrl-C)"),
    ],
    ids=["SIGTERM", "SIGINT"],
)
def test_a_signal_during_push_leaves_the_graph_unchanged(
    signum: int, code: int, words: str, tmp_path: Path
) -> None:
    """A signal while the second INSERT waits: exit 128 + signal, the temporary graph
    dropped, the message says the target is unchanged."""
    release = threading.Event()
    second = threading.Event()
    count = {"inserts": 0}

    def fail(seen: Seen) -> Reply | None:
        if seen.update.startswith("INSERT "):
            count["inserts"] += 1
            if count["inserts"] == 2:
                second.set()
                release.wait(20)
        return None

    data = tmp_path / "data.ttl"
    lines = [f"<https://example.org/s{i}> <https://example.org/p> {i} ." for i in range(30)]
    data.write_text("\n".join(lines) + "\n_:b <https://example.org/p> 1 .\n")
    with serve(_store(fail)) as store:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "medgraph",
                "push",
                "--endpoint",
                f"{store.url}/update",
                "--graph",
                GRAPH,
                "--timeout",
                "30",
                str(data),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            cwd=ROOT,
        )
        try:
            assert second.wait(60), "the push never reached its second update"
            process.send_signal(signum)
            _, stderr = process.communicate(timeout=30)
        finally:
            release.set()
            if process.poll() is None:
                process.kill()
                process.wait(10)
    assert process.returncode == code, stderr
    assert words in stderr
    assert f"<{GRAPH}> at {store.url}/update is unchanged" in stderr
    assert "was dropped" in stderr and "Traceback" not in stderr
    assert store.seen[-1].update.startswith(f"DROP SILENT GRAPH <{GRAPH}-medgraph-tmp-")
    assert not any(seen.update.startswith("MOVE") for seen in store.seen)


@pytest.mark.server
def test_push_by_insert_data_replaces_the_graph_and_leaves_no_temporary_graph(
    tmp_path: Path,
) -> None:
    """On a real Oxigraph server of its own (the shared one counts every graph)."""
    from tests.conftest import running_oxigraph

    with running_oxigraph(tmp_path / "store") as url:
        _push_twice_and_look(url)


def _push_twice_and_look(oxigraph_server: str) -> None:
    update, query = f"{oxigraph_server}/update", f"{oxigraph_server}/query"
    old = Graph()
    old.add((URIRef("https://example.org/old"), URIRef("https://example.org/p"), Literal(1)))
    no_store = f"{oxigraph_server}/no-graph-store-here"
    graph_iri = "https://example.org/replaced"
    push_graph(update, old, graph_iri, graph_store=no_store)
    push_graph(update, _small_graph(), graph_iri, graph_store=no_store, chunk_size=3)
    inside = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    assert int(run_remote_query(query, inside).rows[0]["n"]) == 9
    graphs = run_remote_query(query, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    names = [str(row["g"]) for row in graphs.rows]
    assert graph_iri in names
    assert not [name for name in names if "-medgraph-tmp-" in name], names
    stored = run_remote_query(
        query, f'ASK {{ GRAPH <{graph_iri}> {{ ?s ?p "\\" }} }} ; DROP ALL ; #3" }} }}'
    )
    assert stored.boolean is True, "the hostile literal arrived as a value"
