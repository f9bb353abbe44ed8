"""SSSOM tables: reading medgraph's mapping files, and writing the asserted mappings back out.

The mappings live in SSSOM tables (``data/mappings/*.sssom.tsv``) rather than in Turtle because
SSSOM is what other projects exchange mappings in, and a table of one row per mapping is what a
curator edits and reviews. Each row has the SKOS match type, the code and its label, the SEMAPV
justification, the date the code was checked, and a comment that says how it was verified. Two
extension slots (declared in each file's ``extension_definitions``, as the SSSOM specification
asks) carry what SSSOM has no slot for: ``verification_status`` (``mgo:Verified``,
``mgo:CrossReferenceOnly`` or ``mgo:Unverified``) and ``object_code`` (the code users see when
the IRI uses another identifier, as ICD-11 does).

The exported table (``medgraph export --format sssom``, ``medgraph.sssom.tsv`` in a release) is
for other tools, so it holds standard slots only: sssom-py, the reference implementation, drops
every column it does not know when it reads a table, declared extensions included
(mapping-commons/sssom-py#583), and a round trip through it would lose the two. The export
carries them in SSSOM's standard ``other`` slot instead, as ``key=value`` pairs separated by
``|`` (``verification_status=mgo:Verified|object_code=GA15.6``); the reader here takes them back
from there. The mapping date is written once, in the rows (where each mapping's date belongs):
a header ``mapping_date`` is read by YAML as a date object, which sssom-py cannot write as JSON.

The reader is strict on purpose: a malformed row, an unknown prefix or a non-standard IRI
prefix is an :class:`~medgraph.errors.InputError` naming file and line, because a mapping that is
silently misread ends up as a wrong code in the graph. Rows whose status is ``mgo:Unverified``
never become triples and are never exported; by default they live in a file of their own
(``*.unverified.sssom.tsv``) that :func:`load_mappings` skips.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import URIRef

from medgraph.codesystems import CODE_SYSTEMS, CodeSystem
from medgraph.curie import converter, expand
from medgraph.errors import InputError
from medgraph.namespaces import DATA, MGO, RDF, RDFS, SKOS, XSD

__all__ = [
    "ASSERTED_STATUSES",
    "EXPORT_COLUMNS",
    "EXTENSION_SLOTS",
    "JUSTIFICATIONS",
    "MATCH_PREDICATES",
    "REQUIRED_COLUMNS",
    "REQUIRED_METADATA",
    "SSSOM_PREFIXES",
    "STATUSES",
    "UNVERIFIED_SUFFIX",
    "MappingRow",
    "MappingSet",
    "export_sssom",
    "label_conflicts",
    "load_mapping_file",
    "load_mappings",
    "mapping_rows",
]

# Prefixes SSSOM itself uses (predicates, justifications, extension types).
SSSOM_PREFIXES: dict[str, str] = {
    "skos": str(SKOS),
    "semapv": "https://w3id.org/semapv/vocab/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "linkml": "https://w3id.org/linkml/",
    "sssom": "https://w3id.org/sssom/",
}

MATCH_PREDICATES: dict[str, URIRef] = {
    "skos:exactMatch": SKOS.exactMatch,
    "skos:closeMatch": SKOS.closeMatch,
    "skos:broadMatch": SKOS.broadMatch,
    "skos:narrowMatch": SKOS.narrowMatch,
    "skos:relatedMatch": SKOS.relatedMatch,
}
# The SEMAPV mapping justifications (https://w3id.org/semapv/vocab/).
JUSTIFICATIONS = frozenset(
    f"semapv:{name}"
    for name in (
        "BackgroundKnowledgeBasedMatching",
        "CompositeMatching",
        "InstanceBasedMatching",
        "LexicalMatching",
        "LexicalSimilarityThresholdMatching",
        "LogicalReasoning",
        "ManualMappingCuration",
        "MappingChaining",
        "MappingInversion",
        "MappingReview",
        "SemanticSimilarityThresholdMatching",
        "StructuralMatching",
        "UnspecifiedMatching",
    )
)

STATUSES: dict[str, URIRef] = {
    "mgo:Verified": MGO.Verified,
    "mgo:CrossReferenceOnly": MGO.CrossReferenceOnly,
    "mgo:Unverified": MGO.Unverified,
}
ASSERTED_STATUSES = frozenset({"mgo:Verified", "mgo:CrossReferenceOnly"})
"""The statuses whose mappings the graph asserts; ``mgo:Unverified`` rows stay in the tables."""

UNVERIFIED_SUFFIX = ".unverified.sssom.tsv"
REQUIRED_METADATA = ("curie_map", "mapping_set_id", "license")
REQUIRED_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "author_id",
    "mapping_date",
    "confidence",
    "comment",
    "verification_status",
)
EXTENSION_SLOTS = ("verification_status", "object_code")
"""medgraph's extension slots: columns of its own tables, pairs in ``other`` when exported."""
# Column order of an exported table: SSSOM's slot order; ``other`` carries the extension slots.
EXPORT_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "author_id",
    "author_label",
    "mapping_date",
    "confidence",
    "object_source",
    "object_source_version",
    "see_also",
    "other",
    "comment",
)
_EXPORT_COMMENT = (
    "Each row's 'other' slot holds medgraph's extension slots as key=value pairs: "
    "verification_status (mgo:Verified: the code and its label were seen together in the source "
    "the comment names; mgo:CrossReferenceOnly: the code was seen only as another resource's "
    "cross-reference) and, where the code users see is not the IRI's local part (ICD-11), "
    "object_code."
)


