"""The answer of a differential: ranked, explained conditions, as JSON or as a table for people."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from medgraph.differential.explain import RankedCondition, short
from medgraph.differential.index import DifferentialIndex
from medgraph.differential.resolve import ResolvedFinding

__all__ = ["DifferentialResult"]


@dataclass
class DifferentialResult:
    """Ranked conditions for the findings, each with its score and explanation."""

    findings: list[ResolvedFinding]
    absent: list[ResolvedFinding]
    sex: str | None
    age: float | None
    conditions: list[RankedCondition]
    condition_count: int
    """How many conditions were scored."""
    seconds: float
    """Time to score and explain (the index already built)."""
    index: DifferentialIndex

    def as_json(self) -> dict[str, Any]:
        return {
            "findings": [f.as_json() for f in self.findings],
            "absent": [f.as_json() for f in self.absent],
            "sex": self.sex,
            "age": self.age,
            "conditions_scored": self.condition_count,
            "seconds": round(self.seconds, 4),
            "conditions": [c.as_json(self.index) for c in self.conditions],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n"

    def to_table(self) -> str:
        """A plain-text report: the findings as understood, then each condition and why."""
        lines = ["Findings:"]
        for f in self.findings:
            lines.append(f"  + {f.label} ({f.curie}) <- {f.query!r} by {f.how}")
        for f in self.absent:
            lines.append(f"  - {f.label} ({f.curie}) <- {f.query!r} by {f.how}")
        if self.sex or self.age is not None:
            lines.append(
                f"  sex {self.sex or 'not given'}, age {self.age if self.age is not None else 'not given'}"
            )
        lines.append(f"{self.condition_count:,} conditions scored in {self.seconds * 1000:.0f} ms")
        if not self.conditions:
            lines.append("No condition has a claim for any of these findings.")
        for c in self.conditions:
            lines.append("")
            lines.append(f"{c.rank:>2}. {c.label}  [{short(c.iri)}]  score {c.score:.2f}")
            for m in c.matches:
                head = f"      {m.finding.label}: {m.relation}"
                if m.relation in {"unexplained"}:
                    lines.append(head)
                    continue
                where = f" {m.feature_label} ({m.feature})"
                if m.relation in {
                    "feature below finding",
                    "finding below feature",
                    "common ancestor",
                }:
                    where += f" via {m.via_label} ({m.via})"
                frequency = f", frequency {m.frequency_text}" if m.frequency_text else ""
                lines.append(f"{head}{where}{frequency}")
                if m.mapping:
                    lines.append(f"        {short(m.source)} maps ({m.mapping}) to {m.feature}")
                for claim in m.claims[:3]:
                    refs = ", ".join(short(r) for r in claim.references[:4]) or "no reference"
                    evidence = f" [{short(claim.evidence)}]" if claim.evidence else ""
                    name = short(claim.iri) if claim.iri else "claim"
                    lines.append(f"        {name}{evidence}: {refs}")
                if len(m.claims) > 3:
                    lines.append(f"        ... and {len(m.claims) - 3} more claims")
            for a in c.absent:
                if a.effect != "none":
                    lines.append(f"      not {a.finding.label}: {a.effect} ({a.feature_label})")
            for note in c.notes:
                lines.append(f"      note: {note}")
        return "\n".join(lines) + "\n"
