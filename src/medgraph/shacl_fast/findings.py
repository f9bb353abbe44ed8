"""One finding of the fast path: what a SHACL validation result says, before it is written
as pySHACL's report graph or as medgraph's records (:mod:`.report`). Both engines, and the
mapping of literals back to their spelling (:mod:`.spelling`), fill it in."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, URIRef
from rdflib.term import Node

from medgraph.shacl_fast.support import FastValidationError

__all__ = ["Finding", "parse_term"]


@dataclass
class Finding:
    """One validation result: the terms of ``sh:ValidationResult``."""

    focus: Node
    severity: Node
    component: URIRef
    shape: Node
    path: Node | None = None
    value: Node | None = None
    messages: list[Node] = field(default_factory=list)
    constraint: Node | None = None


def parse_term(text: str) -> Node:
    """An RDF term written as in N-Triples (``_:b`` for a blank node), as rdflib reads it."""
    from rdflib.util import from_n3

    if text.startswith("_:"):
        return BNode(text[2:])
    term = from_n3(text)
    if not isinstance(term, Node):
        raise FastValidationError(f"cannot read the term {text!r} in the core engine's report")
    return term
