"""The shipped data says what the source page says: passages are verbatim, every excerpt and
reference of the page is in the graph, and every clinical relation is reachable from the
condition through a claim with its evidence.

The seed page is copied under ``tests/fixtures/seed/`` so that these checks run anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from medgraph.namespaces import MGO

SEED = Path(__file__).parent / "fixtures" / "seed" / "000_4f362a13c7923613.txt"
CONDITION = URIRef("https://w3id.org/medgraph/id/condition/cervical-incompetence")
BULLET = re.compile(r"^\s+•\s(?P<text>.*)\[(?P<site>[a-z0-9.-]+)\]$")
# Slips of the page that the graph corrects, each recorded in skos:editorialNote.
CORRECTIONS = {
    "third) semester": "third) trimester",
    "as early is possible": "as early as possible",
}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page_bullets(seed_text: str) -> list[tuple[str, str]]:
    return [(m["text"], m["site"]) for line in seed_text.splitlines() if (m := BULLET.match(line))]


def _excerpts(graph: Graph) -> dict[URIRef, tuple[str, str]]:
    out = {}
    for excerpt in graph.subjects(RDF.type, MGO.Excerpt):
        text = str(graph.value(excerpt, MGO.passageText))
        host = str(graph.value(graph.value(excerpt, MGO.sourceWebsite), MGO.hostName))
        out[excerpt] = (text, host)  # type: ignore[index]
    return out


def test_every_bullet_of_the_page_is_an_excerpt_with_its_website(
    shipped_graph: Graph, page_bullets: list[tuple[str, str]]
) -> None:
    assert len(page_bullets) == 33
    assert sorted(_excerpts(shipped_graph).values()) == sorted(page_bullets)


def test_every_excerpt_belongs_to_the_condition(shipped_graph: Graph) -> None:
    linked = set(shipped_graph.objects(CONDITION, MGO.hasExcerpt))
    assert linked == set(_excerpts(shipped_graph))


def test_page_texts_are_verbatim_but_for_recorded_corrections(
    shipped_graph: Graph, seed_text: str
) -> None:
    corrected = seed_text
    for slip, fix in CORRECTIONS.items():
        assert slip in corrected
        corrected = corrected.replace(slip, fix)
    page_texts = list(shipped_graph.objects(CONDITION, MGO.hasPageText))
    assert len(page_texts) == 3
    for node in page_texts:
        text = str(shipped_graph.value(node, MGO.passageText))
        assert text in corrected, node
        if text not in seed_text:
            note = str(shipped_graph.value(node, SKOS.editorialNote))
            assert any(slip in note for slip in CORRECTIONS), f"{node}: correction not recorded"


def test_no_slip_of_the_page_is_carried_into_the_graph(shipped_graph: Graph) -> None:
    for _, _, value in shipped_graph.triples((None, MGO.passageText, None)):
        assert "semester" not in str(value)
        assert "early is possible" not in str(value)


def _page_numbers(graph: Graph) -> dict[int, URIRef]:
    """The page's numbered list: [n] -> the work, from the page's citations."""
    (page,) = graph.subjects(MGO.describes, CONDITION)
    citations = list(graph.subjects(MGO.citedBy, page))
    numbers = {
        int(graph.value(c, MGO.citationNumber)): graph.value(c, MGO.citesWork) for c in citations
    }  # type: ignore[arg-type]
    assert len(numbers) == len(citations), "two citations of the page share a number"
    return numbers  # type: ignore[return-value]


def test_page_citations_match_the_graph(shipped_graph: Graph, seed_text: str) -> None:
    numbers = _page_numbers(shipped_graph)
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6, 7]
    listed = re.findall(r"^\s+(\d)\. (.*)$", seed_text, flags=re.MULTILINE)
    assert [int(n) for n, _ in listed] == [1, 2, 3, 4, 5, 6, 7]
    for n, entry in listed:
        work = numbers[int(n)]
        assert str(shipped_graph.value(work, URIRef("http://purl.org/dc/terms/title"))) in entry
    for node in shipped_graph.objects(CONDITION, MGO.hasPageText):
        text = str(shipped_graph.value(node, MGO.passageText))
        cited = {int(n) for n in re.findall(r"\[(\d)\]", text)}
        assert set(shipped_graph.objects(node, MGO.citesReference)) == {numbers[n] for n in cited}


def test_numbers_belong_to_pages_not_to_works(shipped_graph: Graph) -> None:
    assert not list(shipped_graph.triples((None, MGO.referenceNumber, None)))
    for citation in shipped_graph.subjects(RDF.type, MGO.Citation):
        assert str(citation).startswith("https://w3id.org/medgraph/id/citation/")
        assert shipped_graph.value(citation, MGO.citedBy) is not None


def test_reference_titles_are_as_the_page_prints_them(shipped_graph: Graph, seed_text: str) -> None:
    for ref in _page_numbers(shipped_graph).values():
        title = str(shipped_graph.value(ref, URIRef("http://purl.org/dc/terms/title")))
        assert title in seed_text, title


def test_every_relation_is_reachable_through_a_claim_with_a_reference_or_citable_excerpt(
    shipped_graph: Graph,
) -> None:
    relations = {
        MGO.hasRiskFactor,
        MGO.hasSignOrSymptom,
        MGO.hasDiagnosticTest,
        MGO.hasTreatment,
        MGO.hasOutcome,
        MGO.hasClinicalStatement,
        MGO.hasCause,
        MGO.hasPredictiveMarker,
    }
    edges = [(p, o) for p in relations for o in shipped_graph.objects(CONDITION, p)]
    assert len(edges) == 60
    citable = {MGO.PeerReviewedAbstract, MGO.ClinicalReference}
    for predicate, obj in edges:
        claims = [
            c
            for c in shipped_graph.subjects(MGO.claimObject, obj)
            if shipped_graph.value(c, MGO.claimPredicate) == predicate
        ]
        assert len(claims) == 1, (predicate, obj)
        evidence = list(shipped_graph.objects(claims[0], MGO.supportedBy))
        assert evidence, claims[0]
        for item in evidence:
            kind = shipped_graph.value(item, MGO.sourceKind)
            assert kind is None or kind in citable, (claims[0], item, kind)


def test_the_threshold_is_a_typed_quantity(shipped_graph: Graph) -> None:
    threshold = URIRef("https://w3id.org/medgraph/id/threshold/cervical-length-15-mm")
    value = shipped_graph.value(threshold, URIRef("http://qudt.org/schema/qudt/numericValue"))
    assert isinstance(value, Literal) and value.toPython() == 15
    assert shipped_graph.value(threshold, MGO.comparator) == MGO.LessThanOrEqual
    assert shipped_graph.value(threshold, URIRef("http://qudt.org/schema/qudt/unit")) == URIRef(
        "http://qudt.org/vocab/unit/MilliM"
    )
