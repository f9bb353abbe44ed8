"""Literals as the data writes them, in findings that came from Oxigraph's store.

Oxigraph's store folds typed literals to a canonical form (``"1"^^xsd:positiveInteger``
becomes ``"1"^^xsd:integer``); pySHACL reports the term as written. A folded value is mapped
back to the spelling the focus node's own triples give it when they give one only; otherwise
to the spelling the whole data gives it, when there is one only.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from medgraph.shacl_fast.findings import Finding, parse_term
from medgraph.terms import to_rdflib

__all__ = ["exact_values"]

_TYPED_LITERAL = re.compile(
    rb'"((?:[^"\\]|\\.)*)"\^\^<(http://www\.w3\.org/2001/XMLSchema#[A-Za-z]+)>'
)


_LOCAL_LOOKUPS = 64
"""Up to this many focus nodes, a folded value is looked up in the focus node's own triples
(a few C-speed searches of the data) before the whole data is scanned (seconds at 1M)."""


def _folded(term: Node | None) -> bool:
    return isinstance(term, Literal) and term.datatype is not None and term.datatype != XSD.string


def exact_values(findings: list[Finding], exact_terms: bytes) -> None:
    """Give findings back the literals as ``exact_terms`` (the data in N-Triples) writes them."""
    todo = [f for f in findings if _folded(f.value)]
    named = {f.focus for f in todo if isinstance(f.focus, URIRef)}
    if todo and len(named) <= _LOCAL_LOOKUPS:
        local: dict[Node, dict[Node, set[bytes]]] = {
            n: _spelling_map(_subject_spellings(exact_terms, n)) for n in named
        }
        todo = [f for f in todo if not _respell(f, local.get(f.focus, {}))]
    if todo:
        everywhere = _spelling_map({m.group(0) for m in _TYPED_LITERAL.finditer(exact_terms)})
        for finding in todo:
            _respell(finding, everywhere)


def _respell(finding: Finding, originals: dict[Node, set[bytes]]) -> bool:
    """Give the finding's value the one spelling ``originals`` has for it; False if none is."""
    if finding.value is None:
        return False
    spellings = originals.get(finding.value, set())
    if len(spellings) != 1:
        return False
    finding.value = parse_term(next(iter(spellings)).decode("utf-8"))
    return True


def _subject_spellings(exact_terms: bytes, subject: URIRef) -> set[bytes]:
    """The typed literals written in the N-Triples lines whose subject is ``subject``."""
    key = f"<{subject}> ".encode()
    found: set[bytes] = set()
    at = exact_terms.find(key)
    while at >= 0:
        if at == 0 or exact_terms[at - 1] == 0x0A:  # a line's subject, not an object
            end = exact_terms.find(b"\n", at)
            line_end = len(exact_terms) if end < 0 else end
            found.update(m.group(0) for m in _TYPED_LITERAL.finditer(exact_terms, at, line_end))
        at = exact_terms.find(key, at + 1)
    return found


def _spelling_map(spellings: set[bytes]) -> dict[Node, set[bytes]]:
    """Each typed literal as Oxigraph's store folds it, with the spellings that fold to it."""
    import pyoxigraph as ox

    spellings = {s for s in spellings if not s.endswith(b"#string>")}
    probe = ox.Store()
    subjects = {}
    for index, spelling in enumerate(sorted(spellings)):
        subjects[f"urn:x-medgraph:{index}"] = spelling
        probe.add(
            next(
                iter(
                    ox.parse(
                        b"<urn:x-medgraph:%d> <urn:x-medgraph:p> %s ." % (index, spelling),
                        format=ox.RdfFormat.N_TRIPLES,
                    )
                )
            )
        )
    originals: dict[Node, set[bytes]] = {}
    for quad in probe:
        originals.setdefault(to_rdflib(quad.object), set()).add(subjects[quad.subject.value])
    return originals
