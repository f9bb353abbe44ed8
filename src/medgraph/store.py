"""An on-disk embedded store (Oxigraph) for graphs larger than memory.

rdflib keeps the whole graph in Python objects; Oxigraph keeps it in RocksDB on disk and
parses and queries in Rust. The same named queries run on both with the same rows: parameters
are bound as RDF terms in a ``VALUES`` block (the same binding that remote endpoints get;
Oxigraph's own substitutions refuse a variable that the SELECT does not project), and results
come back as rdflib terms so that every output format works unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from medgraph.errors import InputError, OutputError, OutputExists
from medgraph.inputs import GraphInput
from medgraph.queries import NamedQuery, QueryResult, bind_query

__all__ = ["EXACT_TRIPLES", "StoreSummary", "load_store", "open_store", "run_store_query"]

EXACT_TRIPLES = "medgraph-exact.nt"
"""The file beside the store's own that keeps the loaded triples exactly as written."""


@dataclass(frozen=True)
class StoreSummary:
    """What ``load_store`` loaded: the folder, its triples and how many sources."""

    path: Path
    triples: int
    files: int


def open_store(path: Path | str, *, read_only: bool = True) -> Any:
    """Open an Oxigraph store folder (read-only by default)."""
    import pyoxigraph as ox

    folder = Path(path)
    if read_only:
        if not folder.is_dir():
            raise InputError(f"{folder}: no store here; create one with 'medgraph store {folder}'")
        try:
            return ox.Store.read_only(str(folder))
        except OSError as exc:
            raise InputError(f"{folder}: cannot open the store: {exc}") from None
    return ox.Store(str(folder))


def load_store(
    path: Path | str,
    files: Sequence[Path] | None = None,
    *,
    extra: Graph | None = None,
    replace: bool = False,
    graph_input: GraphInput | None = None,
) -> StoreSummary:
    """Bulk-load RDF files (the shipped graph by default) into an on-disk store at ``path``.

    Every file passes the input checks of :func:`medgraph.inputs.assemble` first. The store is
    built in a staging folder beside ``path`` and swapped in only once it is complete, so a bad
    file, a crash or a kill leaves the previous store as it was (and no folder that blocks a
    rerun).
    """
    import pyoxigraph as ox

    from medgraph.atomic import replace_directory, staging_directory
    from medgraph.inputs import assemble
    from medgraph.oxparse import exact_ntriples, load_source

    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; give a folder for the store")
    if not folder.parent.is_dir():
        raise OutputError(
            f"{folder}: cannot create the store there (no folder {folder.parent}; create it first)"
        )
    if folder.exists() and any(folder.iterdir()) and not replace:
        raise OutputExists(folder, "a store is already there", option="replace")
    if graph_input is None:
        graph_input = assemble(files, with_ontology=False) if files != [] else GraphInput(())
    with staging_directory(folder) as staging:
        try:
            store = ox.Store(str(staging))
        except OSError as exc:
            raise OutputError(f"{folder}: cannot create the store there ({exc})") from None
        for source in graph_input.data:
            load_source(source, store)
        # Oxigraph keeps values, not spellings ("1"^^xsd:positiveInteger comes back as
        # xsd:integer): the exact triples go beside the store, for validation and export.
        exact = b"".join(exact_ntriples(source) for source in graph_input.data)
        if extra is not None:
            from medgraph.terms import to_oxigraph_quad

            store.extend(to_oxigraph_quad(triple) for triple in extra)
            exact += extra.serialize(format="nt", encoding="utf-8")
        (staging / EXACT_TRIPLES).write_bytes(exact)
        store.flush()
        triples = len(store)
        del store  # closes RocksDB before the folder moves
        replace_directory(staging, folder)
    return StoreSummary(folder, triples, len(graph_input.data))


def run_store_query(
    store: Any,
    query: NamedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
    union_default_graph: bool = False,
    convert: Callable[[Any], Node | None] | None = None,
) -> QueryResult:
    """Run a named query on an Oxigraph store, parameters bound as RDF terms.

    ``union_default_graph`` lets the query's default graph be the union of all graphs (the
    in-memory fast path keeps the ontology in a graph of its own). ``convert`` turns the
    answer's terms into rdflib's (:func:`medgraph.terms.to_rdflib` unless given, e.g. a
    :class:`medgraph.terms.TermCache`)."""
    from medgraph.namespaces import PREFIXES
    from medgraph.terms import to_rdflib

    term = convert or to_rdflib
    bound = bind_query(query, params, allow_service=allow_service)
    result = store.query(
        bound.text, prefixes=PREFIXES, use_default_graph_as_union=union_default_graph
    )
    if bound.form == "ASK":
        return QueryResult(kind="ASK", boolean=bool(result))
    if bound.form in {"CONSTRUCT", "DESCRIBE"}:
        graph = Graph()
        for triple in result:
            graph.add(
                (term(triple.subject), term(triple.predicate), term(triple.object))  # type: ignore[arg-type]
            )
        return QueryResult(kind=bound.form, graph=graph)
    variables = [v.value for v in result.variables]
    # A solution iterates its values in the order of the variables (None where unbound).
    rows = [dict(zip(variables, map(term, solution), strict=True)) for solution in result]
    return QueryResult(kind="SELECT", variables=variables, rows=rows)
