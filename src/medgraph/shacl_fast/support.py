"""What the fast path runs exactly as pySHACL would, and what it leaves to pySHACL.

Oxigraph (like RDF 1.1) treats ``"x"`` and ``"x"^^xsd:string`` as one literal; rdflib, and so
pySHACL, do not, so ``sh:in ("x")`` rejects the typed one there. Input that spells out
``xsd:string`` is therefore left to pySHACL (:func:`spells_out_xsd_string`), so that the two
paths never disagree. Shapes the fast path cannot run in bulk (SPARQL-based targets, property
shapes with ``sh:sparql``, ``$shapesGraph``) make :func:`supports` answer no, and the caller
uses pySHACL; so does :class:`FastValidationError`, raised where a constraint turns out to
need it while it runs.
"""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

__all__ = ["FastValidationError", "spells_out_xsd_string", "supports"]

_XSD_STRING = {
    "turtle": re.compile(
        rb"\^\^\s*(?:<http://www\.w3\.org/2001/XMLSchema#string>|[A-Za-z0-9_.-]*:string\b)"
    ),
    "json-ld": re.compile(
        rb"\"@type\"\s*:\s*\"(?:[A-Za-z0-9_.-]*:string|http://www\.w3\.org/2001/XMLSchema#string)\""
    ),
    "xml": re.compile(rb"datatype\s*=\s*[\"'][^\"']*XMLSchema#string"),
}
_XSD_STRING["nt"] = _XSD_STRING["turtle"]


class FastValidationError(Exception):
    """The fast path cannot validate this input exactly as pySHACL would; use pySHACL."""


def spells_out_xsd_string(data: bytes, rdf_format: str = "turtle") -> bool:
    """Whether RDF text (as written: parsers fold the type away) types a literal
    ``xsd:string`` explicitly, which rdflib, unlike RDF 1.1, keeps apart from a plain one.
    ``rdf_format`` is the loader's name (turtle, nt, json-ld, xml)."""
    return _XSD_STRING[rdf_format].search(data) is not None


_NESTING = (SH.node, SH["not"], SH.qualifiedValueShape, SH.property)
_LISTS = (SH["or"], SH["and"], SH.xone)


def supports(shapes: Graph) -> str | None:
    """Why these shapes need pySHACL, or None when the fast path runs them exactly."""
    if next(shapes.subjects(SH.target, None), None) is not None:
        return "a shape has a SPARQL-based target (sh:target)"
    nested: set[Node] = {obj for kind in _NESTING for obj in shapes.objects(None, kind)}
    for kind in _LISTS:
        for head in shapes.objects(None, kind):
            nested.update(Collection(shapes, head))
    for shape, constraint in shapes.subject_objects(SH.sparql):
        if not isinstance(shape, URIRef):
            return "a blank-node shape has sh:sparql"
        if shape in nested:
            return f"{shape} has sh:sparql and is used inside another shape"
        if (shape, SH.path, None) in shapes:
            return f"{shape} is a property shape with sh:sparql"
        select = shapes.value(constraint, SH.select)
        if select is None:
            return f"{constraint} has no sh:select (sh:ask and others are not run in bulk)"
        if re.search(r"\$(shapesGraph|currentShape|PATH|value)\b", str(select)):
            return f"{constraint} uses $shapesGraph, $currentShape, $PATH or $value"
    return None
