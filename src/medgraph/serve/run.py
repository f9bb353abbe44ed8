"""Starting and stopping ``medgraph serve``: the temporary folder, the store and the pages in
it, the supervised engine, the front; and all of it removed again however the run ends."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medgraph.atomic import pid_alive
from medgraph.errors import MedgraphError
from medgraph.render import Progress
from medgraph.serve.connections import FrontServer
from medgraph.serve.differential import DifferentialService
from medgraph.serve.engine import ENGINE_MEMORY, find_oxigraph
from medgraph.serve.front import NamedQueries, handler_class
from medgraph.serve.supervisor import Supervisor

__all__ = ["DEFAULT_PORT", "DEFAULT_TIMEOUT", "RunningSite", "running_site", "serve"]

DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0


@dataclass
class RunningSite:
    url: str
    endpoint: str
    site: Path
    store: Path
    triples: int


def build_store(store: Path, graph: Any = None, report: Progress | None = None) -> tuple[Any, int]:
    """Load the graph (the shipped one unless given) and fill the on-disk store the engine
    serves, at ``store``: returns the graph (for the pages) and the store's number of triples."""
    from medgraph.loader import load_default_graph
    from medgraph.store import load_store

    if report is not None:
        report("loading the graph", 0, 5)
    if graph is None:
        graph = load_default_graph()
    if report is not None:
        report("filling the store", 1, 5)
    store.mkdir()
    summary = load_store(store, files=[], extra=graph)
    return graph, summary.triples


@contextlib.contextmanager
def running_site(
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    graph: Any = None,
    progress: Progress | None = None,
    verbose: bool = False,
    memory: int | None = ENGINE_MEMORY,
) -> Iterator[tuple[RunningSite, FrontServer]]:
    """Start everything; yield the address and the (not yet serving) HTTP server; clean up.

    Clean-up runs however the block ends: the HTTP server is closed, Oxigraph is terminated
    (killed if it does not stop within 10 s) and the temporary store and site are removed.
    ``memory`` bounds the engine's address space (bytes; ``None``: no bound).
    """
    from medgraph.render import build_site

    report = progress or (lambda message, done, total: None)
    executable = find_oxigraph()
    steps = 5
    _remove_stale_folders()
    work = Path(tempfile.mkdtemp(prefix=f"medgraph-serve-{os.getpid()}-"))
    site, store = work / "site", work / "store"
    supervisor: Supervisor | None = None
    server: FrontServer | None = None
    try:
        named = NamedQueries()
        supervisor = Supervisor(store, timeout, memory=memory, executable=executable)
        differential = DifferentialService(graph)
        try:  # the address first: a taken port fails at once, before any work
            server = FrontServer(
                (host, port),
                handler_class(
                    supervisor, named, site, quiet=not verbose, differential=differential
                ),
            )
        except OSError as exc:
            raise MedgraphError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port"
            ) from None
        graph, triples = build_store(store, graph, report)
        differential.graph = graph
        report("rendering the pages", 2, steps)
        site.mkdir()
        build_site(graph, site)
        report("starting the SPARQL engine", 3, steps)
        supervisor.start()
        report("opening the web server", 4, steps)
        bound_host, bound_port = server.server_address[:2]
        text = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
        shown = f"[{text}]" if ":" in text else text
        url = f"http://{shown}:{bound_port}/"
        report("ready", steps, steps)
        yield RunningSite(url, url + "sparql", site, store, triples), server
    finally:
        if server is not None:
            server.server_close()
        if supervisor is not None:
            supervisor.stop()
        shutil.rmtree(work, ignore_errors=True)


def _remove_stale_folders() -> None:
    """Temporary folders of servers that were killed (SIGKILL leaves no chance to clean up)."""
    for folder in Path(tempfile.gettempdir()).glob("medgraph-serve-*-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    ready: Callable[[RunningSite], None] | None = None,
    verbose: bool = False,
    graph: Any = None,
) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop everything and clean up.

    ``graph`` is the graph to serve (an rdflib graph); the shipped one when ``None``."""

    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        # A stop may come at any moment, even while the site starts or prints its address:
        # leaving the context stops the engine and removes its folder whatever the moment.
        with (
            contextlib.suppress(KeyboardInterrupt),
            running_site(
                host=host,
                port=port,
                timeout=timeout,
                progress=progress,
                verbose=verbose,
                graph=graph,
            ) as (site, server),
        ):
            if ready is not None:
                ready(site)
            server.serve_forever(poll_interval=0.25)
    finally:
        signal.signal(signal.SIGTERM, previous)