@dataclass(frozen=True)
class MappingRow:
    """One mapping: a medgraph entity, a SKOS match type and a code of another system."""

    subject_id: str
    subject_label: str
    predicate_id: str
    object_id: str
    object_label: str
    mapping_justification: str
    mapping_date: str
    confidence: float
    comment: str
    verification_status: str
    subject_iri: URIRef
    object_iri: URIRef
    path: Path
    line: int
    values: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def prefix(self) -> str:
        return self.object_id.split(":", 1)[0]

    @property
    def code(self) -> str:
        """The local identifier of the object CURIE."""
        return self.object_id.split(":", 1)[1]

    @property
    def system(self) -> CodeSystem:
        return CODE_SYSTEMS[self.prefix]

    @property
    def code_value(self) -> str:
        """The code users see: ``object_code`` when the row gives one, else the local id."""
        return self.values.get("object_code") or self.system.notation_prefix + self.code

    @property
    def source_version(self) -> str:
        return self.values.get("object_source_version", "")

    @property
    def asserted(self) -> bool:
        return self.verification_status in ASSERTED_STATUSES

    @property
    def where(self) -> str:
        """File and line, relative to the working folder when the file is under it."""
        try:
            shown = self.path.resolve().relative_to(Path.cwd())
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}"


@dataclass
class MappingSet:
    """One SSSOM table: its metadata block, its columns and its rows."""

    path: Path
    metadata: dict[str, Any]
    columns: list[str]
    rows: list[MappingRow]

    @property
    def unverified_file(self) -> bool:
        return self.path.name.endswith(UNVERIFIED_SUFFIX)


def _fail(path: Path, line: int | None, message: str) -> InputError:
    return InputError(f"{path}{f':{line}' if line else ''}: {message}")


def _read_text(path: Path) -> str:
    from medgraph.files import read_input

    data = read_input(path, "give SSSOM .tsv files")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputError(f"{path}: the file is not UTF-8 (re-save it as UTF-8)") from None


def _metadata(path: Path, lines: list[str]) -> dict[str, Any]:
    import yaml

    block = "\n".join(line[1:] for line in lines)
    try:
        metadata = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise _fail(path, line, f"the metadata block is not valid YAML: {exc}") from None
    if not isinstance(metadata, dict):
        raise _fail(path, 1, "the metadata block (the leading # lines) must be a YAML mapping")
    missing = [key for key in REQUIRED_METADATA if not metadata.get(key)]
    if missing:
        raise _fail(path, 1, f"the metadata block lacks {', '.join(missing)}")
    curie_map = metadata["curie_map"]
    if not isinstance(curie_map, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in curie_map.items()
    ):
        raise _fail(path, 1, "curie_map must map each prefix to its IRI prefix")
    return metadata


def _check_curie_map(path: Path, curie_map: Mapping[str, str]) -> dict[str, str]:
    """Accept only standard prefixes: medgraph's own, SSSOM's, and the bioregistry's.

    A table may not give a prefix an IRI prefix of its own: its CURIEs are then expanded with
    medgraph's converter, and mean in the graph what they mean everywhere else in medgraph."""
    standard = converter().bimap  # canonical prefixes only: a synonym is not a standard prefix
    for prefix, uri in curie_map.items():
        expected = standard.get(prefix, SSSOM_PREFIXES.get(prefix))
        if expected is None:
            known = ", ".join(sorted(CODE_SYSTEMS))
            raise _fail(
                path,
                1,
                f"curie_map prefix {prefix!r} is not a code system medgraph knows; use one of the "
                f"bioregistry prefixes {known}, or add the system to medgraph.link.CODE_SYSTEMS",
            )
        if uri != expected:
            raise _fail(
                path,
                1,
                f"curie_map gives {prefix!r} the IRI prefix {uri!r}; the standard one is "
                f"{expected!r}: use it",
            )
    return {**SSSOM_PREFIXES, **curie_map}


