"""SHACL validation for big graphs, with the same findings as pySHACL.

pySHACL runs every SPARQL-based constraint once per focus node, in Python, which is what makes
it take minutes on a graph of a few thousand triples and never finish on a million. This module
splits the work between two engines and gives back pySHACL's report, record for record:

- **SHACL core** (counts, datatypes, classes, ``sh:in``, patterns, ``sh:or``, ...) by
  `shacl-rust <https://pypi.org/project/shacl-rust/>`_, a Rust engine that passes the W3C core
  suite. Each finding keeps its focus node, path, value, component, shape and severity; its
  message is the shape's ``sh:message``, as pySHACL writes it.
- **SPARQL-based constraints** (``sh:sparql``, SHACL-AF) by Oxigraph, each run *once* over all
  of its focus nodes (``$this`` bound by the shape's targets inside the query) instead of once
  per focus node, wherever that gives what pre-binding gives (:func:`bulk_query`); otherwise
  once per focus node, as pySHACL does. Oxigraph evaluates ``FILTER NOT EXISTS`` without
  pushing the row's bindings into it (oxigraph/oxigraph#885), so a flat one becomes the
  equivalent anti-join ``OPTIONAL { P BIND(true AS ?m) } FILTER(!BOUND(?m))``. Results,
  values and messages (``{?var}`` templates) follow pySHACL's rules (see
  ``pyshacl/constraints/sparql``).

Oxigraph (like RDF 1.1) treats ``"x"`` and ``"x"^^xsd:string`` as one literal; rdflib, and so
pySHACL, do not, so ``sh:in ("x")`` rejects the typed one there. Input that spells out
``xsd:string`` is therefore left to pySHACL (:func:`spells_out_xsd_string`), so that the two
paths never disagree. Shapes this module cannot run in bulk (SPARQL-based targets, property
shapes with ``sh:sparql``, ``$shapesGraph``) make :func:`supports` answer no, and the caller
uses pySHACL.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from medgraph.errors import QueryError
from medgraph.sparql_text import (
    closing_bracket,
    code_mask,
    code_text,
    rename_variable,
    top_level_groups,
    variables,
)

__all__ = [
    "FastValidationError",
    "SparqlConstraint",
    "bulk_query",
    "core_shapes",
    "report_graph",
    "results",
    "sparql_constraints",
    "spells_out_xsd_string",
    "supports",
    "validate_fast",
]

SH_SPARQL_COMPONENT = SH.SPARQLConstraintComponent
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


# ----------------------------------------------------------------------------------------------
# Reading the shapes
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint of a node shape, ready to run over all focus nodes."""

    shape: URIRef
    constraint: Node
    select: str
    prefixes: dict[str, str]
    messages: tuple[Literal, ...]
    shape_messages: tuple[Literal, ...]
    severity: URIRef
    targets: tuple[tuple[URIRef, Node], ...]  # (target predicate, object)


def _declared_prefixes(shapes: Graph, constraint: Node) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    for holder in shapes.objects(constraint, SH.prefixes):
        for ontology in [holder, *shapes.objects(holder, OWL.imports)]:
            for declaration in shapes.objects(ontology, SH.declare):
                prefix = shapes.value(declaration, SH.prefix)
                namespace = shapes.value(declaration, SH.namespace)
                if prefix is not None and namespace is not None:
                    prefixes[str(prefix)] = str(namespace)
    return prefixes


def _is_active(shapes: Graph, node: Node) -> bool:
    return not any(bool(getattr(v, "value", False)) for v in shapes.objects(node, SH.deactivated))


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _targets(shapes: Graph, shape: Node) -> tuple[tuple[URIRef, Node], ...]:
    found = [(kind, obj) for kind in _TARGETS for obj in shapes.objects(shape, kind)]
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        found.append((SH.targetClass, shape))  # an implicit class target
    return tuple(sorted(found))  # type: ignore[arg-type]


_NESTING = (SH.node, SH["not"], SH.qualifiedValueShape, SH.property)
_LISTS = (SH["or"], SH["and"], SH.xone)


def supports(shapes: Graph) -> str | None:
    """Why these shapes need pySHACL, or None when the fast path runs them exactly."""
    if next(shapes.subjects(SH.target, None), None) is not None:
        return "a shape has a SPARQL-based target (sh:target)"
    nested = {obj for kind in _NESTING for obj in shapes.objects(None, kind)}
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


def sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
    """Every active ``sh:sparql`` constraint of the shapes, in a stable order."""
    found = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if not (_is_active(shapes, shape) and _is_active(shapes, constraint)):
            continue
        found.append(
            SparqlConstraint(
                shape=shape,  # type: ignore[arg-type]
                constraint=constraint,
                select=str(shapes.value(constraint, SH.select)),
                prefixes=_declared_prefixes(shapes, constraint),
                messages=tuple(sorted(shapes.objects(constraint, SH.message))),  # type: ignore[arg-type]
                shape_messages=tuple(shapes.objects(shape, SH.message)),  # type: ignore[arg-type]
                severity=shapes.value(shape, SH.severity) or SH.Violation,  # type: ignore[arg-type]
                targets=_targets(shapes, shape),
            )
        )
    return found


def core_shapes(shapes: Graph) -> Graph:
    """The shapes without their SPARQL-based constraints: what the core engine runs."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


# ----------------------------------------------------------------------------------------------
# SPARQL text: groups, ?this and FILTER NOT EXISTS (scanned by medgraph.sparql_text)
# ----------------------------------------------------------------------------------------------

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
    are renamed apart. A P with groups, BIND or VALUES is left as written.
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
            if "{" not in inner_code and not _NOT_FLAT.search(inner_code):
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


# ----------------------------------------------------------------------------------------------
# Running the SPARQL constraints on Oxigraph
# ----------------------------------------------------------------------------------------------


def _term_text(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    return term.n3()


def _target_group(targets: Sequence[tuple[URIRef, Node]]) -> str:
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


def _prefix_block(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in sorted(prefixes.items()))


def _rows(result: Any) -> list[dict[str, Any]]:
    names = [v.value for v in result.variables]
    return [{name: solution[name] for name in names} for solution in result]


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
    target = _target_group(constraint.targets)
    return (
        _prefix_block(constraint.prefixes)
        + query.head
        + _join_group(target, body)
        + "\n"
        + query.tail
    )


def _focus_nodes(store: Any, constraint: SparqlConstraint) -> list[Any]:
    target = _target_group(constraint.targets)
    if not target:
        return []
    return [row["this"] for row in store.query(f"SELECT ?this WHERE {{ {target} }}")]


def _run_constraint(store: Any, constraint: SparqlConstraint) -> list[dict[str, Any]]:
    """All result rows of one constraint, each with the focus node as ``this``."""
    import pyoxigraph as ox

    if not constraint.targets:
        return []
    text = bulk_query(constraint)
    if text is not None:
        return _rows(store.query(text))
    # Pre-binding, exactly as pySHACL does it: once per focus node.
    select = _prefix_block(constraint.prefixes) + rename_variable(constraint.select, "this", "this")
    rows = []
    for focus in _focus_nodes(store, constraint):
        try:
            answer = store.query(select, substitutions={ox.Variable("this"): focus})
        except Exception as exc:  # noqa: BLE001 - e.g. $this not projected: pySHACL's turn
            raise FastValidationError(f"{constraint.shape}: {exc}") from None
        rows.extend({**row, "this": focus} for row in _rows(answer))
    return rows


def _format_message(message: str, bound: dict[str, Node]) -> str:
    """pySHACL's ``{?var}`` substitution (``_format_sparql_based_result_message``)."""
    for name, value in bound.items():
        message = re.sub(f"{{[?$]{name}}}", str(value), message)
    return message


@dataclass
class _Finding:
    focus: Node
    severity: URIRef
    component: URIRef
    shape: Node
    path: Node | None = None
    value: Node | None = None
    messages: list[Literal] = field(default_factory=list)
    constraint: Node | None = None


def _sparql_findings(store: Any, constraint: SparqlConstraint) -> list[_Finding]:
    """Run one constraint and turn its rows into pySHACL's results."""
    from medgraph.terms import to_rdflib

    findings: list[_Finding] = []
    seen: set[tuple[Any, ...]] = set()
    failed: set[Node] = set()
    for row in _run_constraint(store, constraint):
        terms = {name: to_rdflib(value) for name, value in row.items() if value is not None}
        focus = terms.pop("this", None)
        if focus is None:
            raise FastValidationError(f"{constraint.shape}: a row without $this")
        if "failure" in terms:
            terms.pop("failure")
            if focus in failed:
                continue
            failed.add(focus)
            findings.append(_finding(constraint, focus, None, focus, terms, (focus, None, focus)))
            continue
        path = terms.pop("path", None)
        value = terms.pop("value", None)
        key = (focus, path, value, tuple(sorted(terms.items())))
        if key in seen:
            continue
        seen.add(key)
        bound = {"this": focus}
        if path is not None:
            bound["path"] = path
        if value is not None:
            bound["value"] = value
        findings.append(
            _finding(constraint, focus, path, value if value is not None else focus, terms, bound)
        )
    return findings


