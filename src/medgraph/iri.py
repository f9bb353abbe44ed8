"""One IRI policy for every parser, writer and query builder: what is not an IRI never gets in.

rdflib unescapes ``\\u003E`` (and JSON ``\\u003E``, XML ``&gt;``) inside an IRI and keeps the
result, so a data file can hold an "IRI" that ends in ``> } } ; DROP ALL ; ...``. rdflib's
N-Triples and Turtle writers print IRIs as they are, so such a term would break out of every
file and SPARQL text it is written into. Oxigraph refuses these IRIs while parsing; this
module holds the rdflib path (and everything that builds SPARQL text) to the same rule:

- an IRI must be valid by RFC 3987 *after* unescaping: no space, no control character, none of
  ``<>"{}|^``\\` `` and the backslash, a scheme, well-formed percent-escapes (Oxigraph's IRI
  parser decides the grammar, so both engines accept the same IRIs);
- a blank node label holds letters, digits, ``_``, ``-`` and ``.`` (JSON-LD's ``"_:..."``
  labels are free text otherwise);
- a language tag is ``letters(-letters-or-digits)*``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from medgraph.errors import InputSyntaxError

__all__ = [
    "bnode_problem",
    "check_graph_terms",
    "first_bad_term",
    "iri_problem",
    "locate_error",
    "locate_iri",
    "shown",
]

_OXIGRAPH: Any = None
_FORBIDDEN = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|^`\\]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_BNODE_LABEL = re.compile(r"[\w](?:[\w.\-]*[\w\-])?")
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_NAMES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a carriage return"}


class _QuietInvalidIRIWarnings(logging.Filter):
    """rdflib logs each invalid IRI it creates, raw (escape sequences and all) and once per
    occurrence; medgraph refuses such an IRI with one located message instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "does not look like a valid URI" not in record.getMessage()


logging.getLogger("rdflib.term").addFilter(_QuietInvalidIRIWarnings())


def _char(ch: str) -> str:
    name = _NAMES.get(ch)
    if name is None:
        name = repr(ch) if ch.isprintable() else "a control character"
    return f"{name} (U+{ord(ch):04X})"


