"""Reading for the evidence check: the one normalisation, sentences and their markers, the
stored page texts (found by SHA-256), and the data's triples read through SPARQL.

Every backend answers the same simple ``SELECT ?s ?o`` per property, so the check gives the
same findings on rdflib, Oxigraph, a store and an endpoint. Class membership and cue words
also come from the shipped ontology, so that bare data without the ontology reads alike.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from medgraph.namespaces import MGO
from medgraph.queries import QueryResult

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = [
    "MARKER",
    "Data",
    "Query",
    "as_number",
    "cue_words",
    "excerpt_of",
    "normalise",
    "page_texts",
    "sentences",
]

Query = Callable[[str], QueryResult]
"""Runs a SPARQL SELECT on the data (``Backend.query``)."""

_SPACE = re.compile(r"\s+")
MARKER = re.compile(r"\[(\d+)\]")
# A sentence ends at . ! or ? followed by white space and a capital letter or an opening mark.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(\[])")


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The one normalisation: white-space runs become one space, the ends are trimmed.
    (Remembered: a graph of many conditions quotes the same texts again and again.)"""
    return _SPACE.sub(" ", text).strip()


def sentences(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of a (normalised) text. A ``[n]`` marker belongs
    to the sentence it stands in: the page prints markers before the full stop."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@cache
def _sha256_of(path: Path, size: int, mtime: float) -> tuple[str, str] | None:
    from medgraph.errors import InputError
    from medgraph.files import read_input

    try:
        data = read_input(path)
        return hashlib.sha256(data).hexdigest(), data.decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return None


def page_texts(paths: Iterable[Path] = ()) -> dict[str, str]:
    """Stored page texts by SHA-256: every ``*.txt`` file under the shipped data, under each
    folder of ``paths`` and beside each file of ``paths``."""
    from medgraph.resources import data_dir

    candidates: list[Path] = sorted(data_dir().rglob("*.txt"))
    for path in paths:
        if path.is_dir():
            candidates += sorted(path.rglob("*.txt"))
        elif path.parent.is_dir():
            candidates += sorted(path.parent.glob("*.txt"))
    found: dict[str, str] = {}
    for candidate in candidates:
        if not candidate.is_file():
            continue
        info = candidate.stat()
        read = _sha256_of(candidate.resolve(), info.st_size, info.st_mtime)
        if read is not None:
            found.setdefault(read[0], read[1])
    return found


class Data:
    """The pairs of each property the check reads, by subject, and the members of classes."""

    def __init__(self, query: Query) -> None:
        self._query = query
        self._pairs: dict[URIRef, dict[Node, list[Node]]] = {}
        self._members: dict[URIRef, set[Node]] = {}

    def objects(self, subject: Node, prop: URIRef) -> list[Node]:
        return self._table(prop).get(subject, [])

    def value(self, subject: Node, prop: URIRef) -> Node | None:
        found = sorted(self.objects(subject, prop), key=str)
        return found[0] if found else None

    def subjects(self, prop: URIRef) -> list[Node]:
        return sorted(self._table(prop), key=str)

    def members(self, cls: URIRef) -> set[Node]:
        """Instances of ``cls`` or of a class below it (in the data's or the shipped
        ontology's ``rdfs:subClassOf``), so that bare data without the ontology is read alike."""
        if cls not in self._members:
            below: set[Node] = {cls}
            children: dict[Node, set[Node]] = defaultdict(set)
            for child, parents in self._table(RDFS.subClassOf).items():
                for parent in parents:
                    children[parent].add(child)
            for child, parent in shipped_hierarchy():
                children[parent].add(child)
            todo: list[Node] = [cls]
            while todo:
                for child in children.get(todo.pop(), ()):
                    if child not in below:
                        below.add(child)
                        todo.append(child)
            self._members[cls] = {
                node
                for node, types in self._table(RDF.type).items()
                if any(t in below for t in types)
            }
        return self._members[cls]

    def _table(self, prop: URIRef) -> dict[Node, list[Node]]:
        if prop not in self._pairs:
            table: dict[Node, list[Node]] = defaultdict(list)
            for row in self._query(f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}").rows:
                subject, obj = row.get("s"), row.get("o")
                if subject is not None and obj is not None:
                    table[subject].append(obj)
            self._pairs[prop] = dict(table)
        return self._pairs[prop]


@cache
def shipped_hierarchy() -> tuple[tuple[Node, Node], ...]:
    """The shipped ontology's ``rdfs:subClassOf`` pairs (read once)."""
    from medgraph.loader import load_ontology

    return tuple(load_ontology().subject_objects(RDFS.subClassOf))


@cache
def shipped_cues(prop: URIRef = MGO.hedgeCue) -> tuple[tuple[Node, str], ...]:
    """The shipped ontology's cue words of one kind: (term, words) pairs (read once)."""
    from medgraph.loader import load_ontology

    return tuple((s, str(o)) for s, o in load_ontology().subject_objects(prop))


def cue_words(data: Data, prop: URIRef) -> dict[Node, set[str]]:
    """Cue words by term, from the shipped ontology and the data, in lower case."""
    cues: dict[Node, set[str]] = defaultdict(set)
    for term, words in shipped_cues(prop):
        cues[term].add(words.lower())
    for term in data.subjects(prop):
        cues[term].update(str(words).lower() for words in data.objects(term, prop))
    return cues


def as_number(node: Node | None) -> int | None:
    try:
        return int(str(node)) if node is not None else None
    except ValueError:
        return None


def excerpt_of(text: str, size: int = 80) -> Literal:
    return Literal(text if len(text) <= size else text[: size - 1] + "…")
