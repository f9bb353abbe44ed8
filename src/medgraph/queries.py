"""Query stage: named SPARQL competency queries with typed parameters, bound as RDF terms.

Each ``queries/*.rq`` file starts with a comment header::

    # title: Risk factors
    # description: Each risk factor of the condition, with the references that support it.
    # param: condition iri https://w3id.org/medgraph/id/condition/cervical-incompetence
    # example: medgraph query risk-factors --param condition=https://...

Parameters become variables of the same name (``?condition``) and are bound as RDF terms
(``initBindings``), never pasted into the query text. The query text holds the defaults too, as a
VALUES block that binds only parameters, so that the file runs as it is on any SPARQL store;
binding a value replaces that block. Files named ``qc-*.rq`` are quality checks: any row they
return is a finding, at the level their header declares (``# level: error``, ``warn`` or
``info``; see :mod:`medgraph.quality`), with what to do about it (``# fix: ...``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import ResultRow
from rdflib.term import Identifier, Node

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

    from medgraph.backends.base import Backend

from medgraph import resources
from medgraph.errors import QueryError, ServiceRefused, UpdateRefused
from medgraph.iri import iri_problem
from medgraph.namespaces import PREFIXES

__all__ = [
    "PARAM_TYPES",
    "QC_LEVELS",
    "RESULT_FORMATS",
    "BoundQuery",
    "NamedQuery",
    "QueryParameter",
    "QueryResult",
    "as_named_query",
    "bind_parameters",
    "bind_query",
    "format_result",
    "get_query",
    "json_value",
    "list_queries",
    "parse_query_file",
    "run_query",
    "unmatched_parameters",
]

_PARSER_LOCK = threading.Lock()
"""rdflib's SPARQL parser (pyparsing) is not thread-safe: one parse at a time."""
_HEADER = re.compile(r"^#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*$")
QC_LEVELS = ("error", "warn", "info")
"""Levels a quality check declares (``# level: ...``): an error fails validation and the build
like a SHACL violation; a warning and a note are reported only."""


def _parse_iri(value: str) -> URIRef:
    """An absolute IRI, or a CURIE with one of medgraph's prefixes (``condition:...``,
    ``mesh:D002581``), expanded by :func:`medgraph.curie.expand`; checked by the one IRI
    policy (:func:`medgraph.iri.iri_problem`)."""
    from medgraph.curie import expand

    value = expand(value) or value
    if iri_problem(value) is not None:
        raise ValueError(
            "an absolute IRI or a CURIE with a known prefix, without spaces, quotes, braces "
            "or angle brackets"
        )
    return URIRef(value)


def _parse_integer(value: str) -> Literal:
    if not re.fullmatch(r"[+-]?\d+", value.strip()):
        raise ValueError("an integer")
    return Literal(int(value), datatype=XSD.integer)


def _parse_decimal(value: str) -> Literal:
    try:
        return Literal(Decimal(value.strip()), datatype=XSD.decimal)
    except InvalidOperation:
        raise ValueError("a decimal number") from None


def _parse_boolean(value: str) -> Literal:
    lowered = value.strip().lower()
    if lowered not in {"true", "false"}:
        raise ValueError("true or false")
    return Literal(lowered == "true", datatype=XSD.boolean)


def _parse_string(value: str) -> Literal:
    return Literal(value)


def _parse_english(value: str) -> Literal:
    return Literal(value, lang="en")


PARAM_TYPES: dict[str, Callable[[str], Node]] = {
    "iri": _parse_iri,
    "string": _parse_string,
    "text": _parse_english,
    "integer": _parse_integer,
    "decimal": _parse_decimal,
    "boolean": _parse_boolean,
}
"""Parameter types a query header may declare, and how a command-line value becomes a term."""


