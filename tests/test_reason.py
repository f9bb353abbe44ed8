"""OWL reasoning: the real HermiT (and Pellet, where a Java it runs on is present) over the
shipped graph and over fixtures that break an axiom; clear failures when Java is missing,
crashes or runs out of time."""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from medgraph import reason
from medgraph.cli.reason import REASONER_NAMES
from medgraph.errors import ExitCode, InputError, ReasonerUnavailable
from medgraph.loader import load_files, load_ontology

FIXTURES = Path(__file__).parent / "fixtures" / "reason"
MGO = Namespace("https://w3id.org/medgraph/ontology/")
ID = "https://w3id.org/medgraph/id/"
CONDITION = URIRef(ID + "condition/cervical-incompetence")
PCOS = URIRef(ID + "risk-factor/polycystic-ovary-syndrome")
CONE_BIOPSY = URIRef(ID + "risk-factor/cone-biopsy")
DES_EXPOSURE = URIRef(ID + "risk-factor/diethylstilbestrol-exposure")
CERCLAGE = URIRef(ID + "treatment/cervical-cerclage")
SHIRODKAR = URIRef(ID + "treatment/shirodkar-cerclage")
IATROGENIC = {
    CONE_BIOPSY,
    DES_EXPOSURE,
    URIRef(ID + "risk-factor/in-utero-diethylstilbestrol-exposure"),  # a drug the mother took
    URIRef(ID + "risk-factor/previous-cervical-surgery"),
    URIRef(ID + "risk-factor/repeated-cervical-dilation"),
    URIRef(ID + "risk-factor/termination-of-pregnancy"),
}

reasoner = pytest.mark.reasoner


def _java_or_skip() -> str:
    try:
        return reason.find_java()
    except ReasonerUnavailable as exc:
        why = str(exc)
        pytest.skip(
            why if why.startswith("Java is not installed") else f"Java is not installed: {why}"
        )


@pytest.fixture(scope="module")
def java() -> str:
    return _java_or_skip()


@pytest.fixture(scope="module")
def asserted(shipped_graph: Graph) -> Graph:
    """The shipped graph as asserted (read only)."""
    return shipped_graph


@pytest.fixture(scope="module")
def shipped(java: str, asserted: Graph) -> reason.ReasoningResult:
    """One HermiT run over the shipped graph, shared by the tests that read its result."""
    return reason.reason_graph(asserted, reasoner="hermit")


def _fixture_graph(name: str) -> Graph:
    return load_files([FIXTURES / name]) + load_ontology()


