"""``medgraph diff`` lists what changed between two releases (mappings apart), and ``medgraph
report`` gives ROBOT-style rows with a fail-on level."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from medgraph import link
from medgraph.diff import Change, diff_paths, render_diff
from medgraph.errors import ExitCode
from medgraph.namespaces import DATA, MGO
from medgraph.release import build_release

CLAIM = DATA["claim"]["risk-factor-african-american-ethnicity"]
OLD_REFERENCE = DATA["reference"]["mcelrath-2010"]
NEW_REFERENCE = DATA["reference"]["lotgering-2007"]
DRUG = DATA["drug"]["progesterone"]
CHEBI = URIRef("http://purl.obolibrary.org/obo/CHEBI_17026")
SSSOM_ROW = "drug:progesterone\tprogesterone\tskos:exactMatch\tchebi:17026\t"


def _release(out: Path, graph: Graph, sssom: str) -> Path:
    build_release(out, graph, extra_files={"medgraph.sssom.tsv": sssom.encode("utf-8")})
    return out


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory, shipped_graph: Graph) -> tuple[Path, Path]:
    """The shipped release, and a copy with one claim's evidence and one mapping changed."""
    folder = tmp_path_factory.mktemp("diff")
    sssom = link.export_sssom(link.load_mappings())
    old = _release(folder / "old", shipped_graph, sssom)
    changed = Graph()
    changed += shipped_graph
    assert set(changed.objects(CLAIM, MGO.supportedBy)) == {OLD_REFERENCE}
    changed.remove((CLAIM, MGO.supportedBy, OLD_REFERENCE))
    changed.add((CLAIM, MGO.supportedBy, NEW_REFERENCE))
    assert (DRUG, SKOS.exactMatch, CHEBI) in changed
    changed.remove((DRUG, SKOS.exactMatch, CHEBI))
    changed.add((DRUG, SKOS.closeMatch, CHEBI))
    assert sssom.count(SSSOM_ROW) == 1
    new_sssom = sssom.replace(SSSOM_ROW, SSSOM_ROW.replace("exactMatch", "closeMatch"))
    return old, _release(folder / "new", changed, new_sssom)


def test_diff_lists_exactly_the_changed_claim_and_mapping(releases: tuple[Path, Path]) -> None:
    old, new = releases
    result = diff_paths(old, new)
    assert result.changes == [
        Change(
            "claims",
            "changed",
            "claim:risk-factor-african-american-ethnicity",
            "mgo:supportedBy",
            "reference:mcelrath-2010",
            "reference:lotgering-2007",
        ),
        Change(
            "mapping triples",
            "changed",
            "drug:progesterone → chebi:17026",
            "predicate",
            "skos:exactMatch",
            "skos:closeMatch",
        ),
        Change(
            "sssom rows",
            "changed",
            "drug:progesterone → chebi:17026",
            "predicate_id",
            "skos:exactMatch",
            "skos:closeMatch",
        ),
    ]
    markdown = render_diff(result)
    claims = markdown.index("## Claims")
    mappings = markdown.index("## Mapping changes")
    assert claims < mappings and "reference:lotgering-2007" in markdown[claims:mappings]
    assert "skos:closeMatch" in markdown[mappings:]


def test_diff_cli_exit_codes_and_tsv(run_cli, releases: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]
    old, new = releases
    same = run_cli("diff", str(old), str(old))
    assert same.exit_code == ExitCode.OK
    assert "No differences." in same.stdout
    different = run_cli("diff", "--format", "tsv", str(old), str(new))
    assert different.exit_code == ExitCode.FINDINGS
    lines = different.stdout.splitlines()
    assert lines[0] == "section\tchange\tsubject\tproperty\told\tnew"
    assert [line.split("\t")[0] for line in lines[1:]] == [
        "claims",
        "mapping triples",
        "sssom rows",
    ]
    missing = run_cli("diff", str(old), str(old / "nowhere"))
    assert missing.exit_code == ExitCode.BAD_INPUT


