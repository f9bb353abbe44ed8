"""Checked sources parsed by Oxigraph: into a store, or into N-Triples with every term as written.

Oxigraph's parse errors carry a line and column (RDF/XML and JSON-LD ones only name the bad
term, which is then searched for in the input); they become the same
:class:`~medgraph.errors.InputSyntaxError` the rdflib loader raises.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from medgraph.errors import InputError, InputSyntaxError
from medgraph.inputs import Source
from medgraph.iri import locate_error

__all__ = ["exact_ntriples", "load_source"]


def _syntax_reason(exc: SyntaxError) -> str:
    message = re.sub(r"^Parser error (at|between) [^:]*: ", "", str(exc.msg or exc))
    return re.sub(r" \(line \d+\)$", "", message)


def _syntax_error(source: Source, exc: SyntaxError) -> InputError:
    line, column = exc.lineno, exc.offset
    if line is None:  # RDF/XML and JSON-LD errors name the bad IRI but not where it is
        line, column = locate_error(source.data, str(exc.msg or exc))
    if line is None:  # nor where a tag is mismatched: the reference parser says where
        located = _located_by_rdflib(source)
        if located is not None:
            return located
    return InputSyntaxError(Path(source.label), line, column, _syntax_reason(exc))


def _located_by_rdflib(source: Source) -> InputSyntaxError | None:
    """rdflib's error for a source Oxigraph refused without a position, when it has one."""
    from medgraph.loader import parse_source

    try:
        parse_source(source)
    except InputSyntaxError as exc:
        return exc if exc.line is not None else None
    except InputError:
        return None
    return None


def _check_json_ld_terms(source: Source) -> None:
    """JSON-LD through the reference parser and the term policy first: Oxigraph's JSON-LD
    parser drops a node whose blank-node label is malformed without a word, where the policy
    refuses the file with the place (JSON-LD inputs are small; big graphs come as N-Triples or
    Turtle)."""
    if source.format.name == "jsonld":
        from medgraph.loader import parse_source

        parse_source(source)


def exact_ntriples(source: Source) -> bytes:
    """A source as N-Triples, every term exactly as written (Oxigraph's parser)."""
    _check_json_ld_terms(source)
    import io

    import pyoxigraph as ox

    out = io.BytesIO()
    try:
        triples = ox.parse(
            source.data, format=source.format.oxigraph_format(), base_iri=source.base_iri
        )
        ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise _syntax_error(source, exc) from None
    return out.getvalue()


def has_triples(source: Source) -> bool:
    """Whether a source holds at least one triple: parsed up to its first one only, so that
    a large file is not loaded just to learn that it is not empty."""
    _check_json_ld_terms(source)
    import pyoxigraph as ox

    try:
        triples = ox.parse(
            source.data, format=source.format.oxigraph_format(), base_iri=source.base_iri
        )
        return next(iter(triples), None) is not None
    except SyntaxError as exc:
        raise _syntax_error(source, exc) from None


def load_source(source: Source, store: Any, graph: Any = None) -> None:
    """Bulk-load a source into an Oxigraph store (the default graph unless ``graph``)."""
    import pyoxigraph as ox

    _check_json_ld_terms(source)
    try:
        store.bulk_load(
            source.data,
            format=source.format.oxigraph_format(),
            base_iri=source.base_iri,
            to_graph=graph if graph is not None else ox.DefaultGraph(),
        )
    except SyntaxError as exc:
        raise _syntax_error(source, exc) from None
