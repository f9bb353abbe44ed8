"""Findings as a user gives them -> HP terms of the index.

A finding is an HP id (``HP:0030009``, ``HP_0030009``, ``hp:0030009``), its IRI, an
alternative id of a term, or words: a label, synonym or lay term, compared without case or
punctuation (:func:`.names.normalise`). An obsolete term is replaced by its ``replaced_by``
term. Words that match nothing raise :class:`UnknownFinding`, which lists close names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from medgraph.differential.index import HP_PREFIX, DifferentialIndex
from medgraph.differential.names import normalise
from medgraph.errors import InputError

__all__ = ["ResolvedFinding", "UnknownFinding", "resolve", "resolve_all", "suggestions"]

_HP_ID = re.compile(r"^\s*(?:https?://purl\.obolibrary\.org/obo/)?hp[:_](\d{7})\s*$", re.I)
_KIND_WORDS = {
    "label": "label",
    "exact": "exact synonym",
    "lay": "lay synonym",
    "related": "related synonym",
    "narrow": "narrow synonym",
    "broad": "broad synonym",
}


@dataclass(frozen=True)
class ResolvedFinding:
    """What a finding turned out to be, and how it was found."""

    query: str
    term: int
    iri: str
    curie: str
    label: str
    how: str
    """``id``, ``alternative id``, ``label``, ``lay synonym``, ...; ``, replaced obsolete
    HP:...`` is added when an obsolete term gave way to its replacement."""

    def as_json(self) -> dict[str, str]:
        return {
            "query": self.query,
            "iri": self.iri,
            "curie": self.curie,
            "label": self.label,
            "matched_by": self.how,
        }


class UnknownFinding(InputError):
    """One or more findings match no term; ``unknown`` maps each to its close suggestions."""

    def __init__(self, unknown: dict[str, list[str]]) -> None:
        parts = []
        for query, close in unknown.items():
            hint = f"; did you mean {', '.join(close)}?" if close else "; no close name either"
            parts.append(f"{query!r} matches no HPO term id, label or synonym{hint}")
        super().__init__("; ".join(parts))
        self.unknown = unknown


def _found(
    index: DifferentialIndex, query: str, tid: int, how: str, seen: frozenset[int] = frozenset()
) -> ResolvedFinding:
    if tid in index.deprecated and tid in index.replaced_by and tid not in seen:
        replacement = index.replaced_by[tid]
        found = _found(index, query, replacement, how, seen | {tid})
        return ResolvedFinding(
            query,
            found.term,
            found.iri,
            found.curie,
            found.label,
            f"{found.how}, replaced obsolete {index.curie(tid)}",
        )
    return ResolvedFinding(query, tid, index.terms[tid], index.curie(tid), index.labels[tid], how)


def _lookup(index: DifferentialIndex, query: str) -> ResolvedFinding | None:
    match = _HP_ID.match(query)
    if match:
        iri = HP_PREFIX + match.group(1)
        if iri in index.term_ids:
            return _found(index, query, index.term_ids[iri], "id")
        curie = "HP:" + match.group(1)
        if curie in index.alt_ids:
            return _found(index, query, index.alt_ids[curie], "alternative id")
        return None
    hit = index.names.get(normalise(query))
    if hit is None:
        return None
    tid, kind = hit
    return _found(index, query, tid, _KIND_WORDS.get(kind, kind))


def suggestions(index: DifferentialIndex, query: str, limit: int = 5) -> list[str]:
    """Close names (``label (HP:...)``) for words that matched nothing."""
    key = normalise(query)
    if not key:
        return []
    words = {w for w in key.split() if len(w) >= 3}
    pool = [name for name in index.names if words and any(w in name for w in words)]
    if len(pool) < limit:
        pool = list(index.names)
    close = difflib.get_close_matches(key, pool, n=limit * 3, cutoff=0.5)
    if not close and words:
        close = sorted(pool, key=len)[: limit * 3] if len(pool) < len(index.names) else []
    shown: list[str] = []
    for name in close:
        tid = index.names[name][0]
        text = f"{index.labels[tid]} ({index.curie(tid)})"
        if normalise(index.labels[tid]) != name:
            text = f"{name!r}, a name of {text}"
        if text not in shown:
            shown.append(text)
    return shown[:limit]


def resolve(index: DifferentialIndex, query: str) -> ResolvedFinding:
    """One finding; :class:`UnknownFinding` with suggestions when nothing matches."""
    found = _lookup(index, query)
    if found is None:
        raise UnknownFinding({query: suggestions(index, query)})
    return found


def resolve_all(index: DifferentialIndex, queries: Iterable[str]) -> list[ResolvedFinding]:
    """Every finding, or one :class:`UnknownFinding` naming each that matched nothing."""
    found: list[ResolvedFinding] = []
    unknown: dict[str, list[str]] = {}
    for query in queries:
        hit = _lookup(index, query)
        if hit is None:
            unknown[query] = suggestions(index, query)
        elif all(f.term != hit.term for f in found):
            found.append(hit)
    if unknown:
        raise UnknownFinding(unknown)
    return found
