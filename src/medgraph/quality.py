"""Quality checks as part of validation: the ``qc-*`` queries' rows as findings beside SHACL's.

Some rules are easier to say as a query over the whole graph than as a shape (two entities with
one label, a work no page cites), and a query also runs on a remote store that holds no shapes.
Each ``queries/qc-*.rq`` declares a level in its header (``# level: error``, ``warn`` or
``info``) and what to do about a row (``# fix: ...``). Every row becomes one
:class:`~medgraph.validation.ValidationResult` at the matching severity (error: Violation,
warn: Warning, info: Info), so ``medgraph validate`` lists them in the same text and JSON
output as the shapes' findings, and an error fails validation and the build like a violation.
The SHACL report graph (``--format turtle``, the release's ``validation-report.ttl``) stays
SHACL's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.term import Node

from medgraph.validation import SEVERITY_ORDER, ValidationReport, ValidationResult, short_name

if TYPE_CHECKING:
    from medgraph.backends.base import Backend
    from medgraph.queries import NamedQuery, QueryResult

__all__ = [
    "LEVEL_SEVERITY",
    "RULE",
    "checks",
    "failing",
    "findings",
    "run_checks",
    "validate",
    "with_checks",
]

LEVEL_SEVERITY = {"error": "Violation", "warn": "Warning", "info": "Info"}
"""The SHACL severity a quality check's level is reported at."""
RULE = "QualityCheck"
"""The ``rule`` of every quality-check finding (its ``shape`` names the query)."""


def checks(names: Sequence[str] | None = None) -> list[NamedQuery]:
    """The shipped quality-check queries (all, or those named), by name."""
    from medgraph.queries import list_queries

    return [q for q in list_queries() if q.is_quality_check and (not names or q.name in names)]


def run_checks(backend: Backend, names: Sequence[str] | None = None) -> dict[str, QueryResult]:
    """Run the quality checks on a backend: each check's rows, by name."""
    return {q.name: backend.query(q) for q in checks(names)}


def failing(results: dict[str, QueryResult]) -> dict[str, QueryResult]:
    """The checks at level ``error`` that returned rows: what fails validation and the build."""
    levels = {q.name: q.level for q in checks()}
    return {n: r for n, r in results.items() if r.rows and levels.get(n, "error") == "error"}


def _cell(value: Node | None) -> str:
    return short_name(value)


def findings(query: NamedQuery, result: QueryResult) -> list[ValidationResult]:
    """One finding per row: its first IRI is the focus node, every cell is in ``value``."""
    severity = LEVEL_SEVERITY.get(query.level or "error", "Violation")
    title = query.title.removeprefix("QC:").strip() or query.name
    message = f"{title}: {query.fix}" if query.fix else title
    out = []
    for row in result.rows:
        cells = [(var, row.get(var)) for var in result.variables]
        iris: list[Node] = [v for _, v in cells if isinstance(v, URIRef)]
        focus = next(iter(iris or [v for _, v in cells if v is not None]), None)
        value = "; ".join(f"{var} {_cell(v)}" for var, v in cells if v is not None)
        out.append(
            ValidationResult(
                severity=severity,
                focus_node=_cell(focus),
                path="",
                rule=RULE,
                message=message,
                value=value,
                shape=query.name,
            )
        )
    return out


def with_checks(report: ValidationReport, results: dict[str, QueryResult]) -> ValidationReport:
    """The SHACL report with the quality checks' findings added: it conforms only when SHACL
    found no violation and no check at level ``error`` returned a row."""
    by_name = {q.name: q for q in checks()}
    added = [
        finding
        for name, result in sorted(results.items())
        if name in by_name
        for finding in findings(by_name[name], result)
    ]
    results_all = sorted(
        [*report.results, *added], key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r)
    )
    return ValidationReport(
        conforms=report.conforms and not failing(results),
        results=results_all,
        report_graph=report.report_graph,
    )


def validate(
    backend: Backend, *, with_report_graph: bool = True
) -> tuple[ValidationReport, dict[str, QueryResult]]:
    """Validate a backend by medgraph's shapes and quality checks, both in one report; the
    checks' rows come back too (the build words the failing ones)."""
    report = backend.validate(None, with_report_graph=with_report_graph)
    results = run_checks(backend)
    return with_checks(report, results), results
