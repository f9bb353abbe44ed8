"""Three conditions through every stage: the shipped one and two invented ones.

``tests/fixtures/conditions/`` holds two small, clearly invented conditions (example gestational
syndrome, sample uterine disorder), each with its own page citing [1]..[2]; they share a risk
factor, a sign (with cervical incompetence too) and a work that one page numbers [2] and the
other [1]. Loaded with the shipped data (and the shipped mappings as triples), they go through
the build (library and command line), validation (clean, and with a defect of every kind the
quality checks find, ``tests/fixtures/condition-defects.ttl``), every named query on the rdflib
and Oxigraph backends (the same rows), and the site (the index and a page per condition).

The build and validation run on the Oxigraph backend, which the parity suite holds to the
reference's findings: on rdflib (pySHACL) they would take most of this module's time budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from medgraph.backends import open_backend
from medgraph.backends.base import Backend
from medgraph.errors import ExitCode
from medgraph.queries import NamedQuery, list_queries

ROOT = Path(__file__).parent.parent
DATA = ROOT / "data"
ONTOLOGY = ROOT / "ontology"
FIXTURES = Path(__file__).parent / "fixtures"
CONDITIONS = FIXTURES / "conditions"
DEFECTS = FIXTURES / "condition-defects.ttl"
MG = "https://w3id.org/medgraph/id/"
CI = f"{MG}condition/cervical-incompetence"
EGS = f"{MG}condition/example-gestational-syndrome"
SUD = f"{MG}condition/sample-uterine-disorder"
THREE = (CI, EGS, SUD)
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.positiveInteger, XSD.nonNegativeInteger}


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The shipped data, the two invented conditions and the shipped mappings as triples."""
    from medgraph import link

    mappings = tmp_path_factory.mktemp("three") / "mappings.nt"
    graph = link.mappings_to_graph(link.load_mappings())
    mappings.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return [DATA, CONDITIONS, mappings]


@pytest.fixture(scope="module")
def engines(paths: list[Path]) -> Iterator[dict[str, Backend]]:
    yield {kind: open_backend(kind, paths) for kind in ("rdflib", "oxigraph")}


def _text(term: Node | None) -> str:
    """A cell as text; numbers by value (Oxigraph answers ``15`` where rdflib keeps ``15.0``)."""
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        return format(Decimal(str(term)).normalize(), "f")
    return str(term)


def _rows(backend: Backend, query: NamedQuery, params: dict[str, str]) -> list[tuple[str, ...]]:
    result = backend.query(query, params)
    return sorted(tuple(_text(row.get(v)) for v in result.variables) for row in result.rows)


# ---------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------


def test_the_library_builds_a_release_of_three_conditions(
    paths: list[Path], tmp_path: Path
) -> None:
    from medgraph.pipeline import build

    result = build(tmp_path / "dist", paths, backend="oxigraph")
    assert result.report.conforms
    assert result.report.counts()["Violation"] == result.report.counts()["Warning"] == 0
    assert result.summary.class_counts["Condition"] == 3
    assert result.summary.class_counts["Citation"] == 7 + 2 + 2
    released = (tmp_path / "dist" / "medgraph.nt").read_text(encoding="utf-8")
    for condition in THREE:
        assert f"<{condition}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" in released
    assert "qc-uncited-work" in result.checks_run


