"""The on-disk backend (``store:PATH``): an Oxigraph store folder made by ``medgraph store``.

Queries run on the store in Rust, without loading it into memory; graph-wide work reads its
triples once (see :mod:`medgraph.backends.materialised`). Opened read-only: nothing here writes
to the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medgraph.backends.materialised import Materialised

if TYPE_CHECKING:
    from medgraph.queries import NamedQuery, QueryResult

__all__ = ["StoreBackend"]


class StoreBackend(Materialised):
    """A store folder, opened read-only."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.descriptor = f"store:{self.path}"

    @cached_property
    def store(self) -> Any:
        from medgraph.store import open_store

        return open_store(self.path)

    def query(
        self,
        query: NamedQuery | str,
        params: Mapping[str, str] | None = None,
        *,
        allow_service: bool = False,
    ) -> QueryResult:
        from medgraph.store import run_store_query

        return run_store_query(self.store, query, params, allow_service=allow_service)

    def _read_ntriples(self) -> bytes:
        """The triples exactly as loaded where ``medgraph store`` kept them, else the store's
        own (values, not spellings: derived integer types come back as ``xsd:integer``)."""
        import pyoxigraph as ox

        from medgraph.store import EXACT_TRIPLES

        exact = self.path / EXACT_TRIPLES
        if exact.is_file():
            return exact.read_bytes()
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
