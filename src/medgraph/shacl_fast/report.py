"""The findings as pySHACL's results: its SHACL validation report graph, and medgraph's
records of it (:class:`medgraph.validation.ValidationResult`), as
:func:`medgraph.validation.validate_graph` gives them."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from medgraph.shacl_fast.findings import Finding
from medgraph.validation import SEVERITY_ORDER, ValidationResult, short_name

__all__ = ["report_graph", "results"]


def results(findings: Iterable[Finding], shapes: Graph) -> list[ValidationResult]:
    """The findings as records, in the order :func:`medgraph.validation.validate_graph` gives
    them (no report graph needed)."""
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


def report_graph(findings: Iterable[Finding], shapes: Graph) -> Graph:
    """The findings as pySHACL's SHACL validation report graph."""
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
    return report
