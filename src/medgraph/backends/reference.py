"""The reference backend: rdflib holds the graph, pySHACL validates, rdflib's SPARQL answers.

Slow on big graphs (every triple is Python objects) but the yardstick: the other backends
must give its rows, findings and triples.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from medgraph.inputs import GraphInput
from medgraph.queries import NamedQuery, QueryResult, run_query
from medgraph.release import GraphStats, ReleaseSummary
from medgraph.validation import ValidationReport

__all__ = ["ReferenceBackend"]


class ReferenceBackend:
    """An assembled input parsed by rdflib."""

    descriptor = "rdflib"

    def __init__(self, graph_input: GraphInput) -> None:
        self.input = graph_input

    @classmethod
    def from_graph(cls, graph: Graph, ontology: Graph | None = None) -> ReferenceBackend:
        """A backend over a graph already in memory (the Python API's ``load()`` result)."""
        backend = cls(GraphInput(data=()))
        backend.__dict__["data"] = graph
        backend.__dict__["ontology"] = ontology if ontology is not None else Graph()
        return backend

    @cached_property
    def data(self) -> Graph:
        from medgraph.loader import load_input

        return load_input(self.input)

    @cached_property
    def ontology(self) -> Graph:
        from medgraph.loader import parse_source

        graph = Graph()
        if not self.input.shipped:
            for source in self.input.ontology:
                parse_source(source, graph)
        return graph

    @cached_property
    def _queried(self) -> Graph:
        """The data with the ontology alongside: what queries see."""
        if not len(self.ontology):
            return self.data
        union = Graph()
        for prefix, namespace in self.data.namespaces():
            union.bind(prefix, namespace)
        union += self.data
        union += self.ontology
        return union

    def query(
        self,
        query: NamedQuery | str,
        params: Mapping[str, str] | None = None,
        *,
        allow_service: bool = False,
    ) -> QueryResult:
        return run_query(self._queried, query, params, allow_service=allow_service)

    def validate(
        self, shapes: Graph | None = None, *, with_report_graph: bool = True
    ) -> ValidationReport:
        from medgraph.validation import validate_graph

        return validate_graph(self.data, shapes, page_folders=self.input.paths)

    def export(self, fmt: str) -> bytes:
        from medgraph.release import serialize

        return serialize(self.data, fmt)

    def release(
        self,
        out_dir: Path | str,
        *,
        validation_report: Graph | None = None,
        inferred: Graph | None = None,
        extra_files: dict[str, bytes] | None = None,
    ) -> ReleaseSummary:
        from medgraph.release import build_release

        return build_release(
            out_dir,
            self.data,
            validation_report=validation_report,
            inferred=inferred,
            extra_files=extra_files,
        )

    def stats(self) -> GraphStats:
        from medgraph.release import graph_stats

        return graph_stats(self.data)

    def class_counts(self) -> dict[str, int]:
        from medgraph.release import class_counts

        return class_counts(self.data)

    def to_rdflib(self) -> Graph:
        return self.data

    def is_empty(self) -> bool:
        return len(self.data) == 0

    def __len__(self) -> int:
        return len(self.data)
