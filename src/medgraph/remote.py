"""Remote stores: run named queries on any SPARQL 1.1 endpoint, and push the release to one.

Queries go out with the parameters bound as a VALUES block (see :mod:`medgraph.sparql_text`);
SPARQLWrapper composes each protocol request and :mod:`medgraph.httpclient` sends it, bounded
in time and size and without following redirects to other hosts (that module says why).
Credentials come from the environment (``MEDGRAPH_SPARQL_USER`` / ``MEDGRAPH_SPARQL_PASSWORD``)
or from ``~/.netrc``, never from the command line. Connection failures and 5xx answers are
retried with back-off; every failure ends in an :class:`~medgraph.errors.EndpointError` that
says which of them it was.

``push`` never pastes serialised data into an update: each ``INSERT DATA`` is written term by
term through :func:`~medgraph.sparql_text.term_to_sparql`, which refuses what is not an IRI.
It replaces the named graph in one step: one Graph Store Protocol ``PUT``, or, for a store
without the protocol, ``INSERT DATA`` into a temporary graph and a final ``MOVE`` onto the
target. A failure or a signal (Ctrl-C, SIGTERM) before that last step leaves the target as it
was; the temporary graph is dropped and the message says what state the store is in.
"""

from __future__ import annotations

import base64
import contextlib
import json
import netrc
import os
import re
import secrets
import signal
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import FrameType

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from medgraph.errors import EndpointError, ExitCode, QueryError
from medgraph.httpclient import (
    Answer,
    EndpointGarbage,
    EndpointHTTPError,
    EndpointRedirected,
    EndpointTimeout,
    EndpointUnreachable,
    check_endpoint_url,
    redact,
    request,
)
from medgraph.iri import first_bad_term, iri_problem, shown
from medgraph.queries import NamedQuery, QueryResult, bind_query
from medgraph.sparql_text import term_to_sparql

__all__ = [
    "EndpointGarbage",
    "EndpointHTTPError",
    "EndpointRedirected",
    "EndpointTimeout",
    "EndpointUnreachable",
    "PushInterrupted",
    "PushSummary",
    "check_graph_name",
    "credentials_for",
    "push_graph",
    "run_remote_query",
]


def credentials_for(url: str) -> tuple[str, str] | None:
    """User and password for ``url``: the environment first, then ``~/.netrc``."""
    user = os.environ.get("MEDGRAPH_SPARQL_USER")
    password = os.environ.get("MEDGRAPH_SPARQL_PASSWORD")
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None
    if entry and entry[0] is not None:
        return entry[0], entry[2] or ""
    return None


def _retrying(
    call: Callable[[], Answer], *, retries: int, backoff: float, deadline: float | None = None
) -> Answer:
    """Run ``call``; retry connection errors and 5xx answers with exponential back-off (while
    ``deadline``, a :func:`time.monotonic` time, leaves room)."""
    attempt = 0
    while True:
        try:
            return call()
        except EndpointError as error:
            pause = backoff * (2**attempt)
            retryable = isinstance(error, EndpointUnreachable) or (
                isinstance(error, EndpointHTTPError) and error.status >= 500
            )
            out_of_time = deadline is not None and time.monotonic() + pause >= deadline
            if not retryable or attempt >= retries or out_of_time:
                if attempt:
                    error.message += f" (after {attempt + 1} attempts)"
                raise
            time.sleep(pause)
            attempt += 1


