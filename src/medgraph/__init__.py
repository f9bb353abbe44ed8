"""medgraph: a cited, validated RDF knowledge graph of medical conditions, and its toolkit.

The stages each have a small typed API (``medgraph.load``, ``medgraph.validate``,
``medgraph.query``, ``medgraph.release``, ``medgraph.reason``, ``medgraph.link``); the
``medgraph`` command is a thin layer over them. Nothing heavy is imported here, so that
``import medgraph`` and ``medgraph --help`` stay fast.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("medgraph")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
