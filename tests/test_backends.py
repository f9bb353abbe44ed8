"""The parity suite: every backend, the same graphs, the same answers.

Each backend of :mod:`medgraph.backends` (rdflib, in-memory Oxigraph, an on-disk store, a real
Oxigraph SPARQL server on 127.0.0.1) is given the shipped graph and the shipped graph with
defects of every kind (SHACL violations, and rows for every quality-check query). Every named
query must give the same rows, validation the same findings, export the same triples, and the
counts must agree. A new backend is added to :data:`BACKENDS` and must pass all of this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.term import Node

from medgraph import formats
from medgraph.backends import open_backend
from medgraph.backends.base import Backend
from medgraph.backends.reference import ReferenceBackend
from medgraph.inputs import GraphInput, Source, assemble, ontology_sources
from medgraph.queries import list_queries
from medgraph.store import load_store

from .conftest import running_oxigraph

FIXTURES = Path(__file__).parent / "fixtures" / "parity"
BACKENDS = ("rdflib", "oxigraph", "store", "sparql")
GRAPHS = ("shipped", "defects")
QUERIES = [q.name for q in list_queries()]
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.positiveInteger, XSD.nonNegativeInteger}


@pytest.fixture(scope="module")
def graph_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path] | None]:
    """The graphs every backend is given: the shipped graph, and the shipped graph (as one
    N-Triples file, ontology included) with the defects beside it."""
    folder = tmp_path_factory.mktemp("parity")
    shipped = folder / "shipped.nt"
    shipped.write_bytes(open_backend("rdflib").export("nt"))
    return {"shipped": None, "defects": [shipped, FIXTURES / "defects.ttl"]}


@pytest.fixture(scope="module")
def backends(
    graph_paths: dict[str, list[Path] | None], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str, str], Backend]]:
    """``get(backend, graph)``: each backend holding each graph, made once per module."""
    opened: dict[tuple[str, str], Backend] = {}
    with_servers: list[object] = []

    def get(kind: str, graph: str) -> Backend:
        key = (kind, graph)
        if key in opened:
            return opened[key]
        paths = graph_paths[graph]
        if kind in ("rdflib", "oxigraph"):
            opened[key] = open_backend(kind, paths)
        else:
            folder = tmp_path_factory.mktemp(f"{kind}-{graph}") / "store"
            load_store(folder, graph_input=assemble(paths, with_ontology=False))
            if kind == "store":
                opened[key] = open_backend(f"store:{folder}")
            else:
                server = running_oxigraph(folder)
                url = server.__enter__()
                with_servers.append(server)
                opened[key] = open_backend(f"sparql:{url}/query")
        return opened[key]

    yield get
    for server in with_servers:
        server.__exit__(None, None, None)  # type: ignore[attr-defined]


def _text(term: Node | None) -> str:
    """A cell as text; numbers by value (Oxigraph answers ``15`` where rdflib keeps ``15.0``)."""
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        return format(Decimal(str(term)).normalize(), "f")
    return str(term)


def _rows(backend: Backend, name: str) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of text: row order and literal datatypes may differ by engine
    (Oxigraph gives ``xsd:integer`` where rdflib keeps ``xsd:positiveInteger``)."""
    result = backend.query(next(q for q in list_queries() if q.name == name))
    return sorted(tuple(_text(row.get(v)) for v in result.variables) for row in result.rows)


def _as_stored(backend: Backend) -> Backend:
    """The reference backend over the graph as an Oxigraph store gives it back (values, not
    spellings): what an endpoint holding the same graph can answer with."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(backend.export("nt"), format=ox.RdfFormat.N_TRIPLES)
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    source = Source("stored", data, formats.by_name("nt"))
    return ReferenceBackend(GraphInput(data=(source,), ontology=ontology_sources()))


@pytest.mark.server
@pytest.mark.parametrize("graph", GRAPHS)
@pytest.mark.parametrize("kind", BACKENDS[1:])
@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_gives_the_reference_rows(
    backends: Callable[[str, str], Backend], kind: str, graph: str, name: str
) -> None:
    assert _rows(backends(kind, graph), name) == _rows(backends("rdflib", graph), name)


@pytest.mark.server
@pytest.mark.parametrize("kind", BACKENDS)
def test_the_defects_are_found_by_every_quality_check(
    backends: Callable[[str, str], Backend], kind: str
) -> None:
    """The defective graph really is defective for each QC query (and the shipped one not),
    so that the row comparison above compares something."""
    for name in (q for q in QUERIES if q.startswith("qc-")):
        assert _rows(backends(kind, "defects"), name), name
        assert not _rows(backends(kind, "shipped"), name), name


@pytest.mark.server
@pytest.mark.parametrize("kind", BACKENDS[1:])
def test_quality_checks_give_the_reference_findings(
    backends: Callable[[str, str], Backend], kind: str
) -> None:
    """The checks' rows, as validation reports them (severity, focus, values, message)."""
    from medgraph.quality import failing, run_checks, with_checks
    from medgraph.validation import ValidationReport

    reference = run_checks(backends("rdflib", "defects"))
    other = run_checks(backends(kind, "defects"))
    assert set(failing(other)) == set(failing(reference)) != set()
    empty = ValidationReport(conforms=True)
    found = with_checks(empty, other)
    assert found.results == with_checks(empty, reference).results
    assert not found.conforms and {r.severity for r in found.results} == {"Violation", "Warning"}


@pytest.mark.server
@pytest.mark.parametrize("graph", GRAPHS)
@pytest.mark.parametrize("kind", BACKENDS[1:])
def test_validation_gives_the_reference_findings(
    backends: Callable[[str, str], Backend], kind: str, graph: str
) -> None:
    expected = backends("rdflib", graph)
    if kind == "sparql":  # the endpoint gives back values, not spellings; documented
        expected = _as_stored(expected)
    reference = expected.validate()
    report = backends(kind, graph).validate()
    assert report.conforms == reference.conforms
    if kind != "sparql":  # an Oxigraph endpoint turns xsd:positiveInteger into xsd:integer
        assert report.conforms == (graph == "shipped")
    assert sorted(report.results) == sorted(reference.results)


@pytest.mark.server
@pytest.mark.parametrize("graph", GRAPHS)
@pytest.mark.parametrize("kind", BACKENDS[1:])
def test_export_holds_the_reference_triples_and_counts(
    backends: Callable[[str, str], Backend], kind: str, graph: str
) -> None:
    reference, other = backends("rdflib", graph), backends(kind, graph)
    if kind == "sparql":  # the endpoint gives back values, not spellings; documented
        reference = _as_stored(reference)
    expected = Graph().parse(data=reference.export("nt").decode("utf-8"), format="nt")
    exported = Graph().parse(data=other.export("nt").decode("utf-8"), format="nt")
    assert isomorphic(exported, expected)
    assert len(other) == len(reference) == len(expected)
    assert other.class_counts() == reference.class_counts()
    assert other.stats().triples == reference.stats().triples


@pytest.mark.server
@pytest.mark.parametrize("graph", GRAPHS)
@pytest.mark.parametrize("kind", BACKENDS[1:])
def test_kgx_export_gives_the_reference_files(
    backends: Callable[[str, str], Backend], kind: str, graph: str
) -> None:
    from medgraph import kgx

    reference = kgx.kgx_files(backends("rdflib", graph).query)
    assert kgx.kgx_files(backends(kind, graph).query) == reference