def test_diff_summarises_a_node_added_whole(tmp_path: Path) -> None:
    prefixes = (
        "@prefix mgo: <https://w3id.org/medgraph/ontology/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix sign: <https://w3id.org/medgraph/id/sign/> .\n"
    )
    old = tmp_path / "old.ttl"
    old.write_text(prefixes + 'sign:a a mgo:SignOrSymptom ; rdfs:label "pain"@en .\n')
    new = tmp_path / "new.ttl"
    new.write_text(
        prefixes + 'sign:a a mgo:SignOrSymptom ; rdfs:label "ache"@en ; skos:altLabel "sore"@en .\n'
        'sign:b a mgo:SignOrSymptom ; rdfs:label "fever"@en ; skos:altLabel "pyrexia"@en .\n'
    )
    changes = {(c.section, c.change, c.subject, c.property) for c in diff_paths(old, new).changes}
    assert changes == {
        ("entities", "added", "sign:b", "rdf:type"),
        ("labels", "changed", "sign:a", "rdfs:label"),
        ("synonyms", "added", "sign:a", "skos:altLabel"),
    }


# -- report ------------------------------------------------------------------------------------

DEFECTS = """\
@prefix mgo: <https://w3id.org/medgraph/ontology/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sign: <https://w3id.org/medgraph/id/sign/> .

sign:a a mgo:SignOrSymptom ; rdfs:label "pain"@en ; skos:definition "Pain."@en .
sign:b a mgo:SignOrSymptom ; rdfs:label "Pain"@en ; skos:definition "Other pain."@en .
sign:c a mgo:SignOrSymptom ; skos:definition "no label here."@en .
sign:d a mgo:SignOrSymptom ; rdfs:label "fever "@en , "pyrexia"@en ; skos:definition "Fever."@en .
"""
WARN_ONLY = """\
@prefix mgo: <https://w3id.org/medgraph/ontology/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/medgraph/id/sign/e> a mgo:SignOrSymptom ; rdfs:label "cough"@en .
"""


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_report_finds_robots_errors(run_cli, tmp_path: Path, engine: str) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "defects.ttl"
    data.write_text(DEFECTS)
    result = run_cli("report", "--engine", engine, str(data))
    assert result.exit_code == ExitCode.FINDINGS
    rows = {tuple(line.split("\t")) for line in result.stdout.splitlines()[1:]}
    # The shipped ontology goes alongside: its top classes have no superclass (INFO).
    assert {row[:2] for row in rows if not row[2].startswith("sign:")} == {
        ("INFO", "missing_superclass")
    }
    assert {row for row in rows if row[2].startswith("sign:")} == {
        ("ERROR", "duplicate_label", "sign:a", "rdfs:label", "pain"),
        ("ERROR", "duplicate_label", "sign:b", "rdfs:label", "Pain"),
        ("ERROR", "missing_label", "sign:c", "rdfs:label", ""),
        ("ERROR", "label_whitespace", "sign:d", "rdfs:label", "fever "),
        ("ERROR", "multiple_labels", "sign:d", "rdfs:label", "fever "),
        ("ERROR", "multiple_labels", "sign:d", "rdfs:label", "pyrexia"),
        ("INFO", "lowercase_definition", "sign:c", "skos:definition", "no label here."),
    }
    assert "0 WARN" in result.stderr


def test_report_fail_on_levels_and_markdown(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "warn.ttl"
    data.write_text(WARN_ONLY)
    default = run_cli("report", "--engine", "oxigraph", "--format", "markdown", str(data))
    assert default.exit_code == ExitCode.OK
    assert "| WARN | missing_definition | sign:e | skos:definition |" in default.stdout
    strict = run_cli("report", "--engine", "oxigraph", "--fail-on", "WARN", str(data))
    assert strict.exit_code == ExitCode.FINDINGS
    never = run_cli("report", "--engine", "oxigraph", "--fail-on", "none", str(data))
    assert never.exit_code == ExitCode.OK


def test_shipped_graph_report_has_no_error_or_warning(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--engine", "oxigraph", "--fail-on", "WARN")
    assert result.exit_code == ExitCode.OK, result.stdout
    levels = {line.split("\t")[0] for line in result.stdout.splitlines()[1:]}
    assert levels <= {"INFO"}


def test_build_stops_on_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medgraph import pipeline
    from medgraph.report import Rule

    rule = Rule(
        "always",
        "ERROR",
        "a rule that finds the condition",
        "SELECT ?entity ?property ?value WHERE { ?entity a "
        "<https://w3id.org/medgraph/ontology/Condition> }",
    )
    monkeypatch.setattr("medgraph.report.report_rules", lambda: (rule,))
    with pytest.raises(pipeline.BuildFailed) as failed:
        pipeline.build(tmp_path / "dist", backend="oxigraph")
    assert failed.value.gate == "report"
    assert failed.value.quality_report is not None
    assert [r.subject for r in failed.value.quality_report.rows] == [
        "condition:cervical-incompetence"
    ]
    assert not (tmp_path / "dist").exists()
