"""medgraph: a cited, validated RDF knowledge graph of medical conditions, and its toolkit.

The stages each have a small typed API (``medgraph.load``, ``medgraph.validate``,
``medgraph.query``, ``medgraph.release``, ``medgraph.reason``, ``medgraph.link``); the
``medgraph`` command is a thin layer over them. Nothing heavy is imported here, so that
``import medgraph`` and ``medgraph --help`` stay fast.
"""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """``medgraph.__version__``, read from the installed metadata when first asked for:
    ``importlib.metadata`` costs tens of milliseconds that ``medgraph --help`` need not pay."""
    if name != "__version__":
        raise AttributeError(f"module 'medgraph' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("medgraph")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        value = "0.0.0+unknown"
    globals()["__version__"] = value
    return value
