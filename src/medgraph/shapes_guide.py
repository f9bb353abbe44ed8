"""Section 8 of the authoring guide, "What the shapes require", written from the shapes.

A curator reads the rules in plain words; the shapes are the rules. Writing the section from
the shapes graph (and a test that the guide holds exactly this text) keeps the two from drifting
apart: a new shape, a changed count or a changed message shows up in the guide by running
``python -m medgraph.shapes_guide --write docs/authoring.md``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

HEADING = "## 8. What the shapes require"

INTRO = """\
Generated from `shapes/*.shacl.ttl` by `python -m medgraph.shapes_guide --write docs/authoring.md`;
`tests/test_conditions.py` checks that this section is exactly what the shapes say. "how many" is
the number of values the property must have (n: no upper bound); a `^` before a property means
the link points at the node. Violations make the graph invalid, warnings say it is weaker than it
should be, information is a note."""

# A node shape that targets more than this many classes is listed once, not under each class.
_SHARED_AFTER = 3
_SHARED_GROUP = "Nodes of many classes"

_TARGETS = {
    SH.targetClass: "{}",
    SH.targetSubjectsOf: "subjects of {}",
    SH.targetObjectsOf: "objects of {}",
    SH.targetNode: "the node {}",
}


def _name(graph: Graph, term: Node) -> str:
    """A CURIE with the shapes' own prefixes, else the IRI in angle brackets."""
    if isinstance(term, URIRef):
        try:
            prefix, _namespace, local = graph.namespace_manager.compute_qname(term, generate=False)
        except (KeyError, ValueError):
            return f"<{term}>"
        return f"{prefix}:{local}" if prefix else f"<{term}>"
    if isinstance(term, Literal):
        return str(term)
    return "a blank node"


def _path(graph: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return _name(graph, path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path(graph, p) for p in Collection(graph, alternatives))
    for modifier, mark in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = graph.value(path, modifier)
        if inner is not None:
            return _path(graph, inner) + mark
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path(graph, p) for p in Collection(graph, path))
    return "a path"


def _value(graph: Graph, shape: Node) -> str:
    """What each value must be, from the constraints a curator meets most."""
    parts: list[str] = []
    classes = [_name(graph, c) for c in graph.objects(shape, SH["class"])]
    if classes:
        parts.append("a " + " or ".join(sorted(classes)))
    for datatype in graph.objects(shape, SH.datatype):
        parts.append(_name(graph, datatype))
    for kind in graph.objects(shape, SH.nodeKind):
        kinds: dict[Node, str] = {SH.IRI: "an IRI", SH.Literal: "a literal"}
        parts.append(kinds.get(kind, _name(graph, kind)))
    for listed in graph.objects(shape, SH["in"]):
        parts.append("one of " + ", ".join(_name(graph, v) for v in Collection(graph, listed)))
    for languages in graph.objects(shape, SH.languageIn):
        parts.append("tagged " + ", ".join(f"@{v}" for v in Collection(graph, languages)))
    for value in graph.objects(shape, SH.hasValue):
        parts.append(f"includes {_name(graph, value)}")
    for pattern in graph.objects(shape, SH.pattern):
        parts.append(f"matching `{pattern}`")
    for bound, word in (
        (SH.minInclusive, ">="),
        (SH.minExclusive, ">"),
        (SH.maxInclusive, "<="),
        (SH.maxExclusive, "<"),
    ):
        for limit in graph.objects(shape, bound):
            parts.append(f"{word} {limit}")
    for other in graph.objects(shape, SH.disjoint):
        parts.append(f"none equal to its {_name(graph, other)}")
    for other in graph.objects(shape, SH.equals):
        parts.append(f"equal to its {_name(graph, other)}")
    if graph.value(shape, SH.uniqueLang) == Literal(True):
        parts.append("one per language")
    if not parts:
        described = graph.value(shape, SH.description) or graph.value(shape, RDFS.comment)
        parts.append(_one_line(described) if described is not None else "any value")
    return "; ".join(parts)


