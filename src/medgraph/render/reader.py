"""Reading an rdflib graph the way the pages need it: English labels, sorted values, safe names.

Every value is read in sorted order so that the same graph always renders the same bytes, and
every node gets a file-name-safe slug and an HTML id that data cannot turn into markup or a path.
"""

from __future__ import annotations

import hashlib
import re
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from medgraph.namespaces import DCTERMS, FOAF, MG, MGO, RDF, RDFS, SKOS

_SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,120}$")


def local_slug(iri: str) -> str:
    """A file-name-safe slug for a node: its last path segment, or a hash if that is unsafe."""
    tail = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    if _SAFE_SLUG.match(tail):
        return tail
    return "n-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def node_anchor(iri: str) -> str:
    """An HTML id for a node: ``risk-factor-polycystic-ovary-syndrome`` for medgraph IRIs."""
    if iri.startswith(str(MG)):
        candidate = iri[len(str(MG)) :].replace("/", "-")
        if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,150}", candidate):
            return candidate
    return "n-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


class Reader:
    """Small helpers over an rdflib graph: labels, sorted values, subclass closure."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def values(self, subject: Node, predicate: URIRef) -> list[Node]:
        return sorted(self.graph.objects(subject, predicate), key=str)

    def texts(self, subject: Node, predicate: URIRef) -> list[str]:
        found = self.values(subject, predicate)
        english = [v for v in found if isinstance(v, Literal) and v.language in (None, "en")]
        return [str(v) for v in (english or [v for v in found if isinstance(v, Literal)])]

    def text(self, subject: Node, predicate: URIRef, default: str = "") -> str:
        found = self.texts(subject, predicate)
        return found[0] if found else default

    def label(self, node: Node) -> str:
        for predicate in (SKOS.prefLabel, RDFS.label, FOAF.name, DCTERMS.title):
            text = self.text(node, predicate)
            if text:
                return text
        return local_slug(str(node))

    def one(self, subject: Node, predicate: URIRef) -> Node | None:
        found = self.values(subject, predicate)
        return found[0] if found else None

    def is_a(self, node: Node, cls: URIRef) -> bool:
        return any((node, RDF.type, c) in self.graph for c in self.subclasses(cls))

    def subclasses(self, cls: Node) -> frozenset[Node]:
        return self._subclass_table.get(cls, frozenset({cls}))

    @cached_property
    def _subclass_table(self) -> dict[Node, frozenset[Node]]:
        table: dict[Node, set[Node]] = {}
        for sub, sup in self.graph.subject_objects(RDFS.subClassOf):
            table.setdefault(sup, set()).add(sub)

        def closure(cls: Node, seen: set[Node]) -> set[Node]:
            for sub in table.get(cls, ()):
                if sub not in seen:
                    seen.add(sub)
                    closure(sub, seen)
            return seen

        return {cls: frozenset(closure(cls, {cls})) for cls in list(table)}

    def kind(self, node: Node) -> str:
        """The label of the node's most specific labelled class."""
        classes = [c for c in self.graph.objects(node, RDF.type) if self.text(c, RDFS.label)]
        specific = [
            c for c in classes if not any(o != c and o in self.subclasses(c) for o in classes)
        ]
        labels = sorted(self.text(c, RDFS.label) for c in (specific or classes))
        return labels[0] if labels else ""

    def position(self, node: Node) -> int:
        value = self.one(node, MGO.position)
        try:
            return int(str(value)) if value is not None else 0
        except ValueError:
            return 0