@dataclass(frozen=True)
class QueryParameter:
    name: str
    type: str
    default: str | None = None
    description: str = ""

    def to_term(self, value: str) -> Node:
        try:
            return PARAM_TYPES[self.type](value)
        except ValueError as exc:
            raise QueryError(
                f"parameter {self.name!r} must be {exc} ({self.type}); got {value!r}"
            ) from None


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query file with its header."""

    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    parameters: tuple[QueryParameter, ...] = ()
    examples: tuple[str, ...] = ()
    level: str = ""
    """A quality check's level (:data:`QC_LEVELS`); empty for other queries."""
    fix: str = ""
    """What to do about a quality check's row, in words."""

    @property
    def is_quality_check(self) -> bool:
        return self.name.startswith("qc-")


@dataclass
class QueryResult:
    """Rows of a SELECT (``variables`` + ``rows``), a boolean for ASK, or a graph."""

    kind: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def plain_rows(self) -> list[dict[str, str | None]]:
        """Rows with every value as text (IRIs in full, literals by their lexical form)."""
        return [
            {var: (None if row.get(var) is None else str(row[var])) for var in self.variables}
            for row in self.rows
        ]

    def typed_rows(self) -> list[dict[str, JsonValue]]:
        """Rows as JSON values: numbers and booleans as JSON numbers and booleans (from the
        literal's datatype), everything else as text, as in :meth:`plain_rows`."""
        return [{var: json_value(row.get(var)) for var in self.variables} for row in self.rows]


JsonValue = str | int | float | bool | None
"""A cell of ``query --format json``."""

_INTEGER_TYPES = frozenset(
    XSD[name]
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset({XSD.double, XSD.float})


def json_value(term: Node | None) -> JsonValue:
    """A result term as the JSON value a reader expects: ``"0"^^xsd:integer`` becomes ``0``,
    ``"15"^^xsd:decimal`` ``15``, ``"true"^^xsd:boolean`` ``true``. A literal that is not a
    valid value of its datatype, and a double that JSON cannot write (NaN, INF), stay text."""
    if term is None:
        return None
    text = str(term)
    if not isinstance(term, Literal) or term.datatype is None:
        return text
    datatype = term.datatype
    try:
        if datatype == XSD.boolean:
            if text.strip() in {"true", "1"}:
                return True
            if text.strip() in {"false", "0"}:
                return False
            return text
        if datatype in _INTEGER_TYPES:
            return int(text.strip())
        if datatype == XSD.decimal:
            number = Decimal(text.strip())
            if not number.is_finite():
                return text
            return int(number) if number == number.to_integral_value() else float(number)
        if datatype in _FLOAT_TYPES:
            double = float(text.strip())
            return double if double == double and abs(double) != float("inf") else text
    except (ValueError, InvalidOperation):
        return text
    return text


def parse_query_file(path: Path, text: str | None = None) -> NamedQuery:
    """Read a ``.rq`` file and its header; raises :class:`QueryError` on a malformed header."""
    if text is None:
        from medgraph.files import read_text

        text = read_text(path, "query file")
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            fields.setdefault(match["key"], []).append(match["value"])
    parameters = []
    for spec in fields.get("param", []):
        parts = spec.split(None, 3)
        if len(parts) < 2 or parts[1] not in PARAM_TYPES:
            raise QueryError(
                f"{path}: bad parameter header {spec!r}; write "
                f"'# param: NAME TYPE [DEFAULT [description]]' with TYPE one of "
                f"{', '.join(PARAM_TYPES)}"
            )
        default = parts[2] if len(parts) > 2 and parts[2] != "-" else None
        description = parts[3] if len(parts) > 3 else ""
        parameters.append(QueryParameter(parts[0], parts[1], default, description))
    level = " ".join(fields.get("level", [])).strip().lower()
    if path.stem.startswith("qc-") and level not in QC_LEVELS:
        raise QueryError(
            f"{path}: a quality check declares its level: '# level: error', 'warn' or 'info'"
            f"{f' (not {level!r})' if level else ''}"
        )
    return NamedQuery(
        name=path.stem,
        path=path,
        text=text,
        title=" ".join(fields.get("title", [])),
        description=" ".join(fields.get("description", [])),
        parameters=tuple(parameters),
        examples=tuple(fields.get("example", [])),
        level=level,
        fix=" ".join(fields.get("fix", [])),
    )


@cache
def _named_queries(folder: Path) -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(folder.glob("*.rq"))}


