"""The Python API: ``medgraph.load``, ``validate``, ``query``, ``build``, ``open_backend`` and
``differential``.

Each takes what pySHACL's ``validate()`` takes: a path, several paths, an rdflib graph, or
nothing for the shipped graph. Errors are :class:`medgraph.errors.MedgraphError` subclasses
with structured fields (``InputSyntaxError.line``, ``BuildFailed.gate``, ...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from rdflib import Graph

    from medgraph.backends.base import Backend
    from medgraph.differential.index import DifferentialIndex
    from medgraph.differential.result import DifferentialResult
    from medgraph.queries import NamedQuery, QueryResult
    from medgraph.validation import ValidationReport

__all__ = ["DataArg", "differential", "load", "query", "validate"]

DataArg = Union["Graph", Path, str, Sequence[Path | str], None]
"""A graph, a path, several paths, or ``None`` for the shipped graph."""


def _backend(data: DataArg, backend: str, *, allow_remote: bool = False) -> Backend:
    from rdflib import Graph

    from medgraph.backends import open_backend
    from medgraph.backends.reference import ReferenceBackend

    if isinstance(data, Graph):
        from medgraph.loader import load_ontology

        return ReferenceBackend.from_graph(data, load_ontology())
    paths = [data] if isinstance(data, str | Path) else data
    return open_backend(backend, paths, allow_remote=allow_remote)


def load(data: DataArg = None, *, allow_remote: bool = False) -> Graph:
    """The graph in rdflib: your files (checked; folders searched) or the shipped graph."""
    from rdflib import Graph

    if isinstance(data, Graph):
        return data
    from medgraph.backends import open_backend

    paths = [data] if isinstance(data, str | Path) else data
    return open_backend("rdflib", paths, allow_remote=allow_remote, with_ontology=False).to_rdflib()


def validate(
    data: DataArg = None,
    *,
    shapes: Graph | None = None,
    backend: str = "auto",
    allow_remote: bool = False,
    checks: bool = True,
) -> ValidationReport:
    """Validate against medgraph's shapes (or ``shapes``), the ontology mixed in, and with
    medgraph's shapes also run the quality checks (``checks=False`` leaves them out): their
    rows are findings at each check's level (:mod:`medgraph.quality`)."""
    graph = _backend(data, backend, allow_remote=allow_remote)
    report = graph.validate(shapes)
    if shapes is None and checks:
        from medgraph import quality

        report = quality.with_checks(report, quality.run_checks(graph))
    return report


def query(
    query: NamedQuery | str,
    data: DataArg = None,
    params: Mapping[str, str] | None = None,
    *,
    backend: str = "auto",
    allow_service: bool = False,
) -> QueryResult:
    """Run a named query (by name, ``.rq`` path, or SPARQL text) with bound parameters."""
    from medgraph.queries import get_query, list_queries

    if (isinstance(query, str) and query in {q.name for q in list_queries()}) or (
        isinstance(query, str) and query.endswith(".rq")
    ):
        query = get_query(query)
    named: NamedQuery | str = query
    return _backend(data, backend).query(named, params, allow_service=allow_service)


def differential(
    findings: Sequence[str],
    absent: Sequence[str] = (),
    *,
    sex: str | None = None,
    age: float | str | None = None,
    top: int = 10,
    backend: str | Backend = "auto",
    paths: Sequence[Path | str] | None = None,
    extra: Sequence[Path | str] = (),
    index: DifferentialIndex | None = None,
) -> DifferentialResult:
    """Rank the graph's conditions for ``findings`` (HP ids, CURIEs, IRIs or words: labels,
    synonyms, lay terms), with findings known to be ``absent``, ``sex`` and ``age`` (years);
    each returned condition with its score and explanation (matches, frequencies, claims,
    evidence, references). The graph is the shipped one, or ``paths``, with ``extra`` files
    beside it (an HPO import: ``extra=["hpo-import/hpo.nt"]``), in ``backend``; its index is
    built once per process. See docs/differential.md."""
    from medgraph.differential.run import differential as run

    return run(
        findings,
        absent,
        sex=sex,
        age=age,
        top=top,
        backend=backend,
        paths=paths,
        extra=extra,
        index=index,
    )
