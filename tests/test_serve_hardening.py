"""`medgraph serve` under hostile requests: SERVICE hidden from a lenient parser, a query that
runs away or kills the engine, hundreds of idle connections, dot-files, NULs and bad
percent-encodings in the path. Every wait is bounded; each test takes seconds."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from medgraph.serve.query_check import MAX_QUERY, check_query, without_word
from tests.browser.conftest import Served, serving

EXPLOSIVE = "SELECT ?o ?x { ?s ?p ?o . ?s2 ?p2 ?x } ORDER BY ?o ?x LIMIT 1"
SIMPLE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


# ---------------------------------------------------------------------------------------------
# The SERVICE verdict, without a server (the parse runs in a child process with pyoxigraph)
# ---------------------------------------------------------------------------------------------


def test_the_word_becomes_an_unused_word_of_the_same_case_and_length() -> None:
    text = 'SELECT ("Service zzzzzzz" AS ?service) { SERVICE <http://h/service> {} }'
    changed = without_word(text)
    assert "service" not in changed.lower() and len(changed) == len(text)
    assert '"Qqqqqqq zzzzzzz" AS ?qqqqqqq' in changed and "QQQQQQQ <http://h/qqqqqqq>" in changed


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ("customer service" AS ?x) {}',
        "PREFIX service: <http://example.org/> SELECT ?service { ?service a service:Desk }",
        'VERSION "1.2" SELECT ("service" AS ?x) {}  # a SPARQL 1.2 query about a service',
        "SELECT * { ?s ?p ?o LATERAL { SELECT ?service { } } } # service",
        "SELECT * { ?s <http://example.org/service> ?o }",
    ],
)
def test_queries_that_only_mention_the_word_pass(query: str) -> None:
    assert check_query(query) is None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE<http://127.0.0.1:9/>{ ?s ?p ?o } }",
        "PREFIX : <http://127.0.0.1:9/> SELECT * { ?s ?p ?o.SERVICE:sparql{ ?s ?p ?o } }",
        'VERSION "1.2"\nSELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }',
        "SELECT * { ?s ?p ?o LATERAL { SELECT ?s { } }\n"
        " SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        'SELECT * { BIND("""a\\\\""" AS ?x) SERVICE <http://127.0.0.1:9/> { } } # """',
    ],
)
def test_service_clauses_are_refused_whatever_their_spelling(query: str) -> None:
    refusal = check_query(query)
    assert refusal is not None and refusal.status == 403 and "SERVICE" in refusal.message


def test_what_cannot_be_parsed_is_refused_if_it_mentions_service() -> None:
    refusal = check_query("SELECT * { SERVICE <http://127.0.0.1:9/> { } } garbage (")
    assert refusal is not None and refusal.status == 400 and "cannot be parsed" in refusal.message
    spelled = check_query("SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { } }")
    assert spelled is not None and spelled.status == 400


