"""The SHACL shapes in shapes/: each rule seen firing on a fixture that breaks it, and nowhere else.

``tests/shapes/valid.ttl`` is a tiny but complete graph that conforms with no result at all.
Each ``tests/shapes/invalid/*.ru`` is a SPARQL Update applied to a copy of it; its header says
what it breaks and lists every result the shapes must report, one line each::

    # A claim whose only mgo:supportedBy is removed.
    # expect: Violation claim:sign-vaginal-bleeding mgo:supportedBy MinCount shape:Claim-hasEvidence
    DELETE DATA { claim:sign-vaginal-bleeding mgo:supportedBy reference:example-2011 }

The fields are severity, focus node, path (``-`` when the result has none, ``^p`` for an inverse
path), rule (the constraint component) and the shape (``shape:`` is
https://w3id.org/medgraph/shapes/). A blank focus node is written ``_:``. The test asserts that
the report holds exactly these results, and that each message says how to fix the data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH

from medgraph.loader import load_ontology, load_shapes, parse_file
from medgraph.namespaces import PREFIXES
from medgraph.validation import ValidationReport, ValidationResult, validate_graph

HERE = Path(__file__).parent / "shapes"
VALID = HERE / "valid.ttl"
INVALID = HERE / "invalid"
FIXTURES = sorted(INVALID.glob("*.ru"))

SHAPE = Namespace("https://w3id.org/medgraph/shapes/")
SHAPES_ONTOLOGY = URIRef("https://w3id.org/medgraph/shapes")
UPDATE_PREFIXES = {**PREFIXES, "shape": str(SHAPE)}

# Predicates that describe or wire a shape but constrain nothing by themselves.
NON_CONSTRAINTS = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.name,
    SH.description,
    SH.message,
    SH.severity,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.property,
    SH.path,
    SH.order,
    SH.group,
    SH.deactivated,
}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
SEVERITIES = {SH.Violation, SH.Warning, SH.Info}

# A message says what is wrong, then ": ", then how to fix the data, starting with one of these.
FIX_VERBS = {
    "add",
    "cite",
    "copy",
    "give",
    "keep",
    "link",
    "look",
    "merge",
    "mint",
    "model",
    "move",
    "number",
    "point",
    "record",
    "remove",
    "renumber",
    "say",
    "set",
    "split",
    "tag",
    "type",
    "use",
    "verify",
    "write",
}


class Expected(NamedTuple):
    severity: str
    focus: str
    path: str
    rule: str
    shape: str

    def __str__(self) -> str:
        return " ".join(self)


class Fixture(NamedTuple):
    title: str
    expected: frozenset[Expected]
    update: str


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _prepared_query_cache() -> Iterator[None]:
    """Parse each SPARQL constraint once, not once per focus node.

    pySHACL hands rdflib the text of a SPARQL constraint for every focus node, and rdflib
    parses it every time: parsing is most of the validation time. Caching the translated query
    (keyed on its text, base and namespaces) gives the same results three to four times faster.
    rdflib's own prepareQuery objects are meant to be run many times like this.
    """
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    original = processor.SPARQLProcessor.query

    @functools.lru_cache(maxsize=512)
    def prepared(text: str, base: str | None, namespaces: frozenset) -> object:  # type: ignore[type-arg]
        return translateQuery(parseQuery(text), base, dict(namespaces))

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # type: ignore[no-untyped-def]
        if isinstance(strOrQuery, str):
            strOrQuery = prepared(strOrQuery, base, frozenset((initNs or {}).items()))
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processor.SPARQLProcessor, "query", query)
        yield


@functools.cache
def shapes_graph() -> Graph:
    return load_shapes()


@functools.cache
def ontology_graph() -> Graph:
    return load_ontology()


@functools.cache
def valid_graph() -> Graph:
    return parse_file(VALID)


def validate(graph: Graph) -> ValidationReport:
    return validate_graph(graph, shapes=shapes_graph(), ontology=ontology_graph())


def read_fixture(path: Path) -> Fixture:
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    title = header[0].lstrip("# ").strip() if header else ""
    expected = set()
    for line in header:
        if line.startswith("# expect:"):
            fields = line.removeprefix("# expect:").split()
            assert len(fields) == 5, f"{path.name}: an expect line has 5 fields: {line!r}"
            expected.add(Expected(*fields))
    assert title and not title.startswith("expect:"), f"{path.name}: first line says what it breaks"
    assert expected, f"{path.name}: no '# expect:' line"
    return Fixture(title, frozenset(expected), text)


def _normal_shape(shape: str) -> str:
    iri = shape.removeprefix("<").removesuffix(">")
    return "shape:" + iri.removeprefix(str(SHAPE)) if iri.startswith(str(SHAPE)) else shape


def _normal_focus(focus: str) -> str:
    # A blank focus node has no stable name: whatever the report prints for it is "_:".
    if focus.startswith("_:") or (":" not in focus and not focus.startswith("<")):
        return "_:"
    return focus


def observed(result: ValidationResult) -> Expected:
    return Expected(
        result.severity,
        _normal_focus(result.focus_node),
        result.path or "-",
        result.rule,
        _normal_shape(result.shape),
    )


@functools.cache
def mutated_report(path: Path) -> ValidationReport:
    """Validate valid.ttl with the fixture's update applied (once per fixture per session)."""
    graph = Graph()
    graph += valid_graph()
    graph.update(read_fixture(path).update, initNs=UPDATE_PREFIXES)
    assert not isomorphic(graph, valid_graph()), f"{path.name}: the update changed nothing"
    return validate(graph)


