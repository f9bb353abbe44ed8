"""Findings of the evidence check, and how they join a validation report.

A finding reads like a SHACL result (focus node, path, rule, value, a message that says how to
fix the data) with severity Violation; :func:`merge_into` adds findings to the report of the
shapes, and to its SHACL report graph when there is one, so that every output format shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, SH

if TYPE_CHECKING:
    from rdflib.term import Node

    from medgraph.validation import ValidationReport, ValidationResult

__all__ = ["SHAPE", "Finding", "merge_into"]

SHAPE = "medgraph.evidence"
"""What a finding names as its source, where a SHACL finding names its shape."""
_SHAPE_IRI = URIRef("https://w3id.org/medgraph/shapes/EvidenceCheck")
_RULES = "https://w3id.org/medgraph/shapes/evidence-"


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the check found wrong, with the triple it concerns and how to fix it."""

    focus: Node
    path: URIRef
    rule: str
    message: str
    value: Node | None = None

    def result(self) -> ValidationResult:
        from medgraph.validation import ValidationResult, short_name

        return ValidationResult(
            severity="Violation",
            focus_node=short_name(self.focus),
            path=short_name(self.path),
            rule=self.rule,
            message=self.message,
            value=short_name(self.value) if self.value is not None else "",
            shape=SHAPE,
        )


def merge_into(report: ValidationReport, findings: Sequence[Finding]) -> ValidationReport:
    """The report with the findings added (and in its SHACL report graph, when it has one)."""
    from medgraph.validation import SEVERITY_ORDER, ValidationReport

    if not findings:
        return report
    results = sorted(
        {*report.results, *(f.result() for f in findings)},
        key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r),
    )
    graph = report.report_graph
    if graph is not None:
        reports = list(graph.subjects(RDF.type, SH.ValidationReport))
        for node in reports:
            graph.set((node, SH.conforms, Literal(False)))
        for finding in sorted(set(findings)):
            result = BNode()
            graph.add((result, RDF.type, SH.ValidationResult))
            graph.add((result, SH.resultSeverity, SH.Violation))
            graph.add((result, SH.focusNode, finding.focus))
            graph.add((result, SH.resultPath, finding.path))
            graph.add((result, SH.sourceShape, _SHAPE_IRI))
            graph.add((result, SH.sourceConstraintComponent, URIRef(_RULES + finding.rule)))
            graph.add((result, SH.resultMessage, Literal(finding.message, lang="en")))
            if finding.value is not None:
                graph.add((result, SH.value, finding.value))
            for node in reports:
                graph.add((node, SH.result, result))
    return ValidationReport(conforms=False, results=results, report_graph=graph)


# ------------------------------------------------------------------------------------------------
