"""medgraph: a cited, validated RDF knowledge graph of medical conditions, and its toolkit.

The public API is ``medgraph.load``, ``medgraph.validate``, ``medgraph.query``,
``medgraph.build``, ``medgraph.open_backend``, ``medgraph.import_hpo`` and
``medgraph.differential`` (see :mod:`medgraph.api` and :mod:`medgraph.opendata`); the stages have
their own modules (``medgraph.backends``, ``medgraph.release``, ``medgraph.reason``,
``medgraph.link``, ...), and the ``medgraph`` command is a thin layer over them. Nothing heavy is imported here, so that
``import medgraph`` and ``medgraph --help`` stay fast.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "__version__",
    "build",
    "differential",
    "import_hpo",
    "load",
    "open_backend",
    "query",
    "validate",
]

_API = {
    "load": "medgraph.api",
    "validate": "medgraph.api",
    "query": "medgraph.api",
    "build": "medgraph.pipeline",
    "open_backend": "medgraph.backends",
    "import_hpo": "medgraph.opendata",
    "differential": "medgraph.api",
}
"""The public API, imported on first use (``import medgraph`` stays cheap)."""


def __getattr__(name: str) -> Any:
    """The public API functions, and ``medgraph.__version__`` read from the installed
    metadata, when first asked for: ``importlib.metadata`` and rdflib cost tens of
    milliseconds that ``medgraph --help`` need not pay."""
    if name in _API:
        import importlib

        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    if name != "__version__":
        raise AttributeError(f"module 'medgraph' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("medgraph")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        value = "0.0.0+unknown"
    globals()["__version__"] = value
    return value