def says_how_to_fix(message: str) -> bool:
    _, separator, fix = message.partition(": ")
    first = fix.split(maxsplit=1)[0].lower() if fix else ""
    return bool(separator) and first in FIX_VERBS


def _shape_nodes(graph: Graph) -> set:  # type: ignore[type-arg]
    nodes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    nodes |= set(graph.objects(None, SH.property)) | set(graph.subjects(SH.path, None))
    return nodes


def shapes_under_test(graph: Graph) -> set[str]:
    """Every shape that can produce a result: targeted node shapes that constrain the node
    themselves, and the property shapes of targeted node shapes. Helper shapes used only inside
    sh:or / sh:not report through the shape that uses them."""
    found = set()
    for node in _shape_nodes(graph):
        targeted = any(graph.value(node, target) is not None for target in TARGETS)
        if targeted and any(p not in NON_CONSTRAINTS for p in graph.predicates(node, None)):
            found.add(node)
        if targeted:
            found.update(graph.objects(node, SH.property))
    return {_normal_shape(f"<{node}>") for node in found}


def messages_of(graph: Graph, shape: URIRef) -> list[Literal]:
    messages = list(graph.objects(shape, SH.message))
    for constraint in graph.objects(shape, SH.sparql):
        messages.extend(graph.objects(constraint, SH.message))
    return messages  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# The valid graph
# ---------------------------------------------------------------------------------------------


def test_valid_graph_conforms_without_any_result() -> None:
    report = validate(valid_graph())
    assert report.conforms
    assert report.results == [], "\n".join(str(observed(r)) for r in report.results)


# ---------------------------------------------------------------------------------------------
# One fixture per rule
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_invalid_fixture_reports_exactly_what_it_expects(path: Path) -> None:
    fixture = read_fixture(path)
    report = mutated_report(path)
    seen = {observed(r) for r in report.results}
    missing = sorted(map(str, fixture.expected - seen))
    unexpected = sorted(map(str, seen - fixture.expected))
    assert not missing and not unexpected, (
        f"{path.name}: {fixture.title}\n  missing: {missing}\n  unexpected: {unexpected}"
    )
    if any(e.severity == "Violation" for e in fixture.expected):
        assert not report.conforms
    else:
        assert report.conforms, "warnings alone must not make the graph non-conforming"
    for result in report.results:
        assert says_how_to_fix(result.message), f"{path.name}: {result.message!r}"


