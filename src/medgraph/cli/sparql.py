"""Commands that speak SPARQL: run queries, load an on-disk store, push to a remote store."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from medgraph.cli import main
from medgraph.cli._common import (
    GRAPH_FORMAT_NAMES,
    RESULT_FORMAT_NAMES,
    emit,
    engine_option,
    force_option,
    handle_errors,
    load_graph,
    output_option,
)

if TYPE_CHECKING:
    from medgraph.backends import Descriptor


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
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="With --endpoint: read this named graph as the default graph (repeatable), e.g. the "
    "graph 'medgraph push' wrote (https://w3id.org/medgraph/graph).",
)
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
@engine_option
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
    graphs: tuple[str, ...],
    timeout: float,
    allow_service: bool,
    output: Path | None,
    force: bool,
    backend: Descriptor,
) -> None:
    """Run a named query (NAME), a query file (FILE.rq) or --sparql TEXT.

    By default the query runs on the shipped graph in memory; --data, --store and --endpoint
    run it on your files, an on-disk store or a remote SPARQL endpoint. Parameters are bound
    as RDF terms, never pasted into the query. Updates are refused: this command only reads.
    """
    from medgraph.backends import Descriptor, open_backend
    from medgraph.errors import QueryError
    from medgraph.queries import NamedQuery, format_result, get_query, list_queries

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
    if (store_path or endpoint) and not backend.in_memory:
        raise QueryError("use either --backend store:/sparql: or --store/--endpoint, not both")
    if store_path:
        backend = Descriptor("store", str(store_path))
    elif endpoint:
        backend = Descriptor("sparql", endpoint)
    if graphs and backend.kind != "sparql":
        raise QueryError("--graph goes with --endpoint (local graphs have no named graphs)")
    if sparql_text is not None:
        named = NamedQuery(name="--sparql", path=Path("--sparql"), text=sparql_text)
    else:
        assert name is not None  # one of NAME and --sparql, checked above
        named = get_query(name)
    values = _parse_params(params)
    graph = open_backend(backend, data_paths, graphs=graphs, timeout=timeout)
    result = graph.query(named, values, allow_service=allow_service)
    emit(format_result(result, fmt), output, force)
    if result.kind == "SELECT" and not result.rows and named.parameters:
        from medgraph.queries import unmatched_parameters

        # One line for the usual reason of an empty answer: a condition (or sign, ...) that
        # the graph does not hold, often a typo. Still exit 0: the query itself ran.
        notes = unmatched_parameters(graph, named, values)
        if notes:
            click.echo(f"note: {'; '.join(notes)}; the query found nothing", err=True)


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

    Uses the Graph Store HTTP Protocol, or INSERT DATA into a temporary graph and one final
    MOVE where the store lacks it: the named graph is replaced in one step, and a failure or
    Ctrl-C before that leaves it unchanged. A second push of the same graph changes nothing.
    """
    from medgraph.httpclient import check_endpoint_url
    from medgraph.remote import check_graph_name, push_graph

    check_endpoint_url(endpoint)  # before the graph is loaded: a mistake here is found at once
    check_graph_name(graph_iri)
    graph = load_graph(paths)
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
