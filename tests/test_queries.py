"""Named queries return the expected rows on the shipped graph, with every thing named in words."""

from __future__ import annotations

import pytest
from rdflib import Graph

from medgraph.queries import get_query, list_queries, quality_checks, run_query

MG = "https://w3id.org/medgraph/id/"

RISK_FACTORS = {
    "african-american-ethnicity",
    "polycystic-ovary-syndrome",
    "diethylstilbestrol-exposure",
    "previous-cervical-surgery",
    "termination-of-pregnancy",
    "repeated-cervical-dilation",
    "cone-biopsy",
    "obstetric-trauma",
    "vaginal-delivery-trauma",
    "cesarean-delivery-trauma",
    "ehlers-danlos-syndrome",
    "uterine-anomaly",
    "history-of-pregnancy-loss",
    "history-of-preterm-birth",
}
SIGNS = {
    "painless-cervical-dilation",
    "cervical-shortening",
    "fetal-expulsion",
    "vaginal-bleeding",
    "abdominal-pain",
    "lower-back-pain",
    "vaginal-discharge",
    "fetal-membrane-protrusion",
}
DIAGNOSTICS = {"history-taking", "transvaginal-ultrasonography"}
TREATMENTS = {
    "cervical-cerclage",
    "transvaginal-cervical-cerclage",
    "laparoscopic-cervical-cerclage",
    "shirodkar-cerclage",
    "vaginal-progesterone",
}
OUTCOMES = {"miscarriage", "preterm-birth", "fetal-loss"}


def _slugs(graph: Graph, name: str, kind: str) -> set[str]:
    rows = run_query(graph, get_query(name)).plain_rows()
    prefix = f"{MG}{kind}/"
    assert all(row["entity"].startswith(prefix) for row in rows)
    return {row["entity"][len(prefix) :] for row in rows}


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("risk-factors", "risk-factor", RISK_FACTORS),
        ("signs", "sign", SIGNS),
        ("diagnostics", "diagnostic", DIAGNOSTICS),
        ("treatments", "treatment", TREATMENTS),
        ("outcomes", "outcome", OUTCOMES),
    ],
)
def test_relation_queries_return_exactly_the_page_entities(
    shipped_graph: Graph, name: str, kind: str, expected: set[str]
) -> None:
    assert _slugs(shipped_graph, name, kind) == expected


@pytest.mark.parametrize("name", ["risk-factors", "signs", "diagnostics", "treatments", "outcomes"])
def test_every_row_is_named_and_evidenced(shipped_graph: Graph, name: str) -> None:
    for row in run_query(shipped_graph, get_query(name)).plain_rows():
        assert row["label"] and row["kind"], row
        assert row["references"] or int(row["excerpts"]) > 0, row


def test_risk_factor_references_follow_the_page(shipped_graph: Graph) -> None:
    rows = {
        r["entity"].rsplit("/", 1)[-1]: r
        for r in run_query(shipped_graph, get_query("risk-factors")).plain_rows()
    }
    assert rows["african-american-ethnicity"]["references"] == "McElrath 2010 [6]"
    pcos = rows["polycystic-ovary-syndrome"]["references"].split("; ")
    assert {"Lotgering 2007 [1]", "Anum 2010 [3]", "Porter 2011 [4]", "Feigenbaum 2012 [7]"} <= set(
        pcos
    )


def test_synonyms(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("synonyms")).plain_rows()
    by_kind: dict[str, set[str]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], set()).add(row["label"].lower())
    assert by_kind["preferred label"] == {"cervical incompetence"}
    assert {"cervical insufficiency", "cervical weakness"} <= by_kind["synonym"]
    scoped = {row["label"]: (row["scope"], row["abbreviation"], row["ambiguous"]) for row in rows}
    assert scoped["cervical insufficiency"] == ("exact", "no", "no")
    assert scoped["CI"] == ("related", "yes", "yes"), "an ambiguous abbreviation is not exact"
    assert all(row["source"] for row in rows if row["kind"] != "preferred label")


def test_references_are_the_seven_in_order(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("references")).plain_rows()
    numbered = [r for r in rows if r["number"]]
    assert [int(r["number"]) for r in numbered] == [1, 2, 3, 4, 5, 6, 7]
    assert numbered[0]["authors"] == "Lotgering FK"
    assert numbered[2]["authors"] == "Anum EA, Brown HL, Strauss JF"
    assert numbered[6]["authors"].startswith("Feigenbaum SL, Crites Y, Hararah MK")
    assert numbered[2]["doi"] == "10.1093/humrep/deq177"
    assert numbered[2]["pmid"] == "20643692"
    assert all(int(r["claims"] or 0) > 0 for r in numbered), "a reference supports nothing"