def test_every_shape_is_exercised_by_a_fixture() -> None:
    exercised = {observed(r).shape for path in FIXTURES for r in mutated_report(path).results}
    expected = shapes_under_test(shapes_graph())
    assert sorted(expected - exercised) == [], "shapes that no fixture violates"
    assert sorted(exercised - expected) == [], "results from shapes the test does not know"


def test_fixture_files_are_named_and_distinct() -> None:
    assert len(FIXTURES) >= 100
    for path in FIXTURES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem), path.name
    changes = [
        "\n".join(line for line in read_fixture(p).update.splitlines() if not line.startswith("#"))
        for p in FIXTURES
    ]
    assert len(set(changes)) == len(changes), "two fixtures make the same change"


# ---------------------------------------------------------------------------------------------
# The shapes themselves
# ---------------------------------------------------------------------------------------------


def test_shapes_files_are_named_shacl_ttl() -> None:
    from medgraph.resources import shapes_files

    files = shapes_files()
    assert files and all(p.name.endswith(".shacl.ttl") for p in files)


def test_every_shape_is_named_and_documented() -> None:
    graph = shapes_graph()
    shapes = _shape_nodes(graph) | set(graph.objects(None, SH.sparql))
    for shape in shapes:
        assert isinstance(shape, URIRef) and str(shape).startswith(str(SHAPE)), shape
        assert list(graph.objects(shape, RDFS.label)), f"{shape}: no rdfs:label"
        if (shape, RDF.type, SH.SPARQLConstraint) not in graph:
            assert list(graph.objects(shape, RDFS.comment)), f"{shape}: no rdfs:comment"
        if graph.value(shape, SH.path) is not None:
            assert graph.value(shape, SH.name) is not None, f"{shape}: no sh:name"
            assert graph.value(shape, SH.description) is not None, f"{shape}: no sh:description"


def test_every_shape_under_test_states_severity_and_how_to_fix() -> None:
    graph = shapes_graph()
    for name in shapes_under_test(graph):
        shape = SHAPE[name.removeprefix("shape:")]
        assert graph.value(shape, SH.severity) in SEVERITIES, f"{name}: no explicit sh:severity"
        messages = messages_of(graph, shape)
        assert len(messages) == 1, f"{name}: needs exactly one sh:message"
        assert messages[0].language == "en", f"{name}: message not tagged @en"
        assert says_how_to_fix(str(messages[0])), f"{name}: message does not say how to fix"


def test_sparql_constraints_are_one_per_shape_declared_and_anchored() -> None:
    from rdflib.plugins.sparql import prepareQuery

    graph = shapes_graph()
    declared = {
        str(graph.value(d, SH.prefix)): str(graph.value(d, SH.namespace))
        for d in graph.objects(SHAPES_ONTOLOGY, SH.declare)
    }
    assert (SHAPES_ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert {"mgo", "rdf", "rdfs", "bibo"} <= set(declared)
    for shape in set(graph.subjects(SH.sparql, None)):
        constraints = list(graph.objects(shape, SH.sparql))
        assert len(constraints) == 1, f"{shape}: one SPARQL rule per node shape"
        constraint = constraints[0]
        assert graph.value(constraint, SH.prefixes) == SHAPES_ONTOLOGY, constraint
        query = str(graph.value(constraint, SH.select))
        prepareQuery(query, initNs=declared)  # parses with the declared prefixes only
        # Every pattern starts from the pre-bound focus node: no query scans the whole graph.
        assert re.search(r"\$this\s+(\?|[a-z]+:|\^)", query) or "FILTER NOT EXISTS" in query, shape
        assert not isinstance(constraint, BNode)
