"""HPO terms and annotations as N-Triples lines, in medgraph's model (docs/opendata.md).

The import writes some three million triples; building them as rdflib terms would take
minutes and gigabytes, so this module writes N-Triples text directly, one line per triple,
with the escaping the format requires. Every IRI is either a fixed namespace plus a checked
local id, or a reference IRI made safe by percent-encoding the characters IRIs forbid.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from medgraph import curie
from medgraph.opendata.frequency import Frequency
from medgraph.opendata.hpoa import Annotation
from medgraph.opendata.obo import OboTerm

__all__ = [
    "ASPECT_PREDICATES",
    "NEGATED_PREDICATE",
    "alternative_name_triples",
    "annotation_triples",
    "claim_iri",
    "condition_iri",
    "condition_triples",
    "decimal_text",
    "hp_iri",
    "iri",
    "literal",
    "reference_iri",
    "term_triples",
]

MGO = "https://w3id.org/medgraph/ontology/"
ID = "https://w3id.org/medgraph/id/"
CONDITION = ID + "condition/"
CLAIM = ID + "claim/"
SOURCE = ID + "source/"
OBO = "http://purl.obolibrary.org/obo/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OIO = "http://www.geneontology.org/formats/oboInOwl#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
BIOLINK = "https://w3id.org/biolink/vocab/"

ONTOLOGY_SOURCE = SOURCE + "hpo-ontology"
ANNOTATION_SOURCE = SOURCE + "hpo-annotations"
KNOWLEDGE_SOURCE = "infores:hpo-annotations"

ASPECT_PREDICATES = {
    "P": ("hasSignOrSymptom", "has sign or symptom"),
    "I": ("hasInheritancePattern", "has inheritance pattern"),
    "C": ("hasClinicalCourse", "has clinical course"),
    "M": ("hasClinicalModifier", "has clinical modifier"),
    "H": ("hasPastMedicalHistory", "has past medical history"),
}
"""The relation each aspect of phenotype.hpoa gives, and its words in a claim's label."""
NEGATED_PREDICATE = ("lacksSignOrSymptom", "lacks sign or symptom")
"""The relation of a NOT row of aspect P; NOT rows of other aspects are not imported."""

EVIDENCE = {
    "PCS": ("ECO_0006017", "knowledge_assertion", "manual_agent"),
    "TAS": ("ECO_0000304", "knowledge_assertion", "manual_agent"),
    "IEA": ("ECO_0000501", "knowledge_assertion", "automated_agent"),
}
"""Evidence code -> ECO class, Biolink knowledge level, Biolink agent type."""