def _sparql_request(
    endpoint: str,
    text: str,
    *,
    accept: str,
    default_graphs: tuple[str, ...] = (),
    form: str | None = None,
) -> tuple[str, str, bytes | None, dict[str, str]]:
    """Method, address, body and headers of a SPARQL protocol request, as SPARQLWrapper writes
    it (POST, URL-encoded): a query of ``form``, or an update when no form is given."""
    from SPARQLWrapper import POST, SPARQLWrapper

    wrapper = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    wrapper.setMethod(POST)
    wrapper.setQuery(text)
    if form is not None:
        # SPARQLWrapper guesses the form from the text with a regular expression that matches
        # keywords inside comments and words: a header comment saying "remove" made it send a
        # query as an update (MOVE). The form was read by a SPARQL parser (bind_query).
        wrapper.queryType = form
    wrapper.addCustomHttpHeader("Accept", accept)
    wrapper.setOnlyConneg(True)
    for graph_iri in default_graphs:
        wrapper.addDefaultGraph(graph_iri)
    auth = credentials_for(endpoint)
    if auth is not None:
        wrapper.setCredentials(*auth)
    # SPARQLWrapper's own query() would send it with urllib (see medgraph.httpclient).
    prepared = wrapper._createRequest()
    data = prepared.data
    assert data is None or isinstance(data, bytes)  # SPARQLWrapper encodes the form itself
    return prepared.get_method(), prepared.full_url, data, dict(prepared.header_items())


def _auth_header(url: str) -> dict[str, str]:
    auth = credentials_for(url)
    if auth is None:
        return {}
    token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


class _Shape(ValueError):
    """SPARQL JSON results of the wrong shape."""


_VARIABLE = re.compile(r"\w+")
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")


def _term_from_json(value: object) -> Node:
    if not isinstance(value, dict):
        raise _Shape("a bound value is not a JSON object")
    kind, text = value.get("type"), value.get("value")
    if not isinstance(kind, str) or not isinstance(text, str):
        raise _Shape("a bound value lacks a 'type' or a 'value' string")
    if kind == "uri":
        problem = iri_problem(text)
        if problem is not None:
            raise _Shape(f"the IRI <{shown(text)}> {problem}")
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in {"literal", "typed-literal"}:
        lang, datatype = value.get("xml:lang"), value.get("datatype")
        if lang is not None and not (isinstance(lang, str) and _LANG.fullmatch(lang)):
            raise _Shape(f"{shown(str(lang))!r} is not a language tag")
        if datatype is not None:
            problem = iri_problem(datatype) if isinstance(datatype, str) else "is not a string"
            if problem is not None:
                raise _Shape(f"the datatype <{shown(str(datatype))}> {problem}")
        return Literal(text, lang=lang or None, datatype=datatype or None)
    raise _Shape(f"unknown term type {shown(kind)!r}")


def _results_from_json(document: object) -> QueryResult:
    if not isinstance(document, dict):
        raise _Shape("not a JSON object")
    if "boolean" in document:
        if not isinstance(document["boolean"], bool):
            raise _Shape("'boolean' is not true or false")
        return QueryResult(kind="ASK", boolean=document["boolean"])
    head = document.get("head")
    variables = head.get("vars") if isinstance(head, dict) else None
    if not isinstance(variables, list) or not all(
        isinstance(v, str) and _VARIABLE.fullmatch(v) for v in variables
    ):
        raise _Shape("'head.vars' is not a list of variable names")
    results = document.get("results")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise _Shape("'results.bindings' is not a list")
    rows: list[dict[str, Node | None]] = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise _Shape("a row of 'results.bindings' is not a JSON object")
        rows.append({v: _term_from_json(binding[v]) if v in binding else None for v in variables})
    return QueryResult(kind="SELECT", variables=list(variables), rows=rows)


def _parse_json_results(url: str, body: bytes) -> QueryResult:
    start = body[:80].decode("utf-8", "replace")
    try:
        document = json.loads(body)
    except RecursionError:
        raise EndpointGarbage(
            f"{redact(url)}: the answer is not SPARQL JSON results (it nests too deeply)"
        ) from None
    except ValueError as exc:
        raise EndpointGarbage(
            f"{redact(url)}: the answer is not SPARQL JSON results ({exc.__class__.__name__}); "
            f"it starts with {start!r}"
        ) from None
    try:
        return _results_from_json(document)
    except (_Shape, ValueError) as exc:  # ValueError: a literal rdflib will not build
        raise EndpointGarbage(
            f"{redact(url)}: the answer is not SPARQL JSON results ({exc})"
        ) from None


