"""``medgraph differential``: which conditions fit these findings, and why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from medgraph.cli import main
from medgraph.cli._common import engine_option, handle_errors

if TYPE_CHECKING:
    from medgraph.backends import Descriptor


@main.command()
@click.argument("findings", nargs=-1, required=True)
@click.option(
    "--absent",
    multiple=True,
    metavar="FINDING",
    help="A finding the patient does not have (repeatable).",
)
@click.option(
    "--sex", type=click.Choice(("male", "female")), default=None, help="The patient's sex."
)
@click.option(
    "--age",
    type=click.FloatRange(min=0, max=150),
    default=None,
    help="The patient's age in years (onsets after it count against a condition).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1, max=1000),
    default=10,
    show_default=True,
    help="How many conditions to show.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
)
@click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Also read this RDF file or folder, beside the shipped graph or --data (an import's "
    "output: `medgraph import hpo --out hpo-import`, then `--with hpo-import/hpo.nt`); repeatable.",
)
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Read these RDF files instead of the shipped graph (repeatable).",
)
@engine_option
@handle_errors
def differential(
    findings: tuple[str, ...],
    absent: tuple[str, ...],
    sex: str | None,
    age: float | None,
    top: int,
    fmt: str,
    extra: tuple[Path, ...],
    data_paths: tuple[Path, ...],
    backend: Descriptor,
) -> None:
    """Rank conditions for FINDING ... (HPO ids such as HP:0030009, IRIs, or words: labels,
    synonyms, lay terms), each with its score and the claims, evidence and references behind
    every match. The conditions are those of the graph: the shipped one with an HPO import
    given with --with (or your files given with --data).

    Exit 0 with an answer, 2 when a finding matches no term (close names are suggested) or an
    input is unusable.
    """
    import sys

    from medgraph.differential.run import differential as run
    from medgraph.differential.run import index_for

    index = index_for(str(backend), list(data_paths) or None, list(extra))
    result = run(list(findings), list(absent), sex=sex, age=age, top=top, index=index)
    sys.stdout.write(result.to_json() if fmt == "json" else result.to_table())
