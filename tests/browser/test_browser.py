"""The served site in a real headless Chromium: what a newcomer sees and clicks.

`medgraph serve` runs as a real process on 127.0.0.1 (Oxigraph behind it); Chromium loads the
pages, runs the query page's script and the tests read what is on screen. Expected values come
from the graph, not from the pages. Screenshots go to each test's tmp_path/screenshots.
"""

from __future__ import annotations

import csv
import io
import urllib.request
from typing import Any

import pytest
from rdflib import Graph, URIRef

from medgraph.namespaces import MGO, RDF

pytestmark = [pytest.mark.browser, pytest.mark.server]

CONDITION = URIRef("https://w3id.org/medgraph/id/condition/cervical-incompetence")
PCOS = URIRef("https://w3id.org/medgraph/id/risk-factor/polycystic-ovary-syndrome")
ANUM = URIRef("https://w3id.org/medgraph/id/reference/anum-2010")


def _by():  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return By


def _wait(driver: Any, condition: Any, seconds: float = 20) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def supporting_references(graph: Graph, target: URIRef) -> list[URIRef]:
    """The references (not excerpts) of the claim that the condition has ``target``, by number."""
    claims = set(graph.subjects(MGO.claimObject, target)) & set(
        graph.subjects(MGO.claimSubject, CONDITION)
    )
    references = {
        e
        for c in claims
        for e in graph.objects(c, MGO.supportedBy)
        if (e, RDF.type, MGO.Excerpt) not in graph
    }
    return sorted(references, key=lambda r: page_number(graph, r) or 99)  # type: ignore[arg-type, return-value]


def page_number(graph: Graph, reference: URIRef) -> int | None:
    """The [n] the condition's page prints for a work (numbers belong to the page's citations)."""
    page = graph.value(None, MGO.describes, CONDITION)
    for citation in graph.subjects(MGO.citesWork, reference):
        if graph.value(citation, MGO.citedBy) == page:
            return int(graph.value(citation, MGO.citationNumber))  # type: ignore[arg-type]
    return None


def citation_text(graph: Graph, reference: URIRef) -> str:
    """What the page prints for a numbered reference: "[3] Anum 2010"."""
    from medgraph.namespaces import DCTERMS, FOAF

    first = next(
        a
        for a in graph.objects(reference, MGO.hasAuthorship)
        if int(graph.value(a, MGO.position)) == 1
    )
    family = graph.value(graph.value(first, MGO.author), FOAF.familyName)
    year = graph.value(reference, DCTERMS.issued)
    return f"[{page_number(graph, reference)}] {family} {year}"


