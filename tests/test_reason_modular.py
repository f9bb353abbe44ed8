"""Reasoning condition by condition: the split into modules (no Java needed), and the real
HermiT giving exactly the whole-graph answer on a graph of two conditions (the shipped one and
a renamed copy, from ``benchmarks/generate.py``), finding the inconsistent module with the
whole-graph explanation, and stopping on time."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from medgraph import reason
from medgraph.errors import ExitCode, ReasonerUnavailable
from medgraph.loader import load_files, load_ontology
from medgraph.reason.modules import split_graph
from medgraph.reason.values import property_values_needed

from .conftest import benchmark_generator

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "reason"
MGO = Namespace("https://w3id.org/medgraph/ontology/")
ID = Namespace("https://w3id.org/medgraph/id/")
EX = Namespace("https://example.org/modular/")
CONDITION_0 = ID["condition/cervical-incompetence"]
CONDITION_1 = ID["condition/cervical-incompetence-c1"]

reasoner = pytest.mark.reasoner


@pytest.fixture(scope="module")
def two_conditions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped graph and a copy of it with every data IRI renamed (``...-c1``)."""
    path = tmp_path_factory.mktemp("modular") / "two.nt"
    benchmark_generator().write_graph(path, 2)
    return path


@pytest.fixture(scope="module")
def two_graph(two_conditions: Path) -> Graph:
    return load_files([two_conditions])


@pytest.fixture(scope="module")
def java() -> str:
    try:
        return reason.find_java()
    except ReasonerUnavailable as exc:
        pytest.skip(f"Java is not installed: {exc}")


def _ontology_with(*triples: tuple[object, object, object]) -> Graph:
    graph = load_ontology()
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    return graph


# --- the split (no Java) ----------------------------------------------------------------------


def test_each_condition_gets_a_module_with_its_claims_and_the_shared_nodes(
    two_graph: Graph,
) -> None:
    split = split_graph(two_graph)
    assert [m.conditions for m in split.modules] == [(CONDITION_0,), (CONDITION_1,)]
    first, second = (Graph() for _ in range(2))
    for graph, module in zip((first, second), split.modules, strict=True):
        for triple in module.triples:
            graph.add(triple)
    # Claims point at their condition but are not reached from it: they join its module.
    claim = ID["claim/risk-factor-cone-biopsy"]
    assert (claim, MGO.claimSubject, CONDITION_0) in first
    assert (ID["claim/risk-factor-cone-biopsy-c1"], MGO.claimSubject, CONDITION_1) in second
    assert not set(first.subjects(MGO.claimSubject, CONDITION_1))
    # A website is shared: each module has it, with its own triples.
    website = ID["website/ncbi-nlm-nih-gov"]
    assert set(first.triples((website, None, None))) == set(second.triples((website, None, None)))
    assert set(first.triples((website, None, None)))
    # Nothing is lost: every triple is in the ontology, the shared part or a module.
    covered = set(split.ontology) | set(split.shared) | set(first) | set(second)
    assert set(two_graph) <= covered
    assert property_values_needed(two_graph, split.axioms) is None


def _by_condition(graph: Graph) -> list[tuple[URIRef, ...]]:
    """The conditions of each module (leaving out the module of the ontology's individuals
    that no data reaches)."""
    return [m.conditions for m in split_graph(graph).modules if m.conditions]


def _two_conditions_sharing(node_types: list[URIRef]) -> Graph:
    graph = _ontology_with()
    shared = EX.shared
    for name in ("a", "b"):
        graph.add((EX[name], RDF.type, MGO.Condition))
        graph.add((EX[name], MGO.hasRiskFactor, shared))
    for cls in node_types:
        graph.add((shared, RDF.type, cls))
    return graph


def test_a_shared_node_whose_type_follows_from_its_own_types_is_copied() -> None:
    assert _by_condition(_two_conditions_sharing([MGO.DemographicRiskFactor])) == [
        (EX.a,),
        (EX.b,),
    ]


def test_a_shared_node_typed_only_by_the_values_that_point_at_it_merges_the_modules() -> None:
    """Without its own type, the node is a risk factor only through the range of each module's
    value; a module could miss a type another one gives it, so they are reasoned together."""
    assert _by_condition(_two_conditions_sharing([])) == [(EX.a, EX.b)]


def test_an_inverse_functional_value_shared_by_two_conditions_merges_the_modules() -> None:
    """Two references with the same authorship are the same reference (hasAuthorship is
    inverse-functional): the two modules must see both."""
    graph = _ontology_with()
    for name in ("a", "b"):
        graph.add((EX[name], RDF.type, MGO.Condition))
        graph.add((EX[name], MGO.citesReference, EX[f"reference-{name}"]))
        graph.add((EX[f"reference-{name}"], RDF.type, MGO.JournalArticle))
        graph.add((EX[f"reference-{name}"], MGO.hasAuthorship, EX.authorship))
    graph.add((EX.authorship, RDF.type, MGO.Authorship))
    assert _by_condition(graph) == [(EX.a, EX.b)]
    assert property_values_needed(graph, split_graph(graph).axioms) is not None


def test_property_values_are_listed_when_the_completion_cannot_find_them() -> None:
    restriction = BNode()
    graph = _ontology_with(
        (EX.Marked, RDF.type, OWL.Class),
        (EX.Marked, RDFS.subClassOf, restriction),
        (restriction, RDF.type, OWL.Restriction),
        (restriction, OWL.onProperty, MGO.hasOutcome),
        (restriction, OWL.hasValue, EX.outcome),
    )
    split = split_graph(graph)
    assert property_values_needed(graph, split.axioms) == "the graph uses owl:hasValue"
    plain = load_ontology()
    plain.add((EX.x, MGO.sourceKind, MGO.Encyclopedia))
    plain.add((EX.x, MGO.sourceKind, MGO.BookListing))  # functional: the two are merged
    assert "functional" in (property_values_needed(plain, split_graph(plain).axioms) or "")


