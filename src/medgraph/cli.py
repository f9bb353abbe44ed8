"""The ``medgraph`` command: a thin click layer over the stage modules.

Results go to stdout, messages to stderr. A user's mistake ends in one ``error:`` line and a
documented exit code (see :class:`medgraph.errors.ExitCode`); ``--stacktrace`` shows the
traceback for the curious. Heavy libraries are imported inside the commands that need them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from medgraph import __version__
from medgraph.errors import ExitCode, MedgraphError

F = TypeVar("F", bound=Callable[..., Any])

# Choices are spelled out here so that ``--help`` needs no heavy import; a test checks that
# they match the registries in the stage modules.
EXPORT_FORMAT_NAMES = ("ttl", "jsonld", "nt", "xml", "sssom")
REPORT_FORMAT_NAMES = ("text", "json", "turtle")
RESULT_FORMAT_NAMES = ("table", "csv", "tsv", "json")

stacktrace_option = click.option(
    "--stacktrace", is_flag=True, help="Show the Python traceback of an error (for bug reports)."
)
force_option = click.option("--force", is_flag=True, help="Replace an existing output file.")
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (atomically) instead of stdout.",
)
allow_remote_option = click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow input that fetches remote documents (JSON-LD contexts, DTDs). Off by default.",
)


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Turn medgraph's errors into one clear line and their exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        stacktrace = kwargs.pop("stacktrace", False)
        try:
            return func(*args, **kwargs)
        except MedgraphError as exc:
            if stacktrace:
                raise
            _fail(str(exc), int(exc.exit_code))
        except KeyboardInterrupt:
            _fail("interrupted; no output was left half-written", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)

    return stacktrace_option(wrapper)  # type: ignore[return-value]


def _emit(data: bytes | str, output: Path | None, force: bool) -> None:
    from medgraph.atomic import atomic_write

    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        atomic_write(output, payload, force=force)
        click.echo(f"wrote {output} ({len(payload):,} bytes)", err=True)


def _load(paths: Sequence[Path], allow_remote: bool = False):  # type: ignore[no-untyped-def]
    from medgraph.load import load_default_graph, load_files

    if paths:
        return load_files(list(paths), allow_remote=allow_remote)
    return load_default_graph()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medgraph")
def main() -> None:
    """medgraph: a cited, validated knowledge graph of medical conditions.

    \b
    Exit codes: 0 success; 1 findings (SHACL violations, inconsistency,
    failed mapping check); 2 unusable input (missing file, syntax error,
    unknown format, bad query or parameter); 3 output not written;
    4 SPARQL endpoint failed; 5 missing tool (e.g. Java for the reasoner).
    """


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder of the release (replaced whole, atomically).",
)
@handle_errors
def build(out_dir: Path) -> None:
    """Load, validate and release the graph: Turtle, JSON-LD, N-Triples, RDF/XML, manifest."""
    from medgraph.load import load_default_graph
    from medgraph.query import format_result, quality_checks
    from medgraph.release import build_release
    from medgraph.validate import render_report, validate_graph

    graph = load_default_graph()
    report = validate_graph(graph)
    if not report.conforms:
        click.echo(render_report(report, "text"), err=True, nl=False)
        _fail("the graph does not conform to the shapes; nothing was released", ExitCode.FINDINGS)
    failed = {name: result for name, result in quality_checks(graph).items() if result.rows}
    for name, result in failed.items():
        click.echo(f"quality check {name} found {len(result.rows)} defect(s):", err=True)
        click.echo(format_result(result, "table"), err=True, nl=False)
    if failed:
        _fail("quality checks failed; nothing was released", ExitCode.FINDINGS)
    summary = build_release(out_dir, graph, validation_report=report.report_graph)
    counts = report.counts()
    click.echo(
        f"medgraph {__version__}: {summary.triples:,} triples, "
        f"{counts['Violation']} violations, {counts['Warning']} warnings"
    )
    width = max(len(name) for name in summary.class_counts) if summary.class_counts else 0
    for name, count in summary.class_counts.items():
        click.echo(f"  {name.ljust(width)}  {count:>5}")
    click.echo(f"released to {summary.out_dir}/:")
    for name, digest in sorted(summary.files.items()):
        size = (summary.out_dir / name).stat().st_size
        click.echo(f"  {name:<28} {size:>9,} bytes  sha256 {digest[:16]}…")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMAT_NAMES), default="text", show_default=True
)
@click.option(
    "--shapes",
    "shapes_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Validate against these shapes instead of medgraph's (repeatable).",
)
@allow_remote_option
@handle_errors
def validate(
    paths: tuple[Path, ...], fmt: str, shapes_paths: tuple[Path, ...], allow_remote: bool
) -> None:
    """Validate the shipped graph, or your own RDF files (PATH ...), against the shapes.

    Exit 0 when valid (warnings allowed), 1 when there are violations, 2 when an input is
    unusable.
    """
    from medgraph.load import load_files
    from medgraph.validate import render_report, validate_graph

    graph = _load(paths, allow_remote)
    shapes = load_files(list(shapes_paths)) if shapes_paths else None
    report = validate_graph(graph, shapes)
    click.echo(render_report(report, fmt), nl=False)
    sys.exit(ExitCode.OK if report.conforms else ExitCode.FINDINGS)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMAT_NAMES), default="ttl", show_default=True
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@output_option
@force_option
@allow_remote_option
@handle_errors
def export(
    fmt: str, paths: tuple[Path, ...], output: Path | None, force: bool, allow_remote: bool
) -> None:
    """Export the shipped graph (or PATH ... files) as Turtle, JSON-LD, N-Triples, RDF/XML or SSSOM."""
    if fmt == "sssom":
        from medgraph import link

        _emit(link.export_sssom(link.load_mappings()), output, force)
        return
    from medgraph.release import serialize

    _emit(serialize(_load(paths, allow_remote), fmt), output, force)


def _parse_params(values: Sequence[str]) -> dict[str, str]:
    from medgraph.errors import QueryError

    params: dict[str, str] = {}
    for item in values:
        if "=" not in item:
            raise QueryError(f"--param {item!r}: write it as NAME=VALUE")
        name, value = item.split("=", 1)
        params[name.strip()] = value
    return params


@main.command()
@click.argument("name", required=False)
@click.option(
    "--sparql", "sparql_text", default=None, help="Run this SPARQL text instead of a named query."
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a query parameter (repeatable).",
)
@click.option(
    "--format", "fmt", type=click.Choice(RESULT_FORMAT_NAMES), default="table", show_default=True
)
@click.option(
    "--list", "list_only", is_flag=True, help="List the named queries and their parameters."
)
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Query these RDF files instead of the shipped graph (repeatable).",
)
@output_option
@force_option
@handle_errors
def query(
    name: str | None,
    sparql_text: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_only: bool,
    data_paths: tuple[Path, ...],
    output: Path | None,
    force: bool,
) -> None:
    """Run a named query (NAME), a query file (FILE.rq) or --sparql TEXT on the graph."""
    from medgraph.errors import QueryError
    from medgraph.query import NamedQuery, format_result, get_query, list_queries, run_query

    if list_only:
        for named in list_queries():
            click.echo(f"{named.name}: {named.title}")
            for parameter in named.parameters:
                default = f" (default {parameter.default})" if parameter.default else ""
                click.echo(f"    --param {parameter.name}=<{parameter.type}>{default}")
        return
    if (name is None) == (sparql_text is None):
        raise QueryError(
            "give a query NAME or FILE, or --sparql TEXT (one of them); see 'medgraph query --list'"
        )
    if sparql_text is not None:
        named = NamedQuery(name="--sparql", path=Path("--sparql"), text=sparql_text)
    else:
        named = get_query(name)  # type: ignore[arg-type]
    graph = _load(data_paths)
    result = run_query(graph, named, _parse_params(params))
    _emit(format_result(result, fmt), output, force)


@main.command()
@handle_errors
def info() -> None:
    """What the shipped graph holds: version, triple count, nodes by class, files."""
    from medgraph import resources
    from medgraph.load import load_default_graph
    from medgraph.release import class_counts

    graph = load_default_graph()
    click.echo(f"medgraph {__version__}")
    click.echo(f"resources: {resources.resource_root()}")
    click.echo(f"triples: {len(graph):,}")
    counts = class_counts(graph)
    width = max((len(n) for n in counts), default=0)
    click.echo("nodes by class:")
    for cls, count in counts.items():
        click.echo(f"  {cls.ljust(width)}  {count:>5}")


if __name__ == "__main__":  # pragma: no cover
    main()
