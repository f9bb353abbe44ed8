"""RDF terms between pyoxigraph and rdflib, for code that reads with one and writes with the other.

The one difference that matters: Oxigraph (like RDF 1.1) types a plain literal ``xsd:string``,
rdflib keeps it plain. A term read back from Oxigraph is therefore written plain when it is an
``xsd:string``, so that it equals the term rdflib reads from the same file. pyoxigraph is
imported when a term is converted, not when this module is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, overload

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["TermCache", "to_oxigraph", "to_oxigraph_quad", "to_rdflib"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib IRI, blank node or literal (TypeError otherwise)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(term)


def to_oxigraph_quad(triple: tuple[Node, Node, Node]) -> ox.Quad:
    """The pyoxigraph quad (in the default graph) for an rdflib triple (TypeError for a
    literal subject or a predicate that is not an IRI)."""
    import pyoxigraph as ox

    subject, predicate, obj = (to_oxigraph(term) for term in triple)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise TypeError(triple)
    return ox.Quad(subject, predicate, obj)


@overload
def to_rdflib(term: None) -> None: ...
@overload
def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node: ...
@overload
def to_rdflib(term: object) -> Node | None: ...
def to_rdflib(term: object) -> Node | None:
    """The rdflib term for a pyoxigraph IRI, blank node or literal; None for None (an unbound
    variable); TypeError for anything else (a quoted triple)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=datatype)
    raise TypeError(term)


class TermCache:
    """:func:`to_rdflib` remembering what it converted: reading a graph table by table meets
    the same subjects and classes again and again (the evidence check converts 810 thousand
    terms of 110 thousand distinct ones at 1M triples), and an rdflib term costs microseconds
    to build. Converting a pyoxigraph term is a function of the term, so the cache is exact; it
    starts afresh past ``limit`` terms, so that a long-lived backend's memory stays bounded."""

    def __init__(self, limit: int = 1_000_000) -> None:
        self.limit = limit
        self._terms: dict[object, Node] = {}

    def __call__(self, term: object) -> Node | None:
        if term is None:
            return None
        found = self._terms.get(term)
        if found is None:
            if len(self._terms) >= self.limit:
                self._terms.clear()
            converted = to_rdflib(term)
            if converted is not None:
                self._terms[term] = converted
            return converted
        return found
