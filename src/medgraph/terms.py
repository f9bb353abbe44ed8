"""Terms between rdflib and pyoxigraph, converted one way everywhere.

Oxigraph types every plain literal as ``xsd:string``; rdflib keeps it plain. Converting back
keeps rdflib's view, so that rows from every backend compare equal.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["to_oxigraph", "to_rdflib"]


def to_oxigraph(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
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


def to_rdflib(term: Any) -> Node | None:
    """A pyoxigraph term (or ``None`` for an unbound variable) as an rdflib term; plain
    literals stay plain, as rdflib parses them."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return Literal(term.value, lang=term.language)
        # Oxigraph types plain literals as xsd:string; rdflib keeps them plain. Match rdflib.
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=datatype)
    raise TypeError(term)
