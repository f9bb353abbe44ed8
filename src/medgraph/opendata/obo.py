"""A small reader of OBO flat files (format 1.2/1.4), enough for the HPO's ``hp.obo``.

The importer needs the header (version, licence) and, per term, its name, definition, scoped
and typed synonyms, cross-references, parents, alternative ids and obsolescence. A library
(fastobo, pronto) would add a dependency and a parse of the whole ontology into objects the
importer then walks again; this reader yields one :class:`OboTerm` per ``[Term]`` stanza from
the text, line by line, and keeps every value as written (OBO's backslash escapes undone, as
any OBO reader does). A line it cannot read is an :class:`InputSyntaxError` naming the file and
line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from medgraph.errors import InputSyntaxError

__all__ = ["OboHeader", "OboSynonym", "OboTerm", "read_obo"]

SYNONYM_SCOPES = ("EXACT", "RELATED", "BROAD", "NARROW")
_ESCAPES = {"n": "\n", "t": "\t", "W": " ", '"': '"', "\\": "\\", ":": ":", ",": ","}
_TRAILING = re.compile(r"\s*(\{[^{}]*\})?\s*(!.*)?$")


@dataclass(frozen=True)
class OboSynonym:
    """One ``synonym:`` line: the text, its scope (EXACT, RELATED, BROAD, NARROW) and its type
    (``layperson``, ``abbreviation``, ... or empty)."""

    text: str
    scope: str
    type: str = ""


@dataclass
class OboTerm:
    """One ``[Term]`` stanza, values as written."""

    id: str
    name: str = ""
    definition: str = ""
    comment: str = ""
    synonyms: list[OboSynonym] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    is_a: list[str] = field(default_factory=list)
    alt_ids: list[str] = field(default_factory=list)
    obsolete: bool = False
    replaced_by: list[str] = field(default_factory=list)
    consider: list[str] = field(default_factory=list)
    line: int = 0
    """Line of the stanza's ``id:`` (for messages)."""


@dataclass
class OboHeader:
    """The header's tag-value pairs, in order (a tag may repeat)."""

    tags: list[tuple[str, str]] = field(default_factory=list)

    def get(self, tag: str) -> str | None:
        """The first value of ``tag``, or None."""
        return next((value for key, value in self.tags if key == tag), None)

    def all(self, tag: str) -> list[str]:
        """Every value of ``tag``."""
        return [value for key, value in self.tags if key == tag]


def _quoted(path: Path, number: int, text: str) -> tuple[str, str]:
    """The OBO quoted string at the start of ``text`` (escapes undone) and what follows it."""
    if not text.startswith('"'):
        raise InputSyntaxError(path, number, None, f"expected a quoted string: {text[:60]!r}")
    out: list[str] = []
    index = 1
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append(_ESCAPES.get(text[index + 1], text[index + 1]))
            index += 2
            continue
        if char == '"':
            return "".join(out), text[index + 1 :].strip()
        out.append(char)
        index += 1
    raise InputSyntaxError(path, number, None, "a quoted string is not closed")


def _plain(value: str) -> str:
    """A value without its trailing qualifiers ``{...}`` and comment ``! ...``."""
    return _TRAILING.sub("", value, count=1).strip()


def _synonym(path: Path, number: int, value: str) -> OboSynonym:
    text, rest = _quoted(path, number, value)
    words = rest.split("[", 1)[0].split()
    scope = words[0] if words else "RELATED"
    if scope not in SYNONYM_SCOPES:
        raise InputSyntaxError(path, number, None, f"unknown synonym scope {scope!r}")
    return OboSynonym(text, scope, words[1] if len(words) > 1 else "")


def _apply(term: OboTerm, path: Path, number: int, tag: str, value: str) -> None:
    if tag == "name":
        term.name = value.strip()
    elif tag == "def":
        term.definition = _quoted(path, number, value)[0]
    elif tag == "comment":
        term.comment = _plain(value)
    elif tag == "synonym":
        term.synonyms.append(_synonym(path, number, value))
    elif tag == "xref":
        term.xrefs.append(_plain(value).split(" ", 1)[0])
    elif tag == "is_a":
        term.is_a.append(_plain(value))
    elif tag == "alt_id":
        term.alt_ids.append(_plain(value))
    elif tag == "is_obsolete":
        term.obsolete = _plain(value) == "true"
    elif tag == "replaced_by":
        term.replaced_by.append(_plain(value))
    elif tag == "consider":
        term.consider.append(_plain(value))


def _tag_value(path: Path, number: int, line: str) -> tuple[str, str]:
    tag, colon, value = line.partition(":")
    if not colon or not tag or " " in tag:
        raise InputSyntaxError(path, number, None, f"expected 'tag: value', got {line[:60]!r}")
    return tag, value.strip()


def read_obo(path: Path, text: str) -> tuple[OboHeader, Iterator[OboTerm]]:
    """The header of an OBO file's ``text`` and an iterator over its terms (obsolete ones
    included, flagged). ``path`` only names the file in errors."""
    lines = text.splitlines()
    header = OboHeader()
    number = 0
    for number, line in enumerate(lines, 1):
        if line.startswith("["):
            break
        if line.strip() and not line.startswith("!"):
            header.tags.append(_tag_value(path, number, line))
    else:
        number = len(lines) + 1
    return header, _terms(path, lines, number)


def _terms(path: Path, lines: list[str], start: int) -> Iterator[OboTerm]:
    term: OboTerm | None = None
    in_term = False
    for number in range(start, len(lines) + 1):
        line = lines[number - 1].strip()
        if not line or line.startswith("!"):
            continue
        if line.startswith("["):
            if term is not None:
                yield term
            term = None
            in_term = line == "[Term]"
            if not line.endswith("]"):
                raise InputSyntaxError(path, number, None, f"bad stanza header {line[:40]!r}")
            continue
        if not in_term:
            continue
        tag, value = _tag_value(path, number, line)
        if tag == "id":
            if term is not None:
                raise InputSyntaxError(path, number, None, "a second id: in one [Term] stanza")
            term = OboTerm(id=value, line=number)
            continue
        if term is None:
            raise InputSyntaxError(path, number, None, "a [Term] stanza must start with id:")
        _apply(term, path, number, tag, value)
    if term is not None:
        yield term