def test_the_command_line_builds_them_and_refuses_them_with_defects(
    run_cli, paths: list[Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    args = [str(p) for p in paths]
    built = run_cli("build", *args, "--backend", "oxigraph", "--out", str(tmp_path / "dist"))
    assert built.exit_code == ExitCode.OK, built.stderr
    assert "0 violations, 0 warnings" in built.stdout
    assert "Condition" in built.stdout and (tmp_path / "dist" / "manifest.ttl").is_file()
    refused = run_cli(
        "build", *args, str(DEFECTS), "--backend", "oxigraph", "--out", str(tmp_path / "no")
    )
    assert refused.exit_code == ExitCode.FINDINGS
    assert "nothing was released" in refused.stderr
    assert not (tmp_path / "no").exists()


# ---------------------------------------------------------------------------------------------
# Validate
# ---------------------------------------------------------------------------------------------


def test_the_three_conditions_validate_without_a_warning(engines: dict[str, Backend]) -> None:
    from medgraph import quality

    report, results = quality.validate(engines["oxigraph"], with_report_graph=False)
    assert report.conforms
    assert [r for r in report.results if r.severity != "Info"] == []
    assert {name: r.rows for name, r in results.items() if r.rows} == {}


def test_a_defect_of_every_kind_is_found_alike_on_both_engines(paths: list[Path]) -> None:
    from medgraph import quality

    checks = {q.name for q in quality.checks()}
    found = {}
    for kind in ("rdflib", "oxigraph"):
        backend = open_backend(kind, [*paths, DEFECTS])
        results = quality.run_checks(backend)
        assert {name for name, r in results.items() if r.rows} == checks, kind
        found[kind] = {name: _rows(backend, q, {}) for q in quality.checks() for name in [q.name]}
    assert found["rdflib"] == found["oxigraph"]
    gap = found["oxigraph"]["qc-citation-gap"]
    assert [row[:3] for row in gap] == [
        (f"{MG}citation/example-gestational-syndrome-page-4", "4", "3")
    ]
    clash = found["oxigraph"]["qc-condition-label-clash"]
    assert clash == [("sample uterine disorder", f"{MG}condition/example-stub", SUD)]


def test_validate_reports_them_with_their_levels(run_cli, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    import json

    args = [str(p) for p in (*paths, DEFECTS)]
    result = run_cli("validate", *args, "--backend", "oxigraph", "--format", "json")
    assert result.exit_code == ExitCode.FINDINGS
    report = json.loads(result.stdout)
    levels = {(r["shape"], r["severity"]) for r in report["results"] if r["rule"] == "QualityCheck"}
    assert levels == {
        ("qc-citation-gap", "Violation"),
        ("qc-duplicate-label", "Violation"),
        ("qc-unsupported-claim", "Violation"),
        ("qc-unused-reference", "Violation"),
        ("qc-condition-label-clash", "Warning"),
        ("qc-condition-without-relation", "Warning"),
        ("qc-to-fill-in", "Warning"),
        ("qc-uncited-work", "Warning"),
    }


# ---------------------------------------------------------------------------------------------
# Every named query, both engines
# ---------------------------------------------------------------------------------------------

CROSS = {
    "conditions-with-sign": {"sign": "sign:vaginal-bleeding"},
    "conditions-with-risk-factor": {"risk_factor": "riskfactor:sample-risk-trait"},
    "conditions-with-treatment": {"treatment": "treatment:cervical-cerclage"},
    "conditions-with-code": {"code": "mesh:D000022"},
    "sign-references": {"sign": "sign:vaginal-bleeding"},
}


def _cases() -> list[tuple[str, dict[str, str]]]:
    cases: list[tuple[str, dict[str, str]]] = []
    for query in list_queries():
        names = {p.name for p in query.parameters}
        if "other_condition" in names:
            cases += [
                (query.name, {"condition": EGS, "other_condition": SUD}),
                (query.name, {"condition": SUD, "other_condition": CI}),
            ]
        elif "reference" in names:
            handbook = "reference:specimen-2015"
            cases += [(query.name, {"condition": c, "reference": handbook}) for c in (EGS, SUD)]
            cases.append((query.name, {"condition": CI}))
        elif "condition" in names:
            cases += [(query.name, {"condition": c}) for c in THREE]
        else:
            cases.append((query.name, CROSS.get(query.name, {})))
    return cases


@pytest.mark.parametrize(
    ("name", "params"),
    _cases(),
    ids=[f"{n}-{'-'.join(v.rsplit('/', 1)[-1] for v in p.values())}" for n, p in _cases()],
)
def test_every_named_query_gives_the_same_rows_on_both_engines(
    engines: dict[str, Backend], name: str, params: dict[str, str]
) -> None:
    query = next(q for q in list_queries() if q.name == name)
    reference = _rows(engines["rdflib"], query, params)
    assert _rows(engines["oxigraph"], query, params) == reference
    if name in CROSS:
        assert len({row[0] for row in reference}) >= 2, "a question across conditions"
    if name in ("claims", "references", "signs", "synonyms") or name.startswith("conditions-"):
        assert reference, f"{name} found nothing for {params}"


def test_each_page_numbers_the_shared_work_its_own_way(engines: dict[str, Backend]) -> None:
    query = next(q for q in list_queries() if q.name == "risk-factors")
    backend = engines["oxigraph"]
    egs = {
        r["label"]: r["references"] for r in backend.query(query, {"condition": EGS}).plain_rows()
    }
    sud = {
        r["label"]: r["references"] for r in backend.query(query, {"condition": SUD}).plain_rows()
    }
    assert egs == {"sample risk trait": "Example 2001 [1]; Specimen 2015 [2]"}
    assert sud == {"sample risk trait": "Specimen 2015 [1]"}
    shared = next(q for q in list_queries() if q.name == "conditions-sharing")
    rows = backend.query(shared, {"condition": EGS, "other_condition": SUD}).plain_rows()
    works = [(r["label"], r["relation"], r["other_relation"]) for r in rows if r["kind"] == "work"]
    assert works == [("A Fictional Handbook of Sample Disorders", "cited as [2]", "cited as [1]")]


# ---------------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------------


def test_the_site_has_the_index_and_a_page_per_condition(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    result = run_cli("render", "-o", str(site), str(DATA), str(CONDITIONS), str(ONTOLOGY))
    assert result.exit_code == ExitCode.OK, result.stderr
    index = (site / "index.html").read_text(encoding="utf-8")
    for slug, label in (
        ("cervical-incompetence", "cervical incompetence"),
        ("example-gestational-syndrome", "example gestational syndrome"),
        ("sample-uterine-disorder", "sample uterine disorder"),
    ):
        assert f'href="condition/{slug}.html"' in index
        page = (site / "condition" / f"{slug}.html").read_text(encoding="utf-8")
        assert label in page
    egs = (site / "condition" / "example-gestational-syndrome.html").read_text(encoding="utf-8")
    sud = (site / "condition" / "sample-uterine-disorder.html").read_text(encoding="utf-8")
    assert "[2] Specimen 2015" in egs and "[1] Specimen 2015" in sud
    assert "[1] Lotgering 2007" in (site / "condition" / "cervical-incompetence.html").read_text()
    handbook = (site / "reference" / "specimen-2015.html").read_text(encoding="utf-8")
    assert "reference [2] of the example gestational syndrome page" in handbook
    assert "reference [1] of the sample uterine disorder page" in handbook