def _parse_graph(url: str, body: bytes) -> Graph:
    graph = Graph()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise EndpointGarbage(f"{redact(url)}: the answer is not RDF (not UTF-8)") from None
    try:
        graph.parse(data=text, format="nt")
    except Exception:  # noqa: BLE001 - not N-Triples: try Turtle before giving up
        graph = Graph()
        try:
            graph.parse(data=text, format="turtle")
        except Exception:  # noqa: BLE001
            raise EndpointGarbage(f"{redact(url)}: the answer is not RDF") from None
    found = first_bad_term(graph)
    if found is not None:
        raise EndpointGarbage(f"{redact(url)}: the answer holds {found[1]}")
    return graph


def run_remote_query(
    endpoint: str,
    query: NamedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    timeout: float = 30.0,
    retries: int = 2,
    backoff: float = 0.5,
    allow_service: bool = False,
    default_graphs: tuple[str, ...] = (),
) -> QueryResult:
    """Run a named query (or SPARQL text) on a remote endpoint; rows as :func:`run_query` gives.

    ``default_graphs`` are sent as the protocol's ``default-graph-uri``: the query then reads
    those named graphs as its default graph (for example the graph ``push`` wrote).
    ``timeout`` bounds the whole query, retries included.
    """
    check_endpoint_url(endpoint)
    for graph_iri in default_graphs:
        term_to_sparql(URIRef(graph_iri))  # refuses what is not an IRI
    bound = bind_query(query, params, allow_service=allow_service)
    form, text = bound.form, bound.text
    accept = (
        "application/sparql-results+json"
        if form in {"SELECT", "ASK"}
        else "application/n-triples, text/turtle;q=0.9"
    )
    method, url, data, headers = _sparql_request(
        endpoint, text, accept=accept, default_graphs=default_graphs, form=form
    )
    deadline = time.monotonic() + timeout
    answer = _retrying(
        lambda: request(
            method, url, body=data, headers=headers, timeout=timeout, deadline=deadline
        ),
        retries=retries,
        backoff=backoff,
        deadline=deadline,
    )
    if form in {"SELECT", "ASK"}:
        return _parse_json_results(endpoint, answer.body)
    return QueryResult(kind=form, graph=_parse_graph(endpoint, answer.body))


@dataclass
class PushSummary:
    endpoint: str
    graph_iri: str
    triples: int
    method: str  # "graph-store" or "insert-data"


class PushInterrupted(EndpointError):
    """``push`` was stopped by Ctrl-C or SIGTERM; the message says what state the store is in."""

    def __init__(self, message: str, signum: int) -> None:
        super().__init__(message)
        self.exit_code = ExitCode.INTERRUPTED if signum == signal.SIGINT else ExitCode.TERMINATED


