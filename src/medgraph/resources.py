"""Where medgraph's ontology, data, shapes and queries live.

One place knows this, so a source checkout, an editable install and an installed wheel find the
same files the same way. In a wheel the four folders are packaged under
``medgraph/_resources/``; in a checkout they sit at the repository root. Nothing happens at
import time: the location is resolved when first asked for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = [
    "RESOURCE_KINDS",
    "data_dir",
    "data_files",
    "mapping_files",
    "ontology_dir",
    "ontology_files",
    "queries_dir",
    "resource_root",
    "shapes_dir",
    "shapes_files",
]

RESOURCE_KINDS = ("ontology", "data", "shapes", "queries")
RDF_SUFFIXES = (".ttl",)


@cache
def resource_root() -> Path:
    """Return the folder that holds ``ontology/``, ``data/``, ``shapes/`` and ``queries/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "_resources"
    if all((packaged / kind).is_dir() for kind in RESOURCE_KINDS):
        return packaged
    checkout = here.parent.parent
    if all((checkout / kind).is_dir() for kind in RESOURCE_KINDS):
        return checkout
    raise FileNotFoundError(
        "medgraph cannot find its ontology/, data/, shapes/ and queries/ folders "
        f"(looked in {packaged} and {checkout}); reinstall the package"
    )


def ontology_dir() -> Path:
    return resource_root() / "ontology"


def data_dir() -> Path:
    return resource_root() / "data"


def shapes_dir() -> Path:
    return resource_root() / "shapes"


def queries_dir() -> Path:
    return resource_root() / "queries"


def _sorted_files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file())


def ontology_files() -> list[Path]:
    """The ontology's Turtle files, in a stable order."""
    return _sorted_files(ontology_dir(), "*.ttl")


def data_files() -> list[Path]:
    """The shipped data's Turtle files (mappings are separate: see :func:`mapping_files`)."""
    return [p for p in _sorted_files(data_dir(), "*.ttl") if "mappings" not in p.parts]


def mapping_files() -> list[Path]:
    """The SSSOM mapping tables shipped with the data."""
    return (
        _sorted_files(data_dir() / "mappings", "*.sssom.tsv")
        if (data_dir() / "mappings").is_dir()
        else []
    )


def shapes_files() -> list[Path]:
    """The SHACL shapes files (``*.shacl.ttl``), in a stable order."""
    return _sorted_files(shapes_dir(), "*.ttl")