def _run_medgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``medgraph ARGS`` as a real process (for settings that must not leak into this one)."""
    return subprocess.run(
        [sys.executable, "-m", "medgraph", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


# --- the shipped graph ------------------------------------------------------------------------


@reasoner
def test_shipped_graph_is_consistent_with_no_unsatisfiable_class(shipped) -> None:
    assert shipped.consistent
    assert shipped.unsatisfiable == []
    assert shipped.explanations == []
    assert shipped.reasoner == "HermiT"


@reasoner
def test_procedures_and_drug_exposures_are_inferred_iatrogenic(shipped) -> None:
    members = {m.individual for m in shipped.memberships if m.cls == MGO.IatrogenicRiskFactor}
    assert members == IATROGENIC
    cone = next(
        m
        for m in shipped.memberships
        if m.individual == CONE_BIOPSY and m.cls == MGO.IatrogenicRiskFactor
    )
    assert cone.from_hierarchy is False, "only the OWL definition gives it, not the hierarchy"
    assert (MGO.ProcedureRiskFactor, MGO.IatrogenicRiskFactor) in shipped.subsumptions


@reasoner
def test_citable_excerpts_are_those_from_a_citable_kind_of_source(shipped, asserted) -> None:
    citable_kinds = set(asserted.subjects(RDF.type, MGO.CitableSourceKind))
    expected = {
        excerpt
        for excerpt, kind in asserted.subject_objects(MGO.sourceKind)
        if kind in citable_kinds
    }
    inferred = {m.individual for m in shipped.memberships if m.cls == MGO.CitableExcerpt}
    assert expected, "the shipped graph has excerpts from citable sources"
    assert inferred == expected


@reasoner
def test_inverse_assertions_are_inferred_for_every_relation(shipped, asserted) -> None:
    inferred = {(a.subject, a.predicate, a.object) for a in shipped.assertions}
    assert (PCOS, MGO.isRiskFactorFor, CONDITION) in inferred
    for relation, inverse in [
        (MGO.hasRiskFactor, MGO.isRiskFactorFor),
        (MGO.hasSignOrSymptom, MGO.isSignOrSymptomOf),
        (MGO.hasDiagnosticTest, MGO.isDiagnosticTestFor),
        (MGO.hasTreatment, MGO.isTreatmentFor),
        (MGO.hasOutcome, MGO.isOutcomeOf),
        (MGO.variantOf, MGO.hasVariant),
    ]:
        pairs = set(asserted.subject_objects(relation))
        assert pairs, relation
        assert {(o, s) for s, o in pairs} == {(s, o) for s, p, o in inferred if p == inverse}, (
            inverse
        )
    assert (CERCLAGE, MGO.hasVariant, SHIRODKAR) in inferred


@reasoner
def test_super_property_values_are_inferred(shipped, asserted) -> None:
    inferred = {(a.subject, a.predicate, a.object) for a in shipped.assertions}
    schema_risk = URIRef("https://schema.org/riskFactor")
    for factor in asserted.objects(CONDITION, MGO.hasRiskFactor):
        assert (CONDITION, schema_risk, factor) in inferred
        assert (CONDITION, MGO.conditionRelation, factor) in inferred
    assert (PCOS, SKOS.altLabel, Literal("PCOS")) in inferred, "abbreviation ⊑ altLabel"


@reasoner
def test_inferred_triples_repeat_no_asserted_triple(shipped, asserted) -> None:
    inferred = shipped.inferred_graph()
    assert len(inferred) == len(shipped.memberships) + len(shipped.assertions) > 500
    assert not [t for t in inferred if t in asserted]


@reasoner
def test_report_is_in_words(shipped) -> None:
    text = reason.render_text(shipped)
    assert text.startswith("consistent: yes (HermiT, ")
    lines = text.splitlines()
    start = lines.index("  iatrogenic risk factor (mgo:IatrogenicRiskFactor): 6")
    assert lines[start + 1 : start + 7] == [
        "    cone biopsy (riskfactor:cone-biopsy)",
        "    diethylstilbestrol exposure (riskfactor:diethylstilbestrol-exposure)",
        "    in utero exposure to diethylstilbestrol (riskfactor:in-utero-diethylstilbestrol-exposure)",
        "    previous cervical surgery (riskfactor:previous-cervical-surgery)",
        "    repeated cervical dilation (riskfactor:repeated-cervical-dilation)",
        "    termination of pregnancy (riskfactor:termination-of-pregnancy)",
    ]
    assert "is risk factor for (mgo:isRiskFactorFor): 14" in text
    assert "is cause of (mgo:isCauseOf): 5" in text
    everything = reason.render_text(shipped, examples=None)
    assert "    polycystic ovary syndrome → cervical incompetence" in everything
    assert "more not listed" not in everything


@reasoner
def test_out_writes_sorted_turtle_of_only_the_inferred_triples(
    run_cli, tmp_path: Path, shipped, asserted
) -> None:
    out = tmp_path / "inferred.ttl"
    result = run_cli("reason", "--out", str(out))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert f"wrote {out}" in result.stderr
    written = Graph().parse(out, format="turtle")
    assert set(written) == set(shipped.inferred_graph())
    assert not [t for t in written if t in asserted]
    assert out.read_bytes() == reason.inferred_turtle(shipped), "two runs, the same bytes"
    refused = run_cli("reason", "--out", str(out))
    assert refused.exit_code == ExitCode.OUTPUT
    assert "--force" in refused.stderr


@reasoner
def test_pellet_infers_what_hermit_infers(shipped, asserted) -> None:
    """owlready2's bundled Pellet loads RDF with Jena classes built for a newer Java than
    HermiT needs; the test runs it on the first Java found that can."""
    candidates = [os.environ.get("JAVA_HOME", "") + "/bin/java", shutil.which("java") or ""]
    candidates += sorted(glob.glob("/usr/lib/jvm/*/bin/java"))
    refusals = []
    for candidate in dict.fromkeys(os.path.realpath(c) for c in candidates if os.path.exists(c)):
        try:
            pellet = reason.reason_graph(asserted, reasoner="pellet", java=candidate)
        except ReasonerUnavailable as exc:
            assert str(exc).startswith("Pellet as bundled with owlready2 needs Java"), exc
            assert "\n" not in str(exc)
            refusals.append(str(exc))
            continue
        assert pellet.reasoner == "Pellet"
        assert pellet.memberships == shipped.memberships
        assert pellet.assertions == shipped.assertions
        assert pellet.unsatisfiable == []
        return
    pytest.skip(f"no Java here runs owlready2's Pellet: {'; '.join(refusals) or 'none found'}")


# --- broken axioms ----------------------------------------------------------------------------


@reasoner
def test_treatment_named_as_risk_factor_is_explained(run_cli, java) -> None:
    result = run_cli("reason", str(FIXTURES / "treatment-as-risk-factor.ttl"))
    assert result.exit_code == ExitCode.FINDINGS
    out = result.stdout
    assert out.startswith("consistent: no\nthe graph is inconsistent (HermiT); the cause:\n")
    assert (
        "example cerclage (treatment:example-cerclage) belongs to both risk factor "
        "(mgo:RiskFactor) and treatment (mgo:Treatment), which the ontology declares disjoint"
    ) in out
    for step in [
        "asserted: example condition (condition:example-condition) has risk factor "
        "(mgo:hasRiskFactor) example cerclage (treatment:example-cerclage)",
        "the range of has risk factor (mgo:hasRiskFactor) is risk factor (mgo:RiskFactor)",
        "asserted: example cerclage (treatment:example-cerclage) is a therapeutic procedure "
        "(mgo:TherapeuticProcedure)",
        "therapeutic procedure (mgo:TherapeuticProcedure) is a subclass of treatment "
        "(mgo:Treatment)",
        "axiom: treatment (mgo:Treatment), risk factor (mgo:RiskFactor),",
    ]:
        assert f"  - {step}" in out, step
    assert "Traceback" not in out + result.stderr


@reasoner
def test_value_outside_a_range_is_inconsistent_and_explained(java) -> None:
    with pytest.raises(reason.InconsistentOntologyError) as caught:
        reason.reason_graph(_fixture_graph("position-out-of-range.ttl"))
    error = caught.value
    assert error.exit_code == ExitCode.FINDINGS
    [explanation] = error.explanations
    assert explanation.subject == URIRef(ID + "excerpt/example-0")
    assert explanation.steps == (
        'asserted: excerpt:example-0 position (mgo:position) "0"^^xsd:integer',
        "the range of position (mgo:position) is xsd:positiveInteger, and 0 is outside the "
        "value space of xsd:positiveInteger",
    )


@reasoner
def test_unsatisfiable_class_is_a_finding_and_blocks_a_release(run_cli, java) -> None:
    result = run_cli("reason", str(FIXTURES / "unsatisfiable-class.ttl"))
    assert result.exit_code == ExitCode.FINDINGS
    assert "consistent: yes" in result.stdout
    assert "unsatisfiable classes: 1" in result.stdout
    assert (
        "harmful treatment (ex:HarmfulTreatment): every member would belong to both risk factor "
        "(mgo:RiskFactor) and treatment (mgo:Treatment)"
    ) in result.stdout
    with pytest.raises(reason.InconsistentOntologyError) as caught:
        reason.reason_for_release(_fixture_graph("unsatisfiable-class.ttl"))
    assert caught.value.unsatisfiable == (URIRef("https://example.org/fixture/HarmfulTreatment"),)


@reasoner
def test_owl_imports_are_never_followed(java, tmp_path: Path) -> None:
    """An import of an address where nothing listens would fail the reasoner if followed."""
    data = tmp_path / "imports.ttl"
    data.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://example.org/o> a owl:Ontology ; owl:imports <http://127.0.0.1:9/missing.owl> .\n"
        "<https://example.org/A> a owl:Class .\n"
        "<https://example.org/B> a owl:Class ; owl:equivalentClass <https://example.org/A> .\n"
        "<https://example.org/x> a <https://example.org/A> .\n",
        encoding="utf-8",
    )
    result = reason.reason_graph(load_files([data]))
    assert [(m.individual, m.cls) for m in result.memberships] == [
        (URIRef("https://example.org/x"), URIRef("https://example.org/B"))
    ]


def test_explanations_need_no_reasoner() -> None:
    """The explanation is derived from the graph alone, so it can be checked without Java."""
    [clash] = reason.explain_inconsistency(_fixture_graph("treatment-as-risk-factor.ttl"))
    assert clash.subject == URIRef(ID + "treatment/example-cerclage")
    assert reason.explain_inconsistency(_fixture_graph("unsatisfiable-class.ttl")) == []


def test_several_values_of_a_functional_data_property_are_explained() -> None:
    graph = load_ontology()
    excerpt = URIRef(ID + "excerpt/example-1")
    graph.add((excerpt, RDF.type, MGO.Excerpt))
    graph.add((excerpt, MGO.position, Literal(1)))
    graph.add((excerpt, MGO.position, Literal(2)))
    [explanation] = reason.explain_inconsistency(graph)
    assert explanation.summary == (
        "excerpt:example-1 has 2 different values of position (mgo:position), which is "
        "functional (at most one value):"
    )


def test_the_shipped_graph_has_nothing_to_explain(shipped_graph) -> None:
    assert reason.explain_inconsistency(shipped_graph) == []


# --- failures are clear -----------------------------------------------------------------------


def test_no_java_is_one_line_and_exit_5(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(tmp_path)  # a folder without java
    result = _run_medgraph("reason", str(FIXTURES / "unsatisfiable-class.ttl"), env=env)
    assert result.returncode == ExitCode.ENVIRONMENT
    assert result.stdout == ""
    assert result.stderr.startswith("error: Java is not installed: ")
    assert result.stderr.count("\n") == 1, result.stderr


def test_a_java_that_is_not_there_is_refused() -> None:
    with pytest.raises(ReasonerUnavailable, match=r"^Java not found at /nonexistent/java"):
        reason.reason_graph(Graph(), java="/nonexistent/java")


@pytest.fixture
def failing_java(tmp_path: Path) -> Iterator[Path]:
    """An executable that fails the way Java does, with the message in MEDGRAPH_TEST_OUTPUT."""
    fake = tmp_path / "java"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$MEDGRAPH_TEST_OUTPUT" >&2\nexit 1\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    yield fake


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (
            'Exception in thread "main" java.lang.IllegalStateException: boom\n\tat x.y(Z.java)',
            r"^HermiT failed: java\.lang\.IllegalStateException: boom$",
        ),
        (
            'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
            r"^HermiT ran out of memory \(Java heap of 512 MB\); give it more with "
            r"--java-memory, e\.g\. --java-memory 1g$",
        ),
    ],
    ids=["crash", "out-of-memory"],
)
def test_a_reasoner_crash_is_one_line(
    failing_java: Path, monkeypatch: pytest.MonkeyPatch, output: str, message: str
) -> None:
    monkeypatch.setenv("MEDGRAPH_TEST_OUTPUT", output)
    with pytest.raises(ReasonerUnavailable, match=message) as caught:
        reason.reason_graph(
            _fixture_graph("unsatisfiable-class.ttl"), java=failing_java, java_memory="512m"
        )
    assert caught.value.exit_code == ExitCode.ENVIRONMENT


@reasoner
def test_time_out_stops_the_reasoner_and_leaves_nothing_behind(java, tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    result = _run_medgraph("reason", "--timeout", "0.2", env=env)
    assert result.returncode == ExitCode.ENVIRONMENT, result.stderr
    assert re.fullmatch(
        r"error: HermiT did not finish within 0\.2 s and was stopped; allow more time with "
        r"--timeout \(0 for no limit\), or reason over a smaller graph\n",
        result.stderr,
    )
    assert list(scratch.iterdir()) == [], "the quadstore and the reasoner's input are removed"


def test_java_memory_sizes() -> None:
    assert reason.parse_java_memory("2g") == 2048
    assert reason.parse_java_memory("1500M") == 1500
    assert reason.parse_java_memory("4096") == 4096
    assert 512 <= reason.parse_java_memory(None) <= 2048
    for bad in ["lots", "2 gigs", "10m"]:
        with pytest.raises(InputError):
            reason.parse_java_memory(bad)


def test_reasoner_choices_match_the_stage() -> None:
    assert REASONER_NAMES == reason.REASONERS


def test_unknown_reasoner_is_bad_input() -> None:
    with pytest.raises(InputError, match="unknown reasoner 'fact'"):
        reason.reason_graph(Graph(), reasoner="fact")


# --- the release ------------------------------------------------------------------------------


@reasoner
def test_build_reason_releases_the_inferred_triples_apart(run_cli, tmp_path: Path, java) -> None:
    dist = tmp_path / "dist"
    result = run_cli("build", "--reason", "--out", str(dist))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "reasoned with HermiT: consistent," in result.stdout
    inferred_file = dist / "medgraph-inferred.ttl"
    inferred = Graph().parse(inferred_file, format="turtle")
    released = Graph().parse(dist / "medgraph.ttl", format="turtle")
    assert (CONE_BIOPSY, RDF.type, MGO.IatrogenicRiskFactor) in inferred
    assert (CONE_BIOPSY, RDF.type, MGO.IatrogenicRiskFactor) not in released
    assert not [t for t in inferred if t in released], "asserted and inferred stay apart"
    manifest = Graph().parse(dist / "manifest.ttl", format="turtle")
    digest = hashlib.sha256(inferred_file.read_bytes()).hexdigest()
    dcat, spdx = "http://www.w3.org/ns/dcat#", "http://spdx.org/rdf/terms#"
    [distribution] = manifest.subjects(
        URIRef("http://purl.org/dc/terms/title"), Literal("medgraph-inferred.ttl")
    )
    assert (None, URIRef(dcat + "distribution"), distribution) in manifest
    checksum = manifest.value(distribution, URIRef(spdx + "checksum"))
    assert str(manifest.value(checksum, URIRef(spdx + "checksumValue"))) == digest
