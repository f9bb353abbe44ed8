"""Commands that judge releases: ``diff`` (what changed between two) and ``report`` (a
ROBOT-style quality report)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from medgraph.cli import main
from medgraph.cli._common import (
    allow_remote_option,
    emit,
    engine_option,
    force_option,
    handle_errors,
    output_option,
)
from medgraph.errors import ExitCode
from medgraph.formats import DIFF_FORMATS
from medgraph.report import FAIL_ON_CHOICES, REPORT_FORMATS

if TYPE_CHECKING:
    from medgraph.backends import Descriptor


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(DIFF_FORMATS), default="markdown", show_default=True
)
@output_option
@force_option
@handle_errors
def diff(old: Path, new: Path, fmt: str, output: Path | None, force: bool) -> None:
    """What changed from OLD to NEW: entities, labels, synonyms, claims and their evidence,
    references, and the mappings (SKOS triples, SSSOM rows) in a table of their own.

    OLD and NEW are release folders (medgraph build's output), folders of RDF files and SSSOM
    tables, or single files. Exit 0 when they are the same, 1 when they differ.
    """
    from medgraph.diff import diff_paths, render_diff

    result = diff_paths(old, new)
    emit(render_diff(result, fmt), output, force)
    sys.exit(ExitCode.OK if result.same else ExitCode.FINDINGS)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="tsv", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES, case_sensitive=False),
    default="ERROR",
    show_default=True,
    help="Exit 1 when a row of this level or a more severe one is found ('none': never).",
)
@output_option
@force_option
@allow_remote_option
@engine_option
@handle_errors
def report(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    output: Path | None,
    force: bool,
    allow_remote: bool,
    backend: Descriptor,
) -> None:
    """A ROBOT-style report of the shipped graph (or PATH ... files): one row per problem
    (level, rule, subject, property, value) from ROBOT's standard checks and medgraph's
    quality checks.

    Exit 0 when no row is at the --fail-on level or above, 1 otherwise.
    """
    from medgraph.backends import open_backend
    from medgraph.report import render_report, run_report

    graph = open_backend(backend, paths, allow_remote=allow_remote)
    result = run_report(graph)
    emit(render_report(result, fmt), output, force)
    counts = result.counts()
    click.echo(
        f"{len(result.rules)} rules: " + ", ".join(f"{counts[level]} {level}" for level in counts),
        err=True,
    )
    failing = result.at_or_above(fail_on.upper() if fail_on.lower() != "none" else "none")
    sys.exit(ExitCode.FINDINGS if failing else ExitCode.OK)
