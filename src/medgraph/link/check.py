"""The offline check of the mappings: is each code real, current and labelled as its system says?

A mapping is only as good as its code, and a mistyped or retired code looks as plausible as a
right one. So every code of a system that ships in a package (:data:`RELEASES`) is looked up
again in that release, on every ``medgraph link check`` and every ``medgraph build``: it must
exist, not be retired, and carry the row's label. Codes of other systems (SNOMED CT, UMLS,
NCIt), and of systems whose data files ``make code-systems`` has not installed, cannot be
checked without the network; the report says so, why, and names the source the row was verified
against, so that "not checked" is never mistaken for "passed". With the graph at hand, each
subject must also be an entity of it under the row's label, which catches rows left behind by a
rename. Where a release cross-references a code (DOID does), a cross-reference that contradicts
another row of the same entity is flagged: two sources disagree, and a curator should look, but
neither is proved wrong, so the row does not fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import Graph

from medgraph.codesystems import RELEASES, CodeRecord, Release
from medgraph.link.memo import LookupRecord, shipped_record
from medgraph.link.sssom import MappingRow, MappingSet, label_conflicts, mapping_rows
from medgraph.namespaces import SKOS

__all__ = [
    "FAILED",
    "NOT_CHECKABLE",
    "PASSED",
    "SAME_MEANING",
    "UNVERIFIED",
    "CheckReport",
    "CheckResult",
    "Disagreement",
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


@dataclass(frozen=True)
class Disagreement:
    """A release's cross-reference that contradicts a row: flagged, not failed."""

    row: MappingRow
    release: str
    xref: str
    ours: tuple[str, ...]

    @property
    def message(self) -> str:
        return (
            f"{self.release} cross-references {self.row.object_id} to {self.xref}; the mappings "
            f"give {self.row.subject_id} {', '.join(self.ours)} instead"
        )


@dataclass
class CheckReport:
    """Every row's result, in file order; the CLI exits 1 when any failed. ``releases`` names
    each release that answered (name, package, version, licence); ``disagreements`` lists the
    cross-references of a release that contradict other rows."""

    results: list[CheckResult]
    releases: dict[str, Release] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)

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


SAME_MEANING = {"skos:exactMatch", "skos:closeMatch"}
"""Predicates by which a code means what the entity means (a broader or related code's
cross-references say nothing of the entity's other codes)."""

NO_OFFLINE_RELEASE = {
    "snomedct": "no SNOMED CT release ships in a package (SNOMED International licence)",
    "umls": "no UMLS release ships in a package (UMLS licence)",
    "ncit": "no NCIt release ships as a data file in a package",
    "wikidata": "Wikidata has no offline release",
}
"""Why the codes of these systems stay unchecked offline."""


def _release(prefix: str, record: LookupRecord | None) -> Release | None:
    """The release that answers for ``prefix``: the recorded one when it still holds."""
    if prefix not in RELEASES:
        return None
    recorded = record.release(prefix) if record is not None else None
    return recorded if recorded is not None else RELEASES[prefix]()


def _not_checkable(row: MappingRow) -> CheckResult:
    source = row.source_version or "the source named in the comment"
    reasons = []
    if row.verification_status == "mgo:CrossReferenceOnly":
        reasons.append("cross-reference only")
    if row.prefix in RELEASES:
        from medgraph.packaged_releases import PACKAGED, missing_reason

        if row.prefix in PACKAGED:
            reasons.append(missing_reason(row.prefix))
    elif row.prefix in NO_OFFLINE_RELEASE and "offline" not in source:
        reasons.append(NO_OFFLINE_RELEASE[row.prefix])
    prefix = "; ".join(reasons)
    return CheckResult(
        row, NOT_CHECKABLE, f"{prefix}{'; ' if prefix else ''}verified against {source}"
    )


def _check_code(
    row: MappingRow,
    record: LookupRecord | None = None,
    answers: dict[str, tuple[Release, CodeRecord | None]] | None = None,
) -> CheckResult:
    if not re.fullmatch(row.system.pattern, row.code):
        return CheckResult(
            row, FAILED, f"{row.code!r} is not a well-formed {row.system.name} identifier"
        )
    if row.verification_status == "mgo:Unverified":
        return CheckResult(row, UNVERIFIED, "kept out of the graph; see the row's comment")
    release = _release(row.prefix, record)
    if release is None:
        return _not_checkable(row)
    found = release.lookup(row.code)
    if answers is not None:
        answers[row.object_id] = (release, found)
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
    answers: dict[str, tuple[Release, CodeRecord | None]] = {}
    for row in rows:
        result = _check_code(row, record, answers)
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
    releases = {release.name: release for release, _ in answers.values()}
    return CheckReport(results, releases, _disagreements(rows, answers))


def _disagreements(
    rows: Sequence[MappingRow], answers: dict[str, tuple[Release, CodeRecord | None]]
) -> list[Disagreement]:
    """Cross-references of a release (of a code that means what the entity means) to a system
    in which the mappings give the entity other codes with that same meaning."""
    asserted = [row for row in rows if row.asserted]
    mapped: dict[tuple[str, str], set[str]] = defaultdict(set)
    same: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in asserted:
        mapped[(row.subject_id, row.prefix)].add(row.object_id)
        if row.predicate_id in SAME_MEANING:
            same[(row.subject_id, row.prefix)].add(row.object_id)
    found: list[Disagreement] = []
    for row in asserted:
        release, answer = answers.get(row.object_id, (None, None))
        if release is None or answer is None or row.predicate_id not in SAME_MEANING:
            continue
        for xref in answer.xrefs:
            key = (row.subject_id, xref.split(":", 1)[0])
            if key[1] != row.prefix and xref not in mapped.get(key, ()) and same.get(key):
                found.append(Disagreement(row, release.name, xref, tuple(sorted(same[key]))))
    return found


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
                    "releases": [
                        {
                            "name": release.name,
                            "package": release.package,
                            "version": release.version,
                            "licence": release.licence,
                        }
                        for _, release in sorted(report.releases.items())
                    ],
                    "disagreements": [
                        {
                            "file": str(d.row.path),
                            "line": d.row.line,
                            "subject": d.row.subject_id,
                            "object": d.row.object_id,
                            "release": d.release,
                            "xref": d.xref,
                            "mapped": list(d.ours),
                            "message": d.message,
                        }
                        for d in report.disagreements
                    ],
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
        lines += [
            f"{'DISAGREES':<22} {d.row.object_id:<20} {d.row.subject_id}  ({d.row.where}): "
            f"{d.message} (flagged, not failed)"
            for d in report.disagreements
        ]
        lines += [
            f"release: {release.name}, licence {release.licence}"
            for _, release in sorted(report.releases.items())
        ]
        counts = report.counts()
        lines.append(
            f"{len(report.results)} mappings: {counts[PASSED]} passed, {counts[FAILED]} failed, "
            f"{counts[NOT_CHECKABLE]} not checkable offline, {counts[UNVERIFIED]} unverified "
            "(kept out of the graph)"
        )
    return "\n".join(lines) + "\n"
