"""`medgraph serve` over plain HTTP: the SPARQL 1.1 Protocol, the named-query route, what it
refuses, its time-out, and a clean stop. A real process with Oxigraph behind it; no browser."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Served, serving

pytestmark = pytest.mark.server

SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FAST_QUERY = (
    "PREFIX mgo: <https://w3id.org/medgraph/ontology/> SELECT ?f WHERE { ?c mgo:hasRiskFactor ?f }"
)


def request(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> tuple[int, Any, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def sparql_get(served: Served, query: str, **extra: str) -> tuple[int, Any, bytes]:
    search = urllib.parse.urlencode({"query": query, **extra})
    return request(
        f"{served.url}sparql?{search}", headers={"Accept": "application/sparql-results+json"}
    )


def triple_count(served: Served) -> int:
    status, _, body = sparql_get(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_sparql_protocol_get_and_both_posts(served: Served) -> None:
    status, headers, body = sparql_get(served, FAST_QUERY)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == 14
    form = urllib.parse.urlencode({"query": FAST_QUERY}).encode()
    status, _, body = request(
        served.url + "sparql",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    assert status == 200 and body.decode().splitlines()[0] == "f" and len(body.splitlines()) == 15
    status, _, body = request(
        served.url + "sparql",
        FAST_QUERY.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 14


def test_updates_are_refused_and_change_nothing(served: Served) -> None:
    before = triple_count(served)
    update = "DELETE WHERE { ?s ?p ?o }"
    status, _, body = request(
        served.url + "sparql",
        urllib.parse.urlencode({"update": update}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403 and b"read-only" in body
    status, _, body = request(
        served.url + "sparql", update.encode(), {"Content-Type": "application/sparql-update"}
    )
    assert status == 403
    status, _, _ = request(served.url + "sparql", update.encode(), {"Content-Type": "text/plain"})
    assert status == 415
    status, _, _ = sparql_get(served, update)  # an update sent as a query does not parse
    assert status == 400
    for method in ("PUT", "DELETE", "PATCH"):
        status, _, _ = request(served.url + "index.html", b"x", method=method)
        assert status == 405, method
    assert triple_count(served) == before


def test_service_clauses_are_refused(served: Served) -> None:
    status, _, body = sparql_get(
        served, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    )
    assert status == 403 and b"SERVICE" in body
    # The word alone, in a string, is not a SERVICE clause.
    status, _, body = sparql_get(served, 'SELECT ("customer service" AS ?x) WHERE {}')
    assert status == 200 and b"customer service" in body


def test_named_query_parameters_are_bound_as_terms(served: Served) -> None:
    def named(name: str, params: dict[str, str]) -> tuple[int, Any]:
        status, _, body = request(
            served.url + "api/query",
            json.dumps({"name": name, "params": params}).encode(),
            {"Content-Type": "application/json"},
        )
        return status, json.loads(body)

    status, document = named("risk-factors-by-support", {"min_references": "4"})
    assert status == 200
    rows = document["results"]["bindings"]
    assert rows and all(int(r["reference_count"]["value"]) >= 4 for r in rows)
    status, document = named("risk-factors-by-support", {"min_references": "1"})
    assert status == 200 and len(document["results"]["bindings"]) > len(rows)
    for hostile in ("4 } ; DROP ALL #", "4) || true"):
        status, document = named("risk-factors-by-support", {"min_references": hostile})
        assert status == 400 and "must be an integer" in document["error"]
    status, document = named("risk-factors", {"condition": "x> } INSERT DATA { <a> <b> <c> } #"})
    assert status == 400 and "absolute IRI" in document["error"]
    status, document = named("no-such-query", {})
    assert status == 400 and "unknown query" in document["error"]
    status, document = named("risk-factors", {"colour": "red"})
    assert status == 400 and "no parameter 'colour'" in document["error"]
    status, _, body = request(served.url + "api/queries")
    names = {q["name"] for q in json.loads(body)}
    assert {"risk-factors", "reference-supports", "mappings"} <= names


def test_concurrent_named_queries_all_answer(served: Served) -> None:
    """Regression: rdflib's SPARQL parser is not thread-safe, and parsing per request under
    concurrency failed about half of the requests with nonsense errors."""
    _, _, body = request(served.url + "api/queries")
    names = [q["name"] for q in json.loads(body)]
    results: list[int] = []

    def one(name: str) -> None:
        status, _, _ = request(
            served.url + "api/query",
            json.dumps({"name": name, "params": {}}).encode(),
            {"Content-Type": "application/json"},
        )
        results.append(status)

    threads = [threading.Thread(target=one, args=(name,)) for name in names * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [200] * len(threads)


def test_csv_download_of_a_named_query(served: Served) -> None:
    status, headers, body = request(served.url + "api/query?name=risk-factors&format=csv")
    assert status == 200
    assert headers["Content-Disposition"] == 'attachment; filename="medgraph-risk-factors.csv"'
    lines = body.decode().splitlines()
    assert lines[0] == "entity,label,kind,references,excerpts,claim" and len(lines) == 15


def test_pages_are_served_with_a_strict_policy_and_nothing_else(served: Served) -> None:
    status, headers, body = request(served.url)
    assert status == 200 and b"cervical incompetence" in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    for path in (
        "../../../etc/passwd",
        "%2e%2e/%2e%2e/etc/passwd",
        ".medgraph-site",
        "static/",
        "nope.html",
    ):
        status, _, body = request(served.url + path)
        assert status == 404, path
        assert b"root:" not in body
    status, headers, _ = request(served.url + "graph/cervical-incompetence.svg")
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"


def test_a_slow_query_is_cut_by_the_time_out_without_blocking_others(served: Served) -> None:
    """The session's server has a 2 s time-out; fast queries answer while a slow one runs."""
    outcome: dict[str, Any] = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["slow"] = sparql_get(served, SLOW_QUERY)
        outcome["slow_seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    fast_seconds = []
    while thread.is_alive() and len(fast_seconds) < 50:
        started = time.monotonic()
        status, _, body = sparql_get(served, FAST_QUERY)
        fast_seconds.append(time.monotonic() - started)
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 14
    thread.join(timeout=30)
    status, _, body = outcome["slow"]
    assert status == 503, body
    assert b"time-out (2 s)" in body
    assert 1.5 < outcome["slow_seconds"] < 4.5  # the time-out, plus the front's 1 s grace
    assert len(fast_seconds) >= 3 and max(fast_seconds) < 1.5, fast_seconds


def _children(pid: int) -> dict[int, str]:
    """Processes whose parent is ``pid``, with their command lines (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc to see child processes")
@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_stopping_ends_oxigraph_and_removes_the_temporary_folder(stop: str) -> None:
    with serving() as served:
        engines = {p: c for p, c in _children(served.process.pid).items() if "oxigraph" in c}
        assert len(engines) == 1
        ((engine_pid, command),) = engines.items()
        assert "serve-read-only" in command and "127.0.0.1:" in command
        store = Path(command.split("--location ", 1)[1].split()[0])
        assert store.is_dir() and store.parent.name.startswith("medgraph-serve-")
        served.process.send_signal(getattr(signal, stop))
        assert served.process.wait(timeout=20) == 0
        assert not _alive(engine_pid)
        assert not store.parent.exists()
        time.sleep(0.2)
        assert "stopped" in "".join(served.stderr)
        assert "Traceback" not in "".join(served.stderr)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc to see child processes")
def test_a_killed_server_leaves_no_engine_and_its_folder_goes_at_the_next_start() -> None:
    with serving() as served:
        engine_pid, command = next(
            (p, c) for p, c in _children(served.process.pid).items() if "oxigraph" in c
        )
        folder = Path(command.split("--location ", 1)[1].split()[0]).parent
        os.kill(served.process.pid, signal.SIGKILL)
        served.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(engine_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(engine_pid)  # the engine dies with its parent (PR_SET_PDEATHSIG)
        assert folder.is_dir()  # SIGKILL gives no chance to clean up ...
    with serving():
        assert not folder.exists()  # ... so the next start removes it


def test_a_taken_port_is_a_clear_error(served: Served, run_cli) -> None:  # type: ignore[no-untyped-def]
    port = urllib.parse.urlsplit(served.url).port
    result = run_cli("serve", "--port", str(port))
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
