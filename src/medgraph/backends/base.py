"""The interface every backend offers: query, validate, export, release and count one graph.

A backend holds one graph, however it holds it: rdflib objects in memory (the reference),
an in-memory Oxigraph store (the fast path), an on-disk Oxigraph store, or a remote SPARQL
1.1 endpoint. Commands ask :func:`medgraph.backends.open_backend` for one and call these
methods; they never ask which one they got. The parity suite (``tests/test_backends.py``)
runs every backend on the same graphs and expects the same rows, findings and triples.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from rdflib import Graph

    from medgraph.queries import NamedQuery, QueryResult
    from medgraph.release import GraphStats, ReleaseSummary
    from medgraph.validation import ValidationReport

__all__ = ["Backend"]


@runtime_checkable
class Backend(Protocol):
    """One graph and what medgraph does with it."""

    descriptor: str
    """How the backend was asked for: ``rdflib``, ``oxigraph``, ``store:PATH``, ``sparql:URL``."""

    def query(
        self,
        query: NamedQuery | str,
        params: Mapping[str, str] | None = None,
        *,
        allow_service: bool = False,
    ) -> QueryResult:
        """Run a named query (or SPARQL text), parameters bound as RDF terms; read-only.

        The query sees the data and, for user files, the ontology alongside."""
        ...

    def validate(
        self, shapes: Graph | None = None, *, with_report_graph: bool = True
    ) -> ValidationReport:
        """SHACL validation against ``shapes`` (medgraph's by default), ontology mixed in."""
        ...

    def export(self, fmt: str) -> bytes:
        """The data in an export format (``ttl``, ``jsonld``, ``nt``, ``xml``), deterministic."""
        ...

    def release(
        self,
        out_dir: Path | str,
        *,
        validation_report: Graph | None = None,
        inferred: Graph | None = None,
        extra_files: dict[str, bytes] | None = None,
    ) -> ReleaseSummary:
        """Write the release folder (every format, context, report, manifest), swapped in whole."""
        ...

    def stats(self) -> GraphStats:
        """Triples, subjects and properties of the data, and its release date."""
        ...

    def class_counts(self) -> dict[str, int]:
        """Data nodes per medgraph class."""
        ...

    def to_rdflib(self) -> Graph:
        """The data as an rdflib graph (for the reasoner, the site and the mapping checks)."""
        ...

    def is_empty(self) -> bool:
        """Whether the data holds no triple."""
        ...

    def __len__(self) -> int:
        """Distinct triples of the data."""
        ...
