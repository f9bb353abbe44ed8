"""The ``reason`` command: OWL reasoning over the graph with HermiT or Pellet."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medgraph.cli import main
from medgraph.cli._common import allow_remote_option, force_option, handle_errors, load_graph
from medgraph.errors import ExitCode, OutputError

# Spelled out so that ``--help`` needs no heavy import; a test checks them against
# medgraph.reason.REASONERS.
REASONER_NAMES = ("hermit", "pellet")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--reasoner",
    type=click.Choice(REASONER_NAMES),
    default="hermit",
    show_default=True,
    help="The OWL reasoner; both ship with owlready2 and run on Java (its Pellet needs a "
    "recent Java: see docs/reasoning.md).",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the inferred triples (only those) to this Turtle file, atomically.",
)
@force_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=600.0,
    metavar="SECONDS",
    show_default=True,
    help="Stop the reasoner after this many seconds (0: no limit).",
)
@click.option(
    "--java-memory",
    default=None,
    metavar="SIZE",
    help="Java heap for the reasoner, e.g. 1500m or 4g [default: half the memory, at most 2g].",
)
@click.option(
    "--java",
    "java",
    default=None,
    metavar="PATH",
    help="The java executable [default: $JAVA_HOME/bin/java, else java on the PATH].",
)
@click.option(
    "--by-condition/--whole-graph",
    "modular",
    default=None,
    help="Reason over the ontology once and then condition by condition (the same answer, much "
    "faster on a graph of many conditions), or over the whole graph in one run "
    "[default: by condition when the graph holds more than one condition].",
)
@click.option(
    "--all",
    "list_all",
    is_flag=True,
    help="List every inferred triple (by default, a few examples per class and property).",
)
@click.option(
    "--no-ontology",
    is_flag=True,
    help="With PATH ...: do not add medgraph's ontology to your files.",
)
@allow_remote_option
@handle_errors
def reason(
    paths: tuple[Path, ...],
    reasoner: str,
    out_file: Path | None,
    force: bool,
    timeout: float,
    java_memory: str | None,
    java: str | None,
    modular: bool | None,
    list_all: bool,
    no_ontology: bool,
    allow_remote: bool,
) -> None:
    """Check consistency and list what the OWL reasoner infers beyond the asserted graph.

    Reasons over the shipped graph, or over your RDF files (PATH ...) together with
    medgraph's ontology. Prints the class memberships and property assertions that the
    ontology entails and the graph does not state, in words. Nothing is fetched: owl:imports
    are not followed.

    Exit 0 when consistent, 1 when inconsistent or a class can have no members (with an
    explanation), 5 when Java is missing or the reasoner fails or times out.
    """
    from medgraph.atomic import atomic_write
    from medgraph.loader import load_ontology
    from medgraph.reason import (
        InconsistentOntologyError,
        inferred_turtle,
        reason_graph,
        render_text,
    )

    if out_file is not None and out_file.exists() and not force:
        # Say so before a reasoning run that could take minutes.
        raise OutputError(f"{out_file}: already exists; pass --force to replace it")
    graph = load_graph(paths, allow_remote)
    if paths and not no_ontology:
        graph += load_ontology()
    try:
        result = reason_graph(
            graph,
            reasoner=reasoner,
            java=java,
            java_memory=java_memory,
            timeout=timeout,
            modular=modular,
        )
    except InconsistentOntologyError as exc:
        click.echo(f"consistent: no\n{exc}")
        sys.exit(ExitCode.FINDINGS)
    click.echo(render_text(result, examples=None if list_all else 3), nl=False)
    if out_file is not None:
        data = inferred_turtle(result)
        atomic_write(out_file, data, force=force)
        click.echo(f"wrote {out_file} ({len(data):,} bytes)", err=True)
    sys.exit(ExitCode.FINDINGS if result.unsatisfiable else ExitCode.OK)