SYNONYM_PREDICATES = {
    "EXACT": OIO + "hasExactSynonym",
    "RELATED": OIO + "hasRelatedSynonym",
    "BROAD": OIO + "hasBroadSynonym",
    "NARROW": OIO + "hasNarrowSynonym",
}
DISEASE_SYSTEMS = {"OMIM": "omim", "ORPHA": "orpha", "DECIPHER": "decipher"}
REFERENCE_SYSTEMS = {**DISEASE_SYSTEMS, "PMID": "pubmed"}
_HP = re.compile(r"^HP:(\d{7})$")
_LOCAL = re.compile(r"^[A-Za-z0-9]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IRI_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def iri(value: str) -> str:
    """An IRI in N-Triples."""
    return f"<{value}>"


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Triples, escaped."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def decimal_text(frequency: Frequency) -> str:
    """The frequency's value as an xsd:decimal lexical form (``0.5``, ``1.0``)."""
    text = format(frequency.value.normalize(), "f")
    return text if "." in text else text + ".0"


def hp_iri(curie_text: str) -> str | None:
    """The OBO PURL of an ``HP:nnnnnnn`` id, or None when it is not one."""
    match = _HP.match(curie_text)
    return f"{OBO}HP_{match[1]}" if match else None


def condition_iri(database_id: str) -> str:
    """``OMIM:619340`` -> https://w3id.org/medgraph/id/condition/omim-619340."""
    prefix, _, local = database_id.partition(":")
    return f"{CONDITION}{prefix.lower()}-{local.lower()}"


def claim_iri(cells: Iterable[str]) -> str:
    """The claim of a row: ``claim:hpo-`` and 16 hex digits of the SHA-256 of its cells."""
    digest = hashlib.sha256("\t".join(cells).encode("utf-8")).hexdigest()
    return f"{CLAIM}hpo-{digest[:16]}"


def reference_iri(reference: str) -> str | None:
    """The IRI of a reference cell (PMID:, OMIM:, ORPHA:, DECIPHER:, ISBN..., a URL), or
    None for a form this importer does not know."""
    prefix, colon, local = reference.partition(":")
    if colon and prefix in REFERENCE_SYSTEMS and _LOCAL.match(local):
        return curie.expand(f"{REFERENCE_SYSTEMS[prefix]}:{local}")
    if colon and prefix in ("ISBN", "ISBN-10", "ISBN-13"):
        digits = re.sub(r"[^0-9Xx]", "", local)
        return f"urn:isbn:{digits.upper()}" if digits else None
    if reference.startswith(("http://", "https://")):
        return quote(reference, safe=_IRI_SAFE)
    return None


@dataclass
class Triples:
    """Triples with one subject, as N-Triples lines."""

    subject: str
    lines: list[str]

    def add(self, predicate: str, obj: str) -> None:
        self.lines.append(f"<{self.subject}> <{predicate}> {obj} .\n")


def term_triples(term: OboTerm) -> list[str]:
    """The triples of one HP term (docs/opendata.md, "Phenotype terms")."""
    subject = hp_iri(term.id)
    if subject is None:
        return []
    out = Triples(subject, [])
    out.add(RDF_TYPE, iri(MGO + "PhenotypicFeature"))
    out.add(OIO + "id", literal(term.id))
    if term.name:
        out.add(RDFS + "label", literal(term.name, lang="en"))
        out.add(SKOS + "prefLabel", literal(term.name, lang="en"))
    if term.definition:
        out.add(SKOS + "definition", literal(term.definition, lang="en"))
    if term.comment:
        out.add(RDFS + "comment", literal(term.comment, lang="en"))
    for synonym in term.synonyms:
        out.add(SYNONYM_PREDICATES[synonym.scope], literal(synonym.text, lang="en"))
        if synonym.type == "layperson":
            out.add(MGO + "laySynonym", literal(synonym.text, lang="en"))
    for parent in term.is_a:
        parent_iri = hp_iri(parent)
        if parent_iri:
            out.add(SKOS + "broader", iri(parent_iri))
    for xref in term.xrefs:
        out.add(OIO + "hasDbXref", literal(xref))
    for alt in term.alt_ids:
        out.add(OIO + "hasAlternativeId", literal(alt))
    if term.obsolete:
        out.add(OWL + "deprecated", literal("true", datatype=XSD + "boolean"))
    for replacement in term.replaced_by:
        target = hp_iri(replacement)
        if target:
            out.add(OBO + "IAO_0100001", iri(target))
    for candidate in term.consider:
        target = hp_iri(candidate)
        if target:
            out.add(OIO + "consider", iri(target))
    out.add(PROV + "wasDerivedFrom", iri(ONTOLOGY_SOURCE))
    return out.lines


def condition_triples(database_id: str, name: str) -> list[str]:
    """The triples of one imported condition (docs/opendata.md, "Conditions")."""
    out = Triples(condition_iri(database_id), [])
    out.add(RDF_TYPE, iri(MGO + "ImportedCondition"))
    out.add(RDFS + "label", literal(name, lang="en"))
    out.add(SKOS + "prefLabel", literal(name, lang="en"))
    out.add(SKOS + "notation", literal(database_id))
    prefix, _, local = database_id.partition(":")
    standard = curie.expand(f"{DISEASE_SYSTEMS[prefix]}:{local}")
    if standard:
        out.add(SKOS + "exactMatch", iri(standard))
    out.add(PROV + "wasDerivedFrom", iri(ANNOTATION_SOURCE))
    return out.lines


def alternative_name_triples(database_id: str, name: str) -> list[str]:
    """Another name the source gives the same disease code in a later row."""
    out = Triples(condition_iri(database_id), [])
    out.add(SKOS + "altLabel", literal(name, lang="en"))
    return out.lines


def predicate_of(row: Annotation) -> tuple[str, str] | None:
    """The relation (local name, words) a row gives, or None for a NOT row outside aspect P."""
    if row.negated:
        return NEGATED_PREDICATE if row.aspect == "P" else None
    return ASPECT_PREDICATES[row.aspect]


def annotation_triples(row: Annotation, term_label: str, references: list[str]) -> Iterator[str]:
    """The direct edge and the claim of one row (docs/opendata.md, "Annotations").

    ``references`` are the IRIs of the row's references (see :func:`reference_iri`); the
    caller writes the reference nodes once each."""
    relation = predicate_of(row)
    if relation is None:
        return
    local, words = relation
    predicate = MGO + local
    subject, obj = condition_iri(row.database_id), hp_iri(row.hpo_id)
    if obj is None:
        return
    yield f"<{subject}> <{predicate}> <{obj}> .\n"
    out = Triples(claim_iri(row.cells), [])
    out.add(RDF_TYPE, iri(MGO + "ImportedClaim"))
    out.add(RDFS + "label", literal(f"{row.disease_name} {words} {term_label}", lang="en"))
    out.add(MGO + "claimSubject", iri(subject))
    out.add(MGO + "claimPredicate", iri(predicate))
    out.add(MGO + "claimObject", iri(obj))
    for reference in references:
        out.add(MGO + "supportedBy", iri(reference))
    eco, level, agent = EVIDENCE[row.evidence]
    out.add(MGO + "certainty", iri(MGO + "Asserted"))
    out.add(MGO + "evidenceType", iri(OBO + eco))
    out.add(BIOLINK + "knowledge_level", literal(level))
    out.add(BIOLINK + "agent_type", literal(agent))
    out.add(BIOLINK + "primary_knowledge_source", literal(KNOWLEDGE_SOURCE))
    if row.frequency is not None:
        term = hp_iri(row.frequency.term) if row.frequency.term else None
        written = iri(term) if term else literal(row.frequency.as_written)
        out.add(MGO + "sourceFrequency", written)
        out.add(
            MGO + "frequencyValue", literal(decimal_text(row.frequency), datatype=XSD + "decimal")
        )
    onset = hp_iri(row.onset) if row.onset else None
    if onset:
        out.add(MGO + "onset", iri(onset))
    if row.sex:
        out.add(MGO + "sex", literal(row.sex))
    for modifier in row.modifiers:
        modifier_iri = hp_iri(modifier)
        if modifier_iri:
            out.add(MGO + "modifier", iri(modifier_iri))
    for curator in sorted({c.curator for c in row.biocuration if c.curator}):
        out.add(DCTERMS + "creator", literal(curator))
    for date in sorted({c.date for c in row.biocuration if c.date}):
        datatype = XSD + "date" if _DATE.match(date) else None
        out.add(DCTERMS + "date", literal(date, datatype=datatype))
    out.add(PROV + "wasDerivedFrom", iri(ANNOTATION_SOURCE))
    yield from out.lines


def reference_triples(reference_iri_text: str, written: str) -> list[str]:
    """A reference node: its type and the identifier as written, nothing invented."""
    out = Triples(reference_iri_text, [])
    out.add(RDF_TYPE, iri(MGO + "ExternalReference"))
    out.add(DCTERMS + "identifier", literal(written))
    return out.lines
