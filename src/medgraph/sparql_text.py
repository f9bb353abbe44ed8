"""SPARQL as text: a scanner, and parameters bound into the text as a VALUES block.

The scanner (:func:`code_mask` and the functions built on it) tells a query's code from its
comments, strings and IRIs, where a brace, a ``?name`` or a keyword means nothing. It is the
only one: here it finds the WHERE group's brace, and :mod:`medgraph.shacl_fast` uses it to
find the groups, variables and ``FILTER NOT EXISTS`` blocks of SHACL's SPARQL constraints.

A remote endpoint receives a string, so the parameters must travel inside it. They go in as a
``VALUES`` block at the start of the query's WHERE group, each value written as an RDF term
(escaped literal, checked IRI): a value can never close the block or add a clause, whatever it
contains.

A named query holds its parameters' defaults in its own text, as a VALUES block that binds only
parameters, so that it runs as it is on any store and gives the rows it gives with its defaults.
Binding replaces that block (:func:`remove_values`) rather than adding a second one, which would
join the given value with the default and answer nothing.

A sub-select is evaluated on its own, before the outer query joins it (SPARQL 1.1, 18.2.1), so a
VALUES block at the top does not narrow it: a per-claim aggregate would be computed for every
condition in the store and then joined away, which grows with the store, not with the answer.
So the block for the parameters a sub-select *projects* is repeated at the start of that
sub-select's WHERE group too. That keeps the answer the same (the outer join on a projected
variable would drop the other values anyway) and lets the engine start from the bound term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from medgraph.errors import QueryError
from medgraph.iri import iri_problem, shown

__all__ = [
    "closing_bracket",
    "code_mask",
    "code_text",
    "inject_values",
    "remove_values",
    "rename_variable",
    "term_to_sparql",
    "top_level_groups",
    "values_blocks",
    "variables",
]

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


# ----------------------------------------------------------------------------------------------
# The scanner: where the query's code is, as opposed to its comments, strings and IRIs
# ----------------------------------------------------------------------------------------------


def _skip(text: str, i: int) -> int:
    """The index after the comment, string or IRI that starts at ``i``, or ``i`` itself when
    none starts there. A comment ends before its line break; a string at its closing quote
    (escapes skipped) or at the end of the text."""
    ch = text[i]
    if ch == "#":
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if ch in "\"'":
        quote = ch * 3 if text.startswith(ch * 3, i) else ch
        j = i + len(quote)
        while j < len(text) and not text.startswith(quote, j):
            j += 2 if text[j] == "\\" else 1
        return min(len(text), j + len(quote))
    if ch == "<":
        match = _IRI_BODY.match(text, i)
        if match:
            return match.end()
    return i


def code_mask(text: str) -> list[bool]:
    """For each character of ``text``: True in query code, False inside a comment, a string
    or an IRI (where a brace, a ``?name`` or a keyword means nothing)."""
    mask = [True] * len(text)
    i = 0
    while i < len(text):
        after = _skip(text, i)
        if after == i:
            i += 1
            continue
        mask[i:after] = [False] * (after - i)
        i = after
    return mask


def code_text(text: str, mask: list[bool] | None = None) -> str:
    """``text`` with its comments, strings and IRIs blanked to spaces: the same length, so an
    index into it is an index into ``text``."""
    mask = code_mask(text) if mask is None else mask
    return "".join(ch if code else " " for ch, code in zip(text, mask, strict=True))


def closing_bracket(text: str, start: int, mask: list[bool] | None = None, pair: str = "{}") -> int:
    """The index of the bracket that closes the one at ``start`` (``pair``: opening and
    closing character); QueryError when it is never closed."""
    mask = code_mask(text) if mask is None else mask
    depth = 0
    for i in range(start, len(text)):
        if not mask[i]:
            continue
        if text[i] == pair[0]:
            depth += 1
        elif text[i] == pair[1]:
            depth -= 1
            if depth == 0:
                return i
    raise QueryError(f"unbalanced {pair} in the query")


def top_level_groups(text: str) -> list[tuple[int, int]]:
    """The outermost ``{ ... }`` groups of ``text``, as (open index, close index); a group
    that is never closed is left out."""
    groups: list[tuple[int, int]] = []
    depth, start = 0, -1
    for i, ch in enumerate(code_text(text)):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                groups.append((start, i))
    return groups


_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def variables(text: str) -> set[str]:
    """The names of the variables (``?name`` or ``$name``) the code of ``text`` mentions."""
    return set(_VARIABLE.findall(code_text(text)))


def rename_variable(text: str, old: str, new: str) -> str:
    """``text`` with the variable ``?old``/``$old`` written ``?new`` wherever it is code (not
    in a comment, string or IRI, and not the start of a longer name)."""
    mask = code_mask(text)
    pattern = re.compile(rf"[?$]{re.escape(old)}(?![A-Za-z0-9_])")
    out, last = [], 0
    for match in pattern.finditer(text):
        if mask[match.start()]:
            out.append(text[last : match.start()] + "?" + new)
            last = match.end()
    return "".join(out) + text[last:]


# ----------------------------------------------------------------------------------------------
# Parameters as a VALUES block
# ----------------------------------------------------------------------------------------------


_VALUES = re.compile(r"VALUES\s*([?$][A-Za-z_][A-Za-z0-9_]*|\([^()]*\))\s*\{", re.IGNORECASE)


def values_blocks(text: str) -> list[tuple[int, int, set[str]]]:
    """The VALUES clauses in the code of ``text`` (inline or after the query): where each
    starts, where it ends (exclusive) and the variables it binds."""
    mask = code_mask(text)
    code = code_text(text, mask)
    found: list[tuple[int, int, set[str]]] = []
    for match in _VALUES.finditer(code):
        start = match.start()
        if start and (code[start - 1].isalnum() or code[start - 1] in "_?$:"):
            continue
        close = closing_bracket(text, match.end() - 1, mask)
        found.append((start, close + 1, set(_VARIABLE.findall(match.group(1)))))
    return found


def remove_values(text: str, names: Iterable[str]) -> str:
    """``text`` without the VALUES clauses that bind nothing but ``names``: a named query's
    defaults for its parameters, which a binding replaces."""
    wanted = set(names)
    for start, end, bound in reversed(values_blocks(text)):
        if bound and bound <= wanted:
            text = text[:start] + text[end:]
    return text


def inject_values(
    text: str, bindings: Mapping[str, Node], form: str, *, into_subselects: bool = True
) -> str:
    """Return ``text`` with ``bindings`` as a VALUES block opening its WHERE group, and opening
    the WHERE group of every sub-select that projects one of them (``into_subselects``).

    A VALUES clause of the text that binds only these parameters (their defaults) is removed
    first: the bound values take its place."""
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name {name!r}")
    text = remove_values(text, names)
    groups = top_level_groups(text)
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


def _subselects(text: str, where: tuple[int, int]) -> list[tuple[int, set[str]]]:
    """Sub-selects inside the WHERE group: the index of each one's WHERE brace and the
    variables it projects as they are (``(expr AS ?x)`` and ``SELECT *`` project none here)."""
    code = code_text(text)
    found: list[tuple[int, set[str]]] = []
    i = where[0] + 1
    while i < where[1]:
        match = _SELECT.match(code, i)
        if match is None or code[i - 1].isalnum() or code[i - 1] in "_?$:-.":
            i += 1
            continue
        j = code.find("{", match.end(), where[1])
        j = where[1] if j < 0 else j
        projected = set(_VARIABLE.findall(_without_parenthesised(code[match.end() : j])))
        found.append((j, projected))
        i = j + 1
    return found


def _without_parenthesised(code: str) -> str:
    """Query code without its ``( ... )`` expressions: of a projection, the plain variables."""
    out: list[str] = []
    depth = 0
    for ch in code:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _has_template(text: str, groups: list[tuple[int, int]]) -> bool:
    """True for ``CONSTRUCT { template } WHERE { ... }``; false for ``CONSTRUCT WHERE { ... }``."""
    if len(groups) < 2:
        return False
    between = code_text(text)[groups[0][1] + 1 : groups[1][0]]
    return re.search(r"\bWHERE\b", between, re.IGNORECASE) is not None or between.strip() == ""
