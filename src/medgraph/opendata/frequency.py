"""How often an annotated feature occurs, from the forms ``phenotype.hpoa`` writes it in.

The column holds an HP frequency term (``HP:0040281``), a count of patients (``3/7``) or a
percentage (``12%``). Each is kept as written and also turned into one number in [0, 1], so
that a query can rank by it. The HP frequency terms give ranges in their definitions in hp.obo
("Present in 80% to 99% of the cases"); the number is the range's midpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["FREQUENCY_TERMS", "Frequency", "parse_frequency"]

FREQUENCY_TERMS: dict[str, tuple[str, Decimal]] = {
    "HP:0040280": ("Obligate: always present, i.e. in 100% of the cases", Decimal("1.0")),
    "HP:0040281": ("Very frequent: present in 80% to 99% of the cases", Decimal("0.895")),
    "HP:0040282": ("Frequent: present in 30% to 79% of the cases", Decimal("0.545")),
    "HP:0040283": ("Occasional: present in 5% to 29% of the cases", Decimal("0.17")),
    "HP:0040284": ("Very rare: present in 1% to 4% of the cases", Decimal("0.025")),
    "HP:0040285": ("Excluded: present in 0% of the cases", Decimal("0.0")),
}
"""Each HP frequency term: its name and definition in hp.obo (2025-01-16), and the midpoint of
the range the definition gives."""

_RATIO = re.compile(r"^(\d+)/(\d+)$")
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)%$")
_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Frequency:
    """A frequency as written (``as_written``), the HP term it names (``term``, a CURIE, or
    None for a count or percentage), and its value in [0, 1]."""

    as_written: str
    term: str | None
    value: Decimal


def parse_frequency(text: str) -> Frequency:
    """The :class:`Frequency` of one cell; ``ValueError`` says why a cell is not one."""
    if text in FREQUENCY_TERMS:
        return Frequency(text, text, FREQUENCY_TERMS[text][1])
    if text.startswith("HP:"):
        raise ValueError(f"{text} is not one of the HP frequency terms HP:0040280-HP:0040285")
    ratio = _RATIO.match(text)
    if ratio:
        part, whole = int(ratio[1]), int(ratio[2])
        if whole == 0 or part > whole:
            raise ValueError(f"{text!r} is not a fraction between 0 and 1")
        return Frequency(text, None, (Decimal(part) / Decimal(whole)).quantize(_PLACES))
    percent = _PERCENT.match(text)
    if percent:
        value = Decimal(percent[1]) / 100
        if value > 1:
            raise ValueError(f"{text!r} is more than 100%")
        return Frequency(text, None, value.quantize(_PLACES))
    raise ValueError(f"{text!r} is neither an HP frequency term, n/m, nor a percentage")
