"""The command line: results, messages and exit codes, including for a user's mistakes."""

from __future__ import annotations

import json
from pathlib import Path

from medgraph import queries as query
from medgraph import release
from medgraph import validation as validate
from medgraph.cli._common import (
    EXPORT_FORMAT_NAMES,
    GRAPH_FORMAT_NAMES,
    REPORT_FORMAT_NAMES,
    RESULT_FORMAT_NAMES,
)
from medgraph.errors import ExitCode

BAD = Path(__file__).parent / "fixtures" / "bad"
CONDITION = "https://w3id.org/medgraph/id/condition/cervical-incompetence"


def test_format_choices_match_the_registries() -> None:
    assert set(EXPORT_FORMAT_NAMES) == set(release.EXPORT_FORMATS) | {"sssom", "kgx"}
    assert set(REPORT_FORMAT_NAMES) == set(validate.REPORT_FORMATS)
    assert set(RESULT_FORMAT_NAMES) == set(query.RESULT_FORMATS)
    assert set(GRAPH_FORMAT_NAMES) == set(query.GRAPH_FORMATS) == set(release.EXPORT_FORMATS)


def test_build_writes_the_release_and_summarises(run_cli, tmp_path: Path) -> None:
    result = run_cli("build", "--out", str(tmp_path / "dist"))
    assert result.exit_code == 0, result.stderr
    assert "0 violations" in result.stdout
    names = {p.name for p in (tmp_path / "dist").iterdir()}
    assert {
        "medgraph.ttl",
        "medgraph.jsonld",
        "medgraph.nt",
        "medgraph.rdf",
        "medgraph.context.jsonld",
        "medgraph.sssom.tsv",
        "medgraph-ontology.owl",
        "medgraph-ontology.ofn",
        "medgraph-report.tsv",
        "manifest.ttl",
    } <= names
    manifest = (tmp_path / "dist" / "manifest.ttl").read_text()
    assert "medgraph.sssom.tsv#sha256" in manifest
    assert "medgraph-report.tsv#sha256" in manifest
    # The report runs in the build: its TSV has ROBOT's header and no ERROR row.
    report = (tmp_path / "dist" / "medgraph-report.tsv").read_text().splitlines()
    assert report[0] == "Level\tRule Name\tSubject\tProperty\tValue"
    assert not [row for row in report if row.startswith("ERROR")]
    assert "writing the quality report: done" in result.stderr
    assert "validating against the SHACL shapes: done" in result.stderr


