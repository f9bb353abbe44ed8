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
RESULT_FORMAT_NAMES = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml")
GRAPH_FORMAT_NAMES = ("ttl", "nt", "jsonld", "xml")

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
    from medgraph.errors import InputError
    from medgraph.load import load_default_graph, load_files

    if paths:
        graph = load_files(list(paths), allow_remote=allow_remote)
        if len(graph) == 0:
            raise InputError(f"{', '.join(map(str, paths))}: holds no RDF triples")
        return graph
    return load_default_graph()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medgraph")
def main() -> None:
    """medgraph: a cited, validated knowledge graph of medical conditions.

    \b
    Exit codes: 0 success; 1 findings (SHACL violations, inconsistency,
    failed mapping check); 2 unusable input (missing file, syntax error,
    unknown format, bad query or parameter); 3 output not written;
    4 SPARQL endpoint unreachable; 5 missing tool (e.g. Java for the
    reasoner); 6 endpoint timed out; 7 endpoint answered an HTTP error;
    8 endpoint answered something that is not a SPARQL result.
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
@click.option("--sparql", "sparql_text", default=None, help="Run this SPARQL text instead.")
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a parameter (repeatable)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMAT_NAMES + GRAPH_FORMAT_NAMES),
    default="table",
    show_default=True,
    help="Rows: table, csv, tsv, json, sparql-json, sparql-xml. CONSTRUCT/DESCRIBE: ttl, nt, jsonld, xml.",
)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and parameters.")
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Query these RDF files instead of the shipped graph (repeatable).",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Query an on-disk Oxigraph store (made with 'medgraph store').",
)
@click.option("--endpoint", default=None, metavar="URL", help="Query a SPARQL 1.1 endpoint.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for an endpoint.",
)
@click.option(
    "--allow-service", is_flag=True, help="Allow SERVICE clauses (they contact other servers)."
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
    store_path: Path | None,
    endpoint: str | None,
    timeout: float,
    allow_service: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Run a named query (NAME), a query file (FILE.rq) or --sparql TEXT.

    By default the query runs on the shipped graph in memory; --data, --store and --endpoint
    run it on your files, an on-disk store or a remote SPARQL endpoint. Parameters are bound
    as RDF terms, never pasted into the query. Updates are refused: this command only reads.
    """
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
    if sum(bool(x) for x in (data_paths, store_path, endpoint)) > 1:
        raise QueryError("use only one of --data, --store and --endpoint")
    if sparql_text is not None:
        named = NamedQuery(name="--sparql", path=Path("--sparql"), text=sparql_text)
    else:
        named = get_query(name)  # type: ignore[arg-type]
    values = _parse_params(params)
    if endpoint:
        from medgraph.remote import run_remote_query

        result = run_remote_query(
            endpoint, named, values, timeout=timeout, allow_service=allow_service
        )
    elif store_path:
        from medgraph.store import open_store, run_store_query

        result = run_store_query(open_store(store_path), named, values, allow_service=allow_service)
    else:
        result = run_query(_load(data_paths), named, values, allow_service=allow_service)
    _emit(format_result(result, fmt), output, force)


@main.command()
@click.option("--endpoint", required=True, metavar="URL", help="The store's SPARQL endpoint.")
@click.option(
    "--graph",
    "graph_iri",
    default="https://w3id.org/medgraph/graph",
    show_default=True,
    help="Named graph to replace with the release.",
)
@click.option("--graph-store", default=None, metavar="URL", help="Graph Store Protocol address.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@handle_errors
def push(
    endpoint: str, graph_iri: str, graph_store: str | None, timeout: float, paths: tuple[Path, ...]
) -> None:
    """Load the graph (or PATH ... files) into a SPARQL 1.1 store, replacing one named graph.

    Uses the Graph Store HTTP Protocol, or chunked INSERT DATA where the store lacks it; a
    second push of the same graph changes nothing.
    """
    from medgraph.remote import push_graph

    graph = _load(paths)
    with click.progressbar(length=len(graph), label="pushing triples", file=sys.stderr) as bar:
        last = {"done": 0}

        def progress(done: int, total: int) -> None:
            bar.update(done - last["done"])
            last["done"] = done

        summary = push_graph(
            endpoint,
            graph,
            graph_iri,
            graph_store=graph_store,
            timeout=timeout,
            progress=progress,
        )
    click.echo(
        f"pushed {summary.triples:,} triples into <{summary.graph_iri}> at {summary.endpoint} "
        f"({summary.method})"
    )


@main.command()
@click.argument("store_path", type=click.Path(file_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Empty an existing store before loading.")
@handle_errors
def store(store_path: Path, paths: tuple[Path, ...], replace: bool) -> None:
    """Load the shipped graph (or PATH ... files) into an on-disk Oxigraph store.

    Then 'medgraph query --store STORE_PATH NAME' runs named queries on it, for graphs larger
    than memory.
    """
    from medgraph.store import load_store

    summary = load_store(store_path, list(paths) or None, replace=replace)
    click.echo(f"loaded {summary.triples:,} triples into {summary.path}")


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