def test_threshold_is_a_typed_quantity(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("thresholds")).plain_rows()
    assert len(rows) == 1
    row = rows[0]
    assert (row["comparator"], row["value"], row["unit"], row["ucum"]) == (
        "<=",
        "15",
        "http://qudt.org/vocab/unit/MilliM",
        "mm",
    )
    assert row["test_label"] == "transvaginal ultrasonography"


def test_claims_never_rest_on_patient_narratives(shipped_graph: Graph) -> None:
    text = """
    SELECT ?claim WHERE {
      ?claim mgo:supportedBy|mgo:statedIn ?excerpt .
      ?excerpt mgo:sourceKind mgo:PatientNarrative .
    }"""
    assert run_query(shipped_graph, text).rows == []


def test_claims_query_lists_every_claim(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("claims")).plain_rows()
    count = run_query(shipped_graph, "SELECT (COUNT(?c) AS ?n) WHERE { ?c a mgo:Claim }")
    assert len(rows) == int(count.plain_rows()[0]["n"])
    assert all(row["relation"] and row["object_label"] and row["evidence"] for row in rows)


def test_excerpts_cover_every_section(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("excerpts")).plain_rows()
    sections = {row["section"] for row in rows}
    assert sections == {
        "presentation",
        "treatment",
        "prognosis",
        "etiology",
        "epidemiology",
        "pathophysiology",
        "prevention",
    }
    kinds = {row["kind"] for row in rows}
    assert "patient narrative" in kinds and "peer-reviewed article or abstract" in kinds


def test_statements_cover_every_aspect(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("statements")).plain_rows()
    aspects = {row["aspect"] for row in rows}
    assert {"epidemiology", "etiology", "pathophysiology", "prevention", "prognosis"} <= aspects
    assert all(int(row["evidence_count"]) > 0 for row in rows)


def test_quality_checks_find_nothing(shipped_graph: Graph) -> None:
    failures = {name: r.plain_rows() for name, r in quality_checks(shipped_graph).items() if r.rows}
    assert failures == {}


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_query_has_a_header(named) -> None:  # type: ignore[no-untyped-def]
    assert named.title and named.description
    if not named.is_quality_check:
        assert named.examples, f"{named.name} has no '# example:' line"


def test_risk_factors_by_support_counts_references(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("risk-factors-by-support")).plain_rows()
    slugs = {row["entity"].rsplit("/", 1)[-1]: int(row["reference_count"]) for row in rows}
    assert slugs["polycystic-ovary-syndrome"] == 4
    assert "african-american-ethnicity" not in slugs, "one reference only: below the default 2"
    assert "gynecologic-trauma" not in slugs, "rests on excerpts only"
    every = run_query(
        shipped_graph, get_query("risk-factors-by-support"), {"min_references": "1"}
    ).plain_rows()
    assert len(every) == len(rows) + 3  # African-American ethnicity and the two history factors
    assert (
        run_query(shipped_graph, get_query("risk-factors-by-support"), {"min_references": "5"}).rows
        == []
    )


def test_reference_supports_lists_what_one_reference_backs(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("reference-supports")).plain_rows()
    supported = {(row["relation"], row["object_label"]) for row in rows}
    assert supported == {
        ("has risk factor", "African-American ethnicity"),
        ("has outcome", "miscarriage"),
        ("has outcome", "preterm birth"),
        ("has sign or symptom", "expulsion of a live fetus"),
    }
    trial = run_query(
        shipped_graph,
        get_query("reference-supports"),
        {"reference": f"{MG}reference/althuisius-2001"},
    ).plain_rows()
    # Named only in an encyclopedia excerpt: the trial is a work the graph holds, not evidence.
    assert trial == []


def test_claims_without_peer_review(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("claims-without-peer-review")).plain_rows()
    assert [(r["claim"].rsplit("/", 1)[-1], r["website"], r["kind"]) for r in rows] == [
        ("statement-no-definitive-des-evidence", "aafp.org", "clinical reference")
    ]


def test_references_of_another_condition_are_none(shipped_graph: Graph) -> None:
    rows = run_query(
        shipped_graph, get_query("references"), {"condition": f"{MG}condition/no-such-condition"}
    ).rows
    assert rows == []


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_query_takes_the_condition(named) -> None:  # type: ignore[no-untyped-def]
    if not named.is_quality_check:
        assert "condition" in {p.name for p in named.parameters}, named.name
