"""Bind parameters into SPARQL text as a VALUES block, for stores that take only query text.

A remote endpoint receives a string, so the parameters must travel inside it. They go in as a
``VALUES`` block at the start of the query's WHERE group, each value written as an RDF term
(escaped literal, checked IRI): a value can never close the block or add a clause, whatever it
contains. The scanner skips comments, strings and IRIs to find the WHERE group's brace.

A sub-select is evaluated on its own, before the outer query joins it (SPARQL 1.1, 18.2.1), so a
VALUES block at the top does not narrow it: a per-claim aggregate would be computed for every
condition in the store and then joined away, which grows with the store, not with the answer.
So the block for the parameters a sub-select *projects* is repeated at the start of that
sub-select's WHERE group too. That keeps the answer the same (the outer join on a projected
variable would drop the other values anyway) and lets the engine start from the bound term.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from medgraph.errors import QueryError
from medgraph.iri import iri_problem, shown

__all__ = ["inject_values", "term_to_sparql"]

_IRI_BODY = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")


def term_to_sparql(term: Node) -> str:
    """Write an RDF term in SPARQL syntax, escaped so that it stays one term."""
    if isinstance(term, URIRef):
        problem = iri_problem(str(term))
        if problem is not None:
            raise QueryError(f"the IRI <{shown(str(term))}> {problem}")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = "".join(_ESCAPES.get(ch, ch) for ch in str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"bad language tag {term.language!r}")
            return f'"{body}"@{term.language}'
        if term.datatype:
            return f'"{body}"^^{term_to_sparql(URIRef(term.datatype))}'
        return f'"{body}"'
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be a query parameter")
    raise QueryError(f"cannot bind {term!r} as a query parameter")


def _skip(text: str, i: int) -> int:
    """Return the index after a comment, string or IRI starting at ``i`` (or ``i`` itself)."""
    ch = text[i]
    if ch == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end + 1
    if ch in "\"'":
        long_quote = text[i : i + 3]
        if long_quote in ('"""', "'''"):
            end = text.find(long_quote, i + 3)
            while end > 0 and text[end - 1] == "\\":
                end = text.find(long_quote, end + 1)
            return len(text) if end < 0 else end + 3
        j = i + 1
        while j < len(text) and text[j] != ch:
            j += 2 if text[j] == "\\" else 1
        return j + 1
    if ch == "<":
        match = _IRI_BODY.match(text, i)
        if match:
            return match.end()
    return i


def _braces(text: str) -> list[tuple[int, int]]:
    """Top-level ``{ ... }`` groups of the query, as (open index, close index)."""
    groups: list[tuple[int, int]] = []
    depth, start, i = 0, -1, 0
    while i < len(text):
        after = _skip(text, i)
        if after != i:
            i = after
            continue
        if text[i] == "{":
            if depth == 0:
                start = i
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                groups.append((start, i))
        i += 1
    return groups


def inject_values(
    text: str, bindings: Mapping[str, Node], form: str, *, into_subselects: bool = True
) -> str:
    """Return ``text`` with ``bindings`` as a VALUES block opening its WHERE group, and opening
    the WHERE group of every sub-select that projects one of them (``into_subselects``)."""
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name {name!r}")
    groups = _braces(text)
    index = 1 if form == "CONSTRUCT" and _has_template(text, groups) else 0
    if len(groups) <= index:
        raise QueryError("the query has no WHERE group to bind its parameters in")
    inserts = [(groups[index][0], names)]
    for open_at, projected in _subselects(text, groups[index]) if into_subselects else ():
        pushed = [name for name in names if name in projected]
        if pushed:
            inserts.append((open_at, pushed))
    for open_at, pushed in sorted(inserts, reverse=True):
        text = text[: open_at + 1] + _values_block(pushed, bindings) + text[open_at + 1 :]
    return text


def _values_block(names: list[str], bindings: Mapping[str, Node]) -> str:
    values = " ".join(term_to_sparql(bindings[name]) for name in names)
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }} "


_SELECT = re.compile(r"SELECT\b", re.IGNORECASE)
_PROJECTED = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def _subselects(text: str, where: tuple[int, int]) -> list[tuple[int, set[str]]]:
    """Sub-selects inside the WHERE group: the index of each one's WHERE brace and the
    variables it projects as they are (``(expr AS ?x)`` and ``SELECT *`` project none here)."""
    found: list[tuple[int, set[str]]] = []
    i = where[0] + 1
    while i < where[1]:
        after = _skip(text, i)
        if after != i:
            i = after
            continue
        match = _SELECT.match(text, i)
        if match is None or text[i - 1].isalnum() or text[i - 1] in "_?$:-.":
            i += 1
            continue
        j = match.end()
        while j < where[1] and text[j] != "{":  # to the WHERE brace, past strings and IRIs
            j = max(_skip(text, j), j + 1) if text[j] in "#\"'<" else j + 1
        projection = text[match.end() : j]
        projected = {m.group(1) for m in _PROJECTED.finditer(_without_parenthesised(projection))}
        found.append((j, projected))
        i = j + 1
    return found


def _without_parenthesised(projection: str) -> str:
    """The projection without its ``( ... )`` expressions (strings and IRIs in them skipped):
    only the plain variables are left."""
    out: list[str] = []
    depth, i = 0, 0
    while i < len(projection):
        after = _skip(projection, i)
        if after != i:
            i = after
            continue
        ch = projection[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
        i += 1
    return "".join(out)


def _has_template(text: str, groups: list[tuple[int, int]]) -> bool:
    """True for ``CONSTRUCT { template } WHERE { ... }``; false for ``CONSTRUCT WHERE { ... }``."""
    if len(groups) < 2:
        return False
    between = text[groups[0][1] + 1 : groups[1][0]]
    return re.search(r"\bWHERE\b", between, re.IGNORECASE) is not None or between.strip() == ""
