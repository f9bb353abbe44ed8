"""Backends: one interface (:class:`~medgraph.backends.base.Backend`) over four ways to hold a graph.

=================  ================================================  =======================
descriptor         what answers                                      module
=================  ================================================  =======================
``rdflib``         rdflib + pySHACL in memory (the reference)        :mod:`.reference`
``oxigraph``       Oxigraph in memory + a Rust SHACL engine          :mod:`.fast`
``store:PATH``     an on-disk Oxigraph store (``medgraph store``)    :mod:`.store`
``sparql:URL``     any SPARQL 1.1 endpoint, read-only                :mod:`.endpoint`
``auto``           ``oxigraph`` (the parity suite proves it gives the reference's answers)
=================  ================================================  =======================

:func:`open_backend` is the one place that turns a descriptor into a backend; commands never
ask which one they got. A new backend is one module with a class that satisfies the protocol,
one line in :func:`open_backend`, and a row in the parity suite (``tests/test_backends.py``).
Nothing heavy is imported here, so that the CLI can check descriptors in ``--help`` time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from medgraph.errors import InputError

if TYPE_CHECKING:
    from medgraph.backends.base import Backend
    from medgraph.inputs import GraphInput

__all__ = [
    "IN_MEMORY",
    "Descriptor",
    "open_backend",
    "parse_descriptor",
]

IN_MEMORY = ("auto", "rdflib", "oxigraph")
"""Descriptors of the backends that load files into memory."""


@dataclass(frozen=True)
class Descriptor:
    """A parsed backend descriptor: its kind and, for ``store:`` and ``sparql:``, the target."""

    kind: str
    target: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}" if self.target else self.kind

    @property
    def in_memory(self) -> bool:
        return self.kind in IN_MEMORY


def parse_descriptor(text: str) -> Descriptor:
    """``auto``, ``rdflib``, ``oxigraph``, ``store:PATH`` or ``sparql:URL``; :class:`InputError`
    otherwise."""
    if text in IN_MEMORY:
        return Descriptor(text)
    kind, _, target = text.partition(":")
    if kind == "store" and target:
        return Descriptor("store", target)
    if kind == "sparql" and target.startswith(("http://", "https://")):
        return Descriptor("sparql", target)
    raise InputError(
        f"unknown backend {text!r}; use auto, rdflib, oxigraph, store:PATH or sparql:URL "
        "(an http or https address)"
    )


def open_backend(
    descriptor: str | Descriptor = "auto",
    paths: Sequence[Path | str] | None = None,
    *,
    allow_remote: bool = False,
    with_ontology: bool = True,
    graphs: tuple[str, ...] = (),
    timeout: float = 30.0,
    graph_input: GraphInput | None = None,
) -> Backend:
    """The backend for ``descriptor``, holding the user's files (``paths``) or the shipped
    graph (in-memory backends), or the store or endpoint the descriptor names.

    Files are read through :func:`medgraph.inputs.assemble`: every check runs first, and the
    shipped ontology goes alongside user data unless ``with_ontology=False``.
    """
    chosen = parse_descriptor(descriptor) if isinstance(descriptor, str) else descriptor
    if not chosen.in_memory:
        if paths:
            raise InputError(f"{chosen.kind}: backends read their own graph; give no files")
        if chosen.kind == "store":
            from medgraph.backends.store import StoreBackend

            return StoreBackend(chosen.target)
        from medgraph.backends.endpoint import EndpointBackend

        return EndpointBackend(chosen.target, graphs=graphs, timeout=timeout)
    if graph_input is None:
        from medgraph.inputs import assemble

        graph_input = assemble(paths, allow_remote=allow_remote, with_ontology=with_ontology)
    backend: Backend
    if chosen.kind in ("auto", "oxigraph"):
        from medgraph.backends.fast import OxigraphBackend

        backend = OxigraphBackend(graph_input)
    else:
        from medgraph.backends.reference import ReferenceBackend

        backend = ReferenceBackend(graph_input)
    if not graph_input.shipped and backend.is_empty():
        raise InputError(f"{graph_input.label}: holds no RDF triples")
    return backend