def test_condition_page_shows_risk_factors_with_citations(
    served, browser, screenshot, shipped_graph: Graph
) -> None:  # type: ignore[no-untyped-def]
    By = _by()
    browser.get(served.url + "condition/cervical-incompetence.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "#risk-factors tbody tr.entity")
    expected = set(shipped_graph.objects(CONDITION, MGO.hasRiskFactor))
    assert {row.get_attribute("data-iri") for row in rows} == {str(e) for e in expected}
    for row in rows:
        assert row.is_displayed()
        links = row.find_elements(By.CSS_SELECTOR, "span.citations a")
        assert links, row.text
        assert all(link.is_displayed() and link.text for link in links)
    pcos = browser.find_element(By.ID, "risk-factor-polycystic-ovary-syndrome")
    shown = [a.text for a in pcos.find_elements(By.CSS_SELECTOR, "span.citations a")]
    assert shown == [
        citation_text(shipped_graph, r) for r in supporting_references(shipped_graph, PCOS)
    ]
    assert shown == [
        "[1] Lotgering 2007",
        "[3] Anum 2010",
        "[4] Porter 2011",
        "[7] Feigenbaum 2012",
    ]
    browser.execute_script("document.getElementById('risk-factors').scrollIntoView()")
    screenshot(browser, "condition-page")


def test_picture_renders_with_nodes_and_legend(served, browser, screenshot) -> None:  # type: ignore[no-untyped-def]
    By = _by()
    browser.get(served.url + "condition/cervical-incompetence.html")
    svg = browser.find_element(By.CSS_SELECTOR, "#picture svg")
    assert svg.is_displayed()
    assert svg.size["width"] > 300 and svg.size["height"] > 300
    nodes = browser.find_elements(By.CSS_SELECTOR, "#picture svg g.node")
    assert len(nodes) >= 38  # 38 related entities, the condition, threshold, drugs, legend
    # Laid out and painted: the boxes have real, distinct positions on screen.
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('#picture svg g.node'))"
        ".map(n => { const r = n.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"
    )
    assert all(w > 0 and h > 0 for _, _, w, h in boxes)
    assert len({(round(x), round(y)) for x, y, _, _ in boxes}) == len(boxes)
    legend = browser.find_element(By.CSS_SELECTOR, "#picture svg g#legend")
    assert "Legend" in legend.text and "risk factor" in legend.text
    browser.execute_script("document.getElementById('picture').scrollIntoView()")
    screenshot(browser, "picture")
    # A box is a link to the entity's evidence on the page.
    node = browser.find_element(By.CSS_SELECTOR, "g#node-risk-factor-polycystic-ovary-syndrome a")
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node
    )
    _wait(browser, lambda d: d.current_url.endswith("#risk-factor-polycystic-ovary-syndrome"))


