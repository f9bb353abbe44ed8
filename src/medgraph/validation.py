"""Validate stage: check a graph against medgraph's SHACL shapes with pySHACL.

The report is turned into plain records (focus node, path, rule, severity, message, value) so
that the CLI, tests and users' own tools read the same thing, and rendered as text, JSON or
the standard SHACL validation report in Turtle.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from medgraph.namespaces import bind_prefixes

__all__ = [
    "REPORT_FORMATS",
    "SEVERITY_LEVELS",
    "SEVERITY_ORDER",
    "ValidationReport",
    "ValidationResult",
    "render_report",
    "short_name",
    "validate_graph",
]

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
"""Where each severity sorts in a report: violations first."""
_SHAPES = "https://w3id.org/medgraph/shapes/"
"""Where medgraph's shapes live; reports name them ``shape:``."""


def short_name(node: Node | None, graph: Graph | None = None) -> str:
    """A readable name for a node: a CURIE where a medgraph prefix fits, else the IRI/literal;
    a blank-node SHACL path described from ``graph``. Every report's records use it."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        from medgraph.curie import compact

        iri = str(node)
        if iri.startswith(_SHAPES):
            return f"shape:{iri[len(_SHAPES) :]}"
        curie = compact(iri)
        return curie if curie != iri else f"<{iri}>"
    if isinstance(node, Literal):
        return json.dumps(str(node), ensure_ascii=False)
    if isinstance(node, BNode) and graph is not None:
        return _describe_path(node, graph)
    return str(node)


def _describe_path(node: BNode, graph: Graph) -> str:
    """Render a SHACL path written as a blank node (sequence, inverse, ...)."""
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{short_name(inverse, graph)}"
    for kind, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(node, kind)
        if inner is not None:
            return f"{short_name(inner, graph)}{mark}"
    items = list(graph.items(node))
    if items:
        return "/".join(short_name(item, graph) for item in items)
    return "[path]"


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One finding of the validator, in words."""

    severity: str
    focus_node: str
    path: str
    rule: str
    message: str
    value: str = ""
    shape: str = ""


@dataclass
class ValidationReport:
    """The outcome of validating a graph: whether it conforms, and every finding."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    report_graph: Graph | None = field(default=None, repr=False, compare=False)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    def counts(self) -> dict[str, int]:
        counts = {"Violation": 0, "Warning": 0, "Info": 0}
        for result in self.results:
            counts[result.severity] = counts.get(result.severity, 0) + 1
        return counts


def _results_from_report(report: Graph) -> list[ValidationResult]:
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        component = report.value(result, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        rule = short_name(component)
        results.append(
            ValidationResult(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus_node=short_name(report.value(result, SH.focusNode), report),
                path=short_name(report.value(result, SH.resultPath), report),
                rule=rule.removeprefix("sh:").removesuffix("ConstraintComponent"),
                message=" ".join(messages) or "(the shape gives no message)",
                value=short_name(report.value(result, SH.value), report),
                shape=short_name(report.value(result, SH.sourceShape), report),
            )
        )
    return sorted(results, key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r))


def validate_graph(
    data: Graph,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    *,
    include_ontology: bool = True,
    page_folders: Sequence[Path] = (),
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (medgraph's shapes by default).

    The ontology (medgraph's by default) is mixed in so that class hierarchies count: a
    ``mgo:DrugTherapy`` is accepted where a ``mgo:Treatment`` is required. No inference beyond
    that is run, so the report speaks about the data as written. With medgraph's own shapes,
    the evidence check (:mod:`medgraph.evidence`) runs too, the pages' texts looked up under
    the shipped data and ``page_folders``.
    """
    from pyshacl import validate

    from medgraph.loader import load_ontology, load_shapes

    with_evidence = shapes is None
    shapes = shapes if shapes is not None else load_shapes()
    if include_ontology and ontology is None:
        ontology = load_ontology()
    conforms, report_graph, _ = validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology if include_ontology else None,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    bind_prefixes(report_graph)
    results = _results_from_report(report_graph)
    report = ValidationReport(conforms=bool(conforms), results=results, report_graph=report_graph)
    if with_evidence:
        from medgraph import evidence
        from medgraph.queries import run_query

        findings = evidence.check(
            lambda text: run_query(data, text), evidence.page_texts(page_folders)
        )
        report = evidence.merge_into(report, findings)
    return report


SEVERITY_LEVELS = ("violation", "warning", "info")
"""Severities from the most to the least serious, as ``--show`` names them."""


def _listed(report: ValidationReport, show: str) -> list[ValidationResult]:
    """The findings at ``show`` severity or above (the counts always cover every finding)."""
    limit = SEVERITY_LEVELS.index(show)
    return [r for r in report.results if SEVERITY_ORDER.get(r.severity, 9) <= limit]


def _verdict(report: ValidationReport) -> str:
    counts = report.counts()
    if not report.conforms:
        verdict = "invalid"
    elif counts["Warning"]:
        verdict = "valid with warnings"
    else:
        verdict = "valid"
    return (
        f"{verdict}: {counts['Violation']} violation(s), {counts['Warning']} warning(s), "
        f"{counts['Info']} note(s)"
    )


def _render_text(report: ValidationReport, show: str = "warning") -> str:
    lines = []
    for result in _listed(report, show):
        lines.append(f"{result.severity.upper()}: {result.focus_node}")
        if result.path:
            lines.append(f"  path:    {result.path}")
        rule = result.rule if not result.shape else f"{result.rule} ({result.shape})"
        lines.append(f"  rule:    {rule}")
        if result.value and result.value != result.focus_node:
            lines.append(f"  value:   {result.value}")
        lines.append(f"  message: {result.message}")
        lines.append("")
    hidden = len(report.results) - len(_listed(report, show))
    verdict = _verdict(report)
    if hidden:
        verdict += f" ({hidden} not listed; --show info lists them)"
    lines.append(verdict)
    return "\n".join(lines) + "\n"


def _render_json(report: ValidationReport, show: str = "warning") -> str:
    document: dict[str, Any] = {
        "conforms": report.conforms,
        "counts": report.counts(),
        "results": [asdict(r) for r in _listed(report, show)],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _render_turtle(report: ValidationReport, show: str = "info") -> str:
    """The standard SHACL validation report, every finding whatever ``show`` says."""
    graph = report.report_graph if report.report_graph is not None else Graph()
    return graph.serialize(format="turtle")


REPORT_FORMATS: dict[str, Callable[[ValidationReport, str], str]] = {
    "text": _render_text,
    "json": _render_json,
    "turtle": _render_turtle,
}


def render_report(report: ValidationReport, fmt: str = "text", show: str = "warning") -> str:
    """Render a report as ``text``, ``json`` or ``turtle`` (the SHACL report graph).

    Text and JSON list the findings at ``show`` severity or above (violations and warnings by
    default; ``info`` adds the notes); their counts and the Turtle report cover everything.
    """
    if show not in SEVERITY_LEVELS:
        raise ValueError(f"show must be one of {SEVERITY_LEVELS}")
    return REPORT_FORMATS[fmt](report, show)
