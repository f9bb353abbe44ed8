"""Graph-wide work (validation, export, release, counts) for backends that only answer queries.

An on-disk store or a remote endpoint answers SPARQL; to validate or export what it holds,
medgraph reads its triples once as N-Triples and hands them to the fast backend, with the
shipped ontology alongside as for any user data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from medgraph import formats

if TYPE_CHECKING:
    from rdflib import Graph

    from medgraph.backends.fast import OxigraphBackend
    from medgraph.release import GraphStats, ReleaseSummary
    from medgraph.validation import ValidationReport

__all__ = ["Materialised"]


class Materialised:
    """Mixin: graph-wide methods computed on the data read once through ``_read_ntriples``."""

    descriptor: str
    _read_ntriples: Callable[[], bytes]

    @cached_property
    def _local(self) -> OxigraphBackend:
        from medgraph.backends.fast import OxigraphBackend
        from medgraph.inputs import GraphInput, Source, ontology_sources

        data = Source(self.descriptor, self._read_ntriples(), formats.by_name("nt"))
        return OxigraphBackend(GraphInput(data=(data,), ontology=ontology_sources()))

    def validate(
        self, shapes: Graph | None = None, *, with_report_graph: bool = True
    ) -> ValidationReport:
        return self._local.validate(shapes, with_report_graph=with_report_graph)

    def export(self, fmt: str) -> bytes:
        return self._local.export(fmt)

    def release(
        self,
        out_dir: Path | str,
        *,
        validation_report: Graph | None = None,
        inferred: Graph | None = None,
        extra_files: dict[str, bytes] | None = None,
    ) -> ReleaseSummary:
        return self._local.release(
            out_dir,
            validation_report=validation_report,
            inferred=inferred,
            extra_files=extra_files,
        )

    def stats(self) -> GraphStats:
        return self._local.stats()

    def class_counts(self) -> dict[str, int]:
        return self._local.class_counts()

    def to_rdflib(self) -> Graph:
        return self._local.to_rdflib()

    def is_empty(self) -> bool:
        return self._local.is_empty()

    def __len__(self) -> int:
        return len(self._local)
