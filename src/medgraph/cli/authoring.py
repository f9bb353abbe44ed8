"""Commands for authors: ``medgraph new condition SLUG`` starts a condition's folder."""

from __future__ import annotations

from pathlib import Path

import click

from medgraph.cli import main
from medgraph.cli._common import handle_errors


@main.group()
def new() -> None:
    """Start something new to author (see docs/authoring.md)."""


@new.command("condition")
@click.argument("slug")
@click.option("--label", default=None, help="The condition's name (default: the slug in words).")
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data") / "conditions",
    show_default=True,
    help="Folder of the conditions; the new one is INTO/SLUG/.",
)
@handle_errors
def new_condition(slug: str, label: str | None, into: Path) -> None:
    """Write the skeleton of a new condition: INTO/SLUG/ with condition.ttl, page.ttl and
    source-page.txt. It validates as it is, with warnings for what is still to fill in."""
    from medgraph.authoring import new_condition as write_skeleton

    skeleton = write_skeleton(slug, label, into)
    click.echo(f"wrote {skeleton.folder}/:")
    for path in skeleton.files:
        click.echo(f"  {path.name}")
    click.echo(
        f"next: paste the page into {skeleton.folder / 'source-page.txt'}, fill in every "
        f"'TO FILL IN' (docs/authoring.md), then run 'medgraph validate {skeleton.folder}'"
    )