def test_named_query_from_the_query_page_shows_rows(
    served, browser, screenshot, shipped_graph: Graph
) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select

    By = _by()
    browser.get(served.url + "query.html")
    Select(browser.find_element(By.ID, "named-query")).select_by_value("reference-supports")
    field = browser.find_element(By.ID, "param-reference")
    assert field.get_attribute("value").endswith("/reference/mcelrath-2010")  # the default
    field.clear()
    field.send_keys(str(ANUM))
    browser.find_element(By.ID, "run").click()
    _wait(browser, lambda d: "row" in d.find_element(By.ID, "status").text)
    rows = browser.find_elements(By.CSS_SELECTOR, "#results-table tbody tr")
    claims = set(shipped_graph.subjects(MGO.supportedBy, ANUM))
    assert len(rows) == len(claims) > 10
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results-table thead th")]
    assert headers[:3] == ["reference_title", "relation", "object_label"]
    assert any("polycystic ovary syndrome" in row.text for row in rows)
    screenshot(browser, "query-page", full=True)

    # The CSV download is the same query, bound the same way, as text/csv.
    download = browser.find_element(By.ID, "download")
    assert download.is_displayed()
    with urllib.request.urlopen(download.get_attribute("href"), timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in response.headers["Content-Disposition"]
        table = list(csv.reader(io.StringIO(response.read().decode("utf-8"))))
    assert len(table) == len(claims) + 1

    # A parameter that is not an IRI is refused by the server's binder, in words.
    field = browser.find_element(By.ID, "param-reference")
    field.clear()
    field.send_keys("> } ; DROP ALL #")
    browser.find_element(By.ID, "run").click()
    _wait(browser, lambda d: "Error 400" in d.find_element(By.ID, "status").text)
    assert "must be an absolute IRI" in browser.find_element(By.ID, "status").text


def test_own_sparql_from_the_query_page(served, browser) -> None:  # type: ignore[no-untyped-def]
    By = _by()
    browser.get(served.url + "query.html")
    editor = browser.find_element(By.ID, "sparql")
    editor.clear()
    editor.send_keys(
        "PREFIX mgo: <https://w3id.org/medgraph/ontology/>\n"
        "SELECT ?factor WHERE { ?c mgo:hasRiskFactor ?factor }"
    )
    browser.find_element(By.ID, "run").click()
    _wait(browser, lambda d: "row" in d.find_element(By.ID, "status").text)
    assert browser.find_element(By.ID, "status").text.startswith("14 rows")
    cells = browser.find_elements(By.CSS_SELECTOR, "#results-table tbody td")
    assert any(c.text == "riskfactor:polycystic-ovary-syndrome" for c in cells)
    # An update typed into the editor is refused by the endpoint.
    editor.clear()
    editor.send_keys("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    browser.find_element(By.ID, "run").click()
    _wait(browser, lambda d: "Error" in d.find_element(By.ID, "status").text)


def test_newcomer_finds_the_references_of_a_risk_factor_in_two_clicks(
    served, browser, screenshot, shipped_graph: Graph
) -> None:  # type: ignore[no-untyped-def]
    """From the address `medgraph serve` prints: click the condition, click the risk factor's
    evidence; the supporting references are on screen with their titles."""
    By = _by()
    expected = supporting_references(shipped_graph, PCOS)
    from medgraph.namespaces import DCTERMS

    titles = [str(shipped_graph.value(r, DCTERMS.title)) for r in expected]
    browser.get(served.url)
    clicks = 0
    browser.find_element(By.LINK_TEXT, "cervical incompetence").click()  # in the page's list
    clicks += 1
    _wait(browser, lambda d: d.current_url.endswith("/condition/cervical-incompetence.html"))
    row = browser.find_element(
        By.XPATH, "//tr[.//span[@class='name' and text()='polycystic ovary syndrome']]"
    )
    summary = row.find_element(By.CSS_SELECTOR, "details.evidence summary")
    assert summary.text.startswith(f"Evidence: {len(expected)} references")
    summary.click()
    clicks += 1
    items = row.find_elements(By.CSS_SELECTOR, "details.evidence li.evidence-reference")
    assert all(item.is_displayed() for item in items)
    assert [item.find_element(By.TAG_NAME, "a").text for item in items] == [
        citation_text(shipped_graph, r) for r in expected
    ]
    for item, title in zip(items, titles, strict=True):
        assert title in item.text
    assert clicks == 2
    browser.execute_script("arguments[0].scrollIntoView()", row)
    screenshot(browser, "two-clicks")
    # And each reference's own page says it supports this risk factor.
    items[1].find_element(By.TAG_NAME, "a").click()
    _wait(browser, lambda d: d.current_url.endswith("/reference/anum-2010.html"))
    supports = browser.find_element(By.ID, "supports")
    link = supports.find_element(By.LINK_TEXT, "polycystic ovary syndrome")
    assert link.get_attribute("href").endswith(
        "/condition/cervical-incompetence.html#risk-factor-polycystic-ovary-syndrome"
    )
    screenshot(browser, "reference-page", full=True)


def test_rendered_pages_work_from_files_without_a_server(
    browser, screenshot, tmp_path, shipped_graph: Graph
) -> None:  # type: ignore[no-untyped-def]
    """`medgraph render` output opened as files: the page, its citations and its picture work;
    the query page says it needs `medgraph serve`."""
    from medgraph.render import render_site

    By = _by()
    site = tmp_path / "site"
    render_site(shipped_graph, site)
    browser.get((site / "condition/cervical-incompetence.html").as_uri())
    assert len(browser.find_elements(By.CSS_SELECTOR, "#risk-factors tbody tr.entity")) == 14
    assert len(browser.find_elements(By.CSS_SELECTOR, "#picture svg g.node")) >= 38
    sheet = browser.execute_script(
        "return getComputedStyle(document.querySelector('header.site')).borderBottomStyle"
    )
    assert sheet == "solid"  # the local style sheet applied
    browser.find_element(By.LINK_TEXT, "[3] Anum 2010").click()
    _wait(browser, lambda d: d.current_url.endswith("/reference/anum-2010.html"))
    browser.get((site / "query.html").as_uri())
    note = browser.find_element(By.ID, "offline-note")
    assert note.is_displayed() and "medgraph serve" in note.text
    screenshot(browser, "query-page-from-file")
