"""The differential's score: a likelihood-ratio model over the HP hierarchy (docs/differential.md).

For a condition d and a present finding q, the likelihood ratio is
``LR(q, d) = max(BACKGROUND, max_f w(q, f) * freq(f) / p(MICA(q, f)))`` over d's annotated
features f, where ``p`` is the share of conditions annotated with a term or a descendant
(its information content is ``-ln p``, Resnik), ``MICA`` the most informative common ancestor,
and ``w`` is 1 when q and f are on one path (exact, f below q, or q below f) and ``INDIRECT``
otherwise. A feature of unknown frequency counts as ``DEFAULT_FREQUENCY``. An absent finding
multiplies by ``1 - freq`` of the condition's features that imply it, and by ``NOT_REWARD``
when the condition is annotated NOT to have it (or an ancestor). A present finding the
condition is annotated NOT to have is a contradiction. Sex and age are soft evidence. The
score is the sum of the natural logs; :mod:`.explain` turns it into rows and reasons.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from medgraph.differential.index import HP_PREFIX, DifferentialIndex, FloatArray, IntArray

__all__ = [
    "BACKGROUND",
    "DEFAULT_FREQUENCY",
    "INDIRECT",
    "ONSET_YEARS",
    "Scores",
    "score",
]

DEFAULT_FREQUENCY = 0.9
"""Frequency of a feature annotated without one."""
BACKGROUND = 0.2
"""LR of a present finding that nothing of the condition explains (noise, or a missing
annotation): small but not zero, so one stray finding does not rule a condition out."""
INDIRECT = 0.02
"""Weight of a match through a common ancestor that is neither the finding nor the feature."""
MIN_COMMON_IC = math.log(10)
"""A common ancestor counts only when fewer than one condition in ten is annotated with it (or
below it): sharing "Phenotypic abnormality" explains nothing."""
ABSENT_FLOOR = 0.05
"""Lowest LR of an absent finding the condition has at frequency 1."""
NOT_REWARD = 3.0
"""LR of an absent finding the condition is annotated NOT to have."""
CONTRADICTION = 0.01
"""LR of a present finding the condition is annotated NOT to have (never more)."""
SEX_MISMATCH = 0.1
"""LR of a condition whose sex-specific annotations are all for the other sex."""
ONSET_TOO_EARLY = 0.2
"""LR of a condition whose every annotated onset comes after the patient's age."""

ONSET_YEARS: dict[str, tuple[float, float]] = {
    HP_PREFIX + "0003674": (-1.0, 150.0),  # Onset
    HP_PREFIX + "0030674": (-1.0, 0.0),  # Antenatal onset
    HP_PREFIX + "0011460": (-1.0, 0.0),  # Embryonal onset
    HP_PREFIX + "0011461": (-1.0, 0.0),  # Fetal onset
    HP_PREFIX + "0003577": (0.0, 0.0),  # Congenital onset
    HP_PREFIX + "0003623": (0.0, 28 / 365),  # Neonatal onset
    HP_PREFIX + "0410280": (0.0, 16.0),  # Pediatric onset
    HP_PREFIX + "0003593": (28 / 365, 1.0),  # Infantile onset
    HP_PREFIX + "0011463": (1.0, 5.0),  # Childhood onset
    HP_PREFIX + "0003621": (5.0, 16.0),  # Juvenile onset
    HP_PREFIX + "0003581": (16.0, 150.0),  # Adult onset
    HP_PREFIX + "0011462": (16.0, 40.0),  # Young adult onset
    HP_PREFIX + "0025708": (16.0, 19.0),  # Early young adult onset
    HP_PREFIX + "0025709": (19.0, 25.0),  # Intermediate young adult onset
    HP_PREFIX + "0025710": (25.0, 40.0),  # Late young adult onset
    HP_PREFIX + "0003596": (40.0, 60.0),  # Middle age onset
    HP_PREFIX + "0003584": (60.0, 150.0),  # Late onset
}
"""Age ranges (years; below 0 is before birth) of HPO's onset terms."""

SEXES = {"male": 1, "female": 2}


@dataclass
class Scores:
    """Per-condition log-likelihood ratios, and what the explanation needs to recompute."""

    total: FloatArray
    present: FloatArray
    """Shape (findings, conditions): ln LR of each present finding."""
    absent: FloatArray
    """Shape (absent findings, conditions): ln LR of each absent finding."""
    sex: FloatArray
    onset: FloatArray
    term_lr: list[FloatArray]
    """Per present finding, ``w * 1/p(MICA)`` for every term (times frequency = LR)."""
    frequencies: FloatArray
    """Per positive annotation, the frequency used (0 where the sex rules it out)."""


