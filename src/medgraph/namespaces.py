"""Namespaces and CURIE prefixes used across medgraph.

External prefixes follow the bioregistry's canonical spellings (``mesh``, ``mondo``, ``hp``,
``snomedct``, ...) so that CURIEs in the graph, the SSSOM tables and the queries agree with the
rest of the field. medgraph mints two namespaces of its own: one for the ontology and one for
the data, with one sub-namespace per kind of thing (``.../id/{kind}/{slug}``).
"""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

_G = TypeVar("_G", bound=Graph)

__all__ = [
    "BASE",
    "BIBO",
    "CITO",
    "DATA",
    "DATA_KINDS",
    "DCAT",
    "DCTERMS",
    "FABIO",
    "FOAF",
    "MG",
    "MGO",
    "OWL",
    "PREFIXES",
    "PROV",
    "QUDT",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "UNIT",
    "VOID",
    "XSD",
    "bind_prefixes",
    "data_namespace",
]

BASE = "https://w3id.org/medgraph/"


class _TermsNamespace(Namespace):
    """A namespace that builds each of its terms once: ``MGO.quote`` in a loop over 26,000
    claims would otherwise build (and check) a new IRI every time. A term is kept as an
    attribute of the namespace, so a second look-up does not reach ``__getattr__``."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


MGO = _TermsNamespace(BASE + "ontology/")
"""Terms of the medgraph ontology (classes and properties)."""
MG = Namespace(BASE + "id/")
"""Root of medgraph's data IRIs; things live under ``id/{kind}/{slug}``."""

SCHEMA = Namespace("https://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")

# One sub-namespace per kind of data node; the prefix is what Turtle and JSON-LD print.
DATA_KINDS: dict[str, str] = {
    "condition": "condition",
    "riskfactor": "risk-factor",
    "sign": "sign",
    "diagnostic": "diagnostic",
    "treatment": "treatment",
    "drug": "drug",
    "outcome": "outcome",
    "statement": "statement",
    "claim": "claim",
    "threshold": "threshold",
    "reference": "reference",
    "journal": "journal",
    "person": "person",
    "authorship": "authorship",
    "idcheck": "identifier-check",
    "excerpt": "excerpt",
    "pagetext": "page-text",
    "website": "website",
    "source": "source",
    "citation": "citation",
    "code": "code",
    "release": "release",
    "correction": "correction",
    "synonym": "synonym",
}


def data_namespace(kind: str) -> Namespace:
    """Return the namespace of one kind of data node, for example ``data_namespace("claim")``."""
    return Namespace(f"{MG}{DATA_KINDS[kind]}/")


DATA = {prefix: data_namespace(prefix) for prefix in DATA_KINDS}

# External vocabularies and identifier systems, bioregistry canonical prefixes for the latter.
PREFIXES: dict[str, str] = {
    "mgo": str(MGO),
    "mg": str(MG),
    **{prefix: str(ns) for prefix, ns in DATA.items()},
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "sh": str(SH),
    "schema": str(SCHEMA),
    "bibo": str(BIBO),
    "fabio": str(FABIO),
    "cito": str(CITO),
    "qudt": str(QUDT),
    "unit": str(UNIT),
    "spdx": "http://spdx.org/rdf/terms#",
    "eco": "http://purl.obolibrary.org/obo/ECO_",
    "biolink": "https://w3id.org/biolink/vocab/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
}


def bind_prefixes(graph: _G) -> _G:
    """Bind medgraph's prefixes on an rdflib graph (replacing rdflib's defaults) and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph
