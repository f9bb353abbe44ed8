"""A SPARQL constraint as one query over all its focus nodes, where that is exact.

pySHACL runs a constraint once per focus node with ``$this`` pre-bound. Here ``?this`` is
bound by a join with the shape's targets inside the query instead (:func:`bulk_query`),
wherever that gives what pre-binding gives (:func:`_binds_this_everywhere`); otherwise the
constraint is run per focus node (:mod:`.sparql`). Oxigraph evaluates ``FILTER NOT EXISTS``
without pushing the row's bindings into it (oxigraph/oxigraph#885), so a flat one becomes the
equivalent anti-join ``OPTIONAL { P BIND(true AS ?m) } FILTER(!BOUND(?m))``. The query text is
read with the scanner of :mod:`medgraph.sparql_text`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from medgraph.errors import QueryError
from medgraph.shacl_fast.shapes import SparqlConstraint
from medgraph.shacl_fast.support import FastValidationError
from medgraph.sparql_text import (
    closing_bracket,
    code_mask,
    code_text,
    rename_variable,
    top_level_groups,
    variables,
)

__all__ = ["bulk_query", "prefix_block", "target_group"]

_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{", re.IGNORECASE)
_NOT_FLAT = re.compile(r"\b(BIND|VALUES|SELECT|SERVICE|GRAPH|MINUS|OPTIONAL|UNION)\b", re.I)


def _after_exists(code: str, open_: int) -> bool:
    """Whether the group opening at ``open_`` is an EXISTS block (``code``: the scanned text)."""
    return code[:open_].rstrip().upper().endswith("EXISTS")


def _groups(body: str) -> list[tuple[int, int, str]]:
    """Top-level ``{...}`` of a group's contents: (open, close, what precedes: EXISTS/other)."""
    code = code_text(body)
    return [
        (open_, close, "exists" if _after_exists(code, open_) else "group")
        for open_, close in top_level_groups(body)
    ]


def _without_groups(body: str) -> str:
    """The group's own text: nested groups and parenthesised expressions blanked out."""
    code = code_text(body)
    mask = [True] * len(code)
    for open_, close, _ in _groups(body):
        mask[open_ : close + 1] = [False] * (close + 1 - open_)
    text = "".join(c if m else " " for c, m in zip(code, mask, strict=True))
    out, depth = [], 0
    for char in text:
        depth += char == "("
        out.append(char if depth == 0 else " ")
        depth -= char == ")" and depth > 0
    return "".join(out)


def _level_text(body: str) -> str:
    """The group's own code, nested groups blanked out (expressions kept)."""
    code = list(code_text(body))
    for open_, close, _ in _groups(body):
        code[open_ : close + 1] = [" "] * (close + 1 - open_)
    return "".join(code).replace("$this", "?this")


def _binds_this_everywhere(body: str, bound: bool = True, exists: bool = False) -> bool:
    """Whether running the query once, with ``?this`` bound by a join with the targets, gives
    what pre-binding ``$this`` (pySHACL, once per focus node) gives.

    At the top level the join binds it. A nested group (a UNION branch, an OPTIONAL) is
    evaluated on its own, so where it mentions ``?this`` it must bind it by a triple pattern
    of its own. An EXISTS block sees the row it tests: it may mention ``?this`` only where
    that row binds it. Sub-queries may not mention it at all.
    """
    code = code_text(body).replace("$this", "?this")
    if "?this" in code and re.search(r"\bSELECT\b", code, re.I):
        return False
    level = _level_text(body)
    if not exists:
        bound = bound or "?this" in _without_groups(body).replace("$this", "?this")
    if "?this" in level and not bound:
        return False
    for open_, close, kind in _groups(body):
        inner = body[open_ + 1 : close]
        if kind == "exists":
            if not _binds_this_everywhere(inner, bound, exists=True):
                return False
        elif not _binds_this_everywhere(inner, False):
            return False
    return True


