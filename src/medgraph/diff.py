"""What changed between two releases: entities, labels, synonyms, claims and their evidence,
references, and, in a table of their own, the mappings.

Curators of MONDO and HPO review a release by its diff, with mapping changes apart from the
rest. Each side is a release folder (``manifest.ttl`` beside ``medgraph.nt``, with
``medgraph.sssom.tsv``), a folder of RDF files (and ``*.sssom.tsv`` tables), or one file. The
graphs are compared triple by triple (blank nodes by their canonical labels), then each change
is put in one section:

- a node present on one side only is one row (its type and label; a claim's subject,
  relation and object), not one row per triple;
- claims (``id/claim/``): what a claim says and its evidence (``mgo:supportedBy``,
  ``mgo:statedIn``, thresholds, comparison groups);
- references (``id/reference/`` with their authorships, journals, people and identifier
  checks) and excerpts (``id/excerpt/``, ``id/page-text/``);
- labels (``rdfs:label``, ``skos:prefLabel``), synonyms (``skos:altLabel``,
  ``skos:hiddenLabel``, ``mgo:abbreviation``), the direct edges of a condition (relations);
- mappings: the SKOS match triples, the ``schema:code`` links and code records, and the SSSOM
  rows, keyed by subject and object (a new predicate is a change, not a new mapping).

A value replaced by one other value on the same node and property is one "changed" row.
``owl:NamedIndividual`` declarations, which a release adds, are not compared.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from medgraph.errors import InputError
from medgraph.formats import DIFF_FORMATS
from medgraph.namespaces import DATA, MGO, SCHEMA

__all__ = [
    "DIFF_FORMATS",
    "SECTIONS",
    "Change",
    "ReleaseDiff",
    "Side",
    "diff_paths",
    "diff_sides",
    "load_side",
    "render_diff",
]

SECTIONS = (
    "entities",
    "labels",
    "synonyms",
    "relations",
    "claims",
    "references",
    "excerpts",
    "other",
    "mapping triples",
    "sssom rows",
)
"""Sections in the order reports list them; the last two form the mapping-change table."""
MAPPING_SECTIONS = ("mapping triples", "sssom rows")

_MATCH = frozenset({SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch})
_MATCH |= {SKOS.relatedMatch}
_LABELS = frozenset({RDFS.label, SKOS.prefLabel})
_SYNONYMS = frozenset({SKOS.altLabel, SKOS.hiddenLabel, MGO.abbreviation})
_RELATIONS = frozenset(
    MGO[name]
    for name in (
        "hasRiskFactor",
        "hasSignOrSymptom",
        "hasDiagnosticTest",
        "hasTreatment",
        "hasOutcome",
        "hasClinicalStatement",
    )
)
_NAMESPACE_SECTIONS = {
    "claim": "claims",
    "reference": "references",
    "authorship": "references",
    "journal": "references",
    "person": "references",
    "idcheck": "references",
    "excerpt": "excerpts",
    "pagetext": "excerpts",
    "code": "mapping triples",
}
_SSSOM_KEY = ("subject_id", "object_id")


@dataclass(frozen=True, order=True)
class Change:
    """One difference: its section, ``added``/``removed``/``changed``, where, old and new."""

    section: str
    change: str
    subject: str
    property: str
    old: str = ""
    new: str = ""


@dataclass
class Side:
    """One side of a diff: its graph and its SSSOM rows (keyed by subject and object)."""

    label: str
    graph: Graph
    sssom: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


@dataclass
class ReleaseDiff:
    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for change in self.changes:
            found[change.section] += 1
        return {section: found[section] for section in SECTIONS if found[section]}


# -- reading -----------------------------------------------------------------------------------


def _read_sssom(paths: Iterable[Path]) -> dict[tuple[str, str], dict[str, str]]:
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for path in paths:
        from medgraph.files import read_input

        text = read_input(path, "give SSSOM tables").decode("utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        for row in csv.DictReader(io.StringIO(body), delimiter="\t"):
            if not all(row.get(column) for column in _SSSOM_KEY):
                raise InputError(f"{path}: an SSSOM row without subject_id or object_id")
            rows[(row["subject_id"], row["object_id"])] = {k: v or "" for k, v in row.items()}
    return rows


def load_side(path: Path | str) -> Side:
    """A release folder, a folder of RDF files and SSSOM tables, or one RDF or SSSOM file."""
    from medgraph.loader import load_files

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir() and (path / "manifest.ttl").exists():
        found = [path / name for name in ("medgraph.nt", "medgraph.ttl") if (path / name).exists()]
        if not found:
            raise InputError(f"{path}: a release folder without medgraph.nt or medgraph.ttl")
        sssom = [path / "medgraph.sssom.tsv"] if (path / "medgraph.sssom.tsv").exists() else []
        return Side(str(path), load_files(found[:1]), _read_sssom(sssom))
    if path.is_dir():
        tables = sorted(path.rglob("*.sssom.tsv"))
        try:
            graph = load_files([path])
        except InputError:
            if not tables:  # a folder of SSSOM tables only is fine
                raise
            graph = Graph()
        return Side(str(path), graph, _read_sssom(tables))
    if path.name.endswith(".sssom.tsv"):
        return Side(str(path), Graph(), _read_sssom([path]))
    return Side(str(path), load_files([path]))


# -- comparing ---------------------------------------------------------------------------------


def _canonical(graph: Graph) -> set[tuple[Node, Node, Node]]:
    """The triples, blank nodes relabelled from their content, declarations left out."""
    ground, blank = set(), Graph()
    for triple in graph:
        if triple[1] == RDF.type and triple[2] == OWL.NamedIndividual:
            continue
        if isinstance(triple[0], BNode) or isinstance(triple[2], BNode):
            blank.add(triple)
        else:
            ground.add(triple)
    if len(blank):
        from rdflib.compare import to_canonical_graph

        ground |= set(to_canonical_graph(blank))
    return ground


def _text(term: Node | None) -> str:
    from medgraph.curie import compact

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, Literal):
        return str(term) + (f"@{term.language}" if term.language else "")
    return f"_:{str(term)[:12]}"


def _kind(node: Node) -> str | None:
    """The data kind (a :data:`medgraph.namespaces.DATA` prefix) of a data node."""
    text = str(node)
    best = None
    for prefix, namespace in DATA.items():
        if text.startswith(str(namespace)) and (best is None or len(namespace) > len(DATA[best])):
            best = prefix
    return best


def _section(subject: Node, predicate: Node) -> str:
    if predicate in _MATCH or predicate == SCHEMA.code:
        return "mapping triples"
    kind = _kind(subject)
    if kind in _NAMESPACE_SECTIONS:
        return _NAMESPACE_SECTIONS[kind]
    if predicate in _LABELS:
        return "labels"
    if predicate in _SYNONYMS:
        return "synonyms"
    if predicate in _RELATIONS:
        return "relations"
    return "other"


def _whole_node(graph: Graph, node: Node) -> str:
    """A node present on one side only, in a few words: its type and label; for a claim,
    what it says and its evidence."""
    parts = [" ".join(sorted(_text(t) for t in graph.objects(node, RDF.type)))]
    label = graph.value(node, RDFS.label) or graph.value(node, SKOS.prefLabel)
    if label is not None:
        parts.append(f"'{label}'")
    said = [graph.value(node, MGO[p]) for p in ("claimSubject", "claimPredicate", "claimObject")]
    if all(said):
        parts.append(" ".join(_text(t) for t in said))
    evidence = sorted(_text(t) for t in graph.objects(node, MGO.supportedBy))
    if evidence:
        parts.append("supported by " + ", ".join(evidence))
    return "; ".join(p for p in parts if p)


def _pair(
    section: str,
    removed: dict[tuple[str, str], list[str]],
    added: dict[tuple[str, str], list[str]],
) -> list[Change]:
    """Rows for removed and added values; one of each on the same key is one change."""
    changes = []
    for key in sorted(set(removed) | set(added)):
        old, new = sorted(removed.get(key, [])), sorted(added.get(key, []))
        if len(old) == 1 and len(new) == 1:
            changes.append(Change(section, "changed", *key, old[0], new[0]))
            continue
        changes += [Change(section, "removed", *key, old=value) for value in old]
        changes += [Change(section, "added", *key, new=value) for value in new]
    return changes


def _graph_changes(old: Graph, new: Graph) -> list[Change]:
    before, after = _canonical(old), _canonical(new)
    removed, added = before - after, after - before
    typed_before = {s for s, p, _ in before if p == RDF.type}
    typed_after = {s for s, p, _ in after if p == RDF.type}
    gone = {s for s, _, _ in removed if s in typed_before and s not in typed_after}
    came = {s for s, _, _ in added if s in typed_after and s not in typed_before}
    changes = []
    for node, change, graph in [(n, "removed", old) for n in gone] + [
        (n, "added", new) for n in came
    ]:
        section = _NAMESPACE_SECTIONS.get(_kind(node) or "", "entities")
        summary = _whole_node(graph, node)
        old_text, new_text = (summary, "") if change == "removed" else ("", summary)
        changes.append(Change(section, change, _text(node), "rdf:type", old_text, new_text))
    pairs: dict[str, list[dict[tuple[str, str], list[str]]]] = defaultdict(
        lambda: [defaultdict(list), defaultdict(list)]
    )
    for side, triples, whole in ((0, removed, gone), (1, added, came)):
        for subject, predicate, obj in triples:
            if subject in whole:
                continue
            section = _section(subject, predicate)
            if section == "mapping triples" and predicate in _MATCH:
                # A mapping is its subject and object; its predicate is what can change.
                key = (f"{_text(subject)} → {_text(obj)}", "predicate")
                pairs[section][side][key].append(_text(predicate))
            else:
                pairs[section][side][(_text(subject), _text(predicate))].append(_text(obj))
    for section, (gone_values, new_values) in pairs.items():
        changes += _pair(section, gone_values, new_values)
    return changes


def _sssom_changes(
    old: dict[tuple[str, str], dict[str, str]], new: dict[tuple[str, str], dict[str, str]]
) -> list[Change]:
    section = "sssom rows"
    changes = []
    for key in sorted(set(old) | set(new)):
        mapping = f"{key[0]} → {key[1]}"
        if key not in new:
            changes.append(Change(section, "removed", mapping, "row", old[key]["predicate_id"]))
        elif key not in old:
            changes.append(Change(section, "added", mapping, "row", "", new[key]["predicate_id"]))
        else:
            for column in sorted(set(old[key]) | set(new[key])):
                before, after = old[key].get(column, ""), new[key].get(column, "")
                if before != after:
                    changes.append(Change(section, "changed", mapping, column, before, after))
    return changes


def diff_sides(old: Side, new: Side) -> ReleaseDiff:
    changes = _graph_changes(old.graph, new.graph) + _sssom_changes(old.sssom, new.sssom)
    order = {section: i for i, section in enumerate(SECTIONS)}
    changes.sort(key=lambda c: (order[c.section], c.subject, c.property, c.change, c.old, c.new))
    return ReleaseDiff(old, new, changes)


def diff_paths(old: Path | str, new: Path | str) -> ReleaseDiff:
    """Compare two releases (folders or files); see the module's description."""
    return diff_sides(load_side(old), load_side(new))


