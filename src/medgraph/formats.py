"""One registry of RDF formats: name, file suffixes, media type, and the rdflib and Oxigraph names.

Every reader and writer (rdflib, pyoxigraph), the loader's suffix rule, the release's file
names and the CLI's ``--format`` choices read this table, so a format is added in one place.
It imports nothing heavy: ``medgraph --help`` reads the choices from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "DIFF_FORMATS",
    "EXPORT_FORMAT_NAMES",
    "FORMATS",
    "RdfFormat",
    "by_name",
    "by_parser",
    "for_path",
    "input_suffixes",
]


DIFF_FORMATS = ("markdown", "tsv")
"""The formats of ``medgraph diff`` (:mod:`medgraph.diff`): here, so that the CLI lists them
without importing rdflib."""


@dataclass(frozen=True)
class RdfFormat:
    """One RDF syntax, as each tool spells it."""

    name: str
    """The name on the command line and in the release (``ttl``, ``jsonld``, ``nt``, ``xml``)."""
    suffixes: tuple[str, ...]
    """File suffixes read as this format; the first is the one medgraph writes."""
    media_type: str
    rdflib: str
    """rdflib's parser and serialiser name."""
    oxigraph: str
    """The member of ``pyoxigraph.RdfFormat``."""

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def oxigraph_format(self) -> Any:
        """The ``pyoxigraph.RdfFormat`` (imports pyoxigraph)."""
        import pyoxigraph

        return getattr(pyoxigraph.RdfFormat, self.oxigraph)


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("ttl", (".ttl", ".turtle"), "text/turtle", "turtle", "TURTLE"),
    RdfFormat("jsonld", (".jsonld", ".json"), "application/ld+json", "json-ld", "JSON_LD"),
    RdfFormat("nt", (".nt",), "application/n-triples", "nt", "N_TRIPLES"),
    RdfFormat("xml", (".rdf", ".owl", ".xml"), "application/rdf+xml", "xml", "RDF_XML"),
)
"""The RDF formats medgraph reads and writes, in the order the release lists them."""

EXPORT_FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
"""Names of the graph formats of ``export``, ``query`` (CONSTRUCT) and the release."""


def by_name(name: str) -> RdfFormat:
    """The format called ``name`` on the command line; :class:`KeyError` when unknown."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def by_parser(rdflib_name: str) -> RdfFormat:
    """The format rdflib calls ``rdflib_name`` (``turtle``, ``json-ld``, ...)."""
    for fmt in FORMATS:
        if fmt.rdflib == rdflib_name:
            return fmt
    raise KeyError(rdflib_name)


def input_suffixes() -> tuple[str, ...]:
    """Every suffix the loader reads as RDF."""
    return tuple(suffix for fmt in FORMATS for suffix in fmt.suffixes)


def for_path(path: Path) -> RdfFormat | None:
    """The format a file's suffix names, or ``None``."""
    suffix = path.suffix.lower()
    return next((fmt for fmt in FORMATS if suffix in fmt.suffixes), None)