def shown(text: str, limit: int = 80) -> str:
    """``text`` for a message: control characters and the IRI delimiters escaped, clipped."""
    out = "".join(
        ch if ch.isprintable() and ch not in "<>\\" else f"\\u{ord(ch):04X}" for ch in text
    )
    return out if len(out) <= limit else out[: limit - 1] + "…"


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` is not an absolute IRI by RFC 3987, or None when it is one."""
    bad = _FORBIDDEN.search(iri)
    if bad:
        return f"holds {_char(bad.group())}, which an IRI cannot hold"
    if not _SCHEME.match(iri):
        return "has no scheme (an absolute IRI starts like 'https:' or 'urn:')"
    global _OXIGRAPH  # imported on first use: the CLI starts faster without it
    if _OXIGRAPH is None:
        import pyoxigraph

        _OXIGRAPH = pyoxigraph
    try:
        _OXIGRAPH.NamedNode(iri)
    except ValueError as exc:
        return f"is not an IRI by RFC 3987 ({shown(str(exc), 120)})"
    return None


def bnode_problem(label: str) -> str | None:
    """Why ``label`` cannot be written as an N-Triples/SPARQL blank node label, or None."""
    if _BNODE_LABEL.fullmatch(label):
        return None
    return "is not a blank node label (letters, digits, '_', '-' and '.' only)"


def _term_problem(term: Node) -> tuple[str, str, str] | None:
    """(the term's text, how a message names it, why it is refused), or None when it is fine."""
    if isinstance(term, URIRef):
        problem = iri_problem(str(term))
        return None if problem is None else (str(term), f"the IRI <{shown(term)}>", problem)
    if isinstance(term, Literal):
        if term.datatype is not None:
            problem = iri_problem(str(term.datatype))
            if problem is not None:
                datatype = str(term.datatype)
                return datatype, f"the datatype IRI <{shown(datatype)}>", problem
        if term.language is not None and not _LANG.fullmatch(term.language):
            return term.language, f"the language tag '{shown(term.language)}'", "is not one"
        return None
    if isinstance(term, BNode):
        problem = bnode_problem(str(term))
        label = f"_:{term}"
        return None if problem is None else (label, f"the blank node '{shown(label)}'", problem)
    return None


def first_bad_term(triples: Iterable[tuple[Node, Node, Node]]) -> tuple[str, str] | None:
    """The first term (subject, predicate, object or datatype) that breaks the policy, as
    (its text, a message that names it and says why). Each distinct IRI, datatype and blank
    node is checked once; plain literals need no check."""
    good: set[Node] = set()
    for triple in triples:
        for term in triple:
            if isinstance(term, Literal):
                if term.language is None and (term.datatype is None or term.datatype in good):
                    continue
            elif term in good:
                continue
            found = _term_problem(term)
            if found is not None:
                text, name, problem = found
                return text, f"{name} {problem}"
            if isinstance(term, Literal):
                if term.datatype is not None:
                    good.add(term.datatype)
            else:
                good.add(term)
    return None


def _hex(code: int, width: int) -> bytes:
    """``code`` as ``width`` hex digits, either case (a regular expression)."""
    digits = f"{code:0{width}x}"
    return b"".join(f"[{d}{d.upper()}]".encode() if d.isalpha() else d.encode() for d in digits)


def _spellings(ch: str) -> bytes:
    """A regular expression for ``ch`` raw or escaped as N-Triples, Turtle, JSON or XML do."""
    code = ord(ch)
    forms = [
        re.escape(ch.encode("utf-8")),
        rb"\\u" + _hex(code, 4),
        rb"\\U" + _hex(code, 8),
        b"&#0*" + str(code).encode() + b";",
        b"&#[xX]0*" + _hex(code, 1 if code < 16 else 2 if code < 256 else 4) + b";",
    ]
    named = {"<": b"&lt;", ">": b"&gt;", '"': b"&quot;", "&": b"&amp;"}
    if ch in named:
        forms.append(named[ch])
    return b"(?:" + b"|".join(forms) + b")"


def _needles(text: str) -> list[bytes]:
    """Regular expressions that match ``text`` as a file may spell it, best first: opened by
    ``<`` or a quote, whole and raw, or up to its first bad character followed by that
    character raw or escaped."""
    bad = _FORBIDDEN.search(text)
    head = text[: bad.start()] if bad else text
    after = _spellings(bad.group()) if bad else b""
    # A relative IRI was resolved against the file's address: only its last part is in the
    # file, so the text from the last '/', '#' or ':' is tried too.
    tail = head[max(head.rfind("/"), head.rfind("#"), head.rfind(":")) + 1 :]
    whole = re.escape(text.encode("utf-8"))
    pieces = [
        re.escape(piece.encode("utf-8")) + after for piece in dict.fromkeys((head, tail)) if piece
    ]
    opened = [opener + piece for piece in [whole, *pieces] for opener in (b"<", b"[\"']")]
    return [*opened, whole, *pieces[:1]]


def locate_iri(data: bytes, text: str) -> tuple[int, int] | None:
    """Line and column (1-based) where ``text`` (an unescaped IRI or label) is spelled in
    ``data``, or None when it cannot be found."""
    for pattern in _needles(text):
        match = re.search(pattern, data)
        if match:
            before = data[: match.start()]
            line = before.count(b"\n") + 1
            return line, match.start() - (before.rfind(b"\n") + 1) + 1
    return None


_QUOTED_IN_ERROR = re.compile(r"(?:IRI|value) '(.*)'(?:: | must )", re.DOTALL)


def locate_error(data: bytes, message: str) -> tuple[int | None, int | None]:
    """Line and column of the IRI an Oxigraph error quotes (its RDF/XML and JSON-LD parsers
    say which IRI is bad but not where), or (None, None)."""
    match = _QUOTED_IN_ERROR.search(message)
    where = locate_iri(data, match.group(1)) if match else None
    return where if where is not None else (None, None)


def check_graph_terms(graph: Graph, source: Path | str, data: bytes | None = None) -> None:
    """Refuse a parsed graph that holds a term breaking the policy.

    Raises :class:`~medgraph.errors.InputSyntaxError` naming ``source`` and, when the term's
    text is found in ``data`` (the file's bytes; read from ``source`` when not given), its
    line and column.
    """
    found = first_bad_term(graph)
    if found is None:
        return
    text, message = found
    if data is None:
        try:
            data = Path(source).read_bytes()
        except OSError:
            data = b""
    where = locate_iri(data, text)
    line, column = where if where is not None else (None, None)
    raise InputSyntaxError(source, line, column, message)