# -- writing -----------------------------------------------------------------------------------


def _tsv(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _md(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|") or " "


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def render_diff(diff: ReleaseDiff, fmt: str = "markdown") -> str:
    """The diff as Markdown (a table per section, mappings in their own) or TSV (one row per
    change: section, change, subject, property, old, new)."""
    if fmt == "tsv":
        lines = ["section\tchange\tsubject\tproperty\told\tnew"]
        for c in diff.changes:
            cells = (c.section, c.change, c.subject, c.property, c.old, c.new)
            lines.append("\t".join(_tsv(cell) for cell in cells))
        return "\n".join(lines) + "\n"
    if fmt != "markdown":
        raise InputError(f"unknown diff format {fmt!r}; use one of: {', '.join(DIFF_FORMATS)}")
    lines = [
        "# medgraph diff",
        "",
        f"- old: `{diff.old.label}` ({len(diff.old.graph):,} triples, "
        f"{len(diff.old.sssom):,} SSSOM rows)",
        f"- new: `{diff.new.label}` ({len(diff.new.graph):,} triples, "
        f"{len(diff.new.sssom):,} SSSOM rows)",
        "",
    ]
    if diff.same:
        return "\n".join([*lines, "No differences."]) + "\n"
    counts = diff.counts()
    lines += [
        f"{len(diff.changes)} changes: "
        + ", ".join(f"{n} {section}" for section, n in counts.items())
        + ".",
        "",
    ]
    columns = ("change", "subject", "property", "old", "new")
    for section in SECTIONS:
        if section in MAPPING_SECTIONS or section not in counts:
            continue
        rows = [
            (c.change, c.subject, c.property, c.old, c.new)
            for c in diff.changes
            if c.section == section
        ]
        lines += [f"## {section.capitalize()}", "", *_table(columns, rows)]
    mapping_rows = [
        (c.section.split()[0], c.change, c.subject, c.property, c.old, c.new)
        for c in diff.changes
        if c.section in MAPPING_SECTIONS
    ]
    if mapping_rows:
        lines += ["## Mapping changes", "", *_table(("in", *columns), mapping_rows)]
    return "\n".join(lines).rstrip("\n") + "\n"
