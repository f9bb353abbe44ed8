"""A ROBOT-style quality report: one row per problem (level, rule, subject, property, value).

Curators of OBO ontologies read ``robot report`` output; this gives them the same rows for
medgraph. The rules are ROBOT's standard report queries that apply to a graph without OBO's own
vocabulary, adapted to medgraph (``src/medgraph/report_queries/*.rq``, each with ROBOT's name
and default level): definitions are ``skos:definition``, synonyms ``skos:altLabel``, and the
term rules (missing or duplicate label, missing definition) look at medgraph's terms only,
the ontology's classes, properties and individuals and the data's clinical entities, as
ROBOT's ``--base-iri`` does. medgraph's own quality checks (``queries/qc-*.rq``) are rules too,
at the level each declares. ``medgraph build`` fails on an ERROR row and releases the report as
``medgraph-report.tsv``.

ROBOT rules left out, because they test OBO vocabulary medgraph does not use: invalid_xref
(oboInOwl:hasDbXref), missing_subset_declaration, missing_synonymtype_declaration and
invalid_entity_uri (OBO PURLs).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from medgraph.errors import InputError

if TYPE_CHECKING:
    from rdflib.term import Node

    from medgraph.backends.base import Backend
    from medgraph.queries import QueryResult

__all__ = [
    "FAIL_ON_CHOICES",
    "LEVELS",
    "REPORT_FORMATS",
    "Report",
    "ReportRow",
    "Rule",
    "render_report",
    "report_rules",
    "run_report",
]

LEVELS = ("ERROR", "WARN", "INFO")
"""Report levels, most severe first (ROBOT's)."""
FAIL_ON_CHOICES = (*LEVELS, "none")
REPORT_FORMATS = ("tsv", "markdown")
_HEADER = re.compile(r"^#\s*(?P<key>level|description):\s*(?P<value>.*)$")
_COLUMNS = ("Level", "Rule Name", "Subject", "Property", "Value")


@dataclass(frozen=True)
class Rule:
    """One check: a SPARQL query whose rows (``?entity ?property ?value``) are problems."""

    name: str
    level: str
    description: str
    text: str


@dataclass(frozen=True, order=True)
class ReportRow:
    """One problem, as ROBOT's report prints it (IRIs compacted to CURIEs)."""

    level: str
    rule: str
    subject: str
    property: str
    value: str

    def severity(self) -> int:
        """0 for ERROR, 1 for WARN, 2 for INFO."""
        return LEVELS.index(self.level)


@dataclass
class Report:
    """The rows of a report, most severe first, and the rules that ran."""

    rows: list[ReportRow] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found = Counter(row.level for row in self.rows)
        return {level: found.get(level, 0) for level in LEVELS}

    def at_or_above(self, level: str) -> list[ReportRow]:
        """The rows at ``level`` or more severe (none for ``"none"``)."""
        if level == "none":
            return []
        if level not in LEVELS:
            raise InputError(f"unknown level {level!r}; use one of: {', '.join(FAIL_ON_CHOICES)}")
        limit = LEVELS.index(level)
        return [row for row in self.rows if row.severity() <= limit]


@cache
def report_rules() -> tuple[Rule, ...]:
    """The ROBOT-style rules shipped in ``medgraph/report_queries``, by name."""
    rules = []
    folder = resources.files("medgraph") / "report_queries"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        header = {}
        for line in text.splitlines():
            match = _HEADER.match(line)
            if match:
                header[match["key"]] = match["value"].strip()
        level = header.get("level", "")
        if level not in LEVELS:
            raise InputError(f"report rule {entry.name}: '# level:' must be one of {LEVELS}")
        name = entry.name.removesuffix(".rq")
        rules.append(Rule(name, level, header.get("description", ""), text))
    return tuple(rules)


def _text(term: Node | None) -> str:
    from rdflib import Literal, URIRef

    from medgraph.curie import compact

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, Literal):
        return str(term)
    return "blank node"


def _rule_rows(rule: Rule, result: QueryResult) -> list[ReportRow]:
    return [
        ReportRow(
            rule.level,
            rule.name,
            _text(row.get("entity")),
            _text(row.get("property")),
            _text(row.get("value")),
        )
        for row in result.rows
    ]


def _check_rows(name: str, result: QueryResult) -> list[ReportRow]:
    """Rows of a ``qc-*`` query at the level its header declares (``# level: ...``): the first
    IRI is the subject, the other columns the value."""
    from rdflib import URIRef

    from medgraph.queries import get_query

    level = (get_query(name).level or "error").upper()
    rows = []
    for row in result.rows:
        subject_var = next(
            (v for v in result.variables if isinstance(row.get(v), URIRef)),
            result.variables[0] if result.variables else "",
        )
        rest = [
            f"{var}: {_text(row.get(var))}"
            for var in result.variables
            if var != subject_var and row.get(var) is not None
        ]
        rows.append(ReportRow(level, name, _text(row.get(subject_var)), "", "; ".join(rest)))
    return rows


def run_report(
    backend: Backend,
    *,
    checks: Mapping[str, QueryResult] | None = None,
    rules: tuple[Rule, ...] | None = None,
) -> Report:
    """Run every rule and medgraph's quality checks on a backend's graph (and the ontology
    beside it). ``checks`` are quality-check results already run (by the build)."""
    from medgraph.pipeline import quality_checks

    report = Report()
    for rule in rules if rules is not None else report_rules():
        report.rows += _rule_rows(rule, backend.query(rule.text))
        report.rules.append(rule.name)
    results = dict(checks) if checks is not None else quality_checks(backend)
    for name, result in sorted(results.items()):
        report.rows += _check_rows(name, result)
        report.rules.append(name)
    report.rows = sorted(
        set(report.rows), key=lambda r: (r.severity(), r.rule, r.subject, r.property, r.value)
    )
    return report


def _tsv_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _markdown_cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def render_report(report: Report, fmt: str = "tsv") -> str:
    """The report as ROBOT's TSV (a header row, then one row per problem) or as Markdown."""
    if fmt == "tsv":
        lines = ["\t".join(_COLUMNS)]
        for row in report.rows:
            cells = (row.level, row.rule, row.subject, row.property, row.value)
            lines.append("\t".join(_tsv_cell(cell) for cell in cells))
        return "\n".join(lines) + "\n"
    if fmt == "markdown":
        counts = report.counts()
        summary = ", ".join(f"{counts[level]} {level}" for level in LEVELS)
        lines = [
            "# medgraph report",
            "",
            f"{len(report.rules)} rules, {len(report.rows)} rows: {summary}.",
            "",
        ]
        if report.rows:
            lines += [
                "| " + " | ".join(_COLUMNS) + " |",
                "|" + "---|" * len(_COLUMNS),
            ]
            for row in report.rows:
                cells = (row.level, row.rule, row.subject, row.property, row.value)
                lines.append("| " + " | ".join(_markdown_cell(c) for c in cells) + " |")
        return "\n".join(lines) + "\n"
    raise InputError(f"unknown report format {fmt!r}; use one of: {', '.join(REPORT_FORMATS)}")
