"""The static site: every page, every link, every citation, checked against the graph.

Pages are parsed with the standard library's HTML parser into a small tree; what each page
shows is compared with what the graph says (claims, references, excerpts, codes), so a page
that drops or invents a citation fails. The picture needs Graphviz ``dot``: without it these
tests skip with that reason, except in CI (``MEDGRAPH_REQUIRE_BROWSER=1``, set by .ci/run),
where a missing tool is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from medgraph.namespaces import BIBO, MGO, RDF, SCHEMA, SKOS

ROOT = Path(__file__).resolve().parent.parent
CONDITION = URIRef("https://w3id.org/medgraph/id/condition/cervical-incompetence")
PCOS = URIRef("https://w3id.org/medgraph/id/risk-factor/polycystic-ovary-syndrome")
ANUM = URIRef("https://w3id.org/medgraph/id/reference/anum-2010")
CHANDIRAMANI = URIRef("https://w3id.org/medgraph/id/reference/chandiramani-2008")
CONDITION_PAGE = "condition/cervical-incompetence.html"
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}  # fmt: skip


def require_dot() -> None:
    if shutil.which("dot") is None:
        message = "Graphviz 'dot' is not installed (Debian: apt-get install graphviz)"
        if os.environ.get("MEDGRAPH_REQUIRE_BROWSER"):
            pytest.fail(message + "; CI installs it in .ci/run")
        pytest.skip(message)


# ----------------------------------------------------------------------------------------------
# A small HTML tree (standard library only)
# ----------------------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> list[Element]:
        found = [self]
        for child in self.children:
            if isinstance(child, Element):
                found += child.iter()
        return found

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def by_id(self, element_id: str) -> Element:
        matches = [e for e in self.iter() if e.attrs.get("id") == element_id]
        assert len(matches) == 1, f"{len(matches)} elements with id {element_id!r}"
        return matches[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(path: Path) -> Element:
    """Parse a page; fails on a tag closed out of order (a sign of broken escaping)."""
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.stack == [builder.root], f"{path}: unclosed <{builder.stack[-1].tag}>"
    return builder.root


def json_ld(page: Element) -> dict:
    scripts = [s for s in page.find_all("script") if s.attrs.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def json_ld_graph(document: dict) -> Graph:
    """The JSON-LD as RDF, with schema.org's vocabulary inline (nothing fetched)."""
    local = {**document, "@context": {"@vocab": "https://schema.org/"}}
    return Graph().parse(data=json.dumps(local), format="json-ld")


# ----------------------------------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, shipped_graph: Graph) -> Path:
    require_dot()
    from medgraph.render import render_site

    target = tmp_path_factory.mktemp("render") / "site"
    render_site(shipped_graph, target)
    return target


@pytest.fixture(scope="module")
def condition_page(site: Path) -> Element:
    return parse_html(site / CONDITION_PAGE)


def claim_evidence(graph: Graph, predicate: URIRef, target: URIRef) -> set[URIRef]:
    claims = set(graph.subjects(MGO.claimObject, target)) & set(
        graph.subjects(MGO.claimPredicate, predicate)
    )
    return {e for claim in claims for e in graph.objects(claim, MGO.supportedBy)}  # type: ignore[misc]


