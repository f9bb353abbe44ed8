"""Remote stores: run named queries on any SPARQL 1.1 endpoint, and push the release to one.

Queries go through SPARQLWrapper with the parameters bound as a VALUES block (see
:mod:`medgraph.sparql_text`). Credentials come from the environment
(``MEDGRAPH_SPARQL_USER`` / ``MEDGRAPH_SPARQL_PASSWORD``) or from ``~/.netrc``, never from the
command line. Connection failures and 5xx answers are retried with back-off; every failure
ends in an :class:`~medgraph.errors.EndpointError` that says which of them it was.
"""

from __future__ import annotations

import json
import netrc
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from medgraph.errors import EndpointError, ExitCode, QueryError
from medgraph.queries import NamedQuery, QueryResult, bind_query
from medgraph.sparql_text import term_to_sparql

__all__ = [
    "EndpointGarbage",
    "EndpointHTTPError",
    "EndpointTimeout",
    "EndpointUnreachable",
    "PushSummary",
    "credentials_for",
    "push_graph",
    "run_remote_query",
]


class EndpointUnreachable(EndpointError):
    """Nothing answered at the address (refused, unknown host, network down)."""

    exit_code = ExitCode.ENDPOINT


class EndpointTimeout(EndpointError):
    """The endpoint did not answer within the time-out."""

    exit_code = ExitCode.ENDPOINT_TIMEOUT


class EndpointHTTPError(EndpointError):
    """The endpoint answered with an HTTP error status."""

    exit_code = ExitCode.ENDPOINT_HTTP


class EndpointGarbage(EndpointError):
    """The endpoint answered 200 with something that is not a SPARQL result."""

    exit_code = ExitCode.ENDPOINT_GARBAGE


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


def _classify(url: str, exc: BaseException, timeout: float) -> EndpointError:
    if isinstance(exc, EndpointError):
        return exc
    if isinstance(exc, urllib.error.HTTPError):
        body = ""
        try:
            body = exc.read(300).decode("utf-8", "replace").strip().splitlines()[0]
        except Exception:  # noqa: BLE001 - the body is only a hint
            body = ""
        hint = f": {body}" if body else ""
        return EndpointHTTPError(f"{url}: the endpoint answered HTTP {exc.code} {exc.reason}{hint}")
    reason = getattr(exc, "reason", exc)
    if isinstance(exc, TimeoutError | socket.timeout) or isinstance(reason, TimeoutError):
        return EndpointTimeout(f"{url}: no answer within {timeout:g} s (raise --timeout?)")
    return EndpointUnreachable(f"{url}: cannot reach the endpoint ({reason})")


def _retrying(
    url: str, call: Callable[[], bytes], *, timeout: float, retries: int, backoff: float
) -> bytes:
    """Run ``call``; retry connection errors and 5xx answers with exponential back-off."""
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - classified below
            error = _classify(url, exc, timeout)
            retryable = isinstance(error, EndpointUnreachable) or (
                isinstance(exc, urllib.error.HTTPError) and exc.code >= 500
            )
            if not retryable or attempt >= retries:
                if attempt:
                    error.message += f" (after {attempt + 1} attempts)"
                raise error from None
            time.sleep(backoff * (2**attempt))
            attempt += 1


def _request(
    url: str,
    *,
    data: bytes | None = None,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    timeout: float,
) -> bytes:
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    auth = credentials_for(url)
    if auth is not None:
        import base64

        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def _term_from_json(value: Mapping[str, str]) -> Node:
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in {"literal", "typed-literal"}:
        return Literal(
            value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype") or None
        )
    raise EndpointGarbage(f"unknown term type {kind!r} in the endpoint's answer")


