"""What OWL tools get from a release: the ontology on its own, and the data's individuals.

The whole graph mixes the ontology with thousands of data nodes, and OWL tools that read no
Turtle (owlready2, ROBOT, Protégé's OWL API) want the ontology alone. So the release carries
``ontology/*.ttl`` merged into one ontology, ``medgraph-ontology.owl`` (RDF/XML) and
``medgraph-ontology.ofn`` (OWL functional syntax, see :mod:`medgraph.ofn`), with the ontology
IRI and a version IRI made from the package version.

In the full release, every data node is declared an ``owl:NamedIndividual``: without the
declaration an OWL parser sees a typed IRI but is left to guess what kind of entity it is.
Declared are the IRIs typed with a class that is not OWL's, RDF's or RDF Schema's own, and the
untyped IRIs that an object property of the ontology points to (a unit, a quantity kind).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from medgraph import __version__
from medgraph.namespaces import PREFIXES, bind_prefixes

if TYPE_CHECKING:
    from medgraph.release import GraphStats

__all__ = [
    "ONTOLOGY_FILES",
    "ONTOLOGY_IRI",
    "declaration_query",
    "declaration_triples",
    "ontology_graph",
    "ontology_payloads",
    "version_iri",
    "with_declarations",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/medgraph/ontology")
ONTOLOGY_FILES = {
    "medgraph-ontology.owl": "application/rdf+xml",
    "medgraph-ontology.ofn": "text/owl-functional",
}
"""The ontology's release files and their media types."""

_OFN_PREFIXES = {
    **{p: ns for p, ns in PREFIXES.items() if p in {"mgo", "skos", "dcterms", "prov", "foaf"}},
    **{p: PREFIXES[p] for p in ("schema", "bibo", "fabio", "cito", "qudt")},
    "biolink": "https://w3id.org/biolink/vocab/",
    "obo": "http://purl.obolibrary.org/obo/",
}
_BUILTIN_NAMESPACES = (str(OWL), str(RDF), str(RDFS))


def version_iri(version: str = __version__) -> URIRef:
    """The ontology's version IRI for a package version: ``.../ontology/{version}``."""
    return URIRef(f"{ONTOLOGY_IRI}/{version}")


def ontology_graph() -> Graph:
    """The shipped ontology files as one ontology, with this package's version IRI and info."""
    from medgraph.inputs import ontology_sources
    from medgraph.loader import parse_source

    graph = bind_prefixes(Graph())
    for source in ontology_sources():
        parse_source(source, graph)
    graph.set((ONTOLOGY_IRI, OWL.versionIRI, version_iri()))
    graph.set((ONTOLOGY_IRI, OWL.versionInfo, Literal(__version__)))
    return graph


def ontology_payloads() -> dict[str, tuple[bytes, str]]:
    """The ontology's release files: RDF/XML and OWL functional syntax, deterministic."""
    from medgraph.ofn import to_ofn
    from medgraph.release import canonical_graph, rdfxml

    graph = canonical_graph(ontology_graph())
    data = {
        "medgraph-ontology.owl": rdfxml(graph),
        "medgraph-ontology.ofn": to_ofn(graph, _OFN_PREFIXES).encode("utf-8"),
    }
    return {name: (data[name], media) for name, media in ONTOLOGY_FILES.items()}


@cache
def _object_properties() -> tuple[str, ...]:
    graph = ontology_graph()
    return tuple(sorted(str(p) for p in graph.subjects(RDF.type, OWL.ObjectProperty)))


def declaration_query() -> str:
    """SPARQL for the IRIs that the full release declares ``owl:NamedIndividual`` (one column,
    ``?node``); every backend runs this same query, so they declare the same nodes."""
    builtin = " && ".join(f'!STRSTARTS(STR(?class), "{ns}")' for ns in _BUILTIN_NAMESPACES)
    values = " ".join(f"<{p}>" for p in _object_properties())
    return (
        "SELECT DISTINCT ?node WHERE {\n"
        f"  {{ ?node a ?class . FILTER(isIRI(?node) && {builtin}) }}\n"
        "  UNION\n"
        f"  {{ VALUES ?property {{ {values} }}\n"
        "    ?subject ?property ?node .\n"
        "    FILTER(isIRI(?node)) FILTER NOT EXISTS { ?node a ?any } }\n"
        "}"
    )


def declaration_triples(nodes: Any) -> set[tuple[URIRef, URIRef, URIRef]]:
    """``node rdf:type owl:NamedIndividual`` for each IRI (as a term or its text)."""
    return {(URIRef(str(node)), RDF.type, OWL.NamedIndividual) for node in nodes}


def with_declarations(
    stats: GraphStats,
    declared: set[tuple[URIRef, URIRef, URIRef]],
    has_triple: Any,
    has_subject: Any,
    has_type: bool,
) -> GraphStats:
    """The manifest's counts of a graph once the declarations its release adds are in.

    ``has_triple`` and ``has_subject`` tell whether the graph holds a triple or a subject
    already; ``has_type`` whether it uses ``rdf:type`` at all.
    """
    from dataclasses import replace

    new = [triple for triple in declared if not has_triple(triple)]
    subjects = {s for s, _, _ in new if not has_subject(s)}
    return replace(
        stats,
        triples=stats.triples + len(new),
        subjects=stats.subjects + len(subjects),
        properties=stats.properties + (1 if new and not has_type else 0),
    )
