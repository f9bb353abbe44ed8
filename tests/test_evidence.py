"""The evidence check (medgraph.evidence): every quote, page text and marker against the page.

Each ``tests/fixtures/evidence/*.ru`` is a SPARQL Update applied to a copy of the shipped
graph; its header says what it breaks and lists every finding the check must report, one line
each (``# expect: RULE FOCUS PATH``). The shipped graph itself has no finding.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from medgraph import evidence
from medgraph.backends import open_backend
from medgraph.namespaces import MGO, PREFIXES
from medgraph.queries import run_query
from medgraph.resources import data_dir

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "evidence").glob("*.ru"))
SEED = Path(__file__).parent / "fixtures" / "seed" / "000_4f362a13c7923613.txt"
PAGE = URIRef("https://w3id.org/medgraph/id/source/seed-000-4f362a13c7923613")


def _findings(graph: Graph) -> list[evidence.Finding]:
    return evidence.check(lambda text: run_query(graph, text), evidence.page_texts())


def _observed(findings: list[evidence.Finding]) -> set[tuple[str, str, str]]:
    return {(r.rule, r.focus_node, r.path) for r in (f.result() for f in findings)}


def _expected(path: Path) -> set[tuple[str, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = {tuple(line.split()[2:5]) for line in lines if line.startswith("# expect:")}
    assert expected and all(len(e) == 3 for e in expected), path.name
    return expected  # type: ignore[return-value]


@functools.cache
def _mutated(path: Path, shipped: Graph) -> Graph:
    graph = Graph()
    graph += shipped
    graph.update(path.read_text(encoding="utf-8"), initNs=PREFIXES)
    assert len(graph) != len(shipped) or set(graph) != set(shipped), f"{path.name}: no change"
    return graph


def test_the_shipped_graph_has_no_finding(shipped_graph: Graph) -> None:
    assert _findings(shipped_graph) == []


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_each_defect_is_found_and_nothing_else(path: Path, shipped_graph: Graph) -> None:
    findings = _findings(_mutated(path, shipped_graph))
    assert _observed(findings) == _expected(path)
    for finding in findings:
        wrong, _, fix = finding.message.partition(": ")
        assert wrong and fix, f"{path.name}: the message does not say how to fix: {finding}"


def test_the_stored_page_is_the_seed_page_and_its_hash_is_recorded(shipped_graph: Graph) -> None:
    stored = data_dir() / "conditions" / "cervical-incompetence" / "source-page.txt"
    assert stored.read_bytes() == SEED.read_bytes()
    digest = hashlib.sha256(stored.read_bytes()).hexdigest()
    assert shipped_graph.value(PAGE, MGO.contentSha256) == Literal(digest)
    assert evidence.page_texts()[digest] == SEED.read_text(encoding="utf-8")


def test_normalisation_is_white_space_only() -> None:
    assert evidence.normalise("  a\n\tb   c ") == "a b c"
    assert evidence.normalise("“quoted”") == "“quoted”"  # typographic quotes are kept as printed
    assert evidence.normalise("A") != evidence.normalise("a")


def test_markers_belong_to_their_sentence() -> None:
    text = "One fact [1] [2]. Another fact [3]. Thus a third. Last."
    spans = evidence.sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "One fact [1] [2].",
        "Another fact [3].",
        "Thus a third.",
        "Last.",
    ]


def test_validate_fails_on_every_backend_alike(tmp_path: Path, shipped_graph: Graph) -> None:
    """Through ``validate``: the findings are violations, the same with rdflib's SPARQL and
    Oxigraph's, and the report says the graph does not conform."""
    graph = _mutated(FIXTURES[0], shipped_graph)
    path = tmp_path / "mutated.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    backend = open_backend("oxigraph", [path])
    report = backend.validate()
    assert not report.conforms
    found = {(r.rule, r.focus_node, r.path) for r in report.violations if r.shape == evidence.SHAPE}
    assert found == _expected(FIXTURES[0])
    assert evidence.check(backend.query, evidence.page_texts()) == _findings(graph)


def test_a_page_text_beside_user_data_is_found(tmp_path: Path) -> None:
    text = "A page of its own.\n"
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert evidence.page_texts([tmp_path / "data.ttl"])[digest] == text
    assert evidence.page_texts([tmp_path])[digest] == text


def test_the_shapes_allow_exactly_biolinks_knowledge_levels_and_agent_types() -> None:
    """The sh:in lists are Biolink's enums, as the installed biolink-model package has them."""
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    from medgraph.biolink import model
    from medgraph.loader import load_shapes

    shapes = load_shapes()
    shape = "https://w3id.org/medgraph/shapes/Claim-"
    for name, enum in (("knowledgeLevel", "KnowledgeLevelEnum"), ("agentType", "AgentTypeEnum")):
        allowed = Collection(shapes, shapes.value(URIRef(shape + name), SH["in"]))
        assert {str(v) for v in allowed} == set(model().enums[enum]), name


def test_every_claim_has_a_verified_evidence_type(shipped_graph: Graph) -> None:
    """Each ECO class a claim uses is declared with the label read in the stored ECO release."""
    from rdflib.namespace import RDFS

    used = set(shipped_graph.objects(None, MGO.evidenceType))
    claims = set(shipped_graph.subjects(MGO.claimPredicate, None))
    assert {c for c in claims if shipped_graph.value(c, MGO.evidenceType) is None} == set()
    for eco in used:
        assert str(eco).startswith("http://purl.obolibrary.org/obo/ECO_")
        assert shipped_graph.value(eco, RDFS.label) is not None, eco
