"""How a name is compared: case, punctuation and spacing do not matter ("Seizure", "seizures."
and "SEIZURE" are one key only up to the plural, which is not folded)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, accents dropped, every run of punctuation or space one space."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(" ", folded.lower()).strip()