def _rewrite_not_exists(body: str, outside: str, counter: list[int]) -> str:
    """Turn each flat ``FILTER NOT EXISTS { P }`` of a group into an anti-join Oxigraph runs
    fast: ``OPTIONAL { P BIND(true AS ?m) } FILTER(!BOUND(?m))``, appended to the group.

    For every row of the group, the optional part matches exactly the solutions of P that
    agree with the row on the variables they share (with P's filters as the condition of the
    left join, which sees the row), which is what substituting the row into P, as EXISTS
    does, gives; so the rows kept are the rows for which NOT EXISTS holds. P's own variables
    are renamed apart. A P with groups, BIND or VALUES is left as written, and so is a P with
    a variable predicate (``?s ?p ?o`` with all three bound by the row): Oxigraph evaluates the
    optional part on its own before the join, which for such a P means every triple of the
    store (1.4 s at 1M triples), while its NOT EXISTS looks the bound triple up (0.1 s).
    """
    mask = code_mask(body)
    code = code_text(body, mask)
    out: list[str] = []
    added: list[str] = []
    i = 0
    while i < len(body):
        match = _NOT_EXISTS.match(code, i)
        if match:
            close = closing_bracket(body, match.end() - 1, mask)
            inner = body[match.end() : close]
            inner_code = code[match.end() : close]
            if (
                "{" not in inner_code
                and not _NOT_FLAT.search(inner_code)
                and not _variable_predicate(inner)
            ):
                counter[0] += 1
                flag = f"__matched{counter[0]}"
                rest = outside + body[:i] + body[close + 1 :]
                for name in sorted(variables(inner) - variables(rest)):
                    inner = rename_variable(inner, name, f"__{counter[0]}_{name}")
                added.append(
                    f"\nOPTIONAL {{ {inner.strip().rstrip('.')} . BIND(true AS ?{flag}) }}"
                    f"\nFILTER(!BOUND(?{flag}))"
                )
                i = close + 1
                continue
            out.append(body[i : close + 1])
            i = close + 1
            continue
        if code[i] == "{":
            close = closing_bracket(body, i, mask)
            inner = body[i + 1 : close]
            if _after_exists(code, i) or re.search(r"\bSELECT\b", code[i + 1 : close], re.I):
                out.append(body[i : close + 1])
            else:
                rewritten = _rewrite_not_exists(
                    inner, outside + body[:i] + body[close + 1 :], counter
                )
                out.append("{" + rewritten + "}")
            i = close + 1
            continue
        out.append(body[i])
        i += 1
    return "".join(out) + "".join(added)


_TOKEN = re.compile(r"[;,]|\.(?=\s|$)|[^\s;,]+")


def _variable_predicate(text: str) -> bool:
    """Whether a flat group's triple patterns have a variable in the predicate position."""
    code = _without_groups(text)  # comments, strings, IRIs and ( ... ) blanked out
    mask = code_mask(text)
    # An IRI or a string is a term: written back as one token of "x" (a comment stays blank).
    chars = list(code)
    in_comment = False
    for i, (char, is_code) in enumerate(zip(text, mask, strict=True)):
        if is_code:
            in_comment = False
        elif char == "#" and (i == 0 or mask[i - 1]):
            in_comment = True
        elif not in_comment and not char.isspace():
            chars[i] = "x"
    position = 0  # 0 subject, 1 predicate, 2 object
    for token in _TOKEN.findall("".join(chars)):
        if token == ".":
            position = 0
        elif token == ";":
            position = 1
        elif token == ",":
            position = 2
        elif token.upper() == "FILTER":
            position = 0
        else:
            if position == 1 and token[0] in "?$":
                return True
            position = min(position + 1, 2)
    return False


@dataclass
class _Query:
    """A SELECT split around its WHERE group."""

    head: str  # up to and including the group's "{"
    body: str  # the group's contents
    tail: str  # from the group's "}" on

    @classmethod
    def parse(cls, text: str) -> _Query:
        mask = code_mask(text)
        code = code_text(text, mask)
        match = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE)
        if match is None:
            select = re.search(r"\bSELECT\b", code, re.IGNORECASE)
            brace = -1 if select is None else code.find("{", select.end())
            if brace < 0:
                raise FastValidationError("a SPARQL constraint without SELECT ... { }")
        else:
            brace = match.end() - 1
        close = closing_bracket(text, brace, mask)
        return cls(text[: brace + 1], text[brace + 1 : close], text[close:])


def _join_group(*parts: str) -> str:
    """Concatenate group contents, keeping SPARQL's '.' separators valid."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not out.endswith((".", "{")):
            out += " ."
        out += "\n" + part
    return out


def _term_text(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    return term.n3()


def target_group(targets: Sequence[tuple[URIRef, Node]]) -> str:
    """A sub-select binding ``?this`` to each focus node of the shape once."""
    branches = []
    for kind, obj in targets:
        if kind == SH.targetClass:
            branches.append(f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* {_term_text(obj)} }}")
        elif kind == SH.targetNode:
            branches.append(f"{{ BIND({_term_text(obj)} AS ?this) }}")
        elif kind == SH.targetSubjectsOf:
            branches.append(f"{{ ?this {_term_text(obj)} ?__object }}")
        elif kind == SH.targetObjectsOf:
            branches.append(f"{{ ?__subject {_term_text(obj)} ?this }}")
    if not branches:
        return ""
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(branches) + " } }"


def prefix_block(prefixes: dict[str, str]) -> str:
    """``PREFIX`` lines for the prefixes a constraint declares (``sh:prefixes``)."""
    return "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in sorted(prefixes.items()))


def bulk_query(constraint: SparqlConstraint) -> str | None:
    """The constraint as one query over all its focus nodes, or None when running it once
    per focus node is the only exact way (see :func:`_binds_this_everywhere`)."""
    try:
        query = _Query.parse(rename_variable(constraint.select, "this", "this"))
        if not _binds_this_everywhere(query.body):
            return None
        body = _rewrite_not_exists(query.body, query.head + query.tail, [0])
    except QueryError as exc:  # unbalanced brackets: pySHACL's turn
        raise FastValidationError(f"{constraint.shape}: {exc}") from None
    target = target_group(constraint.targets)
    return (
        prefix_block(constraint.prefixes)
        + query.head
        + _join_group(target, body)
        + "\n"
        + query.tail
    )
