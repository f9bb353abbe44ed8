"""The differential's in-memory index: built once, then every question is answered without SPARQL.

What the graph holds about conditions and phenotype terms is read with three named queries
(``differential/queries/*.rq``) from any :class:`~medgraph.backends.base.Backend`, or from the
HPO files themselves (:mod:`.hpofiles`), through the same :class:`IndexBuilder`. The index
keeps, per condition, its annotated features (frequency, negation, sex, onset, the claims with
their references and evidence types), the HP hierarchy with every term's ancestors and
descendants precomputed, the names used to look findings up, and each term's information
content (IC) from how many conditions are annotated with it or a descendant. The arrays the
scorer needs (one row per positive annotation, ordered by condition) are numpy arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from medgraph.differential.names import normalise

if TYPE_CHECKING:
    from medgraph.backends.base import Backend

__all__ = [
    "HP_PREFIX",
    "ClaimRef",
    "DifferentialIndex",
    "Feature",
    "IndexBuilder",
    "build_index",
]

HP_PREFIX = "http://purl.obolibrary.org/obo/HP_"
MGO = "https://w3id.org/medgraph/ontology/"
ONSET_ROOT = HP_PREFIX + "0003674"
QUERY_DIR = Path(__file__).parent / "queries"

NAME_PRIORITY = {"label": 0, "exact": 1, "lay": 2, "related": 3, "narrow": 4, "broad": 5}
"""Which kind of name wins when two terms share a name: the label, then exact synonyms, ..."""

_KIND_BY_RANK = {rank: kind for kind, rank in NAME_PRIORITY.items()}

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ClaimRef:
    """One claim behind an annotation, as the explanation shows it."""

    iri: str | None
    references: tuple[str, ...] = ()
    evidence: str | None = None
    frequency: str | None = None
    frequency_value: float | None = None
    sex: str | None = None
    onset: str | None = None


@dataclass
class Feature:
    """What one condition says about one phenotype term (all its claims merged)."""

    term: int
    negated: bool
    source: str
    """The annotated object: the HP term itself, or the medgraph sign mapped to it."""
    mapping: str | None = None
    """``exactMatch``/``closeMatch`` when the object reaches the HP term through a mapping;
    ``condition`` when the condition itself maps to the term."""
    claims: list[ClaimRef] = field(default_factory=list)

    @property
    def frequency(self) -> float | None:
        """The highest numeric frequency of its claims (``None`` when none gives one)."""
        values = [c.frequency_value for c in self.claims if c.frequency_value is not None]
        return max(values) if values else None

    @property
    def frequency_text(self) -> str | None:
        texts = sorted({c.frequency for c in self.claims if c.frequency})
        return "; ".join(texts) if texts else None

    @property
    def sex(self) -> str | None:
        """The sex every claim is limited to, or ``None`` when any claim holds for both."""
        sexes = {(c.sex or "").lower() for c in self.claims} or {""}
        return sexes.pop() if len(sexes) == 1 and "" not in sexes else None


class IndexBuilder:
    """Collects facts (from SPARQL rows or from files) and builds a :class:`DifferentialIndex`."""

    def __init__(self) -> None:
        self.names: dict[str, list[tuple[str, str]]] = {}
        self.labels: dict[str, str] = {}
        self.parents: dict[str, set[str]] = {}
        self.alt_ids: dict[str, str] = {}
        self.deprecated: set[str] = set()
        self.replaced_by: dict[str, str] = {}
        self.condition_labels: dict[str, str] = {}
        self.mappings: dict[str, list[tuple[str, str]]] = {}
        self.annotations: dict[tuple[str, bool, str], list[ClaimRef]] = {}
        self.courses: dict[str, set[str]] = {}

    def term_fact(self, term: str, key: str, value: str) -> None:
        """One fact of an HP term (``key`` as in ``differential-terms.rq``)."""
        self.parents.setdefault(term, set())
        if key == "label":
            self.labels.setdefault(term, value)
            self.names.setdefault(term, []).append((key, value))
        elif key in NAME_PRIORITY:
            self.names.setdefault(term, []).append((key, value))
        elif key == "broader" and value.startswith(HP_PREFIX):
            self.parents[term].add(value)
        elif key == "alt":
            self.alt_ids[_hp_curie(value)] = term
        elif key == "deprecated" and value.lower() in {"true", "1"}:
            self.deprecated.add(term)
        elif key == "replaced_by":
            replacement = _hp_iri(value)
            if replacement:
                self.replaced_by[term] = replacement

    def condition_fact(self, subject: str, key: str, value: str) -> None:
        """A condition's label, or a condition's or sign's mapping to an HP term."""
        if key == "label":
            self.condition_labels.setdefault(subject, value)
        elif key in {"exactMatch", "closeMatch"}:
            self.mappings.setdefault(subject, []).append((key, value))

    def annotation(self, condition: str, negated: bool, feature: str, claim: ClaimRef) -> None:
        """One claim that ``condition`` has (or lacks) ``feature``."""
        claims = self.annotations.setdefault((condition, negated, feature), [])
        if claim.iri is None or all(c.iri != claim.iri for c in claims):
            claims.append(claim)

    def clinical_course(self, condition: str, term: str) -> None:
        """The condition's clinical course (onset, progression): only onsets are used."""
        self.courses.setdefault(condition, set()).add(term)

    def build(self) -> DifferentialIndex:
        return DifferentialIndex(self)