def _one_line(text: Node | None) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _severity(graph: Graph, shape: Node, inherited: Node | None = None) -> str:
    severity = graph.value(shape, SH.severity) or inherited or SH.Violation
    return _name(graph, severity).removeprefix("sh:")


def _count(graph: Graph, shape: Node) -> str:
    low = graph.value(shape, SH.minCount)
    high = graph.value(shape, SH.maxCount)
    lowest = str(low) if low is not None else "0"
    return f"{lowest}..{high if high is not None else 'n'}"


def _targets(graph: Graph, shape: Node) -> list[str]:
    return [
        template.format(_name(graph, value))
        for predicate, template in _TARGETS.items()
        for value in graph.objects(shape, predicate)
    ]


def _node_shapes(graph: Graph) -> Iterable[Node]:
    shapes = set(graph.subjects(RDF.type, SH.NodeShape))
    shapes.update(s for p in _TARGETS for s in graph.subjects(p, None))
    return sorted(shapes, key=str)


def section(graph: Graph) -> str:
    """The whole section, from its heading to the end of its last group."""
    groups: dict[str, tuple[list[tuple[str, ...]], list[str]]] = {}
    for node in _node_shapes(graph):
        targets = _targets(graph, node)
        if not targets or isinstance(node, BNode):
            continue
        rows: list[tuple[str, ...]] = []
        for prop in graph.objects(node, SH.property):
            path = graph.value(prop, SH.path)
            rows.append(
                (
                    f"`{_path(graph, path) if path is not None else '?'}`",
                    _count(graph, prop),
                    _value(graph, prop),
                    _severity(graph, prop, graph.value(node, SH.severity)),
                    f"`{_name(graph, prop)}`",
                )
            )
        notes: list[str] = []
        if any(
            p
            in {
                SH.sparql,
                SH["or"],
                SH["not"],
                SH["and"],
                SH.xone,
                SH.closed,
                SH["class"],
                SH.nodeKind,
                SH.pattern,
            }
            for p in graph.predicates(node, None)
        ):
            comment = graph.value(node, RDFS.comment) or graph.value(node, SH.description)
            notes.append(
                f"- `{_name(graph, node)}` ({_severity(graph, node)}): {_one_line(comment)}"
            )
        if len(targets) > _SHARED_AFTER:
            targets = [_SHARED_GROUP]
        for target in targets:
            table, listed = groups.setdefault(target, ([], []))
            table.extend(rows)
            listed.extend(notes)
    lines = [HEADING, "", INTRO]
    for target in sorted(groups, key=_group_order):
        table, notes = groups[target]
        lines += ["", f"### {target}"]
        if table:
            lines += [
                "",
                "| property | how many | value | severity | shape |",
                "| --- | --- | --- | --- | --- |",
            ]
            lines += ["| " + " | ".join(row) + " |" for row in sorted(set(table))]
        if notes:
            lines += ["", *sorted(set(notes))]
    return "\n".join(lines) + "\n"


def _group_order(target: str) -> tuple[int, str]:
    """Shapes of many classes first, medgraph's own classes next, then the vocabularies it
    reuses, then other targets."""
    if target == _SHARED_GROUP:
        return (0, target)
    if target.startswith("mgo:"):
        return (1, target)
    if " " not in target:
        return (2, target)
    return (3, target)


def replace_section(guide: str, new_section: str) -> str:
    """The guide with its section 8 replaced, up to the next level-2 heading or the end."""
    start = guide.index(HEADING)
    end = guide.find("\n## ", start + len(HEADING))
    tail = "" if end == -1 else guide[end + 1 :]
    return guide[:start] + new_section + ("\n" + tail if tail else "")


def current_section(guide: str) -> str:
    start = guide.index(HEADING)
    end = guide.find("\n## ", start + len(HEADING))
    return guide[start:] if end == -1 else guide[start : end + 1]


def main(argv: list[str] | None = None) -> int:
    from medgraph.loader import load_shapes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="replace section 8 of this guide in place")
    args = parser.parse_args(argv)
    text = section(load_shapes())
    if args.write is None:
        sys.stdout.write(text)
        return 0
    guide = args.write.read_text(encoding="utf-8")
    args.write.write_text(replace_section(guide, text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