def _expand(path: Path, line: int, curie: str, prefix_map: Mapping[str, str], what: str) -> URIRef:
    """The IRI of a row's CURIE, whose prefix the table's curie_map must declare."""
    prefix, sep, local = curie.partition(":")
    iri = expand(curie) if sep and local and prefix in prefix_map else None
    if iri is None:
        raise _fail(path, line, f"{what} {curie!r} is not a CURIE with a prefix from the curie_map")
    return URIRef(iri)


def _other_pairs(path: Path, line: int, text: str) -> dict[str, str]:
    """SSSOM's ``other`` slot read as ``key=value`` pairs separated by ``|``."""
    pairs: dict[str, str] = {}
    for item in text.split("|"):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _fail(path, line, f"other {text!r} is not a list of key=value pairs split by |")
        pairs[key.strip()] = value.strip()
    return pairs


def _row(
    path: Path, line: int, values: dict[str, str], prefix_map: Mapping[str, str]
) -> MappingRow:
    if values.get("other"):
        pairs = _other_pairs(path, line, values["other"])
        for slot in EXTENSION_SLOTS:
            if slot in pairs and slot not in values and pairs[slot]:
                values[slot] = pairs[slot]
    missing = [c for c in REQUIRED_COLUMNS if c != "object_label" and not values.get(c)]
    if missing:
        raise _fail(path, line, f"the row has no {', '.join(missing)}")
    status = values["verification_status"]
    if status not in STATUSES:
        raise _fail(
            path, line, f"verification_status {status!r} is not one of {', '.join(STATUSES)}"
        )
    if status == "mgo:Verified" and not values.get("object_label"):
        raise _fail(
            path, line, "a verified mapping has an object_label (the label seen with the code)"
        )
    predicate = values["predicate_id"]
    if predicate not in MATCH_PREDICATES:
        raise _fail(
            path, line, f"predicate_id {predicate!r} is not one of {', '.join(MATCH_PREDICATES)}"
        )
    justification = values["mapping_justification"]
    if justification not in JUSTIFICATIONS:
        raise _fail(
            path,
            line,
            f"mapping_justification {justification!r} is not a SEMAPV term "
            "(for example semapv:ManualMappingCuration)",
        )
    try:
        date.fromisoformat(values["mapping_date"])
    except ValueError:
        raise _fail(
            path, line, f"mapping_date {values['mapping_date']!r} is not a YYYY-MM-DD date"
        ) from None
    try:
        confidence = float(values["confidence"])
    except ValueError:
        confidence = -1.0
    if not 0.0 <= confidence <= 1.0:
        raise _fail(path, line, f"confidence {values['confidence']!r} is not a number from 0 to 1")
    subject_prefix = values["subject_id"].split(":", 1)[0]
    if subject_prefix not in DATA:
        raise _fail(
            path,
            line,
            f"subject_id {values['subject_id']!r} is not a medgraph entity "
            "(condition:, riskfactor:, sign:, diagnostic:, treatment:, drug:, outcome:, ...)",
        )
    object_prefix = values["object_id"].split(":", 1)[0]
    if object_prefix not in CODE_SYSTEMS:
        raise _fail(
            path, line, f"object_id {values['object_id']!r} is not in a code system medgraph knows"
        )
    return MappingRow(
        subject_id=values["subject_id"],
        subject_label=values["subject_label"],
        predicate_id=predicate,
        object_id=values["object_id"],
        object_label=values.get("object_label", ""),
        mapping_justification=justification,
        mapping_date=values["mapping_date"],
        confidence=confidence,
        comment=values["comment"],
        verification_status=status,
        subject_iri=_expand(path, line, values["subject_id"], prefix_map, "subject_id"),
        object_iri=_expand(path, line, values["object_id"], prefix_map, "object_id"),
        path=path,
        line=line,
        values=dict(values),
    )


