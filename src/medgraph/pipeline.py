"""The build: load, check by every gate, then release. A release is written only when the
graph conforms to the shapes, no quality check at level ``error`` returns a row (warnings and
notes are reported in the build's report, see :mod:`medgraph.quality`), the ROBOT-style report
(:mod:`medgraph.report`) has no ERROR row, and every mapped code passes its check against the
code systems. The report is released as ``medgraph-report.tsv``.

:func:`build` is the library's; ``medgraph build`` calls it and words a
:class:`BuildFailed` for the terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medgraph.errors import ExitCode, MedgraphError

if TYPE_CHECKING:
    from rdflib import Graph

    from medgraph.backends.base import Backend
    from medgraph.link.check import CheckReport
    from medgraph.queries import QueryResult
    from medgraph.release import ReleaseSummary
    from medgraph.report import Report
    from medgraph.validation import ValidationReport

__all__ = ["BuildFailed", "BuildResult", "build", "quality_checks"]

Progress = Callable[[str], AbstractContextManager[Any]]
"""Called with a step's label around each slow step (the CLI prints it with its time)."""


class BuildFailed(MedgraphError):
    """A gate failed; nothing was released. ``gate`` says which one, and the matching field
    holds what it found: ``report`` (shapes), ``failed_checks`` (quality checks),
    ``quality_report`` (the ROBOT-style report's ERROR rows) or ``mapping_check`` (codes)."""

    exit_code = ExitCode.FINDINGS

    def __init__(
        self,
        gate: str,
        message: str,
        *,
        report: ValidationReport | None = None,
        failed_checks: dict[str, QueryResult] | None = None,
        quality_report: Report | None = None,
        mapping_check: CheckReport | None = None,
    ) -> None:
        super().__init__(message)
        self.gate = gate
        self.report = report
        self.failed_checks = failed_checks or {}
        self.quality_report = quality_report
        self.mapping_check = mapping_check


@dataclass
class BuildResult:
    """What a successful build released, and the checks it passed."""

    summary: ReleaseSummary
    report: ValidationReport
    inferred: Graph | None = None
    reasoner: str | None = None
    checks_run: list[str] = field(default_factory=list)
    quality_report: Report | None = None


def _quiet(label: str) -> AbstractContextManager[Any]:
    return contextlib.nullcontext()


def quality_checks(backend: Backend, names: Sequence[str] | None = None) -> dict[str, QueryResult]:
    """Run the ``qc-*`` queries on a backend: each check's rows (findings at its level)."""
    from medgraph.quality import run_checks

    return run_checks(backend, names)


def build(
    out_dir: Path | str = "dist",
    paths: Sequence[Path | str] | None = None,
    *,
    backend: str = "auto",
    reason: bool = False,
    progress: Progress = _quiet,
    extra: Sequence[Path | str] = (),
) -> BuildResult:
    """Validate the graph (the shipped one, or ``paths``) by every gate and write its release.

    ``extra`` files go alongside it (the output of ``medgraph import``, docs/opendata.md).

    Raises :class:`BuildFailed` when a gate fails (nothing is written), and the loader's,
    reasoner's or writer's errors otherwise.
    """
    from medgraph import link
    from medgraph.backends import open_backend

    with progress("loading the graph"):
        if extra:
            from medgraph.inputs import assemble

            graph_input = assemble(paths, extra=extra)
            # paths too, so that a store or endpoint backend refuses the files
            graph_backend = open_backend(backend, [*(paths or ()), *extra], graph_input=graph_input)
        else:
            graph_backend = open_backend(backend, paths)
    with progress("validating against the SHACL shapes"):
        report = graph_backend.validate()
    if not report.conforms:
        raise BuildFailed(
            "shapes",
            "the graph does not conform to the shapes; nothing was released",
            report=report,
        )
    with progress("running the quality checks"):
        results = quality_checks(graph_backend)
    from medgraph.quality import failing, with_checks

    failed = failing(results)
    if failed:
        raise BuildFailed(
            "quality-checks", "quality checks failed; nothing was released", failed_checks=failed
        )
    from medgraph.report import render_report, run_report

    with progress("writing the quality report"):
        quality_report = run_report(graph_backend, checks=results)
    errors = quality_report.at_or_above("ERROR")
    if errors:
        raise BuildFailed(
            "report",
            f"the quality report has {len(errors)} ERROR row(s); nothing was released",
            quality_report=quality_report,
        )
    report = with_checks(report, results)
    with progress("checking the mapped codes against the code systems"):
        mappings = link.load_mappings()
        mapping_check = link.check_mappings(mappings, graph_backend.to_rdflib())
    if mapping_check.failed:
        raise BuildFailed(
            "mappings",
            "a mapped code is wrong, retired or mislabelled; nothing was released",
            mapping_check=mapping_check,
        )
    inferred = reasoner = None
    if reason:
        from medgraph.reason import reason_for_release

        with progress("reasoning with HermiT"):
            reasoning, inferred = reason_for_release(graph_backend.to_rdflib())
        reasoner = reasoning.reasoner
    with progress("writing the release"):
        summary = graph_backend.release(
            out_dir,
            validation_report=report.report_graph,
            inferred=inferred,
            extra_files={
                "medgraph.sssom.tsv": link.export_sssom(mappings).encode("utf-8"),
                "medgraph-report.tsv": render_report(quality_report, "tsv").encode("utf-8"),
            },
        )
    return BuildResult(summary, report, inferred, reasoner, sorted(results), quality_report)
