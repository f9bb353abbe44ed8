"""One input assembly: "the user's RDF files, or the shipped graph", as checked sources.

Every command and every backend reads its input through :func:`assemble`, so the same checks
run before any parser sees a byte (regular files only, UTF-8, no NUL byte, no remote JSON-LD
context, no XML entity or DOCTYPE; see :mod:`medgraph.files`), and the same rule decides what
goes alongside the user's data: the shipped ontology, unless the caller says otherwise, so
that queries and validation know medgraph's classes and labels.

The shipped graph is the ontology, the data and the SSSOM mappings turned into triples.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from medgraph import formats, resources
from medgraph.errors import InputError, InputSyntaxError, UnsafeInputError
from medgraph.files import read_input
from medgraph.formats import RdfFormat

__all__ = [
    "GraphInput",
    "Source",
    "assemble",
    "check_rdf_input",
    "expand_paths",
    "format_for_path",
    "ontology_sources",
    "shipped_input",
]

_XML_ENTITY = re.compile(rb"<!ENTITY\s[^>]*\b(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_XML_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One input that passed every check: its bytes, format and base IRI."""

    label: str
    """The file's path as the user gave it (what error messages name)."""
    data: bytes
    format: RdfFormat
    base_iri: str | None = None

    @property
    def rdf_format(self) -> str:
        """rdflib's name of the format."""
        return self.format.rdflib


@dataclass(frozen=True)
class GraphInput:
    """What a backend loads: the data, and the ontology that goes alongside it.

    For the shipped graph the data holds the ontology already and ``ontology`` repeats it
    (validation and queries see the same union either way).
    """

    data: tuple[Source, ...]
    ontology: tuple[Source, ...] = ()
    shipped: bool = False
    paths: tuple[Path, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return "the shipped graph" if self.shipped else ", ".join(map(str, self.paths))


# ------------------------------------------------------------------------------------------------
# Checks before parsing
# ------------------------------------------------------------------------------------------------


def format_for_path(path: Path, fmt: str | None = None) -> str:
    """The rdflib parser name for ``path`` (or check the rdflib name given)."""
    if fmt is not None:
        known = sorted(f.rdflib for f in formats.FORMATS)
        if fmt not in known:
            raise InputError(f"{path}: unknown RDF format {fmt!r}; use one of: {', '.join(known)}")
        return fmt
    found = formats.for_path(path)
    if found is None:
        suffixes = ", ".join(sorted(formats.input_suffixes()))
        raise InputError(
            f"{path}: cannot tell the RDF format from the suffix {path.suffix.lower() or '(none)'!r}; "
            f"name the file with one of {suffixes}"
        )
    return found.rdflib


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_column(data, exc.start)
        raise InputSyntaxError(
            path, line, column, "the file is not UTF-8 (re-save it as UTF-8)"
        ) from None
    return text.removeprefix("\ufeff")


def _json_contexts(node: object) -> Iterable[object]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
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


def too_deep(path: Path) -> InputError:
    return InputError(
        f"{path}: the document nests too deeply to read (over about "
        f"{sys.getrecursionlimit() // 4} levels of lists or objects); flatten it"
    )


def _check_json_ld(path: Path, text: str, allow_remote: bool) -> None:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputSyntaxError(path, exc.lineno, exc.colno, exc.msg) from None
    except RecursionError:
        raise too_deep(path) from None
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


def check_rdf_input(
    path: Path, fmt: str | None = None, *, allow_remote: bool = False
) -> tuple[str, bytes, str]:
    """Read an RDF file and run every check that comes before parsing it.

    Returns the rdflib format name, the bytes and the text. Every parser (rdflib, Oxigraph)
    reads only input that passed these checks.
    """
    rdf_format = format_for_path(path, fmt)
    data = read_input(path, "give RDF files, or the folder's files")
    text = _decode(path, data)
    if "\x00" in text:
        line, column = line_column(data, data.index(b"\x00"))
        raise InputSyntaxError(path, line, column, "the file holds a NUL byte; is it binary?")
    if rdf_format == "json-ld":
        _check_json_ld(path, text, allow_remote)
    elif rdf_format == "xml":
        _check_xml(path, data, allow_remote)
    return rdf_format, data, text


def expand_paths(paths: Sequence[Path | str]) -> list[Path]:
    """Files as given, and the RDF files under each folder (sorted)."""
    suffixes = formats.input_suffixes()
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes)
            if not found:
                raise InputError(f"{path}: the folder holds no RDF files")
            files.extend(found)
        else:
            files.append(path)
    return files


def source_for(path: Path, *, allow_remote: bool = False) -> Source:
    """One checked file as a :class:`Source`."""
    rdf_format, data, _ = check_rdf_input(path, allow_remote=allow_remote)
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark is no content
    return Source(str(path), data, formats.by_parser(rdf_format), path.resolve().as_uri())


# ------------------------------------------------------------------------------------------------
# Assembly
# ------------------------------------------------------------------------------------------------


def ontology_sources() -> tuple[Source, ...]:
    """The shipped ontology's files, checked."""
    return tuple(source_for(path) for path in resources.ontology_files())


def shipped_input(*, include_ontology: bool = True, include_mappings: bool = True) -> GraphInput:
    """The shipped graph: ontology, data and (when present) the SSSOM mappings as triples."""
    ontology = ontology_sources()
    data = [source_for(path) for path in resources.data_files()]
    if include_mappings and resources.mapping_files():
        from medgraph import link

        mappings = link.mappings_to_graph(link.load_mappings())
        text = mappings.serialize(format="nt", encoding="utf-8")
        data.append(Source("mappings", text, formats.by_name("nt")))
    if include_ontology:
        data = [*ontology, *data]
    return GraphInput(data=tuple(data), ontology=ontology, shipped=True)


def assemble(
    paths: Sequence[Path | str] | None = None,
    *,
    allow_remote: bool = False,
    with_ontology: bool = True,
    extra: Sequence[Path | str] = (),
) -> GraphInput:
    """The user's RDF files (folders are searched), or the shipped graph when there are none.

    Every file passes :func:`check_rdf_input`; ``with_ontology`` puts the shipped ontology
    alongside the user's data (for queries and validation; exports hold the data only).
    ``extra`` files (an import's output, ``medgraph build --with``) go alongside either.
    """
    if extra:
        base = assemble(paths, allow_remote=allow_remote, with_ontology=with_ontology)
        files = expand_paths(list(extra))
        added = tuple(source_for(path, allow_remote=allow_remote) for path in files)
        return GraphInput(
            data=base.data + added,
            ontology=base.ontology,
            shipped=base.shipped,
            paths=base.paths + tuple(Path(p) for p in extra),
        )
    if not paths:
        return shipped_input()
    files = expand_paths(list(paths))
    data = tuple(source_for(path, allow_remote=allow_remote) for path in files)
    ontology = ontology_sources() if with_ontology else ()
    return GraphInput(data=data, ontology=ontology, paths=tuple(Path(p) for p in paths))
