"""Why a condition ranks where it does: each finding, the feature it matched and the claims behind.

For a ranked condition every present finding gets its best-scoring annotated feature and how
they relate (the same term; the condition's feature a descendant of the finding; the finding a
descendant of the feature; or only a common ancestor), the feature's frequency, and the claims
(IRIs, evidence types, references) that say the condition has it. Absent findings say whether
the condition has a feature that implies them (and so lost score) or is annotated NOT to have
them. :func:`top_conditions` returns only conditions explained by at least one claim with a
reference (or by a mapping of a curated condition), best first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from medgraph.curie import compact
from medgraph.differential.index import HP_PREFIX, ClaimRef, DifferentialIndex, Feature
from medgraph.differential.resolve import ResolvedFinding
from medgraph.differential.score import (
    BACKGROUND,
    DEFAULT_FREQUENCY,
    Scores,
    ranking,
)

__all__ = ["AbsentMatch", "Match", "RankedCondition", "explain_condition", "top_conditions"]

LN10 = math.log(10)


@dataclass
class Match:
    """One present finding against one condition."""

    finding: ResolvedFinding
    relation: str
    """``exact``, ``feature below finding``, ``finding below feature``, ``common ancestor``,
    ``contradicted`` (the condition is annotated NOT to have it) or ``unexplained``."""
    log10_lr: float
    feature: str | None = None
    feature_label: str | None = None
    via: str | None = None
    """The term through which they match: the finding (feature below it), the feature (finding
    below it) or their most informative common ancestor."""
    via_label: str | None = None
    frequency: float | None = None
    frequency_text: str | None = None
    source: str | None = None
    mapping: str | None = None
    claims: list[ClaimRef] = field(default_factory=list)

    def as_json(self, index: DifferentialIndex) -> dict[str, Any]:
        return {
            "finding": self.finding.as_json(),
            "relation": self.relation,
            "log10_lr": round(self.log10_lr, 4),
            "feature": self.feature,
            "feature_label": self.feature_label,
            "via": self.via,
            "via_label": self.via_label,
            "frequency": self.frequency,
            "frequency_as_written": self.frequency_text,
            "annotated_object": self.source,
            "mapping": self.mapping,
            "claims": [_claim_json(c) for c in self.claims],
        }


@dataclass
class AbsentMatch:
    """One absent finding against one condition."""

    finding: ResolvedFinding
    effect: str
    """``lowered`` (a feature implies it), ``not annotated`` (the condition lacks it) or ``none``."""
    log10_lr: float
    feature: str | None = None
    feature_label: str | None = None
    frequency: float | None = None
    claims: list[ClaimRef] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "finding": self.finding.as_json(),
            "effect": self.effect,
            "log10_lr": round(self.log10_lr, 4),
            "feature": self.feature,
            "feature_label": self.feature_label,
            "frequency": self.frequency,
            "claims": [_claim_json(c) for c in self.claims],
        }


@dataclass
class RankedCondition:
    """A condition, its score (log10 of the likelihood ratio) and its explanation."""

    rank: int
    iri: str
    label: str
    score: float
    matches: list[Match]
    absent: list[AbsentMatch]
    notes: list[str] = field(default_factory=list)

    @property
    def claims(self) -> list[ClaimRef]:
        return [c for m in self.matches if m.relation != "unexplained" for c in m.claims]

    def as_json(self, index: DifferentialIndex) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "condition": self.iri,
            "label": self.label,
            "score": round(self.score, 4),
            "findings": [m.as_json(index) for m in self.matches],
            "absent": [a.as_json() for a in self.absent],
            "notes": self.notes,
        }


def _claim_json(claim: ClaimRef) -> dict[str, Any]:
    return {
        "claim": claim.iri,
        "references": list(claim.references),
        "evidence_type": claim.evidence,
        "frequency": claim.frequency,
        "sex": claim.sex,
        "onset": claim.onset,
    }


def _block(index: DifferentialIndex, cid: int) -> slice:
    at = int(np.searchsorted(index.pos_conditions, cid))
    if at >= len(index.pos_conditions) or index.pos_conditions[at] != cid:
        return slice(0, 0)
    end = index.pos_starts[at + 1] if at + 1 < len(index.pos_starts) else len(index.pos_term)
    return slice(int(index.pos_starts[at]), int(end))


def _mica(index: DifferentialIndex, a: int, b: int) -> int:
    common = index.ancestor_sets[a] & index.ancestor_sets[b]
    return max(common, key=lambda t: (index.information_content[t], -t))


def _frequency_words(index: DifferentialIndex, text: str | None) -> str | None:
    """``HP:0040282`` (or its IRI) as ``Frequent (HP:0040282)``; fractions and percentages as
    written."""
    if not text:
        return None
    parts = []
    for part in text.split("; "):
        iri = HP_PREFIX + part[3:] if part.startswith("HP:") else part
        tid = index.term_ids.get(iri)
        parts.append(f"{index.labels[tid]} ({index.curie(tid)})" if tid is not None else part)
    return "; ".join(parts)


def _feature_fields(index: DifferentialIndex, feature: Feature) -> dict[str, Any]:
    frequency = feature.frequency
    return {
        "feature": index.curie(feature.term),
        "feature_label": index.labels[feature.term],
        "frequency": frequency,
        "frequency_text": _frequency_words(index, feature.frequency_text)
        or (None if frequency is not None else f"not given (counted as {DEFAULT_FREQUENCY})"),
        "source": feature.source,
        "mapping": feature.mapping,
        "claims": list(feature.claims),
    }


def _present_match(
    index: DifferentialIndex, scores: Scores, cid: int, row: int, finding: ResolvedFinding
) -> Match:
    log10 = float(scores.present[row, cid]) / LN10
    block = _block(index, cid)
    q = finding.term
    if block.stop > block.start:
        values = scores.frequencies[block] * scores.term_lr[row][index.pos_term[block]]
        best = int(np.argmax(values))
        if values[best] > BACKGROUND and log10 > math.log10(BACKGROUND):
            feature = index.features[cid][int(index.pos_feature[block.start + best])]
            f = feature.term
            if f == q:
                relation, via = "exact", q
            elif index.is_ancestor(q, f):
                relation, via = "feature below finding", q
            elif index.is_ancestor(f, q):
                relation, via = "finding below feature", f
            else:
                relation, via = "common ancestor", _mica(index, q, f)
            fields = _feature_fields(index, feature)
            return Match(
                finding,
                relation,
                log10,
                via=index.curie(via),
                via_label=index.labels[via],
                **fields,
            )
    for feature in index.features[cid]:
        if feature.negated and index.is_ancestor(feature.term, q):
            fields = _feature_fields(index, feature)
            return Match(finding, "contradicted", log10, **fields)
    return Match(finding, "unexplained", log10)


def _absent_match(
    index: DifferentialIndex, scores: Scores, cid: int, row: int, finding: ResolvedFinding
) -> AbsentMatch:
    log10 = float(scores.absent[row, cid]) / LN10
    q = finding.term
    for feature in index.features[cid]:
        if feature.negated and index.is_ancestor(feature.term, q):
            return AbsentMatch(
                finding,
                "not annotated",
                log10,
                index.curie(feature.term),
                index.labels[feature.term],
                None,
                list(feature.claims),
            )
    implying = [f for f in index.features[cid] if not f.negated and index.is_ancestor(q, f.term)]
    if implying:
        best = max(implying, key=lambda f: f.frequency or DEFAULT_FREQUENCY)
        return AbsentMatch(
            finding,
            "lowered",
            log10,
            index.curie(best.term),
            index.labels[best.term],
            best.frequency,
            list(best.claims),
        )
    return AbsentMatch(finding, "none", log10)


def explain_condition(
    index: DifferentialIndex,
    scores: Scores,
    cid: int,
    present: list[ResolvedFinding],
    absent: list[ResolvedFinding],
    rank: int = 0,
) -> RankedCondition:
    """The explanation of one condition's score."""
    matches = [_present_match(index, scores, cid, r, f) for r, f in enumerate(present)]
    absents = [_absent_match(index, scores, cid, r, f) for r, f in enumerate(absent)]
    notes = []
    if scores.sex[cid] < 0:
        notes.append("its sex-specific annotations are all for the other sex")
    if scores.onset[cid] < 0:
        notes.append("every annotated onset comes after the patient's age")
    return RankedCondition(
        rank,
        index.conditions[cid],
        index.condition_labels[cid],
        float(scores.total[cid]) / LN10,
        matches,
        absents,
        notes,
    )


def _explained(condition: RankedCondition) -> bool:
    """At least one matched finding rests on a claim with a reference, or on a mapping."""
    for match in condition.matches:
        if match.relation in {"unexplained", "contradicted"}:
            continue
        if any(c.references for c in match.claims) or match.mapping == "condition":
            return True
    return False


def top_conditions(
    index: DifferentialIndex,
    scores: Scores,
    present: list[ResolvedFinding],
    absent: list[ResolvedFinding],
    top: int,
) -> list[RankedCondition]:
    """The ``top`` best conditions that at least one claim (or mapping) explains."""
    found: list[RankedCondition] = []
    for cid in ranking(scores):
        if len(found) >= top:
            break
        if not any(scores.present[:, cid] > math.log(BACKGROUND)):
            continue
        condition = explain_condition(index, scores, int(cid), present, absent, len(found) + 1)
        if _explained(condition):
            found.append(condition)
    return found


def short(iri: str | None) -> str:
    """An IRI as a CURIE where medgraph knows the prefix."""
    return "" if iri is None else compact(iri)
