"""Commands that let people look: render the static site, serve it with a SPARQL endpoint."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from medgraph.cli import main
from medgraph.cli._common import allow_remote_option, handle_errors, load_graph

if TYPE_CHECKING:
    from medgraph.serve import RunningSite


class _ProgressBar:
    """Feeds ``progress(message, done, total)`` callbacks into one click progress bar."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.done = 0
        self.message = ""

    def __call__(self, message: str, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=max(total, 1),
                label=self.label,
                file=sys.stderr,
                show_eta=False,
                item_show_func=lambda _: self.message,
            )
            self.bar.__enter__()
        self.message = message
        if total != self.bar.length:
            self.bar.length = max(total, 1)
        self.bar.update(max(0, done - self.done))
        self.done = max(done, self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.message = ""
            self.bar.__exit__(None, None, None)
            self.bar = None


@contextmanager
def _progress(label: str) -> Iterator[_ProgressBar]:
    bar = _ProgressBar(label)
    try:
        yield bar
    finally:
        bar.close()


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to write the site into (swapped in whole when complete).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the output folder even if it holds something other than a rendered site.",
)
@allow_remote_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@handle_errors
def render(output: Path, force: bool, allow_remote: bool, paths: tuple[Path, ...]) -> None:
    """Render the graph (or PATH ... files) as a static web site that works offline.

    One page per condition (every relation with its references and excerpts, the clinical
    statements by aspect, the excerpts by section, thresholds with units, codes in other
    ontologies), one page per reference, a picture of each condition's neighbourhood (needs
    Graphviz 'dot'), schema.org JSON-LD in every page, and a query page for 'medgraph serve'.
    """
    from medgraph.render import render_site

    with _progress("loading graph") as bar:
        bar("loading graph", 0, 1)
        graph = load_graph(paths, allow_remote=allow_remote)
        bar("loading graph", 1, 1)
    with _progress("rendering") as bar:
        summary = render_site(graph, output, force=force, progress=bar)
    click.echo(
        f"wrote {summary.path}/ ({summary.pages} pages: {summary.conditions} condition, "
        f"{summary.references} reference, index and query; {summary.pictures} picture"
        f"{'s' if summary.pictures != 1 else ''}); open {summary.path / 'index.html'}"
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before the server stops it.",
)
@click.option("--verbose", is_flag=True, help="Log every request to stderr.")
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Serve these RDF files (e.g. with an HPO import) instead of the shipped graph.",
)
@handle_errors
def serve(
    host: str, port: int, timeout: float, verbose: bool, data_paths: tuple[Path, ...]
) -> None:
    """Serve the pages, a query page and a read-only SPARQL endpoint until Ctrl-C.

    The pages are those of 'medgraph render'; the query page runs the named queries (their
    parameters bound as RDF terms) and your own SPARQL; /sparql is a SPARQL 1.1 Protocol
    endpoint (the Oxigraph server) that refuses updates and SERVICE. A query that runs longer
    than --timeout is stopped without holding up the others. /differential answers the
    differential of the served graph (GET ?findings=...; JSON). Binds 127.0.0.1 unless --host
    says otherwise.
    """
    from medgraph.serve import serve as run_server

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: listening on {host}: other machines can reach the pages and the endpoint",
            err=True,
        )

    def ready(site: RunningSite) -> None:
        bar.close()
        click.echo(
            f"medgraph serve: {site.url} (SPARQL endpoint {site.endpoint}, "
            f"{site.triples:,} triples, query time-out {timeout:g} s); Ctrl-C to stop",
            err=True,
        )
        click.echo(site.url)
        sys.stdout.flush()

    graph = load_graph(list(data_paths)) if data_paths else None
    with _progress("starting") as bar:
        run_server(
            host=host,
            port=port,
            timeout=timeout,
            progress=bar,
            ready=ready,
            verbose=verbose,
            graph=graph,
        )
    click.echo("stopped; the temporary store and pages are removed", err=True)