def list_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query shipped in ``queries/`` (or in ``folder``), by name."""
    return list(_named_queries(folder or resources.queries_dir()).values())


def get_query(name_or_path: str | Path, folder: Path | None = None) -> NamedQuery:
    """A named query by name, or a query file by path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" or candidate.exists():
        if not candidate.exists():
            raise QueryError(f"{candidate}: no such query file")
        return parse_query_file(candidate)  # reads regular UTF-8 files only
    queries = _named_queries(folder or resources.queries_dir())
    if str(name_or_path) not in queries:
        known = ", ".join(sorted(queries))
        raise QueryError(f"unknown query {str(name_or_path)!r}; named queries are: {known}")
    return queries[str(name_or_path)]


def bind_parameters(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Node]:
    """Turn ``--param k=v`` values (and defaults) into RDF terms, checking names and types."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        allowed = ", ".join(declared) or "none"
        raise QueryError(
            f"query {query.name!r} has no parameter {unknown[0]!r}; its parameters: {allowed}"
        )
    bindings: dict[str, Node] = {}
    for name, parameter in declared.items():
        raw = values.get(name, parameter.default)
        if raw is None:
            raise QueryError(f"query {query.name!r} needs --param {name}=<{parameter.type}>")
        bindings[name] = parameter.to_term(raw)
    return bindings


PARAMETER_KINDS: dict[str, tuple[str, str]] = {
    "condition": ("condition", "Condition"),
    "sign": ("sign or symptom", "SignOrSymptom"),
    "risk_factor": ("risk factor", "RiskFactor"),
    "treatment": ("treatment", "Treatment"),
    "reference": ("reference", "Reference"),
}
"""IRI parameters named for a kind of node (``condition``, ``other_condition``, ``sign``, ...):
the words for the kind and its ``mgo:`` class, so that a query that finds nothing can say
whether the node it was given is in the graph at all."""


def _parameter_kind(name: str) -> tuple[str, str] | None:
    for key, kind in PARAMETER_KINDS.items():
        if name == key or name.endswith(f"_{key}"):
            return kind
    return None


def unmatched_parameters(
    backend: Backend, query: NamedQuery, values: Mapping[str, str]
) -> list[str]:
    """For each IRI parameter named for a kind of node that no node of that kind in the graph
    has, a one-line note (``no condition condition:x in the graph (parameter condition)``).

    Meant for a query that came back empty: it tells "the graph holds nothing for this
    condition" apart from "there is no such condition", the usual typo.
    """
    from medgraph.curie import compact
    from medgraph.namespaces import MGO
    from medgraph.sparql_text import term_to_sparql

    bindings = bind_parameters(query, values)
    notes = []
    for parameter in query.parameters:
        kind = _parameter_kind(parameter.name)
        term = bindings.get(parameter.name)
        if kind is None or parameter.type != "iri" or not isinstance(term, URIRef):
            continue
        words, cls = kind
        ask = (
            "ASK { "
            f"{term_to_sparql(term)} a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
            f"<{MGO}{cls}> }}"
        )
        if not backend.query(ask).boolean:
            notes.append(
                f"no {words} {compact(str(term))} in the graph (parameter {parameter.name})"
            )
    return notes


def _walk_algebra(node: object) -> Iterator[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node.name
        for value in node.values():
            yield from _walk_algebra(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _walk_algebra(value)


def _syntax_error(origin: str, exc: Exception) -> QueryError:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "col", None)
    near = (getattr(exc, "line", "") or "").strip()[:60]
    return QueryError(f"{origin}:{line}:{column}: SPARQL syntax error near {near!r}")


def prepare_query(text: str, origin: str = "<query>", *, allow_service: bool = False) -> Query:
    """Parse and check a query: updates are refused, and so is SERVICE unless allowed.

    medgraph's ``query`` is read-only, and a SERVICE clause would make the engine reach out to
    another server, so both need the caller's explicit consent.
    """
    from pyparsing.exceptions import ParseException
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        with _PARSER_LOCK:
            prepared = prepareQuery(text, initNs=PREFIXES)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            raise _syntax_error(origin, exc) from None
        raise UpdateRefused(
            f"{origin}: this is a SPARQL Update; 'medgraph query' is read-only and runs only "
            "SELECT, ASK, CONSTRUCT and DESCRIBE"
        ) from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises several kinds for bad queries
        raise QueryError(f"{origin}: the query cannot be prepared: {exc}") from None
    if not allow_service and "ServiceGraphPattern" in set(_walk_algebra(prepared.algebra)):
        raise ServiceRefused(
            f"{origin}: the query has a SERVICE clause, which would send a request to another "
            "server; pass --allow-service if you mean it"
        )
    return prepared


def query_form(prepared: Query) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE."""
    return str(prepared.algebra.name).removesuffix("Query").upper()