def _finding(
    constraint: SparqlConstraint,
    focus: Node,
    path: Node | None,
    value: Node | None,
    extra: dict[str, Node],
    bound: Any,
) -> _Finding:
    variables = {**extra}
    if isinstance(bound, dict):
        variables.update(bound)
    messages: list[Literal] = []
    for message in constraint.shape_messages:
        messages.append(Literal(_format_message(str(message), variables)))
    for message in constraint.messages:
        if message in constraint.shape_messages:
            continue
        messages.append(Literal(_format_message(str(message), variables)))
    return _Finding(
        focus=focus,
        severity=constraint.severity,
        component=SH_SPARQL_COMPONENT,
        shape=constraint.shape,
        path=path,
        value=value,
        messages=messages,
        constraint=constraint.constraint,
    )


# ----------------------------------------------------------------------------------------------
# SHACL core with shacl-rust
# ----------------------------------------------------------------------------------------------


def _parse_term(text: str) -> Node:
    from rdflib.util import from_n3

    if text.startswith("_:"):
        return BNode(text[2:])
    term = from_n3(text)
    if term is None:
        raise FastValidationError(f"cannot read the term {text!r} in the core engine's report")
    return term


def _core_findings(data: bytes, data_format: str, shapes: Graph) -> list[_Finding]:
    import io

    import shacl_rust

    core = core_shapes(shapes)
    report = shacl_rust.validate_file(
        io.BytesIO(data),
        io.BytesIO(core.serialize(format="nt", encoding="utf-8")),
        data_format=data_format,
        shapes_format="nt",
        experimental_index=True,
    )
    findings = []
    for result in report["results"]:
        shape = _parse_term(result["sourceShape"])
        messages = list(shapes.objects(shape, SH.message))
        if not messages:
            # pySHACL writes its own text here; this engine's text is the nearest there is.
            messages = [Literal(m) for m in result.get("messages", [])]
        path = shapes.value(shape, SH.path)
        findings.append(
            _Finding(
                focus=_parse_term(result["focusNode"]),
                severity=URIRef(result["severity"].strip("<>")),
                component=URIRef(result["sourceConstraintComponent"].strip("<>")),
                shape=shape,
                path=path,
                value=_parse_term(result["value"]) if "value" in result else None,
                messages=messages,  # type: ignore[arg-type]
            )
        )
    return findings


# ----------------------------------------------------------------------------------------------
# The report
# ----------------------------------------------------------------------------------------------


def _copy_path(path: Node, source: Graph, target: Graph) -> None:
    """Copy a blank-node SHACL path (inverse, sequence, ...) into the report graph."""
    if not isinstance(path, BNode):
        return
    for predicate, obj in source.predicate_objects(path):
        target.add((path, predicate, obj))
        _copy_path(obj, source, target)
    if (path, RDF.first, None) in source:
        for item in Collection(source, path):
            _copy_path(item, source, target)


def _report_graph(findings: Iterable[_Finding], shapes: Graph) -> tuple[bool, Graph]:
    report = Graph()
    root = BNode()
    conforms = True
    report.add((root, RDF.type, SH.ValidationReport))
    for finding in findings:
        if finding.severity == SH.Violation:
            conforms = False
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, finding.focus))
        report.add((node, SH.resultSeverity, finding.severity))
        report.add((node, SH.sourceConstraintComponent, finding.component))
        report.add((node, SH.sourceShape, finding.shape))
        if finding.path is not None:
            report.add((node, SH.resultPath, finding.path))
            _copy_path(finding.path, shapes, report)
        if finding.value is not None:
            report.add((node, SH.value, finding.value))
        if finding.constraint is not None:
            report.add((node, SH.sourceConstraint, finding.constraint))
        for message in finding.messages:
            report.add((node, SH.resultMessage, message))
    report.add((root, SH.conforms, Literal(conforms, datatype=XSD.boolean)))
    return conforms, report


_TYPED_LITERAL = re.compile(
    rb'"((?:[^"\\]|\\.)*)"\^\^<(http://www\.w3\.org/2001/XMLSchema#[A-Za-z]+)>'
)