def _parse_json_results(url: str, body: bytes) -> QueryResult:
    try:
        document = json.loads(body)
        if "boolean" in document:
            return QueryResult(kind="ASK", boolean=bool(document["boolean"]))
        variables = list(document["head"]["vars"])
        rows = [
            {var: (_term_from_json(b[var]) if var in b else None) for var in variables}
            for b in document["results"]["bindings"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        start = body[:80].decode("utf-8", "replace")
        raise EndpointGarbage(
            f"{url}: the answer is not SPARQL JSON results ({exc.__class__.__name__}); "
            f"it starts with {start!r}"
        ) from None
    return QueryResult(kind="SELECT", variables=variables, rows=rows)


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
    """
    check_url(endpoint)
    for graph_iri in default_graphs:
        term_to_sparql(URIRef(graph_iri))  # refuses what is not an IRI
    bound = bind_query(query, params, allow_service=allow_service)
    form, text = bound.form, bound.text
    accept = (
        "application/sparql-results+json"
        if form in {"SELECT", "ASK"}
        else "application/n-triples, text/turtle;q=0.9"
    )

    def call() -> bytes:
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(endpoint)
        wrapper.setMethod(POST)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form from the text with a regular expression that leaves
        # every other comment line in and matches keywords inside words: a header comment
        # saying "remove" made it send a query as an update (MOVE). The form was read by a
        # SPARQL parser (bind_query), so it is the one to use.
        wrapper.queryType = form
        wrapper.setTimeout(max(1, round(timeout)))
        wrapper.addCustomHttpHeader("Accept", accept)
        wrapper.setOnlyConneg(True)
        for graph_iri in default_graphs:
            wrapper.addDefaultGraph(graph_iri)
        auth = credentials_for(endpoint)
        if auth is not None:
            wrapper.setCredentials(*auth)
        response = wrapper.query().response
        return response.read()

    body = _retrying(
        endpoint, _unwrap_sparqlwrapper(call), timeout=timeout, retries=retries, backoff=backoff
    )
    if form in {"SELECT", "ASK"}:
        return _parse_json_results(endpoint, body)
    graph = Graph()
    try:
        graph.parse(data=body.decode("utf-8"), format="nt")
    except Exception:  # noqa: BLE001 - not N-Triples: try Turtle before giving up
        try:
            graph.parse(data=body.decode("utf-8"), format="turtle")
        except Exception:  # noqa: BLE001
            raise EndpointGarbage(f"{endpoint}: the answer is not RDF") from None
    return QueryResult(kind=form, graph=graph)


def _unwrap_sparqlwrapper(call: Callable[[], bytes]) -> Callable[[], bytes]:
    """SPARQLWrapper wraps HTTP errors in its own exceptions; give back the urllib ones."""

    def wrapped() -> bytes:
        from SPARQLWrapper import SPARQLExceptions as errors

        codes = {
            errors.QueryBadFormed: 400,
            errors.Unauthorized: 401,
            errors.EndPointNotFound: 404,
            errors.URITooLong: 414,
            errors.EndPointInternalError: 500,
        }
        try:
            return call()
        except errors.SPARQLWrapperException as exc:
            code = next((c for cls, c in codes.items() if isinstance(exc, cls)), 500)
            detail = str(exc).split("Response:", 1)[-1].strip().splitlines()
            text = detail[0][:200] if detail else type(exc).__name__
            raise urllib.error.HTTPError(
                "endpoint",
                code,
                text,
                None,  # type: ignore[arg-type]
                None,
            ) from None

    return wrapped


def check_url(url: str) -> None:
    """Refuse an endpoint address that is not http(s) with a host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise QueryError(f"{url!r} is not an http(s) endpoint address")


@dataclass
class PushSummary:
    endpoint: str
    graph_iri: str
    triples: int
    method: str  # "graph-store" or "insert-data"


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
    """Replace the named graph ``graph_iri`` at the store with ``graph``.

    The SPARQL 1.1 Graph Store HTTP Protocol (``PUT ?graph=IRI``) is tried first; a store that
    does not speak it gets ``DROP SILENT GRAPH`` and chunked ``INSERT DATA`` through its update
    endpoint. Either way a second push of the same graph leaves the store unchanged.
    """
    check_url(endpoint)
    target = URIRef(graph_iri)
    term_to_sparql(target)  # refuses IRIs that could break out of the update text
    from medgraph.release import serialize

    body = serialize(graph, "nt", canonical=False)
    total = len(graph)
    store_url = _graph_store_url(endpoint, graph_store)
    put_url = f"{store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
    try:
        _retrying(
            store_url,
            lambda: _request(
                put_url,
                data=body,
                method="PUT",
                headers={"Content-Type": "application/n-triples"},
                timeout=timeout,
            ),
            timeout=timeout,
            retries=retries,
            backoff=0.5,
        )
        if progress:
            progress(total, total)
        return PushSummary(endpoint, graph_iri, total, "graph-store")
    except EndpointHTTPError as exc:
        if not any(f"HTTP {code}" in exc.message for code in (404, 405, 501)):
            raise
    update_url = update_endpoint or endpoint
    # A blank node is local to one INSERT DATA request, so every line that names one goes in
    # the first request together (OWL axioms hold a few); the rest is sent in chunks.
    all_lines = body.decode("utf-8").splitlines()
    blank = [line for line in all_lines if "_:" in line]
    named = [line for line in all_lines if "_:" not in line]
    lines = blank + named
    bounds = [0, len(blank)] if blank else [0]
    bounds += list(range(len(blank) + chunk_size, len(lines), chunk_size))

    def send(update: str) -> bytes:
        data = urllib.parse.urlencode({"update": update}).encode("utf-8")
        return _retrying(
            update_url,
            lambda: _request(
                update_url,
                data=data,
                method="POST",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                timeout=timeout,
            ),
            timeout=timeout,
            retries=retries,
            backoff=0.5,
        )

    send(f"DROP SILENT GRAPH {term_to_sparql(target)}")
    ends = [*bounds[1:], len(lines)]
    for start, end in zip(bounds, ends, strict=True):
        if start == end:
            continue
        chunk = "\n".join(lines[start:end])
        send(f"INSERT DATA {{ GRAPH {term_to_sparql(target)} {{\n{chunk}\n}} }}")
        if progress:
            progress(min(total, end), total)
    return PushSummary(endpoint, graph_iri, total, "insert-data")
