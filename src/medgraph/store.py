"""An on-disk embedded store (Oxigraph) for graphs larger than memory.

rdflib keeps the whole graph in Python objects; Oxigraph keeps it in RocksDB on disk and
parses and queries in Rust. The same named queries run on both with the same rows: parameters
are bound as RDF terms in a ``VALUES`` block (the same binding that remote endpoints get;
Oxigraph's own substitutions refuse a variable that the SELECT does not project), and results
come back as rdflib terms so that every output format works unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from medgraph.errors import InputError, InputSyntaxError, OutputError
from medgraph.load import RDF_FORMATS, format_for_path
from medgraph.query import NamedQuery, QueryResult, bind_parameters, prepare_query, query_form
from medgraph.sparql_text import inject_values
from medgraph.terms import to_oxigraph_quad, to_rdflib

__all__ = ["StoreSummary", "load_store", "open_store", "run_store_query"]

_OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "json-ld": "JSON_LD", "xml": "RDF_XML"}


class StoreSummary:
    def __init__(self, path: Path, triples: int, files: int) -> None:
        self.path, self.triples, self.files = path, triples, files


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
) -> StoreSummary:
    """Bulk-load RDF files (the shipped graph by default) into an on-disk store at ``path``."""
    import pyoxigraph as ox

    from medgraph import resources

    folder = Path(path)
    if folder.exists() and any(folder.iterdir()) and not replace:
        raise InputError(f"{folder}: a store is already there; pass --replace to reload it")
    if files is None:
        files = [*resources.ontology_files(), *resources.data_files()]
        if extra is None and resources.mapping_files():
            from medgraph import link

            extra = link.mappings_to_graph(link.load_mappings())
    try:
        store = ox.Store(str(folder))
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the store there ({exc})") from None
    store.clear()
    for file in files:
        rdf_format = format_for_path(file)
        if file.suffix.lower() not in RDF_FORMATS:
            raise InputError(f"{file}: not an RDF file")
        try:
            store.bulk_load(
                path=str(file),
                format=getattr(ox.RdfFormat, _OXIGRAPH_FORMATS[rdf_format]),
                base_iri=file.resolve().as_uri(),
                to_graph=ox.DefaultGraph(),
            )
        except SyntaxError as exc:
            raise InputSyntaxError(file, exc.lineno, exc.offset, str(exc)) from None
        except OSError as exc:
            raise InputError(f"{file}: cannot read: {exc}") from None
    if extra is not None:
        store.extend(to_oxigraph_quad(triple) for triple in extra)
    store.flush()
    return StoreSummary(folder, len(store), len(files))


@lru_cache(maxsize=256)
def _checked_form(text: str, origin: str, allow_service: bool) -> str:
    """The query's form, once it passed the read-only and SERVICE checks. Remembered per
    text: rdflib's parse, which the checks need, costs more than Oxigraph's evaluation."""
    return query_form(prepare_query(text, origin, allow_service=allow_service))


def run_store_query(
    store: Any,
    query: NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
) -> QueryResult:
    """Run a named query on an Oxigraph store, parameters bound as RDF terms."""

    from medgraph.namespaces import PREFIXES

    bindings = bind_parameters(query, params or {})
    form = _checked_form(query.text, str(query.path), allow_service)
    text = inject_values(query.text, bindings, form)
    result = store.query(text, prefixes=PREFIXES)
    if form == "ASK":
        return QueryResult(kind="ASK", boolean=bool(result))
    if form in {"CONSTRUCT", "DESCRIBE"}:
        graph = Graph()
        for triple in result:
            terms = (triple.subject, triple.predicate, triple.object)
            subject, predicate, obj = (to_rdflib(t) for t in terms)
            graph.add((subject, predicate, obj))
        return QueryResult(kind=form, graph=graph)
    variables = [v.value for v in result.variables]
    rows = [{var: to_rdflib(solution[var]) for var in variables} for solution in result]
    return QueryResult(kind="SELECT", variables=variables, rows=rows)