@dataclass(frozen=True)
class BoundQuery:
    """A checked query with its parameters bound: the text a SPARQL engine runs, and its form."""

    text: str
    form: str


@lru_cache(maxsize=256)
def _checked_form(text: str, origin: str, allow_service: bool) -> str:
    """The query's form, once it passed the read-only and SERVICE checks. Remembered per
    text: rdflib's parse, which the checks need, costs more than most evaluations."""
    return query_form(prepare_query(text, origin, allow_service=allow_service))


def bind_query(
    query: NamedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
) -> BoundQuery:
    """Check a query (read-only, SERVICE only with consent) and bind its parameters as RDF
    terms in a ``VALUES`` block: the one way medgraph hands a query to a SPARQL engine other
    than rdflib (Oxigraph in memory or on disk, a remote endpoint, the served engine)."""
    from medgraph.sparql_text import inject_values

    query = as_named_query(query)
    bindings = bind_parameters(query, params or {})
    form = _checked_form(query.text, str(query.path), allow_service)
    return BoundQuery(inject_values(query.text, bindings, form), form)


def as_named_query(query: NamedQuery | str) -> NamedQuery:
    """Raw SPARQL text as a nameless :class:`NamedQuery`."""
    if isinstance(query, str):
        return NamedQuery(name="query", path=Path("<query>"), text=query)
    return query


