"""Named queries return the expected rows on the shipped graph, with every thing named in words."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from medgraph.queries import (
    QC_LEVELS,
    QueryParameter,
    bind_query,
    format_result,
    get_query,
    json_value,
    list_queries,
    quality_checks,
    run_query,
)
from medgraph.sparql_text import inject_values, remove_values, values_blocks
from medgraph.terms import to_rdflib

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
        "presentation section",
        "treatment section",
        "prognosis section",
        "etiology section",
        "epidemiology section",
        "pathophysiology section",
        "prevention section",
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
        assert not named.level, "only quality checks have a level"
    else:
        assert named.level in QC_LEVELS, f"{named.name} has no '# level:' line"
        assert named.fix, f"{named.name} has no '# fix:' line (what to do about a row)"


def test_a_quality_check_without_a_level_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from medgraph.errors import QueryError
    from medgraph.queries import parse_query_file

    path = tmp_path / "qc-mine.rq"
    path.write_text("# title: mine\n# level: fatal\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="level"):
        parse_query_file(path)


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


CROSS_CONDITION = {
    "conditions-with-sign": "sign",
    "conditions-with-risk-factor": "risk_factor",
    "conditions-with-treatment": "treatment",
    "conditions-with-code": "code",
    "sign-references": "sign",
}
"""Questions across conditions: each takes what it asks about and answers with conditions."""


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_query_takes_the_condition(named) -> None:  # type: ignore[no-untyped-def]
    if named.is_quality_check:
        return
    parameters = {p.name for p in named.parameters}
    if named.name in CROSS_CONDITION:
        assert parameters == {CROSS_CONDITION[named.name]}, named.name
        assert "?condition ?condition_label" in named.text, "rows name their condition"
    else:
        assert "condition" in parameters, named.name


@pytest.mark.parametrize(("name", "param"), sorted(CROSS_CONDITION.items()))
def test_cross_condition_queries_find_the_shipped_condition_by_default(
    shipped_graph: Graph, name: str, param: str
) -> None:
    rows = run_query(shipped_graph, get_query(name)).plain_rows()
    assert {row["condition"] for row in rows} == {f"{MG}condition/cervical-incompetence"}
    nothing = run_query(shipped_graph, get_query(name), {param: f"{MG}sign/no-such-thing"})
    assert nothing.rows == []


def test_conditions_with_code_reach_codes_through_entities_and_drugs(shipped_graph: Graph) -> None:
    query = get_query("conditions-with-code")
    own = run_query(shipped_graph, query, {"code": "mesh:D002581"}).plain_rows()
    assert [(r["entity_label"], r["relation"], r["match"]) for r in own] == [
        ("cervical incompetence", "the condition itself", "exact")
    ]
    drug = run_query(shipped_graph, query, {"code": "chebi:17026"}).plain_rows()
    assert {(r["entity_label"], r["relation"]) for r in drug} == {
        ("progesterone", "the drug of vaginal progesterone")
    }


def test_sign_references_number_works_as_the_page_does(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("sign-references")).plain_rows()
    assert [(r["reference_label"], r["number"]) for r in rows] == [("Porter 2011 [4]", "4")]


def test_a_condition_shares_everything_with_itself(shipped_graph: Graph) -> None:
    rows = run_query(shipped_graph, get_query("conditions-sharing")).plain_rows()
    entities = {r["shared"] for r in rows if r["kind"] == "entity"}
    works = {r["relation"] for r in rows if r["kind"] == "work"}
    assert len(entities) == 32  # every entity the condition relates to (after the evidence review)
    assert works == {f"cited as [{n}]" for n in range(1, 8)}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (Literal(0), 0),
        (Literal("42", datatype=XSD.nonNegativeInteger), 42),
        (Literal("15", datatype=XSD.decimal), 15),
        (Literal("15.5", datatype=XSD.decimal), 15.5),
        (Literal("2.5E1", datatype=XSD.double), 25.0),
        (Literal("true", datatype=XSD.boolean), True),
        (Literal("0", datatype=XSD.boolean), False),
        (Literal("NaN", datatype=XSD.double, normalize=False), "NaN"),
        (Literal("-INF", datatype=XSD.float, normalize=False), "-INF"),
        (Literal("twelve", datatype=XSD.integer), "twelve"),
        (Literal("15"), "15"),
        (Literal("15", lang="en"), "15"),
        (Literal("2026-12-01", datatype=XSD.date), "2026-12-01"),
        (URIRef(MG + "x"), MG + "x"),
        (None, None),
    ],
)
def test_json_values_take_their_type_from_the_datatype(term: Any, expected: Any) -> None:
    value = json_value(term)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph"])
def test_query_json_gives_numbers_as_numbers(backend: str) -> None:
    from medgraph.backends import open_backend

    engine = open_backend(backend)
    treatments = json.loads(format_result(engine.query(get_query("treatments")), "json"))
    assert {row["excerpts"] for row in treatments} >= {1, 2}
    assert all(type(row["excerpts"]) is int for row in treatments), "a count, not a string"
    assert all(isinstance(row["label"], str) for row in treatments)
    (threshold,) = json.loads(format_result(engine.query(get_query("thresholds")), "json"))
    assert threshold["value"] == 15 and threshold["comparator"] == "<="
    ask = json.loads(format_result(engine.query("ASK { ?s ?p ?o }"), "json"))
    assert ask == {"boolean": True}


# ---------------------------------------------------------------------------------------------
# Every named query runs as it is, its defaults in its own text
# ---------------------------------------------------------------------------------------------

PARAMETERISED = [q.name for q in list_queries() if q.parameters]


def _sparql_term(parameter: QueryParameter) -> str:
    """The default as the query file writes it (a bare IRI or a bare number)."""
    assert parameter.default is not None
    return f"<{parameter.default}>" if parameter.type == "iri" else parameter.default


@pytest.mark.parametrize("name", PARAMETERISED)
def test_the_query_text_holds_its_defaults_in_one_values_block(name: str) -> None:
    query = get_query(name)
    names = {p.name for p in query.parameters}
    blocks = [b for b in values_blocks(query.text) if b[2] & names]
    assert len(blocks) == 1, "one VALUES block holds the defaults"
    start, end, bound = blocks[0]
    assert bound == names
    for parameter in query.parameters:
        assert _sparql_term(parameter) in query.text[start:end], parameter.name


@pytest.fixture(scope="module")
def plain_store(shipped_graph: Graph) -> ox.Store:
    """The shipped graph in a bare pyoxigraph store: no medgraph code between query and engine."""
    store = ox.Store()
    store.load(
        shipped_graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES
    )
    return store


def _rows(variables: list[str], solutions: Iterator[Any]) -> list[tuple[str, ...]]:
    rows = []
    for solution in solutions:
        row = []
        for var in variables:
            value = solution[var] if isinstance(solution, ox.QuerySolution) else solution.get(var)
            row.append(
                ""
                if value is None
                else str(to_rdflib(value) if isinstance(solution, ox.QuerySolution) else value)
            )
        rows.append(tuple(row))
    return sorted(rows)


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_each_query_run_raw_gives_the_rows_it_gives_bound_with_its_defaults(
    name: str, plain_store: ox.Store
) -> None:
    query = get_query(name)
    raw = plain_store.query(query.text)  # as it is: no prefixes, no binding
    assert isinstance(raw, ox.QuerySolutions)
    raw_rows = _rows([v.value for v in raw.variables], iter(raw))
    bound = bind_query(query)
    answer = plain_store.query(bound.text)
    assert isinstance(answer, ox.QuerySolutions)
    bound_rows = _rows([v.value for v in answer.variables], iter(answer))
    assert raw_rows == bound_rows
    if name in {"reference-supports", "risk-factors-by-support", "synonyms"}:  # differed before
        assert raw_rows, "the defaults give rows"


def test_a_bound_value_replaces_the_default_instead_of_joining_it(
    shipped_graph: Graph, plain_store: ox.Store
) -> None:
    query = get_query("reference-supports")
    anum = f"{MG}reference/anum-2010"
    bound = bind_query(query, {"reference": anum})
    blocks = [bound.text[start:end] for start, end, _ in values_blocks(bound.text)]
    assert not any("mcelrath-2010" in block for block in blocks), "the default block is gone"
    assert any(f"<{anum}>" in block for block in blocks)
    answer = plain_store.query(bound.text)
    assert isinstance(answer, ox.QuerySolutions)
    oxigraph = _rows([v.value for v in answer.variables], iter(answer))
    result = run_query(shipped_graph, query, {"reference": anum})
    rdflib = _rows(result.variables, iter(result.plain_rows()))
    default = _rows(result.variables, iter(run_query(shipped_graph, query).plain_rows()))
    assert oxigraph == rdflib and oxigraph, "rdflib and Oxigraph agree on the bound value"
    assert oxigraph != default
    (title,) = shipped_graph.objects(URIRef(anum), DCTERMS.title)
    assert {row[0] for row in oxigraph} == {str(title)}


def test_only_values_blocks_of_parameters_alone_give_way() -> None:
    text = (
        "SELECT * WHERE { VALUES ?p { <urn:default> } "
        'VALUES (?p ?other) { (<urn:a> "}") } ?s ?p ?other . '
        '# VALUES ?p { <urn:in-a-comment> }\n FILTER(?o != "VALUES ?p { }") }'
    )
    out = remove_values(text, ["p"])
    assert "<urn:default>" not in out
    assert '(<urn:a> "}")' in out, "a block that binds other variables stays"
    assert "<urn:in-a-comment>" in out and '"VALUES ?p { }"' in out
    injected = inject_values(text, {"p": URIRef("urn:given")}, "SELECT")
    assert "<urn:default>" not in injected and injected.count("<urn:given>") == 1