def _term_lr(index: DifferentialIndex, q: int) -> FloatArray:
    """For every term t: w(q, t) / p(MICA(q, t))."""
    ic = index.information_content
    mica = np.zeros(len(index.terms), dtype=np.float64)
    for a in sorted(index.ancestors[q].tolist(), key=lambda t: ic[t]):
        mica[index.descendants[a]] = ic[a]  # more informative ancestors overwrite
    weight = np.where(mica >= MIN_COMMON_IC, INDIRECT, 0.0)
    weight[index.descendants[q]] = 1.0
    weight[index.ancestors[q]] = 1.0
    result: FloatArray = weight * np.exp(mica)
    return result


def _per_condition_max(index: DifferentialIndex, values: FloatArray, floor: float) -> FloatArray:
    out = np.full(len(index.conditions), floor, dtype=np.float64)
    if len(values):
        out[index.pos_conditions] = np.maximum(np.maximum.reduceat(values, index.pos_starts), floor)
    return out


def _negated_conditions(index: DifferentialIndex, q: int) -> IntArray:
    """Conditions annotated NOT to have q or one of its ancestors."""
    hits = np.isin(index.neg_term, index.ancestors[q])
    conditions: IntArray = np.unique(index.neg_cond[hits])
    return conditions


def _sex_scores(index: DifferentialIndex, sex: str | None) -> FloatArray:
    out = np.zeros(len(index.conditions), dtype=np.float64)
    if sex is None:
        return out
    n = len(index.conditions)
    own = np.bincount(index.pos_cond[index.pos_sex == SEXES[sex]], minlength=n)
    other = np.bincount(
        index.pos_cond[(index.pos_sex != 0) & (index.pos_sex != SEXES[sex])], minlength=n
    )
    out[(other > 0) & (own == 0)] = math.log(SEX_MISMATCH)
    return out


def _onset_scores(index: DifferentialIndex, age: float | None) -> FloatArray:
    out = np.zeros(len(index.conditions), dtype=np.float64)
    if age is not None:
        out[_earliest_onset(index) > age] = math.log(ONSET_TOO_EARLY)
    return out


@lru_cache(maxsize=4)
def _earliest_onset(index: DifferentialIndex) -> FloatArray:
    """Per condition, the youngest age (years) its annotated onsets allow (-inf: no onset)."""
    earliest = np.full(len(index.conditions), -math.inf, dtype=np.float64)
    for cid, onsets in enumerate(index.onsets):
        lows = [ONSET_YEARS[index.terms[t]][0] for t in onsets if index.terms[t] in ONSET_YEARS]
        if lows:
            earliest[cid] = min(lows)
    return earliest


def score(
    index: DifferentialIndex,
    present: Sequence[int],
    absent: Sequence[int] = (),
    *,
    sex: str | None = None,
    age: float | None = None,
) -> Scores:
    """Score every condition of ``index`` for the present and absent findings (term ids)."""
    frequencies = np.where(np.isnan(index.pos_freq), DEFAULT_FREQUENCY, index.pos_freq)
    if sex is not None:
        frequencies = np.where(
            (index.pos_sex != 0) & (index.pos_sex != SEXES[sex]), 0.0, frequencies
        )
    n = len(index.conditions)
    present_lr = np.zeros((len(present), n), dtype=np.float64)
    term_lrs = []
    for row, q in enumerate(present):
        term_lr = _term_lr(index, q)
        term_lrs.append(term_lr)
        lr = _per_condition_max(index, frequencies * term_lr[index.pos_term], BACKGROUND)
        contradicted = _negated_conditions(index, q)
        lr[contradicted] = np.minimum(lr[contradicted], CONTRADICTION)
        present_lr[row] = np.log(lr)
    absent_lr = np.zeros((len(absent), n), dtype=np.float64)
    for row, q in enumerate(absent):
        implies = np.zeros(len(index.terms), dtype=bool)
        implies[index.descendants[q]] = True
        phi = _per_condition_max(index, np.where(implies[index.pos_term], frequencies, 0.0), 0.0)
        lr = np.maximum(1.0 - phi, ABSENT_FLOOR)
        lr[_negated_conditions(index, q)] = NOT_REWARD
        absent_lr[row] = np.log(lr)
    sex_lr = _sex_scores(index, sex)
    onset_lr = _onset_scores(index, age)
    total = present_lr.sum(axis=0) + absent_lr.sum(axis=0) + sex_lr + onset_lr
    return Scores(total, present_lr, absent_lr, sex_lr, onset_lr, term_lrs, frequencies)


def ranking(scores: Scores) -> IntArray:
    """Condition ids, best first (ties in index order)."""
    order: IntArray = np.argsort(-scores.total, kind="stable")
    return order