_LOCAL_LOOKUPS = 64
"""Up to this many focus nodes, a folded value is looked up in the focus node's own triples
(a few C-speed searches of the data) before the whole data is scanned (seconds at 1M)."""


def _exact_values(findings: list[_Finding], exact_terms: bytes) -> None:
    """Give findings back the literals as the data writes them.

    Oxigraph's store folds typed literals to a canonical form (``"1"^^xsd:positiveInteger``
    becomes ``"1"^^xsd:integer``); pySHACL reports the term as written. A folded value is
    mapped back to the spelling the focus node's own triples give it when they give one only;
    otherwise to the spelling the whole data gives it, when there is one only.
    """

    def folded(term: Node | None) -> bool:
        return (
            isinstance(term, Literal) and term.datatype is not None and term.datatype != XSD.string
        )

    todo = [f for f in findings if folded(f.value)]
    named = {f.focus for f in todo if isinstance(f.focus, URIRef)}
    if todo and len(named) <= _LOCAL_LOOKUPS:
        local = {n: _spelling_map(_subject_spellings(exact_terms, n)) for n in named}
        todo = [f for f in todo if not _respell(f, local.get(f.focus, {}))]
    if todo:
        everywhere = _spelling_map({m.group(0) for m in _TYPED_LITERAL.finditer(exact_terms)})
        for finding in todo:
            _respell(finding, everywhere)


def _respell(finding: _Finding, originals: dict[Node, set[bytes]]) -> bool:
    """Give the finding's value the one spelling ``originals`` has for it; False if none is."""
    spellings = originals.get(finding.value, set())  # type: ignore[arg-type]
    if len(spellings) != 1:
        return False
    finding.value = _parse_term(next(iter(spellings)).decode("utf-8"))
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

    from medgraph.terms import to_rdflib

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


def results(findings: Iterable[_Finding], shapes: Graph) -> list[Any]:
    """The findings as :class:`medgraph.validate.ValidationResult` records, in the order
    :func:`medgraph.validate.validate_graph` gives them (no report graph needed)."""
    from medgraph.validate import SEVERITY_ORDER, ValidationResult, short_name

    out = []
    for finding in findings:
        rule = short_name(finding.component)
        messages = sorted(str(m) for m in finding.messages)
        out.append(
            ValidationResult(
                severity=str(finding.severity).rsplit("#", 1)[-1],
                focus_node=short_name(finding.focus),
                path=short_name(finding.path, shapes),
                rule=rule.removeprefix("sh:").removesuffix("ConstraintComponent"),
                message=" ".join(messages) or "(the shape gives no message)",
                value=short_name(finding.value),
                shape=short_name(finding.shape, shapes),
            )
        )
    return sorted(out, key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r))


def report_graph(findings: Iterable[_Finding], shapes: Graph) -> Graph:
    """The findings as pySHACL's SHACL validation report graph."""
    return _report_graph(findings, shapes)[1]


def validate_fast(
    store: Any,
    data: bytes,
    data_format: str,
    shapes: Graph,
    *,
    exact_terms: bytes | None = None,
) -> tuple[bool, list[_Finding]]:
    """Validate: SHACL core on ``data`` (N-Triples or Turtle bytes of the whole graph, the
    ontology included) and the SPARQL constraints on ``store`` (the same graph in Oxigraph),
    in parallel. ``exact_terms`` (N-Triples) lets findings report literals as written.
    Returns whether the graph conforms (no violation) and the findings."""
    reason = supports(shapes)
    if reason:
        raise FastValidationError(reason)
    constraints = sparql_constraints(shapes)
    # SHACL core and the SPARQL constraints share the worker threads: both engines release
    # Python's lock while they evaluate. Findings are gathered in constraint order, so the
    # report does not depend on which thread finished first.
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        core = pool.submit(_core_findings, data, data_format, shapes)
        runs = [pool.submit(_sparql_findings, store, constraint) for constraint in constraints]
        findings: list[_Finding] = [f for run in runs for f in run.result()]
        if exact_terms is not None:
            _exact_values(findings, exact_terms)
        findings.extend(core.result())
    return all(f.severity != SH.Violation for f in findings), findings


def iter_constraint_timings(store: Any, shapes: Graph) -> Iterator[tuple[str, float, int]]:
    """(shape, seconds, results) per SPARQL constraint: where bulk validation spends its time."""
    import time

    for constraint in sparql_constraints(shapes):
        start = time.perf_counter()
        count = len(_sparql_findings(store, constraint))
        yield str(constraint.shape), time.perf_counter() - start, count
