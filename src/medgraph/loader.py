"""Load stage: read RDF files into an rdflib graph, safely and with precise error messages.

Safety comes first: nothing is fetched from the network while loading. A JSON-LD document
whose ``@context`` points at a remote address, an RDF/XML document that declares external
entities, and an ``owl:imports`` are refused or left unfollowed unless the caller allows
remote access explicitly. Every syntax error is reported with file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from medgraph import formats, resources
from medgraph.errors import InputError, InputSyntaxError
from medgraph.files import read_input
from medgraph.inputs import (
    GraphInput,
    Source,
    check_rdf_input,
    expand_paths,
    format_for_path,
    line_column,
    shipped_input,
    too_deep,
)
from medgraph.iri import check_graph_terms
from medgraph.namespaces import bind_prefixes

__all__ = [
    "RDF_FORMATS",
    "check_rdf_input",
    "format_for_path",
    "load_default_graph",
    "load_files",
    "load_input",
    "load_ontology",
    "load_shapes",
    "parse_file",
    "parse_source",
    "read_input",
]

RDF_FORMATS: dict[str, str] = {
    suffix: fmt.rdflib for fmt in formats.FORMATS for suffix in fmt.suffixes
}
"""File suffix -> rdflib parser name (from :data:`medgraph.formats.FORMATS`)."""


def _locate_with_oxigraph(path: Path, data: bytes, fmt: str) -> tuple[int | None, int | None, str]:
    """Re-parse with Oxigraph, whose errors carry positions, to find where rdflib failed."""
    import pyoxigraph

    try:
        for _ in pyoxigraph.parse(data, format=formats.by_parser(fmt).oxigraph_format()):
            pass
    except SyntaxError as exc:
        message = re.sub(r"^Parser error (at|between) [^:]*: ", "", str(exc))
        message = re.sub(r" \(line \d+\)$", "", message)
        return exc.lineno, exc.offset, message
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - any other parser complaint
        return None, None, str(exc)
    return None, None, ""


def _syntax_error(path: Path, data: bytes, fmt: str, exc: Exception) -> InputError:
    from xml.sax import SAXParseException

    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(exc, RecursionError):
        raise too_deep(path) from None
    if isinstance(exc, BadSyntax):
        line, column = line_column(data, exc._i)
        return InputSyntaxError(path, line, column, exc._why)
    if isinstance(exc, SAXParseException):
        sax_column: int | None = exc.getColumnNumber()
        return InputSyntaxError(
            path,
            exc.getLineNumber(),
            None if sax_column is None else sax_column + 1,
            exc.getMessage(),
        )
    where, offset, reason = _locate_with_oxigraph(path, data, fmt)
    return InputSyntaxError(path, where, offset, reason or str(exc) or type(exc).__name__)


def parse_file(
    path: Path | str,
    graph: Graph | None = None,
    *,
    fmt: str | None = None,
    allow_remote: bool = False,
) -> Graph:
    """Parse one RDF file into ``graph`` (a new graph by default) and return the graph.

    Raises :class:`InputError` for a missing or unreadable file or an unknown format,
    :class:`InputSyntaxError` (file, line, column) for a syntax error, and
    :class:`UnsafeInputError` for input that would fetch remote documents or expand entities.
    """
    path = Path(path)
    rdf_format, data, text = check_rdf_input(path, fmt, allow_remote=allow_remote)
    target = graph if graph is not None else Graph()
    try:
        # On failure the target may hold part of this file; the caller gets the error instead.
        target.parse(data=text, format=rdf_format, publicID=path.resolve().as_uri())
    except Exception as exc:  # noqa: BLE001 - every parser failure becomes a located message
        raise _syntax_error(path, data, rdf_format, exc) from None
    check_graph_terms(target, path, data)  # rdflib keeps IRIs that unescape to '>', ' ', ...
    return target


def parse_source(source: Source, graph: Graph | None = None) -> Graph:
    """Parse one checked :class:`~medgraph.inputs.Source` into ``graph`` with rdflib."""
    target = graph if graph is not None else Graph()
    try:
        target.parse(
            data=source.data.decode("utf-8").removeprefix("\ufeff"),
            format=source.rdf_format,
            publicID=source.base_iri,
        )
    except Exception as exc:  # noqa: BLE001 - every parser failure becomes a located message
        raise _syntax_error(Path(source.label), source.data, source.rdf_format, exc) from None
    check_graph_terms(target, source.label, source.data)  # rdflib keeps IRIs that unescape badly
    return target


def load_input(graph_input: GraphInput, *, with_ontology: bool = False) -> Graph:
    """The data of an assembled input as one rdflib graph (and the ontology, if asked)."""
    graph = bind_prefixes(Graph())
    sources = list(graph_input.data)
    if with_ontology and not graph_input.shipped:
        sources += graph_input.ontology
    for source in sources:
        parse_source(source, graph)
    return graph


def load_files(
    paths: Sequence[Path | str], *, allow_remote: bool = False, graph: Graph | None = None
) -> Graph:
    """Parse several RDF files (folders are searched for RDF files) into one graph."""
    graph = bind_prefixes(graph if graph is not None else Graph())
    for path in expand_paths(paths):
        parse_file(path, graph, allow_remote=allow_remote)
    return graph


def load_ontology() -> Graph:
    """The shipped ontology."""
    return load_files(resources.ontology_files())


def load_shapes() -> Graph:
    """The shipped SHACL shapes."""
    return load_files(resources.shapes_files())


def load_default_graph(*, include_ontology: bool = True, include_mappings: bool = True) -> Graph:
    """The shipped knowledge graph: ontology, data and (when present) the SSSOM mappings."""
    return load_input(
        shipped_input(include_ontology=include_ontology, include_mappings=include_mappings)
    )
