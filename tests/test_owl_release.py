"""The ontology released on its own (RDF/XML, OWL functional syntax), read by OWL tools offline,
and the full release's individuals declared."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from medgraph import __version__
from medgraph.namespaces import MG, MGO
from medgraph.ofn import OfnError, to_ofn
from medgraph.owl_release import ONTOLOGY_FILES, ONTOLOGY_IRI, ontology_graph, version_iri
from medgraph.release import build_release


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, shipped_graph: Graph) -> Path:
    out = tmp_path_factory.mktemp("owl") / "dist"
    build_release(out, shipped_graph)
    return out


def test_no_two_ontology_terms_share_a_label() -> None:
    labels: dict[str, set[str]] = defaultdict(set)
    for term, label in ontology_graph().subject_objects(RDFS.label):
        labels[" ".join(str(label).lower().split())].add(str(term))
    shared = {label: sorted(terms) for label, terms in labels.items() if len(terms) > 1}
    assert shared == {}


def test_the_source_ontology_names_the_package_version() -> None:
    from medgraph.loader import load_ontology

    source = load_ontology()
    assert str(source.value(ONTOLOGY_IRI, OWL.versionInfo)) == __version__
    assert source.value(ONTOLOGY_IRI, OWL.versionIRI) == version_iri()
    assert version_iri("1.2.3") == URIRef("https://w3id.org/medgraph/ontology/1.2.3")


def test_release_lists_the_ontology_files_in_the_manifest(built: Path) -> None:
    manifest = Graph().parse(built / "manifest.ttl")
    from rdflib.namespace import DCAT, DCTERMS

    media = {
        str(manifest.value(dist, DCTERMS.title)): str(manifest.value(dist, DCAT.mediaType))
        for dist in manifest.subjects(RDF.type, DCAT.Distribution)
    }
    for name, media_type in ONTOLOGY_FILES.items():
        assert media.get(name) == media_type
        assert (built / name).stat().st_size > 10_000
    ontology = Graph().parse(built / "medgraph-ontology.owl", format="xml")
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == version_iri()
    # The ontology alone: no data node.
    assert not [s for s in ontology.subjects() if str(s).startswith(str(MG))]


def test_owlready2_loads_the_released_ontology_offline(built: Path) -> None:
    import owlready2

    world = owlready2.World()
    onto = world.get_ontology((built / "medgraph-ontology.owl").resolve().as_uri()).load()
    classes = {cls.iri for cls in onto.classes()}
    for name in ("Condition", "RiskFactor", "Claim", "Reference", "Threshold", "Excerpt"):
        assert str(MGO[name]) in classes
    properties = {prop.iri for prop in onto.object_properties()}
    assert str(MGO.hasRiskFactor) in properties and str(MGO.supportedBy) in properties
    assert [str(x) for x in world.search_one(iri=str(MGO.TreatmentSection)).label] == [
        "treatment section"
    ]


def test_py_horned_owl_reads_the_same_axioms_from_rdfxml_and_ofn(built: Path) -> None:
    pyhornedowl = pytest.importorskip("pyhornedowl")
    from_xml = pyhornedowl.open_ontology(str(built / "medgraph-ontology.owl"))
    from_ofn = pyhornedowl.open_ontology(str(built / "medgraph-ontology.ofn"))
    assert str(from_xml.get_iri()) == str(from_ofn.get_iri()) == str(ONTOLOGY_IRI)
    assert str(from_xml.get_version_iri()) == str(from_ofn.get_version_iri()) == str(version_iri())
    xml_axioms = {str(a) for a in from_xml.get_axioms()}
    ofn_axioms = {str(a) for a in from_ofn.get_axioms()}
    # py-horned-owl's RDF reader skips owl:AllDisjointClasses (n-ary disjointness); the OFN
    # has each of them as one DisjointClasses axiom.
    nary = {a for a in ofn_axioms - xml_axioms if a.startswith("DisjointClasses(")}
    all_disjoint = list(ontology_graph().subjects(RDF.type, OWL.AllDisjointClasses))
    assert len(nary) == len(all_disjoint) > 0
    assert xml_axioms == ofn_axioms - nary
    assert len(xml_axioms) > 900
    assert f"Declaration(Class(<{MGO.Condition}>))" in xml_axioms


def test_full_release_declares_every_data_node_an_individual(built: Path) -> None:
    graph = Graph().parse(built / "medgraph.rdf", format="xml")
    typed = {
        s
        for s, cls in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and not str(cls).startswith((str(OWL), str(RDF), str(RDFS)))
    }
    undeclared = {s for s in typed if (s, RDF.type, OWL.NamedIndividual) not in graph}
    assert len(typed) > 300 and undeclared == set()
    assert (URIRef("http://qudt.org/vocab/unit/MilliM"), RDF.type, OWL.NamedIndividual) in graph
    # Classes and properties stay what they are.
    assert (MGO.Condition, RDF.type, OWL.NamedIndividual) not in graph
    assert (SKOS.altLabel, RDF.type, OWL.NamedIndividual) not in graph
    # Every format carries the declarations.
    nt = Graph().parse(built / "medgraph.nt", format="nt")
    assert len(nt) == len(graph)


def test_ofn_writer_refuses_what_it_does_not_know() -> None:
    graph = Graph()
    graph.add((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    chain = BNode()
    graph.add((MGO.p, RDF.type, OWL.ObjectProperty))
    graph.add((MGO.p, OWL.propertyChainAxiom, chain))
    graph.add((chain, RDF.first, MGO.q))
    graph.add((chain, RDF.rest, RDF.nil))
    with pytest.raises(OfnError):
        to_ofn(graph)


def test_ofn_writer_escapes_literals_and_keeps_datatypes() -> None:
    from rdflib import Literal
    from rdflib.namespace import XSD

    graph = Graph()
    graph.add((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    graph.add((MGO.C, RDF.type, OWL.Class))
    graph.add((MGO.C, RDFS.label, Literal('say "hi" \\ there', lang="en")))
    graph.add((MGO.C, RDFS.comment, Literal("2020-01-01", datatype=XSD.date)))
    text = to_ofn(graph, {"mgo": str(MGO)})
    assert 'AnnotationAssertion(rdfs:label mgo:C "say \\"hi\\" \\\\ there"@en)' in text
    assert 'AnnotationAssertion(rdfs:comment mgo:C "2020-01-01"^^xsd:date)' in text
    assert "Declaration(Class(mgo:C))" in text


def test_oxigraph_writers_declare_the_same_individuals(
    tmp_path: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above REFERENCE_WRITERS_UP_TO the fast backend writes with Oxigraph: the same triples
    (declarations included) and the same counts in the manifest."""
    from rdflib.compare import isomorphic
    from rdflib.namespace import VOID

    from medgraph.backends import fast

    monkeypatch.setattr(fast, "REFERENCE_WRITERS_UP_TO", 0)
    fast.open_graph().release(tmp_path / "fast")
    a = Graph().parse(built / "medgraph.nt", format="nt")
    b = Graph().parse(tmp_path / "fast" / "medgraph.nt", format="nt")
    assert isomorphic(a, b)
    manifests = [Graph().parse(d / "manifest.ttl") for d in (built, tmp_path / "fast")]
    for prop in (VOID.triples, VOID.distinctSubjects, VOID.properties):
        assert sorted(manifests[0].objects(None, prop)) == sorted(manifests[1].objects(None, prop))
