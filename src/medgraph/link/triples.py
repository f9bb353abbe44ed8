"""Mappings as RDF: SKOS match triples and a schema.org ``MedicalCode`` node per code.

The SKOS triple (``skos:exactMatch <code IRI>``) is what other graphs join on; the
``MedicalCode`` node is what people read: the code as its system writes it, the system's name,
the label, and how medgraph verified it (``mgo:verificationStatus``, ``mgo:verificationSource``,
``mgo:verificationDate``), so that a reader can judge a code without opening the SSSOM table.
One node per code, shared by every entity mapped to it, with an IRI medgraph mints
(:func:`code_iri`): what is said on it (the label, how it was verified) is medgraph's claim, so
it goes on medgraph's node rather than on the code system's IRI, which for some systems is a
search page (ICD-10-CM) or does not carry the code at all (ICD-11).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from medgraph.errors import InputError
from medgraph.link.sssom import (
    MATCH_PREDICATES,
    STATUSES,
    MappingSet,
    label_conflicts,
    mapping_rows,
)
from medgraph.namespaces import DATA, MGO, RDF, RDFS, SCHEMA, XSD, bind_prefixes

__all__ = ["code_iri", "mappings_to_graph"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def code_iri(prefix: str, code: str) -> URIRef:
    """The medgraph IRI of a code's MedicalCode node: ``.../id/code/{system}-{code-slug}``."""
    return DATA["code"][f"{_slug(prefix)}-{_slug(code)}"]


def mappings_to_graph(sets: Iterable[MappingSet]) -> Graph:
    """SKOS triples and schema.org MedicalCode nodes for every asserted mapping.

    Each entity gets ``skos:{match} <code IRI>`` and ``schema:code`` a MedicalCode node with the
    code value, coding system, label, the code's IRI (``rdfs:seeAlso``) and how it was verified
    (``mgo:verificationStatus``, ``mgo:verificationSource``, ``mgo:verificationDate``).
    """
    graph = bind_prefixes(Graph())
    rows = [row for row in mapping_rows(sets) if row.asserted]
    conflicts = label_conflicts(rows)
    if conflicts:
        first, second = conflicts[0]
        raise InputError(
            f"{second.where}: {second.object_id} has the label {second.object_label!r} here and "
            f"{first.object_label!r} at {first.where}: give one code one label"
        )
    owners: dict[URIRef, str] = {}
    for row in rows:
        node = code_iri(row.prefix, row.code)
        if owners.setdefault(node, row.object_id) != row.object_id:
            raise InputError(
                f"{row.where}: {row.object_id} and {owners[node]} would share the node {node}"
            )
        graph.add((row.subject_iri, MATCH_PREDICATES[row.predicate_id], row.object_iri))
        graph.add((row.subject_iri, SCHEMA.code, node))
        graph.add((node, RDF.type, SCHEMA.MedicalCode))
        graph.add((node, SCHEMA.codeValue, Literal(row.code_value)))
        graph.add((node, SCHEMA.codingSystem, Literal(row.system.name)))
        graph.add((node, RDFS.seeAlso, row.object_iri))
        if row.object_label:
            graph.add((node, RDFS.label, Literal(row.object_label, lang="en")))
        graph.add((node, MGO.verificationStatus, STATUSES[row.verification_status]))
        graph.add((node, MGO.verificationSource, Literal(row.comment)))
        graph.add((node, MGO.verificationDate, Literal(row.mapping_date, datatype=XSD.date)))
    return graph