@pytest.fixture
def failing_java(tmp_path: Path) -> Iterator[Path]:
    fake = tmp_path / "java"
    fake.write_text(
        "#!/bin/sh\necho 'Exception in thread \"main\" java.lang.Error: boom' >&2\nexit 1\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    yield fake


def test_a_reasoner_crash_by_condition_is_one_line(failing_java: Path, two_graph: Graph) -> None:
    with pytest.raises(ReasonerUnavailable, match=r"^HermiT failed: java\.lang\.Error: boom$"):
        reason.reason_graph(two_graph, java=failing_java, java_memory="512m", modular=True)


# --- the real reasoner ------------------------------------------------------------------------


def _first_line_apart(report: str) -> tuple[str, str]:
    first, _, rest = report.partition("\n")
    return first, rest


@reasoner
def test_by_condition_gives_exactly_the_whole_graph_answer(
    run_cli, java, two_conditions: Path, tmp_path: Path
) -> None:
    outputs = {}
    for flag in ("--whole-graph", "--by-condition"):
        out = tmp_path / f"{flag.strip('-')}.ttl"
        result = run_cli("reason", flag, "--all", "--out", str(out), str(two_conditions))
        assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
        outputs[flag] = (_first_line_apart(result.stdout), out.read_bytes())
    (whole_first, whole_report), whole_ttl = outputs["--whole-graph"]
    (modular_first, modular_report), modular_ttl = outputs["--by-condition"]
    assert re.fullmatch(r"consistent: yes \(HermiT, [\d.]+ s\)", whole_first)
    assert re.fullmatch(
        r"consistent: yes \(HermiT, by condition in 2 modules, [\d.]+ s\)", modular_first
    )
    assert modular_report == whole_report  # every group, subclass relation and count
    assert modular_ttl == whole_ttl  # every inferred triple, byte for byte
    inferred = Graph().parse(data=modular_ttl, format="turtle")
    for copy in ("", "-c1"):  # both conditions' entailments are there
        cone_biopsy = ID[f"risk-factor/cone-biopsy{copy}"]
        assert (cone_biopsy, RDF.type, MGO.IatrogenicRiskFactor) in inferred


@reasoner
@pytest.mark.parametrize("fixture", ["treatment-as-risk-factor.ttl", "position-out-of-range.ttl"])
def test_the_inconsistent_module_is_found_and_explained(
    java, shipped_graph: Graph, fixture: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixture next to the shipped graph: two modules (the fixture's condition, or its data
    that reaches no condition), one inconsistent, explained as in a whole-graph run. One Java
    process reasons over both, the shipped graph's module first: the module HermiT stopped at
    is the fixture's."""
    monkeypatch.setattr("medgraph.reason.modular.default_processes", lambda: 1)
    broken = load_files([FIXTURES / fixture]) + load_ontology()
    graph = broken + shipped_graph
    assert split_graph(graph).modules[0].conditions == (CONDITION_0,)
    with pytest.raises(reason.InconsistentOntologyError) as caught:
        reason.reason_graph(graph, modular=True)
    assert str(caught.value).startswith("the graph is inconsistent (HermiT); the cause:")
    assert caught.value.explanations == tuple(reason.explain_inconsistency(broken))
    assert caught.value.explanations


@reasoner
def test_property_values_by_condition_match_the_whole_graph(java) -> None:
    """A graph where HermiT must list property values (owl:hasValue gives each marked condition
    an outcome): the modules are reasoned with them, and agree with the whole graph."""
    restriction = BNode()
    graph = _ontology_with(
        (EX.Marked, RDF.type, OWL.Class),
        (EX.Marked, RDFS.subClassOf, MGO.Condition),
        (EX.Marked, RDFS.subClassOf, restriction),
        (restriction, RDF.type, OWL.Restriction),
        (restriction, OWL.onProperty, MGO.hasOutcome),
        (restriction, OWL.hasValue, EX.outcome),
        (EX.a, RDF.type, EX.Marked),
        (EX.b, RDF.type, EX.Marked),
        (EX.b, RDFS.label, Literal("b", lang="en")),
    )
    whole = reason.reason_graph(graph, modular=False)
    modular = reason.reason_graph(graph, modular=True)
    assert modular.modules == len(split_graph(graph).modules) >= 2
    assert (modular.memberships, modular.assertions) == (whole.memberships, whole.assertions)
    assert reason.PropertyAssertion(EX.a, MGO.hasOutcome, EX.outcome) in modular.assertions
    assert reason.PropertyAssertion(EX.outcome, MGO.isOutcomeOf, EX.b) in modular.assertions


@reasoner
def test_a_time_out_by_condition_stops_every_java_process(
    java, two_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(ReasonerUnavailable) as caught:
        reason.reason_graph(two_graph, modular=True, timeout=0.5)
    assert str(caught.value).startswith("HermiT did not finish within 0.5 s and was stopped")
    assert list(scratch.iterdir()) == [], "the modules and HermiT's output are removed"
    assert _children() == [], "no Java process is left running"


def _children() -> list[str]:
    """The Java processes whose parent is this one (Linux: from /proc); servers that session
    fixtures started (Oxigraph, Virtuoso) are children too, and are not counted."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc")
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and _is_java(stat_file.parent):
            found.append(stat_file.parent.name)
    return found


def _is_java(process: Path) -> bool:
    try:
        command = (process / "cmdline").read_bytes().split(b"\0")[0]
    except OSError:
        return False
    return Path(command.decode("utf-8", "replace")).name.startswith("java")
