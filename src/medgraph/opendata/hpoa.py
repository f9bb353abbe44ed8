"""A reader of the HPO annotation file ``phenotype.hpoa``: typed rows, located errors.

The file is tab-separated with 12 columns, after header lines starting with ``#`` (``#version:``,
``#hpo-version:``, ...) and one line of column names. Every data row becomes an
:class:`Annotation` with its cells as written; a row with the wrong number of columns, an
unknown aspect, qualifier or evidence code, or an unreadable frequency is an
:class:`InputSyntaxError` naming the file and line, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from medgraph.errors import InputSyntaxError
from medgraph.opendata.frequency import Frequency, parse_frequency

__all__ = ["ASPECTS", "COLUMNS", "EVIDENCE_CODES", "Annotation", "HpoaHeader", "read_hpoa"]

COLUMNS = (
    "database_id",
    "disease_name",
    "qualifier",
    "hpo_id",
    "reference",
    "evidence",
    "onset",
    "frequency",
    "sex",
    "modifier",
    "aspect",
    "biocuration",
)
ASPECTS = {
    "P": "phenotypic abnormality",
    "I": "inheritance",
    "C": "clinical course",
    "M": "clinical modifier",
    "H": "past medical history",
}
EVIDENCE_CODES = {
    "IEA": "inferred from electronic annotation",
    "PCS": "published clinical study",
    "TAS": "traceable author statement",
}
DISEASE_PREFIXES = ("OMIM", "ORPHA", "DECIPHER")


@dataclass(frozen=True)
class Curation:
    """One ``curator[date]`` entry of the biocuration column."""

    curator: str
    date: str


@dataclass(frozen=True)
class Annotation:
    """One row of ``phenotype.hpoa``, cells as written; lists split at ``;``."""

    line: int
    cells: tuple[str, ...]
    database_id: str
    disease_name: str
    negated: bool
    hpo_id: str
    references: tuple[str, ...]
    evidence: str
    onset: str
    frequency: Frequency | None
    sex: str
    modifiers: tuple[str, ...]
    aspect: str
    biocuration: tuple[Curation, ...]


@dataclass
class HpoaHeader:
    """The ``#key: value`` lines before the column names."""

    tags: dict[str, str]

    @property
    def version(self) -> str | None:
        return self.tags.get("version")

    @property
    def hpo_version(self) -> str | None:
        return self.tags.get("hpo-version")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _curations(path: Path, line: int, cell: str) -> tuple[Curation, ...]:
    entries = []
    for part in _split(cell):
        curator, bracket, rest = part.partition("[")
        if bracket and not rest.endswith("]"):
            raise InputSyntaxError(path, line, None, f"biocuration {part!r} is not curator[date]")
        entries.append(Curation(curator, rest[:-1] if bracket else ""))
    return tuple(entries)


def _row(path: Path, line: int, cells: list[str]) -> Annotation:
    def bad(reason: str) -> InputSyntaxError:
        return InputSyntaxError(path, line, None, reason)

    if len(cells) != len(COLUMNS):
        raise bad(f"{len(cells)} tab-separated columns where phenotype.hpoa has {len(COLUMNS)}")
    row = dict(zip(COLUMNS, cells, strict=True))
    prefix, colon, local = row["database_id"].partition(":")
    if not colon or prefix not in DISEASE_PREFIXES or not local:
        raise bad(
            f"database_id {row['database_id']!r} is not OMIM:, ORPHA: or DECIPHER: and a code"
        )
    if row["qualifier"] not in ("", "NOT"):
        raise bad(f"qualifier {row['qualifier']!r} is neither empty nor NOT")
    if row["aspect"] not in ASPECTS:
        raise bad(f"aspect {row['aspect']!r} is not one of {', '.join(ASPECTS)}")
    if row["evidence"] not in EVIDENCE_CODES:
        raise bad(f"evidence {row['evidence']!r} is not one of {', '.join(EVIDENCE_CODES)}")
    if not row["hpo_id"].startswith("HP:"):
        raise bad(f"hpo_id {row['hpo_id']!r} is not an HP: term")
    frequency = None
    if row["frequency"]:
        try:
            frequency = parse_frequency(row["frequency"])
        except ValueError as exc:
            raise bad(f"frequency: {exc}") from None
    return Annotation(
        line=line,
        cells=tuple(cells),
        database_id=row["database_id"],
        disease_name=row["disease_name"],
        negated=row["qualifier"] == "NOT",
        hpo_id=row["hpo_id"],
        references=_split(row["reference"]),
        evidence=row["evidence"],
        onset=row["onset"],
        frequency=frequency,
        sex=row["sex"].lower(),
        modifiers=_split(row["modifier"]),
        aspect=row["aspect"],
        biocuration=_curations(path, line, row["biocuration"]),
    )


def read_hpoa(path: Path, text: str) -> tuple[HpoaHeader, Iterator[Annotation]]:
    """The header of ``text`` (the file's content) and an iterator over its rows.

    ``path`` only names the file in errors. The line of column names must be the one
    phenotype.hpoa writes, so that a file of another layout is refused rather than misread.
    """
    lines = text.splitlines()
    tags: dict[str, str] = {}
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        key, colon, value = lines[start][1:].partition(":")
        if colon:
            tags.setdefault(key.strip(), value.strip())
        start += 1
    if start >= len(lines) or tuple(lines[start].split("\t")) != COLUMNS:
        raise InputSyntaxError(
            path,
            start + 1,
            None,
            "expected the column names of phenotype.hpoa: " + " ".join(COLUMNS),
        )
    return HpoaHeader(tags), _rows(path, lines, start + 1)


def _rows(path: Path, lines: list[str], start: int) -> Iterator[Annotation]:
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip() or line.startswith("#"):
            continue
        yield _row(path, index + 1, line.split("\t"))