def run_query(
    graph: Graph,
    query: NamedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
) -> QueryResult:
    """Run a named query (or raw SPARQL text) on an rdflib graph, with bound parameters."""
    if isinstance(query, str):
        query = NamedQuery(name="query", path=Path("<query>"), text=query)
    bindings = bind_parameters(query, params or {})
    text = query.text
    if bindings:
        from medgraph.sparql_text import remove_values

        text = remove_values(text, bindings)  # the defaults in the text give way to bindings
    prepared = prepare_query(text, str(query.path), allow_service=allow_service)
    result = graph.query(prepared, initBindings=cast(Mapping[str, Identifier], bindings))
    if result.type == "ASK":
        return QueryResult(kind="ASK", boolean=bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        out = Graph()
        for prefix, namespace in graph.namespaces():
            out.bind(prefix, namespace)
        for triple in result:
            out.add(cast(tuple[Node, Node, Node], triple))
        return QueryResult(kind=result.type, graph=out)
    variables = [str(v) for v in (result.vars or [])]
    rows: list[dict[str, Node | None]] = [
        {var: cast(ResultRow, row)[i] for i, var in enumerate(variables)} for row in result
    ]
    return QueryResult(kind="SELECT", variables=variables, rows=rows)


# ----------------------------------------------------------------------------------------------
# Output formats
# ----------------------------------------------------------------------------------------------


def _cell(value: str | None) -> str:
    return "" if value is None else value


def _compact(term: Node | None) -> str | None:
    """A term as a person reads it in a table: IRIs as CURIEs where a medgraph prefix fits."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        from medgraph.curie import compact

        return compact(str(term))
    return str(term)


_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
"""Control characters, and the invisible ones that reorder or hide text (Trojan Source)."""
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(text: str) -> str:
    """``text`` with terminal escape sequences and other control characters written as
    ``\\x1b``-style escapes: a value must not move the cursor, recolour or clear the screen."""

    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in _SHORT_ESCAPES:
            return _SHORT_ESCAPES[ch]
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return _UNSHOWN.sub(escape, text)


def _as_table(result: QueryResult) -> str:
    """A table for people: CURIEs instead of long IRIs, long cells clipped (csv/json keep all),
    control characters escaped."""
    if result.kind == "ASK":
        return f"{str(result.boolean).lower()}\n"
    headers = [_visible(var) for var in result.variables]
    rows = [
        [_visible(_cell(_compact(row.get(var)))) for var in result.variables] for row in result.rows
    ]
    if not rows:
        return "(no rows)\n"
    widths = [min(60, max(len(h), *(len(r[i]) for r in rows))) for i, h in enumerate(headers)]

    def clip(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        lines.append(
            "  ".join(clip(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        )
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _as_delimited(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if result.kind == "ASK":
        writer.writerow(["boolean"])
        writer.writerow([str(result.boolean).lower()])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.plain_rows():
        writer.writerow([_cell(row[v]) for v in result.variables])
    return buffer.getvalue()


def _as_json(result: QueryResult) -> str:
    if result.kind == "ASK":
        return json.dumps({"boolean": result.boolean}) + "\n"
    return json.dumps(result.typed_rows(), indent=2, ensure_ascii=False) + "\n"


def _term_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode", "value": str(term)}


def _as_sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [
        {var: _term_json(value) for var, value in row.items() if value is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _as_sparql_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    from xml.etree import ElementTree as ET

    namespace = "http://www.w3.org/2005/sparql-results#"
    ET.register_namespace("", namespace)
    root = ET.Element(f"{{{namespace}}}sparql")
    head = ET.SubElement(root, f"{{{namespace}}}head")
    if result.kind == "ASK":
        ET.SubElement(root, f"{{{namespace}}}boolean").text = str(result.boolean).lower()
    else:
        for var in result.variables:
            ET.SubElement(head, f"{{{namespace}}}variable", name=var)
        results = ET.SubElement(root, f"{{{namespace}}}results")
        for row in result.rows:
            solution = ET.SubElement(results, f"{{{namespace}}}result")
            for var, value in row.items():
                if value is None:
                    continue
                binding = ET.SubElement(solution, f"{{{namespace}}}binding", name=var)
                described = _term_json(value)
                kind = described.pop("type")
                tag = {"uri": "uri", "literal": "literal", "bnode": "bnode"}[kind]
                element = ET.SubElement(binding, f"{{{namespace}}}{tag}")
                element.text = described.pop("value")
                if "xml:lang" in described:
                    element.set("{http://www.w3.org/XML/1998/namespace}lang", described["xml:lang"])
                if "datatype" in described:
                    element.set("datatype", described["datatype"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


RESULT_FORMATS: dict[str, Callable[[QueryResult], str]] = {
    "table": _as_table,
    "csv": lambda r: _as_delimited(r, ","),
    "tsv": lambda r: _as_delimited(r, "\t"),
    "json": _as_json,
    "sparql-json": _as_sparql_json,
    "sparql-xml": _as_sparql_xml,
}


GRAPH_FORMATS = ("ttl", "nt", "jsonld", "xml")
"""Formats for CONSTRUCT and DESCRIBE results (the export formats)."""


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render SELECT/ASK results in :data:`RESULT_FORMATS`; CONSTRUCT/DESCRIBE graphs in
    :data:`GRAPH_FORMATS` (a tabular format name gives Turtle)."""
    if result.graph is not None:
        from medgraph.release import serialize

        graph_format = fmt if fmt in GRAPH_FORMATS else "ttl"
        return serialize(result.graph, graph_format).decode("utf-8")
    if fmt not in RESULT_FORMATS:
        raise QueryError(
            f"format {fmt!r} is for RDF results; a {result.kind} query gives rows: use one of "
            f"{', '.join(RESULT_FORMATS)}"
        )
    return RESULT_FORMATS[fmt](result)


def quality_checks(graph: Graph, names: Sequence[str] | None = None) -> dict[str, QueryResult]:
    """Run the ``qc-*`` queries; any row a check returns is a defect in the graph."""
    checks = [q for q in list_queries() if q.is_quality_check and (not names or q.name in names)]
    return {q.name: run_query(graph, q) for q in checks}
