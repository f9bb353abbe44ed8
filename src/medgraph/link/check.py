"""The offline check of the mappings: is each code real, current and labelled as its system says?

A mapping is only as good as its code, and a mistyped or retired code looks as plausible as a
right one. So every code of a system that ships in a package (:data:`RELEASES`) is looked up
again in that release, on every ``medgraph link check`` and every ``medgraph build``: it must
exist, not be retired, and carry the row's label. Codes of other systems cannot be checked
without the network; the report says so and names the source the row was verified against, so
that "not checked" is never mistaken for "passed". With the graph at hand, each subject must
also be an entity of it under the row's label, which catches rows left behind by a rename.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Graph

from medgraph.codesystems import RELEASES, Release
from medgraph.link.memo import LookupRecord, shipped_record
from medgraph.link.sssom import MappingRow, MappingSet, label_conflicts, mapping_rows
from medgraph.namespaces import SKOS

__all__ = [
    "FAILED",
    "NOT_CHECKABLE",
    "PASSED",
    "UNVERIFIED",
    "CheckReport",
    "CheckResult",
    "check_mappings",
    "normal_label",
    "render_check_report",
]

# The outcomes of a row, as the report prints them.
PASSED, FAILED, NOT_CHECKABLE, UNVERIFIED = (
    "passed",
    "failed",
    "not checkable offline",
    "unverified",
)


@dataclass(frozen=True)
class CheckResult:
    """One row's outcome and the sentence that explains it."""

    row: MappingRow
    outcome: str
    message: str


@dataclass
class CheckReport:
    """Every row's result, in file order; the CLI exits 1 when any failed."""

    results: list[CheckResult]

    def by_outcome(self, outcome: str) -> list[CheckResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def failed(self) -> list[CheckResult]:
        return self.by_outcome(FAILED)

    def counts(self) -> dict[str, int]:
        return {o: len(self.by_outcome(o)) for o in (PASSED, FAILED, NOT_CHECKABLE, UNVERIFIED)}

    def systems(self) -> dict[str, dict[str, int]]:
        """Asserted mappings per code system, by outcome."""
        table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for result in self.results:
            table[result.row.system.name][result.outcome] += 1
        return {name: dict(counts) for name, counts in sorted(table.items())}


def normal_label(label: str) -> str:
    """A label reduced to lower-case ASCII words, so that two spellings of the same label agree.

    Sources differ in case, accents and punctuation ("Behçet Disease" and "Behcet disease",
    "Pre-eclampsia" and "pre eclampsia"); those are not wrong labels, and comparing raw strings
    would report them as such."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _check_subject(row: MappingRow, graph: Graph | None) -> str | None:
    if graph is None:
        return None
    labels = {str(label) for label in graph.objects(row.subject_iri, SKOS.prefLabel)}
    if not labels:
        return f"the subject {row.subject_id} is not an entity of the graph"
    if row.subject_label not in labels:
        return (
            f"subject_label {row.subject_label!r} differs from the graph's preferred label "
            f"{sorted(labels)[0]!r}"
        )
    return None


def _release(prefix: str, record: LookupRecord | None) -> Release | None:
    """The release that answers for ``prefix``: the recorded one when it still holds."""
    if prefix not in RELEASES:
        return None
    recorded = record.release(prefix) if record is not None else None
    return recorded if recorded is not None else RELEASES[prefix]()


def _check_code(row: MappingRow, record: LookupRecord | None = None) -> CheckResult:
    if not re.fullmatch(row.system.pattern, row.code):
        return CheckResult(
            row, FAILED, f"{row.code!r} is not a well-formed {row.system.name} identifier"
        )
    if row.verification_status == "mgo:Unverified":
        return CheckResult(row, UNVERIFIED, "kept out of the graph; see the row's comment")
    release = _release(row.prefix, record)
    if release is None:
        source = row.source_version or "the source named in the comment"
        what = "cross-reference only" if row.verification_status == "mgo:CrossReferenceOnly" else ""
        prefix = f"{what}; " if what else ""
        return CheckResult(row, NOT_CHECKABLE, f"{prefix}verified against {source}")
    found = release.lookup(row.code)
    if found is None:
        return CheckResult(
            row,
            FAILED,
            f"{row.code_value} is not in {release.name}: a wrong code, or one retired from "
            f"{row.system.name}",
        )
    if found.retired:
        replaced = f"; replaced by {found.replaced_by}" if found.replaced_by else ""
        return CheckResult(
            row, FAILED, f"{row.code_value} is retired (obsolete) in {release.name}{replaced}"
        )
    if row.object_label and normal_label(row.object_label) != normal_label(found.label):
        return CheckResult(
            row,
            FAILED,
            f"object_label {row.object_label!r} does not fit {release.name}, which calls "
            f"{row.code_value} {found.label!r}",
        )
    return CheckResult(row, PASSED, f"in {release.name} as {found.label!r}")


def check_mappings(
    sets: Sequence[MappingSet], graph: Graph | None = None, *, fresh: bool = False
) -> CheckReport:
    """Check every mapping: codes in systems that ship in a package must exist in that release,
    not be retired and carry its label; other codes are reported as not checkable offline.
    With ``graph``, each subject must be an entity of the graph with the row's label. The
    answers recorded for the installed packages' versions are used unless ``fresh``
    (see :mod:`medgraph.link.memo`)."""
    record = None if fresh else shipped_record()
    results: list[CheckResult] = []
    rows = mapping_rows(sets)
    conflicting = {id(second): first for first, second in label_conflicts(rows)}
    for row in rows:
        result = _check_code(row, record)
        problem = _check_subject(row, graph)
        if id(row) in conflicting:
            first = conflicting[id(row)]
            problem = (
                f"{row.object_id} is labelled {row.object_label!r} here but "
                f"{first.object_label!r} at {first.where}"
            )
        if problem and result.outcome != FAILED:
            result = CheckResult(row, FAILED, problem)
        results.append(result)
    return CheckReport(results)


def render_check_report(
    report: CheckReport, fmt: str = "text", *, only_failed: bool = False
) -> str:
    """The report as text (one line per mapping, then totals) or JSON."""
    results = report.failed if only_failed else report.results
    if fmt == "json":
        import json

        return (
            json.dumps(
                {
                    "counts": report.counts(),
                    "systems": report.systems(),
                    "results": [
                        {
                            "file": str(r.row.path),
                            "line": r.row.line,
                            "subject": r.row.subject_id,
                            "predicate": r.row.predicate_id,
                            "object": r.row.object_id,
                            "system": r.row.system.name,
                            "status": r.row.verification_status,
                            "outcome": r.outcome,
                            "message": r.message,
                        }
                        for r in results
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    lines = [
        f"{r.outcome.upper():<22} {r.row.object_id:<20} {r.row.subject_id}  "
        f"({r.row.where}): {r.message}"
        for r in results
    ]
    if not only_failed:
        counts = report.counts()
        lines.append(
            f"{len(report.results)} mappings: {counts[PASSED]} passed, {counts[FAILED]} failed, "
            f"{counts[NOT_CHECKABLE]} not checkable offline, {counts[UNVERIFIED]} unverified "
            "(kept out of the graph)"
        )
    return "\n".join(lines) + "\n"
