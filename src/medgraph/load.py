"""Load stage: read RDF files into an rdflib graph, safely and with precise error messages.

Safety comes first: nothing is fetched from the network while loading. A JSON-LD document
whose ``@context`` points at a remote address, an RDF/XML document that declares external
entities, and an ``owl:imports`` are refused or left unfollowed unless the caller allows
remote access explicitly. Every syntax error is reported with file, line and column.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph

from medgraph import resources
from medgraph.errors import InputError, InputSyntaxError, UnsafeInputError
from medgraph.iri import check_graph_terms
from medgraph.namespaces import bind_prefixes

__all__ = [
    "RDF_FORMATS",
    "check_rdf_input",
    "format_for_path",
    "load_default_graph",
    "load_files",
    "load_ontology",
    "load_shapes",
    "parse_file",
    "read_input",
]

# File suffix -> rdflib parser name.
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}

_RDFLIB_TO_OXIGRAPH = {
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "json-ld": "JSON_LD",
    "xml": "RDF_XML",
}

_XML_ENTITY = re.compile(rb"<!ENTITY\s[^>]*\b(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_XML_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def format_for_path(path: Path, fmt: str | None = None) -> str:
    """Return the rdflib parser name for ``path`` (or check the one given)."""
    if fmt is not None:
        if fmt not in _RDFLIB_TO_OXIGRAPH:
            known = ", ".join(sorted(_RDFLIB_TO_OXIGRAPH))
            raise InputError(f"{path}: unknown RDF format {fmt!r}; use one of: {known}")
        return fmt
    suffix = path.suffix.lower()
    if suffix not in RDF_FORMATS:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(
            f"{path}: cannot tell the RDF format from the suffix {suffix or '(none)'!r}; "
            f"name the file with one of {known}"
        )
    return RDF_FORMATS[suffix]


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        raise InputSyntaxError(
            path, line, column, "the file is not UTF-8 (re-save it as UTF-8)"
        ) from None
    return text.removeprefix("\ufeff")


def _json_contexts(node: object) -> Iterable[object]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context" or key == "@import":
                yield value
            yield from _json_contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _json_contexts(item)


def _remote_contexts(context: object) -> Iterable[str]:
    if isinstance(context, str):
        yield context
    elif isinstance(context, list):
        for item in context:
            yield from _remote_contexts(item)
    elif isinstance(context, dict) and isinstance(context.get("@import"), str):
        yield context["@import"]


def _check_json_ld(path: Path, text: str, allow_remote: bool) -> None:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputSyntaxError(path, exc.lineno, exc.colno, exc.msg) from None
    except RecursionError:
        raise _too_deep(path) from None
    if allow_remote:
        return
    for context in _json_contexts(document):
        for address in _remote_contexts(context):
            raise UnsafeInputError(
                f"{path}: the JSON-LD @context refers to {address!r}, which would be fetched; "
                "medgraph fetches nothing by default. Inline the context in the file, or pass "
                "--allow-remote if you trust that address"
            )


def _check_xml(path: Path, data: bytes, allow_remote: bool) -> None:
    if _XML_ENTITY.search(data):
        raise UnsafeInputError(
            f"{path}: the RDF/XML declares an external entity (<!ENTITY ... SYSTEM/PUBLIC>), "
            "which could read local files or reach the network; remove the DOCTYPE"
        )
    if _XML_DOCTYPE.search(data) and not allow_remote:
        raise UnsafeInputError(
            f"{path}: the RDF/XML has a DOCTYPE; medgraph does not expand DTD entities. "
            "Remove the DOCTYPE (plain RDF/XML never needs one)"
        )


def _too_deep(path: Path) -> InputError:
    return InputError(
        f"{path}: the document nests too deeply to read (over about "
        f"{sys.getrecursionlimit() // 4} levels of lists or objects); flatten it"
    )


def _locate_with_oxigraph(path: Path, data: bytes, fmt: str) -> tuple[int | None, int | None, str]:
    """Re-parse with Oxigraph, whose errors carry positions, to find where rdflib failed."""
    import pyoxigraph

    try:
        for _ in pyoxigraph.parse(
            data, format=getattr(pyoxigraph.RdfFormat, _RDFLIB_TO_OXIGRAPH[fmt])
        ):
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
        raise _too_deep(path) from None
    if isinstance(exc, BadSyntax):
        line, column = _line_column(data, exc._i)
        return InputSyntaxError(path, line, column, exc._why)
    if isinstance(exc, SAXParseException):
        column = exc.getColumnNumber()
        return InputSyntaxError(
            path, exc.getLineNumber(), None if column is None else column + 1, exc.getMessage()
        )
    where, offset, reason = _locate_with_oxigraph(path, data, fmt)
    return InputSyntaxError(path, where, offset, reason or str(exc) or type(exc).__name__)


def read_input(path: Path, folder_hint: str) -> bytes:
    """The bytes of a user's input file, or an :class:`InputError` that says why not."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; {folder_hint}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def check_rdf_input(
    path: Path, fmt: str | None = None, *, allow_remote: bool = False
) -> tuple[str, bytes, str]:
    """Read an RDF file and run every check that comes before parsing it.

    Returns the rdflib format name, the bytes and the text. Any parser (rdflib here, Oxigraph
    in :mod:`medgraph.engines`) reads only input that passed these checks.
    """
    rdf_format = format_for_path(path, fmt)
    data = read_input(path, "give RDF files, or the folder's files")
    text = _decode(path, data)
    if "\x00" in text:
        line, column = _line_column(data, data.index(b"\x00"))
        raise InputSyntaxError(path, line, column, "the file holds a NUL byte; is it binary?")
    if rdf_format == "json-ld":
        _check_json_ld(path, text, allow_remote)
    elif rdf_format == "xml":
        _check_xml(path, data, allow_remote)
    return rdf_format, data, text


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


def load_files(
    paths: Sequence[Path | str], *, allow_remote: bool = False, graph: Graph | None = None
) -> Graph:
    """Parse several RDF files (folders are searched for RDF files) into one graph."""
    graph = bind_prefixes(graph if graph is not None else Graph())
    for path in _expand(paths):
        parse_file(path, graph, allow_remote=allow_remote)
    return graph


def _expand(paths: Sequence[Path | str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in RDF_FORMATS)
            if not found:
                raise InputError(f"{path}: the folder holds no RDF files")
            files.extend(found)
        else:
            files.append(path)
    return files


def load_ontology() -> Graph:
    """The shipped ontology."""
    return load_files(resources.ontology_files())


def load_shapes() -> Graph:
    """The shipped SHACL shapes."""
    return load_files(resources.shapes_files())


def load_default_graph(*, include_ontology: bool = True, include_mappings: bool = True) -> Graph:
    """The shipped knowledge graph: ontology, data and (when present) the SSSOM mappings."""
    files = list(resources.data_files())
    if include_ontology:
        files = list(resources.ontology_files()) + files
    graph = load_files(files)
    if include_mappings and resources.mapping_files():
        from medgraph import link

        graph += link.mappings_to_graph(link.load_mappings())
    return graph