def _hp_curie(value: str) -> str:
    text = value.strip()
    if text.startswith(HP_PREFIX):
        return "HP:" + text[len(HP_PREFIX) :]
    return text.upper().replace("_", ":")


def _hp_iri(value: str) -> str | None:
    curie = _hp_curie(value)
    return HP_PREFIX + curie[3:] if curie.startswith("HP:") else None


class DifferentialIndex:
    """Conditions, their features and the HP hierarchy, ready for :mod:`.score`."""

    def __init__(self, builder: IndexBuilder) -> None:
        terms = set(builder.parents) | {p for ps in builder.parents.values() for p in ps}
        for _, _, feature in builder.annotations:
            if feature.startswith(HP_PREFIX):
                terms.add(feature)
        for targets in builder.mappings.values():
            terms.update(t for _, t in targets if t.startswith(HP_PREFIX))
        self.terms: list[str] = sorted(terms)
        self.term_ids: dict[str, int] = {t: i for i, t in enumerate(self.terms)}
        self.labels: list[str] = [builder.labels.get(t, _hp_curie(t)) for t in self.terms]
        self.deprecated: set[int] = {self.term_ids[t] for t in builder.deprecated}
        self.replaced_by: dict[int, int] = {
            self.term_ids[t]: self.term_ids[r]
            for t, r in builder.replaced_by.items()
            if r in self.term_ids
        }
        self.alt_ids: dict[str, int] = {
            alt: self.term_ids[t] for alt, t in builder.alt_ids.items() if t in self.term_ids
        }
        self._index_names(builder)
        self._index_hierarchy(builder)
        self._index_conditions(builder)
        self._index_information_content()

    # -- names ---------------------------------------------------------------------------------

    def _index_names(self, builder: IndexBuilder) -> None:
        best: dict[str, tuple[int, str, int]] = {}
        for term, names in builder.names.items():
            tid = self.term_ids[term]
            for kind, name in names:
                key = normalise(name)
                if not key:
                    continue
                rank = NAME_PRIORITY[kind] + (10 if tid in self.deprecated else 0)
                candidate = (rank, self.terms[tid], tid)
                if key not in best or candidate < best[key]:
                    best[key] = candidate
        self.names: dict[str, tuple[int, str]] = {
            key: (tid, _KIND_BY_RANK[rank % 10]) for key, (rank, _, tid) in best.items()
        }
        """Normalised name -> term: labels win over synonyms, current terms over obsolete ones."""

    # -- hierarchy -----------------------------------------------------------------------------

    def _index_hierarchy(self, builder: IndexBuilder) -> None:
        parents: list[list[int]] = [[] for _ in self.terms]
        for term, ps in builder.parents.items():
            parents[self.term_ids[term]] = sorted(self.term_ids[p] for p in ps)
        self.parents = parents
        ancestors: list[frozenset[int] | None] = [None] * len(self.terms)
        for start in range(len(self.terms)):
            stack = [start]
            while stack:
                tid = stack[-1]
                if ancestors[tid] is not None:
                    stack.pop()
                    continue
                pending = [p for p in parents[tid] if ancestors[p] is None and p not in stack]
                if pending:
                    stack.extend(pending)
                    continue
                found = {tid}
                for p in parents[tid]:
                    found |= ancestors[p] or {p}
                ancestors[tid] = frozenset(found)
                stack.pop()
        self.ancestor_sets: list[frozenset[int]] = [a or frozenset() for a in ancestors]
        self.ancestors: list[IntArray] = [
            np.fromiter(sorted(a), dtype=np.int64) for a in self.ancestor_sets
        ]
        descendants: list[list[int]] = [[] for _ in self.terms]
        for tid, anc in enumerate(self.ancestor_sets):
            for a in anc:
                descendants[a].append(tid)
        self.descendants: list[IntArray] = [np.array(d, dtype=np.int64) for d in descendants]
        onset = self.term_ids.get(ONSET_ROOT)
        self.onset_terms: frozenset[int] = (
            frozenset(int(t) for t in self.descendants[onset]) if onset is not None else frozenset()
        )

    def is_ancestor(self, ancestor: int, term: int) -> bool:
        """Whether ``ancestor`` is ``term`` or one of its ancestors."""
        return ancestor in self.ancestor_sets[term]

    # -- conditions ----------------------------------------------------------------------------

    def _map_to_term(self, builder: IndexBuilder, obj: str) -> tuple[int, str | None] | None:
        if obj in self.term_ids:
            return self.term_ids[obj], None
        for kind in ("exactMatch", "closeMatch"):
            for found_kind, target in sorted(builder.mappings.get(obj, [])):
                if found_kind == kind and target in self.term_ids:
                    return self.term_ids[target], kind
        return None

    def _index_conditions(self, builder: IndexBuilder) -> None:
        by_condition: dict[str, list[Feature]] = {}
        for (condition, negated, obj), claims in sorted(
            builder.annotations.items(), key=lambda item: item[0]
        ):
            mapped = self._map_to_term(builder, obj)
            if mapped is None:
                continue
            tid, mapping = mapped
            if not negated and claims and all(c.frequency_value == 0 for c in claims):
                negated = True  # "excluded" (frequency 0) is a NOT, never a positive
            by_condition.setdefault(condition, []).append(
                Feature(tid, negated, obj, mapping, list(claims))
            )
        for condition in builder.condition_labels:
            for _kind, target in sorted(builder.mappings.get(condition, [])):
                if target in self.term_ids and condition in by_condition:
                    by_condition[condition].append(
                        Feature(self.term_ids[target], False, condition, "condition")
                    )
        self.conditions: list[str] = sorted(by_condition)
        self.condition_ids: dict[str, int] = {c: i for i, c in enumerate(self.conditions)}
        self.condition_labels: list[str] = [
            builder.condition_labels.get(c, c.rsplit("/", 1)[-1]) for c in self.conditions
        ]
        self.features: list[list[Feature]] = [by_condition[c] for c in self.conditions]
        pos_cond, pos_term, pos_freq, pos_sex, pos_feature = [], [], [], [], []
        neg_cond, neg_term = [], []
        self.onsets: list[frozenset[int]] = []
        sex_code = {"male": 1, "female": 2}
        for cid, features in enumerate(self.features):
            onsets: set[int] = {
                self.term_ids[t]
                for t in builder.courses.get(self.conditions[cid], ())
                if t in self.term_ids and self.term_ids[t] in self.onset_terms
            }
            for fid, feature in enumerate(features):
                if feature.term in self.onset_terms:
                    onsets.add(feature.term)
                    continue  # an onset annotation says when, not what
                for claim in feature.claims:
                    if claim.onset and claim.onset in self.term_ids:
                        onsets.add(self.term_ids[claim.onset])
                if feature.negated:
                    neg_cond.append(cid)
                    neg_term.append(feature.term)
                    continue
                frequency = 1.0 if feature.mapping == "condition" else feature.frequency
                pos_cond.append(cid)
                pos_term.append(feature.term)
                pos_freq.append(math.nan if frequency is None else frequency)
                pos_sex.append(sex_code.get(feature.sex or "", 0))
                pos_feature.append(fid)
            self.onsets.append(frozenset(onsets))
        self.pos_cond: IntArray = np.array(pos_cond, dtype=np.int64)
        self.pos_term: IntArray = np.array(pos_term, dtype=np.int64)
        self.pos_freq: FloatArray = np.array(pos_freq, dtype=np.float64)
        self.pos_sex: IntArray = np.array(pos_sex, dtype=np.int64)
        self.pos_feature: IntArray = np.array(pos_feature, dtype=np.int64)
        self.neg_cond: IntArray = np.array(neg_cond, dtype=np.int64)
        self.neg_term: IntArray = np.array(neg_term, dtype=np.int64)
        # Positive annotations are ordered by condition: each condition's block starts here.
        present, starts = np.unique(self.pos_cond, return_index=True)
        self.pos_conditions: IntArray = present.astype(np.int64)
        self.pos_starts: IntArray = starts.astype(np.int64)

    # -- information content -------------------------------------------------------------------

    def _index_information_content(self) -> None:
        """IC(t) = -log p(t), p(t) the share of conditions annotated with t or a descendant
        (Resnik 1995, as Phenomizer uses it), smoothed so that unannotated terms are finite."""
        counts = np.zeros(len(self.terms), dtype=np.float64)
        ends = [*self.pos_starts[1:].tolist(), len(self.pos_term)] if len(self.pos_starts) else []
        for start, end in zip(self.pos_starts.tolist(), ends, strict=True):
            terms = self.pos_term[start:end]
            if len(terms):
                covered = np.unique(np.concatenate([self.ancestors[t] for t in terms]))
                counts[covered] += 1
        total = max(len(self.conditions), 1)
        self.term_probability: FloatArray = (counts + 0.5) / (total + 0.5)
        self.information_content: FloatArray = -np.log(self.term_probability)

    # -- convenience ---------------------------------------------------------------------------

    def curie(self, tid: int) -> str:
        return _hp_curie(self.terms[tid])

    def __len__(self) -> int:
        return len(self.conditions)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _float(value: object) -> float | None:
    try:
        return None if value is None else float(str(value))
    except ValueError:
        return None


