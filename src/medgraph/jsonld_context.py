"""The JSON-LD context of the release: medgraph's prefixes and a term for every word of its model.

A context of prefixes alone compacts ``mgo:hasRiskFactor`` to just that, a key a plain-JSON
reader must know to split. With a term for each class and property, the release reads as plain
JSON (``"hasRiskFactor": ["riskfactor:cone-biopsy", ...]``, ``"@type": "Condition"``,
``"prefLabel": "cervical incompetence"``) and still expands to the same graph.

The terms come from the ontology's own declarations (its classes and properties, medgraph's
and the external ones it declares), plus the external properties the data model uses for its
values (:data:`DATA_MODEL_TERMS`). Each term carries the coercion its values always take:
``"@type": "@id"`` for properties whose values are IRIs, the datatype of a datatype property
whose range is a fixed datatype, ``"@language": "en"`` for text in English. A value that does
not fit its term's coercion is written under the CURIE instead, so nothing is lost: the
release's tests expand the compacted document and compare it with the graph.

Names are local names. medgraph's own terms come first; an external term whose local name is
taken (``schema:Drug`` beside ``mgo:Drug``) or shared by two external terms keeps its CURIE.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from medgraph.namespaces import PREFIXES

__all__ = ["DATA_MODEL_TERMS", "jsonld_context", "model_terms"]

_ID: dict[str, str] = {"@type": "@id"}
_EN: dict[str, str] = {"@language": "en"}
_NONE: dict[str, str] = {}

DATA_MODEL_TERMS: dict[str, dict[str, str]] = {
    # Labels, definitions and notes (SKOS, RDFS)
    "skos:prefLabel": _EN,
    "skos:altLabel": _EN,
    "skos:hiddenLabel": _NONE,
    "skos:definition": _EN,
    "skos:note": _EN,
    "skos:editorialNote": _EN,
    "skos:notation": _NONE,
    "rdfs:label": _EN,
    "rdfs:comment": _EN,
    "rdfs:seeAlso": _ID,
    "rdfs:isDefinedBy": _ID,
    "rdfs:subClassOf": _ID,
    "rdfs:subPropertyOf": _ID,
    "rdfs:domain": _ID,
    "rdfs:range": _ID,
    # Mappings to other code systems
    "skos:exactMatch": _ID,
    "skos:closeMatch": _ID,
    "skos:broadMatch": _ID,
    "skos:narrowMatch": _ID,
    "skos:relatedMatch": _ID,
    "schema:code": _ID,
    "schema:codeValue": _NONE,
    "schema:codingSystem": _NONE,
    # Bibliographic records
    "dcterms:title": _NONE,
    "dcterms:description": _EN,
    "dcterms:identifier": _NONE,
    "dcterms:issued": {"@type": "xsd:gYear"},
    "dcterms:created": {"@type": "xsd:date"},
    "dcterms:modified": {"@type": "xsd:date"},
    "dcterms:creator": _ID,
    "dcterms:isPartOf": _ID,
    "dcterms:license": _ID,
    "dcterms:publisher": _NONE,
    "dcterms:bibliographicCitation": _NONE,
    "bibo:doi": _NONE,
    "bibo:pmid": _NONE,
    "bibo:volume": _NONE,
    "bibo:issue": _NONE,
    "bibo:pageStart": _NONE,
    "bibo:pageEnd": _NONE,
    "bibo:shortTitle": _NONE,
    "bibo:edition": _NONE,
    "fabio:hasPubMedCentralId": _NONE,
    "foaf:familyName": _NONE,
    "foaf:name": _NONE,
    # Quantities
    "qudt:numericValue": {"@type": "xsd:decimal"},
    "qudt:unit": _ID,
    "qudt:hasQuantityKind": _ID,
}
"""External properties medgraph's data uses for its values, with the coercion each takes."""

_DECLARATIONS = (
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
)
_TEXT_RANGES = frozenset({RDF.PlainLiteral, RDF.langString})
_PROPERTIES = frozenset(_DECLARATIONS[2:])


def _curie(iri: str) -> str | None:
    """The CURIE of ``iri`` under the longest medgraph prefix, or None."""
    fits = [
        p for p, namespace in PREFIXES.items() if iri.startswith(namespace) and iri != namespace
    ]
    if not fits:
        return None
    best = max(fits, key=lambda prefix: len(PREFIXES[prefix]))
    return f"{best}:{iri[len(PREFIXES[best]) :]}"


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _coercion(ontology: Graph, term: URIRef) -> dict[str, str]:
    """How the values of a declared term are written: IRIs, a fixed datatype, English text."""
    kinds = set(ontology.objects(term, RDF.type))
    if not kinds & _PROPERTIES:
        return _NONE
    if OWL.ObjectProperty in kinds:
        return _ID
    ranges = set(ontology.objects(term, RDFS.range))
    if len(ranges) != 1:
        return _NONE
    (value_range,) = ranges
    if value_range in _TEXT_RANGES:
        return _EN
    if isinstance(value_range, URIRef) and str(value_range).startswith(str(XSD)):
        if value_range == XSD.string:
            return _NONE  # plain strings are xsd:string already: no coercion needed
        return {"@type": f"xsd:{_local_name(str(value_range))}"}
    return _NONE


def model_terms(ontology: Graph) -> dict[str, dict[str, str]]:
    """Term definitions (``{"@id": CURIE, ...coercion}``) by term name for the classes and
    properties ``ontology`` declares, and for :data:`DATA_MODEL_TERMS`."""
    candidates: dict[str, dict[str, str]] = {}
    declared = {
        subject
        for kind in _DECLARATIONS
        for subject in ontology.subjects(RDF.type, kind)
        if isinstance(subject, URIRef)
    }
    for iri in declared:
        curie = _curie(str(iri))
        if curie is not None:
            candidates[curie] = _coercion(ontology, iri)
    candidates.update(DATA_MODEL_TERMS)  # the data model says more than a declaration can
    own = {c for c in candidates if c.startswith("mgo:")}
    names: dict[str, list[str]] = {}
    for curie in candidates:
        names.setdefault(curie.split(":", 1)[1], []).append(curie)
    terms: dict[str, dict[str, str]] = {}
    for name, curies in sorted(names.items()):
        mine = [c for c in curies if c in own]
        chosen = mine[0] if mine else (curies[0] if len(curies) == 1 else None)
        if chosen is None or name in PREFIXES or not name.isidentifier():
            continue  # shared by two external terms, or clashing with a prefix: keep CURIEs
        terms[name] = {"@id": chosen, **candidates[chosen]}
    return terms


@cache
def _shipped_terms() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    from medgraph.loader import parse_file
    from medgraph.resources import ontology_files

    ontology = Graph()
    for path in ontology_files():
        parse_file(path, ontology)
    terms = model_terms(ontology)
    return tuple((name, tuple(definition.items())) for name, definition in terms.items())


def jsonld_context() -> dict[str, Any]:
    """The compact JSON-LD 1.1 context of the release: medgraph's prefixes and a term for each
    class and property of its model (from the shipped ontology); nothing is fetched."""
    terms = {name: dict(definition) for name, definition in _shipped_terms()}
    return {"@context": {"@version": 1.1, **dict(sorted(PREFIXES.items())), **terms}}