def slug(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def anchor(iri: URIRef) -> str:
    return str(iri).split("/id/", 1)[1].replace("/", "-")


# ----------------------------------------------------------------------------------------------
# Pages and links
# ----------------------------------------------------------------------------------------------


def test_site_has_a_page_per_condition_and_per_reference(site: Path, shipped_graph: Graph) -> None:
    conditions = set(shipped_graph.subjects(RDF.type, MGO.Condition))
    references = {
        s for cls in (MGO.JournalArticle, MGO.Book) for s in shipped_graph.subjects(RDF.type, cls)
    }
    assert {p.stem for p in (site / "condition").glob("*.html")} == {slug(c) for c in conditions}  # type: ignore[arg-type]
    assert {p.stem for p in (site / "reference").glob("*.html")} == {slug(r) for r in references}  # type: ignore[arg-type]
    for name in (
        "index.html",
        "query.html",
        "static/style.css",
        "static/query.js",
        ".medgraph-site",
    ):
        assert (site / name).is_file(), name
    assert (site / "graph/cervical-incompetence.svg").is_file()


def test_every_link_between_pages_resolves(site: Path) -> None:
    """No broken link: each relative href names a file of the site and, with #, an id in it."""
    ids: dict[Path, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    checked = 0
    for page in pages:
        tree = parse_html(page)
        for element in tree.find_all():
            href = element.attrs.get("href") or element.attrs.get("xlink:href")
            if not href or re.match(r"^[a-z]+:", href):
                continue
            path_part, _, fragment = href.partition("#")
            target = (page.parent / path_part).resolve() if path_part else page
            assert target.is_file(), f"{page.relative_to(site)}: {href} -> no such file"
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {
                        e.attrs["id"] for e in parse_html(target).iter() if "id" in e.attrs
                    }
                assert fragment in ids[target], f"{page.relative_to(site)}: {href} -> no such id"
            checked += 1
    assert checked > 500  # the pages are dense with citations; a regression that drops them fails


def test_pages_load_nothing_from_the_network(site: Path) -> None:
    for page in site.rglob("*.html"):
        tree = parse_html(page)
        for element in tree.find_all():
            for attribute in ("src", "data"):
                value = element.attrs.get(attribute, "")
                assert not re.match(r"^(https?:)?//", value), f"{page}: {element.tag} {value}"
            if element.tag == "link":
                assert not re.match(r"^(https?:)?//", element.attrs["href"]), page
    css = (site / "static/style.css").read_text()
    assert "url(" not in css and "@import" not in css


# ----------------------------------------------------------------------------------------------
# The condition page
# ----------------------------------------------------------------------------------------------


def test_each_relation_row_cites_exactly_the_claims_evidence(
    condition_page: Element, shipped_graph: Graph
) -> None:
    """Every risk factor, cause, sign, test, predictor, treatment and outcome, with all of its
    evidence and no more; an entity in two relations has a row in each (the second with an
    anchor of its own)."""
    rows = 0
    for predicate, key in (
        (MGO.hasRiskFactor, "risk-factors"),
        (MGO.hasCause, "causes"),
        (MGO.hasSignOrSymptom, "signs"),
        (MGO.hasDiagnosticTest, "tests"),
        (MGO.hasPredictiveMarker, "predictors"),
        (MGO.hasTreatment, "treatments"),
        (MGO.hasOutcome, "outcomes"),
    ):
        for target in shipped_graph.objects(CONDITION, predicate):
            section = condition_page.by_id(key)
            found = [
                r
                for r in section.find_all("tr", "entity")
                if r.attrs.get("data-iri") == str(target)
            ]
            assert len(found) == 1, (key, target)
            row = found[0]
            cited = {a.attrs["href"] for a in row.find_all("span", "citations")[0].find_all("a")}
            expected = set()
            for evidence in claim_evidence(shipped_graph, predicate, target):  # type: ignore[arg-type]
                if (evidence, RDF.type, MGO.Excerpt) in shipped_graph:
                    expected.add(f"#{anchor(evidence)}")  # type: ignore[arg-type]
                else:
                    expected.add(f"../reference/{slug(evidence)}.html")  # type: ignore[arg-type]
            assert cited == expected, target
            rows += 1
    assert rows == 40


def test_risk_factor_citations_show_number_author_and_year(condition_page: Element) -> None:
    row = condition_page.by_id(anchor(PCOS))
    texts = [a.text for a in row.find_all("span", "citations")[0].find_all("a")]
    assert texts == [
        "[1] Lotgering 2007",
        "[3] Anum 2010",
        "[4] Porter 2011",
        "[7] Feigenbaum 2012",
    ]
    details = row.find_all("details", "evidence")[0]
    assert "Health disparities in risk for cervical insufficiency" in details.text
    assert "Stated in: page text: presentation" in details.text


def test_rows_show_the_hedges_and_quotes_as_the_page_words_them(condition_page: Element) -> None:
    bleeding = condition_page.by_id("sign-vaginal-bleeding")
    hedge = bleeding.find_all("p", "hedge")[0]
    assert hedge.text == "As the page words it: asserted; in some patients"
    quotes = [q.text for q in bleeding.find_all("blockquote", "quote")]
    assert quotes == [
        "vaginal spotting or bleeding, abdominal or lower back pain, and discharge are seen in "
        "some women prior to the event"
    ]
    loss = condition_page.by_id("outcome-fetal-loss")
    assert loss.find_all("span", "certainty")[0].text == "hypothesized"
    assert "established" in condition_page.by_id(anchor(PCOS)).find_all("p", "hedge")[0].text
    kind = bleeding.find_all("p", "evidence-type")[0].text
    assert kind == (
        "Evidence type: author statement supported by traceable reference used in manual "
        "assertion (eco:0000304)"
    )


def test_excerpt_evidence_shows_its_website_and_kind(condition_page: Element) -> None:
    row = condition_page.by_id("risk-factor-gynecologic-trauma")
    excerpts = row.find_all("li", "evidence-excerpt")
    assert len(excerpts) == 2
    for item in excerpts:
        assert re.search(r"\((ncbi\.nlm\.nih\.gov|doi\.org|[a-z.]+), peer-reviewed", item.text), (
            item.text
        )


def test_patient_narratives_are_marked_and_never_cited(
    condition_page: Element, shipped_graph: Graph
) -> None:
    narratives = set(shipped_graph.subjects(MGO.sourceKind, MGO.PatientNarrative))
    assert len(narratives) >= 3
    cited = {
        a.attrs["href"]
        for span in condition_page.find_all("span", "citations")
        for a in span.find_all("a")
    }
    for excerpt in narratives:
        figure = condition_page.by_id(anchor(excerpt))  # type: ignore[arg-type]
        assert "narrative" in figure.classes
        assert "Patient narrative: a personal account, not evidence" in figure.text
        assert f"#{anchor(excerpt)}" not in cited  # type: ignore[arg-type]
        assert "Evidence for" not in figure.text


def test_excerpts_grouped_by_section_with_source_and_kind(
    condition_page: Element, shipped_graph: Graph
) -> None:
    excerpts = set(shipped_graph.objects(CONDITION, MGO.hasExcerpt))
    figures = condition_page.by_id("excerpts").find_all("figure", "excerpt")
    assert len(figures) == len(excerpts) == 33
    for figure in figures:
        node = URIRef(figure.attrs["data-iri"])
        website = shipped_graph.value(shipped_graph.value(node, MGO.sourceWebsite), MGO.hostName)
        kind = shipped_graph.value(node, MGO.sourceKind)
        kind_label = shipped_graph.value(kind, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        assert figure.find_all("span", "website")[0].text == str(website)
        assert figure.find_all("span", "source-kind")[0].text == str(kind_label)
        section = shipped_graph.value(node, MGO.pageSection)
        heading = str(section).rsplit("/", 1)[-1].removesuffix("Section").lower()
        assert figure.attrs["id"] in {
            e.attrs.get("id") for e in condition_page.by_id("excerpts").iter()
        }
        assert f"excerpt {heading}-" in figure.text


def test_threshold_shows_comparator_value_and_unit(condition_page: Element) -> None:
    card = condition_page.by_id("threshold-cervical-length-15-mm")
    assert "cervical length ≤ 15 mm" in card.text
    assert card.find_all("span", "unit")[0].text == "mm"
    hrefs = {a.attrs["href"] for a in card.find_all("a")}
    assert "http://qudt.org/vocab/unit/MilliM" in hrefs
    assert "#diagnostic-transvaginal-ultrasonography" in hrefs
    # the threshold qualifies the test as a predictor of preterm birth, not as a diagnostic
    row = condition_page.by_id("diagnostic-transvaginal-ultrasonography-as-predictors")
    assert "Threshold: cervical length ≤ 15 mm" in row.text
    assert "Threshold" not in condition_page.by_id("diagnostic-transvaginal-ultrasonography").text


def test_clinical_statements_by_aspect(condition_page: Element, shipped_graph: Graph) -> None:
    statements = set(shipped_graph.objects(CONDITION, MGO.hasClinicalStatement))
    items = condition_page.by_id("statements").find_all("li", "statement")
    assert len(items) == len(statements) == 20
    headings = [h.text for h in condition_page.by_id("statements").find_all("h3")]
    assert headings[:3] == ["Epidemiology", "Etiology", "Pathophysiology"]
    for item in items:
        node = URIRef(item.attrs["data-iri"])
        assert str(shipped_graph.value(node, MGO.statementText)) in item.text
        assert item.find_all("span", "citations")[0].find_all("a"), node


def test_page_text_citations_link_to_their_references(condition_page: Element) -> None:
    presentation = condition_page.by_id("page-text-presentation")
    links = {a.text: a.attrs["href"] for a in presentation.find_all("a")}
    assert links["[3]"] == "../reference/anum-2010.html"
    assert links["[6]"] == "../reference/mcelrath-2010.html"
    assert (
        "trimester" in presentation.text
        and "semester" not in presentation.text.split("Editorial")[0]
    )


def test_codes_in_other_ontologies_link_to_their_iris(
    condition_page: Element, shipped_graph: Graph
) -> None:
    # The data's codes (the ontology's own exact matches, to Biolink classes, are not codes).
    expected = {
        str(code)
        for entity, code in shipped_graph.subject_objects(SKOS.exactMatch)
        if str(entity).startswith("https://w3id.org/medgraph/id/")
    }
    rows = condition_page.by_id("codes").find_all("tr", "code")
    hrefs = {
        a.attrs["href"]
        for row in rows
        for a in row.find_all("a")
        if a.attrs["href"].startswith("http")
    }
    assert expected and expected <= hrefs
    doid = next(r for r in rows if "DOID:9681" in r.text)
    assert "doid:9681" in doid.text and "verified" in doid.text


def test_no_codes_yet_when_the_graph_has_none(tmp_path: Path) -> None:
    require_dot()
    from medgraph.loader import load_default_graph
    from medgraph.render import render_site

    render_site(load_default_graph(include_mappings=False), tmp_path / "site")
    codes = parse_html(tmp_path / "site" / CONDITION_PAGE).by_id("codes")
    assert codes.find_all("p", "no-codes")
    assert "No codes yet" in codes.text
    assert not codes.find_all("table")


def test_condition_json_ld_is_a_schema_org_medical_condition(
    condition_page: Element, shipped_graph: Graph
) -> None:
    document = json_ld(condition_page)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "MedicalCondition"
    rdf = json_ld_graph(document)
    subject = URIRef(document["@id"])
    assert subject == CONDITION
    for prop, predicate in (
        ("riskFactor", MGO.hasRiskFactor),
        ("signOrSymptom", MGO.hasSignOrSymptom),
        ("typicalTest", MGO.hasDiagnosticTest),
        ("possibleTreatment", MGO.hasTreatment),
    ):
        assert set(rdf.objects(subject, SCHEMA[prop])) == set(
            shipped_graph.objects(CONDITION, predicate)
        ), prop
    assert (PCOS, RDF.type, SCHEMA.MedicalRiskFactor) in rdf
    assert len(set(rdf.objects(subject, SCHEMA.possibleComplication))) == 3
    codes = {str(rdf.value(c, SCHEMA.codeValue)) for c in rdf.objects(subject, SCHEMA.code)}
    assert {"DOID:9681", "N88.3"} <= codes
    assert len(set(rdf.objects(subject, SCHEMA.citation))) >= 7


# ----------------------------------------------------------------------------------------------
# Reference pages
# ----------------------------------------------------------------------------------------------


def test_an_edited_book_lists_its_editors_not_authors(site: Path) -> None:
    text = (site / "reference/porter-2011.html").read_text(encoding="utf-8")
    page = parse_html(site / "reference/porter-2011.html")
    names = page.find_all("ol", "authors")[0]
    assert names.attrs["aria-label"] == "editors in order"
    assert [li.text for li in names.find_all("li")] == ["Porter RS", "Kaplan JL"]
    assert "Editors of the work, not its authors." in page.find_all("p", "role")[0].text
    assert '"editor": [' in text and '"author": [' not in text


def test_reference_page_lists_what_it_supports(site: Path, shipped_graph: Graph) -> None:
    page = parse_html(site / "reference/anum-2010.html")
    authors = [li.text for li in page.find_all("ol", "authors")[0].find_all("li")]
    assert authors == ["Anum EA", "Brown HL", "Strauss JF"]
    assert page.find_all("dd", "journal")[0].text == "Human Reproduction"
    assert page.find_all("dd", "year")[0].text == "2010"
    assert page.find_all("dd", "volume")[0].text == "25 (11)"
    assert page.find_all("dd", "pages")[0].text == "2894\N{EN DASH}2900"
    identifiers = {a.attrs["href"] for a in page.find_all("a", "identifier")}
    assert identifiers == {
        "https://doi.org/10.1093/humrep/deq177",
        "https://pubmed.ncbi.nlm.nih.gov/20643692/",
    }
    claims = set(shipped_graph.subjects(MGO.supportedBy, ANUM))
    rows = page.by_id("supports").find_all("tbody")[0].find_all("tr")
    assert len(rows) == len(claims)
    targets = {row.find_all("a")[0].attrs["href"].split("#")[1] for row in rows}
    assert targets == {anchor(shipped_graph.value(c, MGO.claimObject)) for c in claims}  # type: ignore[arg-type]
    assert "polycystic ovary syndrome" in page.by_id("supports").text


def test_unverified_identifiers_are_not_linked(site: Path, shipped_graph: Graph) -> None:
    page = parse_html(site / "reference/chandiramani-2008.html")
    assert not page.find_all("a", "identifier")
    assert "none verified" in page.find_all("dd", "identifiers")[0].text
    assert (
        "Unverified" in page.by_id("identifier-checks").text
        or "unverified" in page.by_id("identifier-checks").text.lower()
    )
    # A DOI that the graph holds without a verified check is not shown either.
    from medgraph.render import collect_site

    graph = Graph()
    for triple in shipped_graph:
        graph.add(triple)
    graph.add((CHANDIRAMANI, BIBO.doi, Literal("10.1576/toag.10.2.099.27418")))
    reference = next(
        r for r in collect_site(graph, queries=False).references if r.slug == "chandiramani-2008"
    )
    assert reference.identifiers == []


# ----------------------------------------------------------------------------------------------
# The picture
# ----------------------------------------------------------------------------------------------


def test_picture_has_a_node_per_related_entity_and_a_legend(
    site: Path, shipped_graph: Graph
) -> None:
    svg = ET.parse(site / "graph/cervical-incompetence.svg").getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    node_ids = {g.get("id") for g in svg.iterfind(".//svg:g[@class='node']", ns)}
    related = [
        o
        for p in (
            MGO.hasRiskFactor,
            MGO.hasSignOrSymptom,
            MGO.hasDiagnosticTest,
            MGO.hasTreatment,
            MGO.hasOutcome,
        )
        for o in shipped_graph.objects(CONDITION, p)
    ]
    for entity in related:
        assert f"node-{anchor(entity)}" in node_ids, entity  # type: ignore[arg-type]
    assert "node-condition" in node_ids and "legend" in node_ids
    assert "node-threshold-cervical-length-15-mm" in node_ids
    text = " ".join(t.text or "" for t in svg.iterfind(".//svg:text", ns))
    assert "Legend" in text and "risk factor" in text and "cervical length ≤ 15" in text


# ----------------------------------------------------------------------------------------------
# Hostile data, safety and atomic output
# ----------------------------------------------------------------------------------------------

HOSTILE = "</script><script>alert(\"x\")</script> & <b>bold</b> 'q' \\n"

HOSTILE_TTL = f"""
@prefix mgo: <https://w3id.org/medgraph/ontology/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/medgraph/id/condition/hostile> a mgo:Condition ;
    skos:prefLabel {json.dumps(HOSTILE)}@en ;
    skos:definition {json.dumps(HOSTILE)}@en ;
    mgo:hasRiskFactor <https://w3id.org/medgraph/id/risk-factor/odd> .
<https://w3id.org/medgraph/id/risk-factor/odd> skos:prefLabel {json.dumps(HOSTILE)}@en .
<https://w3id.org/medgraph/id/claim/odd> a mgo:Claim ;
    mgo:claimSubject <https://w3id.org/medgraph/id/condition/hostile> ;
    mgo:claimPredicate mgo:hasRiskFactor ;
    mgo:claimObject <https://w3id.org/medgraph/id/risk-factor/odd> ;
    mgo:supportedBy <https://w3id.org/medgraph/id/reference/x%22%3E-1999> .
<https://w3id.org/medgraph/id/reference/x%22%3E-1999> a mgo:JournalArticle ;
    dcterms:title {json.dumps(HOSTILE)} ; dcterms:issued "1999"^^xsd:gYear .
"""


def test_data_strings_are_escaped_everywhere(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    require_dot()
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE_TTL, encoding="utf-8")
    result = run_cli("render", "-o", str(tmp_path / "site"), str(data))
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) == 4  # index, query, one condition, one reference (slug made safe)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html and "<b>bold</b>" not in html, page
        parse_html(page)  # balanced tags: nothing in the data opened or closed an element
    condition = site / "condition/hostile.html"
    tree = parse_html(condition)
    assert tree.find_all("h1")[0].text == HOSTILE
    document = json_ld(tree)
    assert document["name"] == HOSTILE  # JSON-LD keeps the exact string, escaped for <script>
    assert (
        "</script>"
        not in condition.read_text().split('type="application/ld+json">')[1].split("</script>")[0]
    )
    svg = ET.parse(site / "graph/hostile.svg").getroot()  # still well-formed XML
    texts = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "<script>alert" in texts  # shown as text, not markup
    reference_pages = list((site / "reference").glob("*.html"))
    assert len(reference_pages) == 1 and re.fullmatch(
        r"n-[0-9a-f]{16}\.html", reference_pages[0].name
    )


URLS_TTL = """
@prefix mgo: <https://w3id.org/medgraph/ontology/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix condition: <https://w3id.org/medgraph/id/condition/> .
@prefix diagnostic: <https://w3id.org/medgraph/id/diagnostic/> .
@prefix claim: <https://w3id.org/medgraph/id/claim/> .
@prefix threshold: <https://w3id.org/medgraph/id/threshold/> .
@prefix reference: <https://w3id.org/medgraph/id/reference/> .
condition:urls a mgo:Condition ;
    skos:prefLabel "urls"@en ;
    skos:exactMatch <javascript:alert(3)> , <https://example.org/code/1> ;
    mgo:hasDiagnosticTest diagnostic:scan .
diagnostic:scan skos:prefLabel "scan"@en .
claim:scan a mgo:Claim ;
    mgo:claimSubject condition:urls ;
    mgo:claimPredicate mgo:hasDiagnosticTest ;
    mgo:claimObject diagnostic:scan ;
    mgo:supportedBy reference:work-2001 ;
    mgo:hasThreshold threshold:short .
threshold:short mgo:measuredProperty "length" ; mgo:comparator mgo:LessThan ;
    qudt:numericValue 15 ; qudt:unit <data:text/html,unit> .
reference:work-2001 a mgo:JournalArticle ;
    dcterms:title "A work" ; dcterms:issued "2001"^^xsd:gYear ;
    schema:url "javascript:alert(1)" ;
    foaf:homepage <file:///etc/passwd> , <https://example.org/work> .
"""


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "//evil.example/x",
        "evil.example/x",
        "http:evil.example",
        "https://[::1",
        "",
        None,
    ],
)
def test_only_absolute_web_urls_may_become_links(value: str | None) -> None:
    from medgraph.render.urls import web_href

    assert web_href(value) is None


def test_web_urls_stay_links_unchanged() -> None:
    from medgraph.render.urls import web_href

    for value in ("https://doi.org/10.1093/humrep/deq177", "http://qudt.org/vocab/unit/MilliM"):
        assert web_href(value) == value


def test_urls_from_the_graph_link_only_when_they_are_http(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A reference URL, a code IRI and a unit IRI with other schemes are shown, never linked."""
    require_dot()
    data = tmp_path / "urls.ttl"
    data.write_text(URLS_TTL, encoding="utf-8")
    result = run_cli("render", "-o", str(tmp_path / "site"), str(data))
    assert result.exit_code == 0, result.stderr
    site = tmp_path / "site"
    hrefs = []
    for page in [*site.rglob("*.html"), *site.rglob("*.svg")]:
        if page.suffix == ".html":
            elements = parse_html(page).find_all()
            hrefs += [e.attrs[a] for e in elements for a in ("href", "xlink:href") if a in e.attrs]
        else:
            hrefs += [
                v for e in ET.parse(page).iter() for k, v in e.attrib.items() if k.endswith("href")
            ]
    schemes = {
        m.group(1).lower() for h in hrefs if (m := re.match(r"\s*([a-z][a-z0-9+.-]*):", h, re.I))
    }
    assert schemes <= {"http", "https"} and "https" in schemes, schemes
    reference = parse_html(site / "reference/work-2001.html")
    web_pages = reference.find_all("dd", "web-pages")[0]
    assert [a.attrs["href"] for a in web_pages.find_all("a")] == ["https://example.org/work"]
    assert "javascript:alert(1)" in web_pages.text and "file:///etc/passwd" in web_pages.text
    condition = parse_html(site / "condition/urls.html")
    codes = condition.by_id("codes")
    assert "https://example.org/code/1" in {a.attrs["href"] for a in codes.find_all("a")}
    assert "javascript:alert(3)" in codes.text
    threshold = condition.by_id("threshold-short")
    assert "data:text/html,unit" in threshold.text
    assert not [a for a in threshold.find_all("a") if "data:" in a.attrs["href"]]
    for code in json_ld(condition).get("code", []):
        assert code.get("url", "https://").startswith("https://"), code


def test_every_page_carries_the_content_security_policy(site: Path) -> None:
    """Only the site's own files load, and no page needs inline script or style to work."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        tree = parse_html(page)
        policies = [
            m
            for m in tree.find_all("meta")
            if m.attrs.get("http-equiv", "").lower() == "content-security-policy"
        ]
        assert len(policies) == 1, page
        policy = policies[0].attrs["content"]
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        assert directives["default-src"] == ["'self'"], page
        assert "unsafe" not in policy and "*" not in policy, page
        head = [c for c in tree.find_all("head")[0].children if isinstance(c, Element)]
        first_load = next(i for i, c in enumerate(head) if c.tag in ("link", "script"))
        assert head.index(policies[0]) < first_load, page  # it governs only what comes after it
        # Nothing the policy would block: no inline style or handler, no inline script to run.
        assert not tree.find_all("style"), page
        for element in tree.find_all():
            assert "style" not in element.attrs, (page, element.tag)
            assert not [a for a in element.attrs if a.startswith("on")], (page, element.tag)
            if element.tag == "script" and "src" not in element.attrs:
                assert element.attrs.get("type") in ("application/ld+json", "application/json")


def test_render_refuses_a_folder_it_did_not_make(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("do not lose me")
    result = run_cli("render", "-o", str(precious))
    assert result.exit_code == 3
    assert "did not make" in result.stderr and "--force" in result.stderr
    assert (precious / "thesis.tex").read_text() == "do not lose me"


def test_render_replaces_its_own_site_whole(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    require_dot()
    target = tmp_path / "site"
    assert run_cli("render", "-o", str(target)).exit_code == 0
    (target / "stale.html").write_text("left over from an old render")
    result = run_cli("render", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert not (target / "stale.html").exists()
    assert (target / CONDITION_PAGE).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left


def test_missing_dot_is_a_clear_environment_error_and_keeps_the_old_site(tmp_path: Path) -> None:
    require_dot()
    from medgraph.loader import load_default_graph
    from medgraph.render import render_site

    target = tmp_path / "site"
    render_site(load_default_graph(), target)
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "medgraph", "render", "-o", str(target)],
        env={**os.environ, "PATH": str(empty_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 5, result.stderr
    assert "Graphviz 'dot' is not installed" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "site"]


@pytest.mark.slow
def test_templates_ship_in_the_wheel(tmp_path: Path) -> None:
    """The templates are package data: an installed wheel renders without the checkout."""
    pytest.importorskip("build")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    import zipfile

    names = set(zipfile.ZipFile(next(tmp_path.glob("medgraph-*.whl"))).namelist())
    templates = ROOT / "src/medgraph/templates"
    shipped = {
        f"medgraph/{p.relative_to(templates.parent).as_posix()}"
        for p in templates.rglob("*")
        if p.is_file()
    }
    assert shipped and shipped <= names


def test_index_names_each_reference_by_first_author_and_year(
    site: Path, shipped_graph: Graph
) -> None:
    from medgraph.namespaces import DCTERMS, FOAF

    index = parse_html(site / "index.html").by_id("references")
    shown = {a.attrs["href"]: a.text for a in index.find_all("a")}
    for reference in {
        s for cls in (MGO.JournalArticle, MGO.Book) for s in shipped_graph.subjects(RDF.type, cls)
    }:
        first = next(
            a
            for a in shipped_graph.objects(reference, MGO.hasAuthorship)
            if int(shipped_graph.value(a, MGO.position)) == 1  # type: ignore[arg-type]
        )
        family = shipped_graph.value(shipped_graph.value(first, MGO.author), FOAF.familyName)
        label = f"{family} {shipped_graph.value(reference, DCTERMS.issued)}"
        # The page's number for the work ([n] of its citation); works only named have none.
        citation = shipped_graph.value(None, MGO.citesWork, reference)
        number = shipped_graph.value(citation, MGO.citationNumber) if citation else None
        expected = f"[{number}] {label}" if number is not None else label
        assert shown[f"reference/{slug(reference)}.html"] == expected  # type: ignore[arg-type]