def test_validate_shipped_graph_is_clean(run_cli) -> None:
    result = run_cli("validate", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stdout
    report = json.loads(result.stdout)
    assert report["conforms"] is True
    assert report["counts"]["Violation"] == 0
    assert report["counts"]["Warning"] == 0
    assert report["results"] == [], "violations and warnings are listed by default, notes are not"


def test_validate_lists_notes_only_when_asked(run_cli) -> None:
    quiet = run_cli("validate")
    assert quiet.stdout.startswith("valid: 0 violation(s), 0 warning(s)")
    assert "INFO:" not in quiet.stdout
    shown = run_cli("validate", "--show", "info")
    notes = [line for line in shown.stdout.splitlines() if line.startswith("INFO: claim:")]
    assert notes, "the claims that rest on excerpts only are listed as notes"
    assert "shape:ClaimCitesReferenceShape" in shown.stdout


def test_syntax_error_in_a_data_file_names_file_and_line(run_cli) -> None:
    result = run_cli("validate", str(BAD / "unterminated-literal.ttl"))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"{BAD / 'unterminated-literal.ttl'}:4:" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(run_cli, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope.ttl"))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "no such file" in result.stderr


def test_unknown_export_format_exits_2(run_cli) -> None:
    result = run_cli("export", "--format", "yaml")
    assert result.exit_code == 2
    assert "yaml" in result.stderr


def test_violation_exits_1_and_names_node_path_and_fix(run_cli, tmp_path: Path) -> None:
    data = tmp_path / "mine.ttl"
    data.write_text(
        "@prefix mgo: <https://w3id.org/medgraph/ontology/> .\n"
        "<https://example.org/my-condition> a mgo:Condition .\n"
    )
    result = run_cli("validate", str(data))
    assert result.exit_code == ExitCode.FINDINGS
    assert "<https://example.org/my-condition>" in result.stdout
    assert "path:" in result.stdout and "message:" in result.stdout


DEFECTS = Path(__file__).parent / "fixtures" / "parity" / "defects.ttl"
DATA = Path(__file__).parent.parent / "data"


def test_validate_reports_quality_checks_with_the_shapes_findings(run_cli) -> None:
    result = run_cli("validate", str(DATA), str(DEFECTS), "--format", "json", "--show", "info")
    assert result.exit_code == ExitCode.FINDINGS
    report = json.loads(result.stdout)
    checks = {r["shape"]: r for r in report["results"] if r["rule"] == "QualityCheck"}
    assert set(checks) == {
        "qc-citation-gap",
        "qc-condition-label-clash",
        "qc-condition-without-relation",
        "qc-duplicate-label",
        "qc-to-fill-in",
        "qc-uncited-work",
        "qc-unsupported-claim",
        "qc-unused-reference",
    }
    assert checks["qc-citation-gap"]["severity"] == "Violation"
    assert checks["qc-uncited-work"]["severity"] == "Warning"
    assert checks["qc-uncited-work"]["focus_node"] == "reference:orphan"
    assert ": add the mgo:Citation" in checks["qc-uncited-work"]["message"]
    text = run_cli("validate", str(DATA), str(DEFECTS)).stdout
    assert "rule:    QualityCheck (qc-unused-reference)" in text


def test_a_warning_of_a_quality_check_does_not_fail_validation(run_cli, tmp_path: Path) -> None:
    orphan = tmp_path / "orphan.ttl"
    orphan.write_text(
        "@prefix mgo: <https://w3id.org/medgraph/ontology/> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/medgraph/id/reference/orphan-2020> a mgo:Reference ;\n"
        '    dcterms:title "A work nobody cites" ; dcterms:issued "2020"^^xsd:gYear .\n'
    )
    result = run_cli("validate", str(orphan), "--format", "json")
    report = json.loads(result.stdout)
    checks = [r for r in report["results"] if r["rule"] == "QualityCheck"]
    assert [(r["shape"], r["severity"]) for r in checks] == [("qc-uncited-work", "Warning")]
    assert [r for r in report["results"] if r["severity"] == "Violation"] == []
    assert report["conforms"] is True and result.exit_code == ExitCode.OK


def test_build_stops_at_a_quality_check_of_level_error(run_cli, tmp_path: Path) -> None:
    """A work the page lists as [8] that nothing rests on: the shapes pass, the check does not."""
    listed = tmp_path / "listed.ttl"
    listed.write_text(
        "@prefix mgo: <https://w3id.org/medgraph/ontology/> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix reference: <https://w3id.org/medgraph/id/reference/> .\n"
        "@prefix citation: <https://w3id.org/medgraph/id/citation/> .\n"
        "@prefix source: <https://w3id.org/medgraph/id/source/> .\n"
        "reference:listed-2020 a mgo:Reference ;\n"
        '    dcterms:title "A work the page lists" ; dcterms:issued "2020"^^xsd:gYear .\n'
        "citation:seed-000-4f362a13c7923613-8 a mgo:Citation ;\n"
        "    mgo:citedBy source:seed-000-4f362a13c7923613 ;\n"
        '    mgo:citationNumber "8"^^xsd:positiveInteger ;\n'
        "    mgo:citesWork reference:listed-2020 .\n"
    )
    from medgraph.pipeline import BuildFailed, build

    try:
        build(tmp_path / "dist", paths=[DATA, listed])
    except BuildFailed as failure:
        assert failure.gate == "quality-checks"
        assert set(failure.failed_checks) == {"qc-unused-reference"}
    else:
        raise AssertionError("the build released a graph with an error-level finding")
    assert not (tmp_path / "dist").exists()


def test_validate_with_own_shapes_runs_only_those(run_cli, tmp_path: Path) -> None:
    shapes = tmp_path / "none.shacl.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n")
    result = run_cli("validate", str(DATA), str(DEFECTS), "--shapes", str(shapes))
    assert result.exit_code == ExitCode.OK
    assert "QualityCheck" not in result.stdout


def test_export_refuses_to_overwrite_without_force(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("precious")
    result = run_cli("export", "--format", "ttl", "-o", str(target))
    assert result.exit_code == ExitCode.OUTPUT
    assert "--force" in result.stderr
    assert target.read_text() == "precious"
    result = run_cli("export", "--format", "ttl", "-o", str(target), "--force")
    assert result.exit_code == 0
    assert "cervical-incompetence" in target.read_text()


def test_export_jsonld_to_stdout(run_cli) -> None:
    result = run_cli("export", "--format", "jsonld")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["@graph"]


def test_query_unknown_name_lists_the_known_ones(run_cli) -> None:
    result = run_cli("query", "no-such-query")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "risk-factors" in result.stderr


def test_query_syntax_error_names_line_and_column(run_cli) -> None:
    result = run_cli("query", "--sparql", "SELECT ?x WHERE {\n  ?x ?y\n}")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "--sparql:3:" in result.stderr or "--sparql:2:" in result.stderr


def test_query_bad_parameter_type_is_clear(run_cli) -> None:
    result = run_cli("query", "risk-factors", "--param", "condition=not an iri")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "condition" in result.stderr and "IRI" in result.stderr


def test_query_unknown_parameter_is_clear(run_cli) -> None:
    result = run_cli("query", "risk-factors", "--param", "colour=blue")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "no parameter 'colour'" in result.stderr


def test_query_list_shows_parameters(run_cli) -> None:
    result = run_cli("query", "--list")
    assert result.exit_code == 0
    assert "risk-factors: Risk factors" in result.stdout
    assert "--param condition=<iri>" in result.stdout


def test_query_parameters_accept_curies(run_cli) -> None:
    by_iri = run_cli(
        "query", "risk-factors", "--param", f"condition={CONDITION}", "--format", "csv"
    )
    by_curie = run_cli(
        "query",
        "risk-factors",
        "--param",
        "condition=condition:cervical-incompetence",
        "--format",
        "csv",
    )
    assert by_curie.exit_code == 0 and by_curie.stdout == by_iri.stdout
    assert len(by_curie.stdout.splitlines()) == 15  # the header and 14 risk factors
    work = run_cli("query", "reference-supports", "--param", "reference=reference:anum-2010")
    assert work.exit_code == 0 and "polycystic ovary syndrome" in work.stdout


def test_a_condition_the_graph_lacks_is_named_on_stderr(run_cli) -> None:
    result = run_cli("query", "risk-factors", "--param", "condition=condition:preeclampsia")
    assert result.exit_code == ExitCode.OK
    assert result.stdout == "(no rows)\n"
    assert result.stderr.splitlines() == [
        "note: no condition condition:preeclampsia in the graph (parameter condition); "
        "the query found nothing"
    ]
    # A condition the graph holds but that has no such rows is not a mistake: no note.
    quiet = run_cli("query", "risk-factors-by-support", "--param", "min_references=99")
    assert quiet.stdout == "(no rows)\n" and quiet.stderr == ""


def test_info_counts_nodes_by_class(run_cli) -> None:
    result = run_cli("info")
    assert result.exit_code == 0
    assert "Claim" in result.stdout and "triples:" in result.stdout