def load_mapping_file(path: Path | str) -> MappingSet:
    """Read one SSSOM table; raise :class:`InputError` (file and line) when it is malformed."""
    path = Path(path)
    text = _read_text(path)
    lines = text.splitlines()
    header_count = 0
    while header_count < len(lines) and lines[header_count].startswith("#"):
        header_count += 1
    metadata = _metadata(path, lines[:header_count])
    prefix_map = _check_curie_map(path, metadata["curie_map"])
    reader = csv.reader(io.StringIO("\n".join(lines[header_count:])), delimiter="\t")
    try:
        columns = next(reader)
    except StopIteration:
        raise _fail(path, header_count + 1, "the table has no header row") from None
    carried = set(EXTENSION_SLOTS) if "other" in columns else set()
    absent = [c for c in REQUIRED_COLUMNS if c not in columns and c not in carried]
    if absent:
        raise _fail(path, header_count + 1, f"the table lacks the columns {', '.join(absent)}")
    rows: list[MappingRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for offset, cells in enumerate(reader, start=header_count + 2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            raise _fail(path, offset, f"the row has {len(cells)} cells for {len(columns)} columns")
        values = {c: v.strip() for c, v in zip(columns, cells, strict=False) if v.strip()}
        row = _row(path, offset, values, prefix_map)
        key = (row.subject_id, row.predicate_id, row.object_id)
        if key in seen:
            raise _fail(path, offset, f"the same mapping is on line {seen[key]} too: merge them")
        seen[key] = offset
        rows.append(row)
    return MappingSet(path=path, metadata=metadata, columns=list(columns), rows=rows)


def load_mappings(
    paths: Sequence[Path | str] | None = None, *, include_unverified: bool = False
) -> list[MappingSet]:
    """Read SSSOM tables: the given files, or the shipped ones.

    The shipped ``*.unverified.sssom.tsv`` files are skipped unless ``include_unverified``; files
    named explicitly are always read.
    """
    if paths is None:
        from medgraph import resources

        files = [
            p
            for p in resources.mapping_files()
            if include_unverified or not p.name.endswith(UNVERIFIED_SUFFIX)
        ]
    else:
        files = [Path(p) for p in paths]
    return [load_mapping_file(path) for path in files]


def mapping_rows(sets: Iterable[MappingSet]) -> list[MappingRow]:
    """Every row of the tables, in file order."""
    return [row for mapping_set in sets for row in mapping_set.rows]


def label_conflicts(rows: Iterable[MappingRow]) -> list[tuple[MappingRow, MappingRow]]:
    """Rows that give a code another label or code value than its first row did, each paired
    with that first row.

    One code is one MedicalCode node in the graph, so it can carry only one label and one code
    value: the triples refuse such tables and the check reports them."""
    first: dict[str, MappingRow] = {}
    conflicts = []
    for row in rows:
        other = first.setdefault(row.object_id, row)
        if other is not row and (
            other.object_label != row.object_label or other.code_value != row.code_value
        ):
            conflicts.append((other, row))
    return conflicts


def _yaml_block(metadata: Mapping[str, Any]) -> str:
    import yaml

    text = yaml.safe_dump(
        dict(metadata), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return "".join(f"#{line}\n" for line in text.splitlines())


def _other(path: Path, line: int, values: Mapping[str, str]) -> str:
    """The row's ``other`` slot: its own pairs, then medgraph's extension slots."""
    pairs = _other_pairs(path, line, values["other"]) if values.get("other") else {}
    for slot in EXTENSION_SLOTS:
        if values.get(slot):
            pairs[slot] = values[slot]
    for key, value in pairs.items():
        if "|" in value or "=" in key:
            raise _fail(
                path, line, f"{key} {value!r} cannot be written in 'other' (it holds | or =)"
            )
    return "|".join(f"{key}={value}" for key, value in pairs.items())


def export_sssom(sets: Sequence[MappingSet]) -> str:
    """The asserted mappings of all tables as one SSSOM TSV (metadata block, then rows), in
    standard slots only, so that sssom-py reads back every column (see the module docstring)."""
    asserted_sets = [s for s in sets if any(row.asserted for row in s.rows)]
    rows = sorted(
        (row for row in mapping_rows(asserted_sets) if row.asserted),
        key=lambda r: (r.subject_id, r.object_id, r.predicate_id),
    )
    curie_map: dict[str, str] = {}
    for mapping_set in asserted_sets:
        curie_map.update(mapping_set.metadata["curie_map"])
    if len(asserted_sets) == 1:
        metadata = dict(asserted_sets[0].metadata)
    else:
        metadata = {
            "mapping_set_id": "https://w3id.org/medgraph/mappings/medgraph.sssom.tsv",
            "mapping_set_title": "medgraph mappings to other code systems",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "mapping_provider": "https://w3id.org/medgraph",
        }
    # The rows carry each mapping's date; the extension slots travel in 'other'.
    for key in ("mapping_date", "extension_definitions"):
        metadata.pop(key, None)
    metadata["comment"] = _EXPORT_COMMENT
    metadata["curie_map"] = dict(sorted(curie_map.items()))
    metadata = {"curie_map": metadata.pop("curie_map"), **metadata}
    cells = [{**row.values, "other": _other(row.path, row.line, row.values)} for row in rows]
    columns = [c for c in EXPORT_COLUMNS if any(values.get(c) for values in cells)]
    buffer = io.StringIO()
    buffer.write(_yaml_block(metadata))
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(columns)
    for values in cells:
        writer.writerow([values.get(column, "") for column in columns])
    return buffer.getvalue()
