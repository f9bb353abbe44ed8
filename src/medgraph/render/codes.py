"""Codes in other ontologies: an entity's SKOS matches and MedicalCode nodes, shown as CURIEs.

The CURIE prefixes come from local tables (medgraph's namespaces and code systems), so rendering
never fetches a prefix map from the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rdflib import URIRef
from rdflib.term import Node

from medgraph.namespaces import MGO, RDFS, SCHEMA, SKOS
from medgraph.render.reader import Reader
from medgraph.render.views import CodeView, Link

MATCH_PREDICATES = (
    (SKOS.exactMatch, "exact"),
    (SKOS.closeMatch, "close"),
    (SKOS.broadMatch, "broad"),
    (SKOS.narrowMatch, "narrow"),
    (SKOS.relatedMatch, "related"),
)


@cache
def _curie(iri: str) -> str:
    from medgraph.curie import compact

    return compact(iri)


def entity_codes(reader: Reader, entity: Node, entity_link: Link) -> list[CodeView]:
    """The entity's codes in other ontologies: SKOS matches, with their MedicalCode nodes."""
    code_nodes: dict[str, Node] = {}
    for code_node in reader.values(entity, SCHEMA.code):
        for target in reader.values(code_node, RDFS.seeAlso):
            code_nodes[str(target)] = code_node
    codes: list[CodeView] = []
    matched: set[str] = set()
    for predicate, match in MATCH_PREDICATES:
        for target in reader.values(entity, predicate):
            matched.add(str(target))
            codes.append(
                _code_view(reader, entity_link, match, str(target), code_nodes.get(str(target)))
            )
    for iri, node in sorted(code_nodes.items()):
        if iri not in matched:
            codes.append(_code_view(reader, entity_link, "code", iri, node))
    return codes


def _code_view(reader: Reader, entity: Link, match: str, iri: str, node: Node | None) -> CodeView:
    status = reader.one(node, MGO.verificationStatus) if node is not None else None
    label = ""
    if node is not None:
        label = reader.text(node, RDFS.label) or reader.text(node, SCHEMA.name)
    return CodeView(
        entity=entity,
        match=match,
        iri=iri,
        curie=_curie(iri),
        value=reader.text(node, SCHEMA.codeValue) if node is not None else "",
        label=label or reader.text(URIRef(iri), RDFS.label),
        system=reader.text(node, SCHEMA.codingSystem) if node is not None else "",
        status=reader.label(status) if status is not None else "not stated",
        source=reader.text(node, MGO.verificationSource) if node is not None else "",
        date=reader.text(node, MGO.verificationDate) if node is not None else "",
    )


def dedupe_codes(codes: Iterable[CodeView]) -> list[CodeView]:
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for code in codes:
        key = (code.entity.text, code.match, code.iri)
        if key not in seen:
            seen.add(key)
            unique.append(code)
    return unique
