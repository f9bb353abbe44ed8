"""The remote backend (``sparql:URL``): any SPARQL 1.1 endpoint, read-only.

Queries go to the endpoint with their parameters bound in a ``VALUES`` block
(:func:`medgraph.remote.run_remote_query`: time-outs, retries, credentials from the
environment); graph-wide work reads the endpoint's default graph (or the named graphs given)
once with a ``CONSTRUCT`` and runs locally.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from medgraph.backends.materialised import Materialised

if TYPE_CHECKING:
    from medgraph.queries import NamedQuery, QueryResult

__all__ = ["EndpointBackend"]

_EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class EndpointBackend(Materialised):
    """A SPARQL 1.1 endpoint; ``graphs`` are read as its default graph (``default-graph-uri``)."""

    def __init__(self, url: str, *, graphs: tuple[str, ...] = (), timeout: float = 30.0) -> None:
        from medgraph.httpclient import check_endpoint_url

        check_endpoint_url(url)
        self.url = url
        self.graphs = graphs
        self.timeout = timeout
        self.descriptor = f"sparql:{url}"

    def query(
        self,
        query: NamedQuery | str,
        params: Mapping[str, str] | None = None,
        *,
        allow_service: bool = False,
    ) -> QueryResult:
        from medgraph.remote import run_remote_query

        return run_remote_query(
            self.url,
            query,
            params,
            timeout=self.timeout,
            allow_service=allow_service,
            default_graphs=self.graphs,
        )

    def _read_ntriples(self) -> bytes:
        from medgraph.release import serialize

        result = self.query(_EVERYTHING)
        assert result.graph is not None  # a CONSTRUCT gives a graph
        return serialize(result.graph, "nt", canonical=False)