class _Stopped(BaseException):
    """Raised in the main thread by a signal while a push talks to the store."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_stop_the_push() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`_Stopped` (main thread only: signals go there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def check_graph_name(graph_iri: str) -> URIRef:
    """The named graph ``push`` replaces: an absolute IRI, or a :class:`QueryError`."""
    problem = iri_problem(graph_iri)
    if problem is not None:
        raise QueryError(
            f"--graph {shown(graph_iri)!r} {problem}; name the graph with an absolute IRI such "
            "as https://w3id.org/medgraph/graph"
        )
    return URIRef(graph_iri)


def _graph_store_url(endpoint: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for suffix in ("/query", "/update", "/sparql"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return urllib.parse.urlunsplit(parts._replace(path=path + "/store", query=""))


def _insert_data_updates(graph: Graph, into: str, chunk_size: int) -> Iterator[tuple[str, int]]:
    """``INSERT DATA`` updates into the graph ``into`` (SPARQL text) and their triple counts,
    every term written by :func:`term_to_sparql`. A blank node is local to one request, so
    every triple that has one goes in the first request together (OWL axioms hold a few), as
    ``INSERT {...} WHERE {}``: Virtuoso refuses blank nodes in ``INSERT DATA``."""
    labels: dict[BNode, str] = {}

    def term(node: Node) -> str:
        if isinstance(node, BNode):
            return labels.setdefault(node, f"_:b{len(labels)}")
        return term_to_sparql(node)

    def update(triples: list[tuple[Node, Node, Node]], *, blanks: bool = False) -> tuple[str, int]:
        lines = "\n".join(f"{term(s)} {term(p)} {term(o)} ." for s, p, o in triples)
        if blanks:  # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty
            # WHERE inserts the same triples once, on every store (SPARQL 1.1 Update 3.1.3)
            return f"INSERT {{ GRAPH {into} {{\n{lines}\n}} }} WHERE {{}}", len(triples)
        return f"INSERT DATA {{ GRAPH {into} {{\n{lines}\n}} }}", len(triples)

    def blank(triple: tuple[Node, Node, Node]) -> bool:
        return isinstance(triple[0], BNode) or isinstance(triple[2], BNode)

    with_blank = [t for t in graph if blank(t)]
    if with_blank:
        yield update(with_blank, blanks=True)
    chunk: list[tuple[Node, Node, Node]] = []
    for triple in graph:
        if blank(triple):
            continue
        chunk.append(triple)
        if len(chunk) >= chunk_size:
            yield update(chunk)
            chunk = []
    if chunk:
        yield update(chunk)


def push_graph(
    endpoint: str,
    graph: Graph,
    graph_iri: str,
    *,
    graph_store: str | None = None,
    update_endpoint: str | None = None,
    timeout: float = 60.0,
    retries: int = 2,
    chunk_size: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> PushSummary:
    """Replace the named graph ``graph_iri`` at the store with ``graph``, in one step.

    The SPARQL 1.1 Graph Store HTTP Protocol (one ``PUT ?graph=IRI``) is tried first; a store
    that does not speak it gets chunked ``INSERT DATA`` into a temporary graph and then
    ``MOVE SILENT GRAPH <temporary> TO <graph_iri>``. Either way a second push of the same
    graph leaves the store unchanged, and a failure before the last step leaves the graph as
    it was (the error says so). ``timeout`` bounds each request.
    """
    check_endpoint_url(endpoint)
    for extra in (graph_store, update_endpoint):
        if extra is not None:
            check_endpoint_url(extra)
    target = check_graph_name(graph_iri)
    found = first_bad_term(graph)
    if found is not None:
        raise QueryError(f"the graph holds {found[1]}; nothing was sent")
    store_url = _graph_store_url(endpoint, graph_store)
    where = f"<{graph_iri}> at {redact(endpoint)}"
    method = ""
    with _signals_stop_the_push():
        try:
            if _put_graph_store(store_url, graph, graph_iri, where, timeout, retries):
                method = "graph-store"
            else:
                updates_to = update_endpoint or endpoint
                _push_by_updates(
                    updates_to, graph, target, where, timeout, retries, chunk_size, progress
                )
                method = "insert-data"
        except _Stopped as stop:  # between requests: the last step ran or it did not
            state = f"{where} was replaced" if method else f"{where} is unchanged"
            raise PushInterrupted(
                f"push {_signal_name(stop.signum)}: {state}", stop.signum
            ) from None
    if progress and method == "graph-store":
        progress(len(graph), len(graph))
    return PushSummary(endpoint, graph_iri, len(graph), method)


def _put_graph_store(
    store_url: str, graph: Graph, graph_iri: str, where: str, timeout: float, retries: int
) -> bool:
    """PUT the graph through the Graph Store Protocol; False when the store lacks it."""
    from medgraph.release import serialize

    body = serialize(graph, "nt", canonical=False)  # every term passed first_bad_term
    put_url = f"{store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
    headers = {"Content-Type": "application/n-triples", **_auth_header(store_url)}
    try:
        _retrying(
            lambda: request("PUT", put_url, body=body, headers=headers, timeout=timeout),
            retries=retries,
            backoff=0.5,
        )
    except _Stopped as stop:
        raise PushInterrupted(
            f"push {_signal_name(stop.signum)} while the store received the graph in one PUT: "
            f"{where} is either unchanged or replaced whole; run push again",
            stop.signum,
        ) from None
    except EndpointHTTPError as error:
        if error.status in (404, 405, 501):
            return False
        error.message += f"; {where} is unchanged (the store refused the graph)"
        raise
    except EndpointError as error:
        if isinstance(error, EndpointUnreachable | EndpointRedirected):
            error.message += f"; {where} is unchanged"
        else:
            error.message += f"; {where} is either unchanged or replaced whole; run push again"
        raise
    return True


def _signal_name(signum: int) -> str:
    return "interrupted (Ctrl-C)" if signum == signal.SIGINT else "stopped (SIGTERM)"


def _push_by_updates(
    update_url: str,
    graph: Graph,
    target: URIRef,
    where: str,
    timeout: float,
    retries: int,
    chunk_size: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    """INSERT DATA into a temporary graph, then MOVE it onto ``target`` as the last step."""
    temporary = URIRef(f"{target}-medgraph-tmp-{secrets.token_hex(8)}")
    into, onto = term_to_sparql(temporary), term_to_sparql(target)

    def send(update: str, attempts: int) -> None:
        method, url, data, headers = _sparql_request(update_url, update, accept="*/*")
        _retrying(
            lambda: request(method, url, body=data, headers=headers, timeout=timeout),
            retries=attempts,
            backoff=0.5,
        )

    if len(graph) == 0:
        send(f"DROP SILENT GRAPH {onto}", retries)
        return
    step, done, total = "insert", 0, len(graph)
    try:
        for update, count in _insert_data_updates(graph, into, chunk_size):
            send(update, retries)  # INSERT DATA is idempotent: a retry adds nothing twice
            done += count
            if progress:
                progress(min(done, total), total)
        step = "move"
        # Never twice: had the first run, a second would move a missing graph, which empties
        # the target on some stores (Oxigraph).
        send(f"MOVE SILENT GRAPH {into} TO {onto}", 0)
    except (EndpointError, _Stopped) as failure:
        if step == "insert" or isinstance(failure, EndpointHTTPError | EndpointRedirected):
            state = f"{where} is unchanged"
        else:
            state = f"{where} is either unchanged or replaced whole (the final MOVE was sent)"
        if step == "move" and isinstance(failure, EndpointHTTPError) and failure.status < 500:
            state += (
                "; the store refused 'MOVE', which SPARQL 1.1 Update defines: without it a "
                "graph cannot be replaced in one step, so medgraph does not push to this store"
            )
        state += "; " + _drop_temporary(update_url, temporary, timeout)
        if isinstance(failure, _Stopped):
            raise PushInterrupted(
                f"push {_signal_name(failure.signum)}: {state}", failure.signum
            ) from None
        failure.message += f"; {state}"
        raise failure from None


def _drop_temporary(update_url: str, temporary: URIRef, timeout: float) -> str:
    """Drop the temporary graph after a failure; say whether that worked."""
    update = f"DROP SILENT GRAPH {term_to_sparql(temporary)}"
    try:
        method, url, data, headers = _sparql_request(update_url, update, accept="*/*")
        request(method, url, body=data, headers=headers, timeout=min(timeout, 10.0))
    except (EndpointError, _Stopped, KeyboardInterrupt):
        return f"the temporary graph <{temporary}> may remain: remove it with '{update}'"
    return f"the temporary graph <{temporary}> was dropped"
