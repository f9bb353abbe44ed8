"""The reasoning result in words, for people: what ``medgraph reason`` prints.

Entailments are grouped (subclass relations, memberships that need the OWL axioms, memberships
the class hierarchy gives, property assertions by property) and each node is named by its label
and CURIE, sorted by what a reader sees, so that the report reads as a list of findings and two
runs print the same text.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Literal, URIRef
from rdflib.term import Node

from medgraph.reason.api import ReasoningResult
from medgraph.reason.entailments import PropertyAssertion

__all__ = ["render_text"]


def _short(value: Node, result: ReasoningResult) -> str:
    if isinstance(value, Literal):
        text = " ".join(str(value).split())
        text = text if len(text) <= 70 else text[:67] + "..."
        return f'"{text}"' + (f"@{value.language}" if value.language else "")
    return result.label(value)


def _named_node(result: ReasoningResult, node: Node) -> str:
    """``label (curie)``, or the CURIE alone for a node without a label."""
    label = result.labels.get(node)
    return f"{label} ({result.curie(node)})" if label else result.curie(node)


def _how(result: ReasoningResult) -> str:
    """How the graph was reasoned, when not in one run."""
    if not result.modules:
        return ""
    return f"by condition in {result.modules:,} module{'s' if result.modules > 1 else ''}, "


def _heading(result: ReasoningResult, node: Node, count: int) -> str:
    return f"  {_named_node(result, node)}: {count}"


def render_text(result: ReasoningResult, *, examples: int | None = 3) -> str:
    """The result for people: consistency, then what was inferred, grouped and in words.

    Memberships that need the OWL axioms are always listed in full; for memberships that the
    class hierarchy gives and for property assertions, each group shows ``examples`` of its
    members (``None``: all of them).
    """
    lines = [
        f"consistent: yes ({result.reasoner}, {_how(result)}{result.seconds:.1f} s)",
        f"asserted triples: {result.asserted_triples:,}; inferred triples: "
        f"{len(result.memberships) + len(result.assertions):,} "
        f"({len(result.memberships):,} class memberships, "
        f"{len(result.assertions):,} property assertions)",
    ]
    if result.unsatisfiable:
        lines.append(f"unsatisfiable classes: {len(result.unsatisfiable)}")
        lines.extend(e.render() for e in result.explanations)
    else:
        lines.append("unsatisfiable classes: none")
    if result.subsumptions:
        lines.append("")
        lines.append(f"subclass relations the reasoner found ({len(result.subsumptions)}):")
        for sub, sup in result.subsumptions:
            lines.append(
                f"  {_named_node(result, sub)} is a subclass of {_named_node(result, sup)}"
            )
    hidden = 0
    for from_hierarchy, title in (
        (False, "class memberships from definitions, domains and ranges"),
        (True, "class memberships from the class hierarchy"),
    ):
        chosen = [m for m in result.memberships if m.from_hierarchy == from_hierarchy]
        by_class: dict[URIRef, list[URIRef]] = defaultdict(list)
        for m in chosen:
            by_class[m.cls].append(m.individual)
        lines.append("")
        lines.append(f"{title} ({len(chosen)}):")
        if not chosen:
            lines.append("  none")
        for cls in sorted(by_class, key=lambda c: (result.label(c).casefold(), str(c))):
            members = sorted(by_class[cls], key=lambda i: (result.label(i).casefold(), str(i)))
            lines.append(_heading(result, cls, len(members)))
            rows = [f"    {_named_node(result, individual)}" for individual in members]
            hidden += _append_rows(lines, rows, None if not from_hierarchy else examples)
    by_property: dict[URIRef, list[PropertyAssertion]] = defaultdict(list)
    for assertion in result.assertions:
        by_property[assertion.predicate].append(assertion)
    lines.append("")
    lines.append(f"property assertions ({len(result.assertions)}):")
    if not result.assertions:
        lines.append("  none")
    for prop in sorted(by_property, key=lambda p: (result.label(p).casefold(), str(p))):
        assertions = by_property[prop]
        lines.append(_heading(result, prop, len(assertions)))
        pairs = sorted(
            ((_short(a.subject, result), _short(a.object, result)) for a in assertions),
            key=lambda row: (row[0].casefold(), row[1].casefold(), row),
        )
        hidden += _append_rows(lines, [f"    {s} → {o}" for s, o in pairs], examples)
    if hidden:
        lines.append("")
        lines.append(f"({hidden:,} more not listed; --all lists every inferred triple)")
    return "\n".join(lines) + "\n"


def _append_rows(lines: list[str], rows: list[str], limit: int | None) -> int:
    """Add ``rows`` (at most ``limit``) to ``lines``; return how many were left out."""
    shown = rows if limit is None else rows[:limit]
    lines.extend(shown)
    if len(shown) < len(rows):
        lines.append(f"    ... and {len(rows) - len(shown)} more")
    return len(rows) - len(shown)