def build_index(backend: Backend) -> DifferentialIndex:
    """The index of the graph ``backend`` holds, read with the three named queries."""
    from medgraph.queries import parse_query_file

    builder = IndexBuilder()
    terms = backend.query(parse_query_file(QUERY_DIR / "differential-terms.rq"))
    for row in terms.rows:
        builder.term_fact(str(row["term"]), str(row["key"]), str(row["value"]))
    conditions = backend.query(parse_query_file(QUERY_DIR / "differential-conditions.rq"))
    for row in conditions.rows:
        builder.condition_fact(str(row["subject"]), str(row["key"]), str(row["value"]))
    annotations = backend.query(parse_query_file(QUERY_DIR / "differential-annotations.rq"))
    negation, course = MGO + "lacksSignOrSymptom", MGO + "hasClinicalCourse"
    for row in annotations.rows:
        if str(row["predicate"]) == course:
            builder.clinical_course(str(row["condition"]), str(row["feature"]))
            continue
        references = str(row.get("references") or "").split()
        claim = ClaimRef(
            iri=_text(row.get("claim")),
            references=tuple(sorted(references)),
            evidence=_text(row.get("evidence")),
            frequency=_text(row.get("frequency")),
            frequency_value=_float(row.get("frequency_value")),
            sex=_text(row.get("sex")),
            onset=_text(row.get("onset")),
        )
        builder.annotation(
            str(row["condition"]), str(row["predicate"]) == negation, str(row["feature"]), claim
        )
    return builder.build()
