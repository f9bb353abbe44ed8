"""Serve stage: the rendered site, a query page and a read-only SPARQL 1.1 endpoint, on one port.

The SPARQL engine is the Oxigraph server (PyPI package ``oxigraph``), run read-only on a
private loopback port over a temporary on-disk store (:mod:`.engine`), kept answering by a
supervisor that forwards each query under a firm deadline and replaces an engine that runs
away, crashes or stops answering (:mod:`.supervisor`). In front of it, a small HTTP server
(standard library; :mod:`.connections` for the sockets, :mod:`.front` for the routes) serves
the pages, ``/sparql`` (checked first: :mod:`.query_check`) and the named-query API.

Oxigraph's own web page is not exposed: it loads a query editor from a CDN, and these pages
load nothing from the network. Everything binds to 127.0.0.1 unless asked otherwise; stopping
(Ctrl-C or SIGTERM) terminates Oxigraph and removes the temporary folder (:mod:`.run`).
"""

from __future__ import annotations

from medgraph.serve.engine import ENGINE_MEMORY, OxigraphServer, ServeError, find_oxigraph
from medgraph.serve.run import DEFAULT_PORT, DEFAULT_TIMEOUT, RunningSite, running_site, serve

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "ENGINE_MEMORY",
    "OxigraphServer",
    "RunningSite",
    "ServeError",
    "find_oxigraph",
    "running_site",
    "serve",
]
