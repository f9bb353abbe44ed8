"""An index straight from HPO's own files (``hp.obo``, ``phenotype.hpoa``), for the benchmark.

It feeds :class:`~.index.IndexBuilder` the facts the HPO import writes as RDF (the "RDF
contract" of docs/opendata.md), so that an index from the files and one from the imported
graph hold the same data: the benchmark can run where the import has not been built. Each
annotation row is one claim, named like the import names it is not needed: the claim IRI is
``None`` and the row's reference stands in its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from medgraph.differential.index import HP_PREFIX, ClaimRef, DifferentialIndex, IndexBuilder

__all__ = ["FREQUENCY_TERMS", "frequency_value", "index_from_files"]

FREQUENCY_TERMS = {
    "HP:0040280": 1.0,  # Obligate (100%)
    "HP:0040281": 0.895,  # Very frequent (80-99%)
    "HP:0040282": 0.545,  # Frequent (30-79%)
    "HP:0040283": 0.17,  # Occasional (5-29%)
    "HP:0040284": 0.025,  # Very rare (1-4%)
    "HP:0040285": 0.0,  # Excluded (0%)
}
"""HPO's frequency terms as one number: the middle of the range each one's definition gives."""

CONDITION_BASE = "https://w3id.org/medgraph/id/condition/"
MGO = "https://w3id.org/medgraph/ontology/"
ECO_BY_CODE = {
    "IEA": "http://purl.obolibrary.org/obo/ECO_0000501",
    "PCS": "http://purl.obolibrary.org/obo/ECO_0006017",
    "TAS": "http://purl.obolibrary.org/obo/ECO_0000304",
}
"""HPO evidence codes as ECO classes, as the import maps them."""

_SYNONYM = re.compile(r'^"((?:[^"\\]|\\.)*)"\s+(EXACT|RELATED|BROAD|NARROW)\s*(\S*)\s*\[')
_SCOPES = {"EXACT": "exact", "RELATED": "related", "BROAD": "broad", "NARROW": "narrow"}


def frequency_value(text: str) -> float | None:
    """``1/2``, ``45%`` or an HPO frequency term as a number in [0, 1], to four decimals as
    the import writes it."""
    text = text.strip()
    if not text:
        return None
    if text in FREQUENCY_TERMS:
        return FREQUENCY_TERMS[text]
    try:
        if "/" in text:
            n, d = text.split("/", 1)
            return round(min(max(int(n) / int(d), 0.0), 1.0), 4) if int(d) else None
        if text.endswith("%"):
            return round(min(max(float(text[:-1]) / 100, 0.0), 1.0), 4)
    except ValueError:
        return None
    return None


def _stanzas(path: Path) -> Iterator[dict[str, list[str]]]:
    stanza: dict[str, list[str]] | None = None
    with path.open(encoding="utf-8") as lines:
        for raw in lines:
            line = raw.rstrip("\n")
            if line.startswith("["):
                if stanza is not None:
                    yield stanza
                stanza = {} if line == "[Term]" else None
            elif stanza is not None and ": " in line:
                key, value = line.split(": ", 1)
                stanza.setdefault(key, []).append(value)
    if stanza is not None:
        yield stanza


def _iri(curie: str) -> str:
    return HP_PREFIX + curie.split(":", 1)[1]


def read_obo(builder: IndexBuilder, path: Path) -> None:
    """Labels, synonyms (the ``layperson`` type as lay synonyms), is_a, alt ids, obsoletes."""
    for stanza in _stanzas(path):
        curie = stanza.get("id", [""])[0]
        if not curie.startswith("HP:"):
            continue
        term = _iri(curie)
        for name in stanza.get("name", []):
            builder.term_fact(term, "label", name)
        for synonym in stanza.get("synonym", []):
            match = _SYNONYM.match(synonym)
            if match:
                text = match.group(1).replace('\\"', '"')
                kind = "lay" if match.group(3) == "layperson" else _SCOPES[match.group(2)]
                builder.term_fact(term, kind, text)
        for parent in stanza.get("is_a", []):
            builder.term_fact(term, "broader", _iri(parent.split()[0]))
        for alt in stanza.get("alt_id", []):
            builder.term_fact(term, "alt", alt.strip())
        if stanza.get("is_obsolete", ["false"])[0].strip() == "true":
            builder.term_fact(term, "deprecated", "true")
        for replacement in stanza.get("replaced_by", []):
            builder.term_fact(term, "replaced_by", replacement.strip())


def condition_iri(database_id: str) -> str:
    """``OMIM:619340`` -> the condition IRI the import mints (``.../condition/omim-619340``)."""
    prefix, _, local = database_id.partition(":")
    return f"{CONDITION_BASE}{prefix.lower()}-{local}"


def reference_iri(reference: str) -> str:
    """A reference as the import names it (``PMID:n`` through medgraph.curie), else as written."""
    from medgraph.curie import expand

    if reference.startswith(("http://", "https://")):
        return reference
    if reference.startswith("ISBN"):
        return "urn:isbn:" + reference.split(":", 1)[-1]
    return expand(reference) or reference


def read_hpoa(builder: IndexBuilder, path: Path) -> None:
    """One claim per annotation row of aspect P, NOT rows as ``lacksSignOrSymptom``; the
    onsets of aspect C as the clinical course; aspect I (inheritance) is not used."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as lines:
        for raw in lines:
            if raw.startswith("#"):
                continue
            cells = raw.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells, strict=False))
            condition = condition_iri(row["database_id"])
            builder.condition_fact(condition, "label", row["disease_name"])
            if row.get("aspect") == "C":
                builder.clinical_course(condition, _iri(row["hpo_id"]))
            if row.get("aspect") != "P":
                continue
            frequency = row.get("frequency", "")
            onset = row.get("onset", "")
            claim = ClaimRef(
                iri=None,
                references=tuple(
                    sorted(reference_iri(r) for r in row.get("reference", "").split(";") if r)
                ),
                evidence=ECO_BY_CODE.get(row.get("evidence", "")),
                frequency=frequency or None,
                frequency_value=frequency_value(frequency),
                sex=row.get("sex", "").lower() or None,
                onset=_iri(onset) if onset.startswith("HP:") else None,
            )
            builder.annotation(condition, row.get("qualifier") == "NOT", _iri(row["hpo_id"]), claim)


def index_from_files(obo: Path, hpoa: Path) -> DifferentialIndex:
    """The index of ``hp.obo`` and ``phenotype.hpoa`` as the import would give it."""
    builder = IndexBuilder()
    read_obo(builder, obo)
    read_hpoa(builder, hpoa)
    return builder.build()