def test_size_and_nesting_are_bounded_and_checked_fast() -> None:
    started = time.monotonic()
    huge = "SELECT * { " + "?s ?p ?o . " * (MAX_QUERY // 10) + "}"
    refusal = check_query(huge)
    assert refusal is not None and refusal.status == 413
    deep = "SELECT * " + "{" * 3000 + "}" * 3000
    refusal = check_query(deep)
    assert refusal is not None and refusal.status == 400 and "deep" in refusal.message
    assert time.monotonic() - started < 1


def test_a_query_that_takes_the_parser_long_is_cut_at_the_check_deadline() -> None:
    """pyoxigraph plans as it parses: a long basic graph pattern takes minutes. The check runs
    in a child process that is killed at its deadline."""
    patterns = " ".join(f'?s{i} <http://e/p> "service {i}" .' for i in range(3000))
    started = time.monotonic()
    refusal = check_query(f"SELECT * {{ {patterns} }}")
    assert refusal is not None and refusal.status == 400
    assert time.monotonic() - started < 10


# ---------------------------------------------------------------------------------------------
# Against a real `medgraph serve` (Oxigraph behind it), with a 1 s time-out
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Iterator[Served]:
    with serving("--timeout", "1") as served:
        yield served


def _address(served: Served) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(served.url)
    assert parts.hostname and parts.port
    return parts.hostname, parts.port


def _get(served: Served, target: str, timeout: float = 20) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(*_address(served), timeout=timeout)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _query(served: Served, query: str, timeout: float = 20) -> tuple[int, bytes]:
    return _get(served, "/sparql?" + urllib.parse.urlencode({"query": query}), timeout)


def _count(served: Served) -> int:
    status, body = _query(served, SIMPLE)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def _engines(pid: int) -> list[int]:
    """Oxigraph processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z" and "oxigraph" in stat:
                found.append(int(entry.name))
    return found


def _restarts(served: Served) -> int:
    return "".join(served.stderr).count("restarted the SPARQL engine")


def _logged(served: Served, words: str, within: float = 10) -> bool:
    """Whether the server's stderr says ``words`` within ``within`` seconds."""
    deadline = time.monotonic() + within
    while words not in "".join(served.stderr):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.server
def test_an_exploding_query_does_not_take_the_engine_down(site: Served) -> None:
    before = _count(site)
    restarts = _restarts(site)
    engines = _engines(site.process.pid) if Path("/proc").is_dir() else []
    started = time.monotonic()
    status, body = _query(site, EXPLOSIVE)
    assert status == 503 and b"time-out (1 s)" in body
    assert time.monotonic() - started < 5
    started = time.monotonic()
    assert _count(site) == before  # a simple query, at once, on a working engine
    assert time.monotonic() - started < 5
    # The runaway engine was replaced, and the server says so.
    assert _logged(site, "restarted the SPARQL engine: a query ran past the time-out")
    assert _restarts(site) == restarts + 1
    if engines:
        assert f"(pid {engines[0]} -> " in "".join(site.stderr)
    assert _count(site) == before


@pytest.mark.server
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc to find the engine")
def test_a_dead_engine_is_replaced_and_the_next_query_answers(site: Served) -> None:
    before = _count(site)
    (engine,) = _engines(site.process.pid)
    os.kill(engine, signal.SIGKILL)
    started = time.monotonic()
    assert _count(site) == before
    assert time.monotonic() - started < 5
    assert _logged(site, "restarted the SPARQL engine: it stopped (exit code -9)")
    (replacement,) = _engines(site.process.pid)
    assert replacement != engine
    limits = Path(f"/proc/{replacement}/limits").read_text()
    line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
    assert line.split()[3] == str(4 << 30)  # the replacement is memory-bounded too


@pytest.mark.server
def test_service_hidden_from_a_lenient_parser_never_reaches_its_host(site: Served) -> None:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    reached: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                with contextlib.suppress(OSError):
                    reached.append(connection.recv(1024))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    target = f"http://127.0.0.1:{port}/sparql"
    queries = [
        f'VERSION "1.2"\nSELECT * {{ SERVICE <{target}> {{ ?s ?p ?o }} }}',
        f"SELECT * {{ ?s ?p ?o LATERAL {{ SELECT ?s {{ }} }}\n SERVICE <{target}> {{ ?x ?y ?z }} }}",
        f"PREFIX : <http://127.0.0.1:{port}/> ASK {{ ?s ?p ?o.SERVICE:sparql{{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE SILENT <{target}> {{ }} }} this does not parse",
    ]
    try:
        for query in queries:
            status, body = _query(site, query)
            assert status in (400, 403), (query, body)
            encoded = query.encode()
            for content_type, data in (
                ("application/sparql-query", encoded),
                ("application/x-www-form-urlencoded", urllib.parse.urlencode({"query": query})),
            ):
                connection = http.client.HTTPConnection(*_address(site), timeout=20)
                connection.request("POST", "/sparql", data, {"Content-Type": content_type})
                assert connection.getresponse().status in (400, 403), query
                connection.close()
        # Two 'query' fields: the one checked must be the one run, so two are refused.
        both = urllib.parse.urlencode([("query", "ASK {}"), ("query", queries[0])])
        status, _ = _get(site, "/sparql?" + both)
        assert status == 400
        time.sleep(0.5)
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
    assert reached == []
    status, _ = _query(site, 'VERSION "1.2" SELECT ("service" AS ?x) {}')
    assert status == 200  # the check parses SPARQL 1.2; it does not refuse what it cannot read


@contextlib.contextmanager
def _descriptor_limit(pid: int, soft: int) -> Iterator[None]:
    """Lower the soft limit on open files of process ``pid`` for a while (Linux prlimit)."""
    if not hasattr(resource, "prlimit"):
        pytest.skip("needs Linux prlimit")
    before = resource.prlimit(pid, resource.RLIMIT_NOFILE)
    resource.prlimit(pid, resource.RLIMIT_NOFILE, (soft, before[1]))
    try:
        yield
    finally:
        resource.prlimit(pid, resource.RLIMIT_NOFILE, before)


@pytest.mark.server
def test_hundreds_of_idle_connections_lock_nobody_out(site: Served) -> None:
    """With 400 file descriptors, a server that gives each connection one for as long as the
    client likes is locked up by 600 idle connections; this one closes the silent ones."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 700:
        if hard != resource.RLIM_INFINITY and hard < 700:
            pytest.skip(f"this test opens 600 connections and may use only {hard} descriptors")
        resource.setrlimit(resource.RLIMIT_NOFILE, (700, hard))
    idle: list[socket.socket] = []
    try:
        with _descriptor_limit(site.process.pid, 400):
            for _ in range(600):
                idle.append(socket.create_connection(_address(site), timeout=5))
            for sock in idle[-20:]:  # and some that start a request and never finish it
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            status, body = _get(site, "/", timeout=10)
            assert status == 200 and b"cervical incompetence" in body
            assert _count(site) > 0
            assert time.monotonic() - started < 5
    finally:
        for sock in idle:
            sock.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.server
def test_a_request_that_never_finishes_gets_408_at_its_deadline(site: Served) -> None:
    with socket.create_connection(_address(site), timeout=20) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nquery=")
        started = time.monotonic()
        answer = sock.recv(1024)
        assert answer.startswith(b"HTTP/1.1 408")
        assert 5 < time.monotonic() - started < 15


@pytest.mark.server
@pytest.mark.parametrize(
    ("target", "statuses"),
    [
        ("/%2e%2e/", {404}),
        ("/%2e%2e/%2e%2e/etc/passwd", {404}),
        ("/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", {404}),
        ("/.git", {404}),
        ("/.git/config", {404}),
        ("/%2egit/config", {404}),
        ("/.medgraph-site", {404}),
        ("/%00", {400}),
        ("/index.html%00.svg", {400}),
        ("/%zz", {400}),
        ("/%", {400}),
        ("/%C3%28", {400}),
        ("/..%5c..%5cetc%5cpasswd", {400}),
        ("//%5b", {400, 404}),
    ],
)
def test_hostile_paths_are_refused_without_a_traceback(
    site: Served, target: str, statuses: set[int]
) -> None:
    status, body = _get(site, target)
    assert status in statuses, (target, status, body)
    assert b"root:" not in body
    assert "Traceback" not in "".join(site.stderr)
    assert _get(site, "/")[0] == 200  # and the server goes on
