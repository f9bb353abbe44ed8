"""The fast path for big graphs: Oxigraph and a Rust SHACL engine instead of rdflib and pySHACL.

rdflib keeps every triple as Python objects (25-30 s and 1.3 GB to parse a million triples)
and pySHACL runs each SPARQL constraint once per focus node in Python (minutes for ten
thousand triples). Both stay the reference and the default for the shipped graph; above
:data:`AUTO_THRESHOLD_BYTES` of input, ``engine="auto"`` picks this path:

- **load**: the files pass the same safety checks as :mod:`medgraph.load`, then Oxigraph
  parses them into an in-memory store for SPARQL and, apart, into N-Triples with every term
  exactly as written (see below);
- **validate**: :mod:`medgraph.shacl_fast`, with pySHACL's findings;
- **query**: the named queries on the store (:func:`medgraph.store.run_store_query`);
- **export and release**: Oxigraph's writers over the sorted exact triples, with canonical
  blank-node labels and numbers, so that two builds are byte-identical and every file holds
  the same graph as the reference release.

Oxigraph's store keeps typed literals by value: ``"01"^^xsd:integer`` comes back as ``"1"``
and the derived integer types (``xsd:positiveInteger``, ``xsd:int``, ...) as
``xsd:integer``. Query rows show that (same text, maybe another datatype); exports and the
core validator read the exact triples instead, and validation reports give back the value
as written.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph

from medgraph.errors import InputError, InputSyntaxError
from medgraph.iri import check_graph_terms, locate_error

__all__ = [
    "AUTO_THRESHOLD_BYTES",
    "ENGINES",
    "FastGraph",
    "choose_engine",
    "input_size",
    "java_memory_for",
    "open_graph",
    "serialize_lines",
]

ENGINES = ("auto", "rdflib", "oxigraph")
"""Engine names of the ``--engine`` option."""

AUTO_THRESHOLD_BYTES = 4_000_000
"""Input size (bytes of RDF files) above which ``auto`` picks Oxigraph: about 60,000 triples
of Turtle, where pySHACL already takes minutes. The shipped graph is far below it."""

_OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "json-ld": "JSON_LD", "xml": "RDF_XML"}
_ONTOLOGY_GRAPH = "urn:x-medgraph:ontology"
_NUMERIC_LINE = re.compile(
    rb'"\^\^<http://www\.w3\.org/2001/XMLSchema#(integer|decimal|double|boolean)> \.$'
)


def input_size(paths: Sequence[Path | str]) -> int:
    """Bytes of RDF input in ``paths`` (folders are searched as the loader searches them)."""
    from medgraph.load import _expand

    total = 0
    for path in _expand(paths):
        with contextlib.suppress(OSError):  # the loader reports a missing file itself
            total += path.stat().st_size
    return total


def choose_engine(engine: str, paths: Sequence[Path | str] = ()) -> str:
    """``rdflib`` or ``oxigraph``: the one named, or for ``auto`` the one that suits the size.

    With no paths the input is the shipped graph, which rdflib and pySHACL handle at once.
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    if not paths:
        return "rdflib"
    return "oxigraph" if input_size(paths) > AUTO_THRESHOLD_BYTES else "rdflib"


def java_memory_for(triples: int) -> int:
    """Java heap (MB) for the OWL reasoner on a graph of ``triples``: the reasoner's default,
    or about 4 KB per triple when that is more (HermiT holds the whole graph, and owlready2's
    default heap is what fails first on big graphs), up to three quarters of this machine's
    memory. Pass it as ``reason_graph(graph, java_memory=...)``."""
    from medgraph.reason import default_java_memory_mb

    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    except (ValueError, OSError, AttributeError):
        total = 4096
    wanted = 512 + triples * 4 // 1024
    return max(default_java_memory_mb(), min(wanted, total * 3 // 4))


def _syntax_reason(exc: SyntaxError) -> str:
    message = re.sub(r"^Parser error (at|between) [^:]*: ", "", str(exc.msg or exc))
    return re.sub(r" \(line \d+\)$", "", message)


@dataclass
class _Source:
    """One input that passed the loader's checks: its bytes, format and base IRI."""

    label: str
    data: bytes
    rdf_format: str
    base_iri: str | None = None
    typed_strings: bool = False  # types a literal xsd:string explicitly (see shacl_fast)

    @property
    def ox_format(self) -> Any:
        import pyoxigraph as ox

        return getattr(ox.RdfFormat, _OXIGRAPH_FORMATS[self.rdf_format])

    def syntax_error(self, exc: SyntaxError) -> InputError:
        line, column = exc.lineno, exc.offset
        if line is None:  # RDF/XML and JSON-LD errors name the bad IRI but not where it is
            line, column = locate_error(self.data, str(exc.msg or exc))
        return InputSyntaxError(Path(self.label), line, column, _syntax_reason(exc))

    def exact_ntriples(self) -> bytes:
        """The input as N-Triples, every term exactly as written (Oxigraph's parser)."""
        import io

        import pyoxigraph as ox

        out = io.BytesIO()
        try:
            triples = ox.parse(self.data, format=self.ox_format, base_iri=self.base_iri)
            ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as exc:
            raise self.syntax_error(exc) from None
        return out.getvalue()

    def load_into(self, store: Any, graph: Any = None) -> None:
        import pyoxigraph as ox

        try:
            store.bulk_load(
                self.data,
                format=self.ox_format,
                base_iri=self.base_iri,
                to_graph=graph if graph is not None else ox.DefaultGraph(),
            )
        except SyntaxError as exc:
            raise self.syntax_error(exc) from None


@dataclass
class FastGraph:
    """A graph for the fast path: the data (``sources``) and the ontology that validation
    mixes in (``ontology``, as :func:`medgraph.validate.validate_graph` does). Parsing
    happens on first use; :meth:`prepare` does both parses at once."""

    sources: list[_Source] = field(default_factory=list)
    ontology: list[_Source] = field(default_factory=list)

    @cached_property
    def ntriples(self) -> bytes:
        """The data's triples, exactly as written, as N-Triples (duplicates possible)."""
        return b"".join(source.exact_ntriples() for source in self.sources)

    @cached_property
    def ontology_ntriples(self) -> bytes:
        return b"".join(source.exact_ntriples() for source in self.ontology)

    @cached_property
    def store(self) -> Any:
        """The data in the default graph of an in-memory Oxigraph store, the ontology in a
        named graph of its own (seen only by validation)."""
        import pyoxigraph as ox

        store = ox.Store()
        for source in self.sources:
            source.load_into(store)
        # The ontology's triples that the data lacks: the union that validation queries is
        # then a set, as the merge of two graphs is.
        ontology = ox.NamedNode(_ONTOLOGY_GRAPH)
        missing = []
        for source in self.ontology:
            for triple in ox.parse(source.data, format=source.ox_format, base_iri=source.base_iri):
                quad = ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
                if quad not in store:
                    missing.append(
                        ox.Quad(triple.subject, triple.predicate, triple.object, ontology)
                    )
        store.extend(missing)
        return store

    def is_empty(self) -> bool:
        return not bool(self.store.query("ASK { ?s ?p ?o }"))

    def prepare(self, *, exact: bool = True) -> FastGraph:
        """Parse into the store and (with ``exact``) into exact N-Triples, in two threads."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            future = pool.submit(lambda: (self.ntriples, self.ontology_ntriples)) if exact else None
            _ = self.store
            if future is not None:
                future.result()
        return self

    def __len__(self) -> int:
        """Distinct triples of the data, as rdflib counts them (exact terms)."""
        return len(self.exact_lines)

    # ------------------------------------------------------------------------------------------

    def validate(self, shapes: Graph | None = None, *, with_report_graph: bool = True) -> Any:
        """SHACL validation with pySHACL's findings (see :mod:`medgraph.shacl_fast`).

        Input that spells out ``xsd:string``, and shapes the fast path cannot run exactly,
        go to pySHACL itself on an rdflib copy of the graph. Without ``with_report_graph``
        the report holds the findings only (the SHACL report graph costs seconds when there
        are many).
        """
        import pyoxigraph as ox

        from medgraph import shacl_fast
        from medgraph.load import load_shapes
        from medgraph.namespaces import bind_prefixes
        from medgraph.validate import ValidationReport, validate_graph

        shapes = shapes if shapes is not None else load_shapes()
        typed_strings = any(source.typed_strings for source in self.sources)
        if typed_strings or shacl_fast.supports(shapes) is not None:
            return validate_graph(self.to_rdflib(), shapes)
        self.prepare()
        exact = self.ntriples + self.ontology_ntriples
        # The ontology joins the data while validation runs, as pySHACL's ont_graph does.
        store = self.store
        mixed = [
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(_ONTOLOGY_GRAPH))
        ]
        store.extend(mixed)
        try:
            conforms, findings = shacl_fast.validate_fast(
                store, exact, "nt", shapes, exact_terms=exact
            )
        except shacl_fast.FastValidationError:
            return validate_graph(self.to_rdflib(), shapes)
        finally:
            for quad in mixed:
                store.remove(quad)
        graph = None
        if with_report_graph:
            graph = bind_prefixes(shacl_fast.report_graph(findings, shapes))
        return ValidationReport(
            conforms=conforms, results=shacl_fast.results(findings, shapes), report_graph=graph
        )

    def query(
        self, query: Any, params: Mapping[str, str] | None = None, *, allow_service: bool = False
    ) -> Any:
        """Run a named query on the data, parameters bound as RDF terms."""
        from medgraph.store import run_store_query

        return run_store_query(self.store, query, params, allow_service=allow_service)

    def to_rdflib(self) -> Graph:
        """The data as the reference loader reads it: rdflib parses the original bytes, so
        that every term is as rdflib sees it (slow when big)."""
        from medgraph.namespaces import bind_prefixes

        graph = bind_prefixes(Graph())
        for source in self.sources:
            graph.parse(
                data=source.data.decode("utf-8"), format=source.rdf_format, publicID=source.base_iri
            )
            check_graph_terms(graph, source.label, source.data)  # as medgraph.load does
        return graph

    # ------------------------------------------------------------------------------------------

    @cached_property
    def exact_lines(self) -> frozenset[bytes]:
        """The data's distinct N-Triples lines, terms as written."""
        lines = set(self.ntriples.split(b"\n"))
        lines.discard(b"")
        return frozenset(lines)

    def canonical_lines(self) -> list[bytes]:
        """Sorted, distinct N-Triples lines in the release's canonical form: blank nodes
        labelled from their content, numbers in the lexical form Turtle's shorthand gives
        them (what :func:`medgraph.release.canonical_graph` does with rdflib)."""
        lines = set(self.exact_lines)
        blank = {line for line in lines if b"_:" in line and _has_blank_node(line)}
        if blank:
            lines = (lines - blank) | _canonical_blank_lines(blank)
        numeric = {line for line in lines if _NUMERIC_LINE.search(line)}
        if numeric:
            lines = (lines - numeric) | {_canonical_number_line(line) for line in numeric}
        return sorted(lines)

    def serialize(self, fmt: str) -> bytes:
        """The data in one export format (ttl, jsonld, nt, xml), deterministically."""
        return serialize_lines(self.canonical_lines(), fmt)

    def release(self, out_dir: Path | str, *, validation_report: Graph | None = None) -> Any:
        """Write the release (every format, the JSON-LD context, the validation report and
        the manifest) as :func:`medgraph.release.build_release` does, with Oxigraph's
        writers."""
        import json

        from medgraph.release import (
            EXPORT_FORMATS,
            _turtle,
            canonical_graph,
            jsonld_context,
            write_release,
        )

        stats, counts = self.stats(), self.class_counts()
        lines = self.canonical_lines()
        payloads: dict[str, tuple[bytes, str]] = {}
        for fmt in EXPORT_FORMATS.values():
            payloads[f"medgraph{fmt.suffix}"] = (serialize_lines(lines, fmt.name), fmt.media_type)
        context = json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n"
        payloads["medgraph.context.jsonld"] = (context.encode("utf-8"), "application/ld+json")
        if validation_report is not None:
            report = _turtle(canonical_graph(validation_report))
            payloads["validation-report.ttl"] = (report, "text/turtle")
        return write_release(out_dir, payloads, stats, counts)

    def stats(self) -> Any:
        """Triple, subject and property counts of the exact data, and the release date."""
        from rdflib import Literal
        from rdflib.namespace import XSD

        from medgraph.release import ONTOLOGY_IRI, GraphStats

        lines = self.exact_lines
        subjects = {line[: line.index(b" ")] for line in lines}
        properties = {line.split(b" ", 2)[1] for line in lines}
        issued = "1970-01-01"
        for prop in ("modified", "created"):
            query = f"SELECT ?d WHERE {{ <{ONTOLOGY_IRI}> <http://purl.org/dc/terms/{prop}> ?d }}"
            found = list(self.store.query(query))
            if found:
                issued = found[0]["d"].value
                break
        return GraphStats(
            triples=len(lines),
            subjects=len(subjects),
            properties=len(properties),
            issued=Literal(issued, datatype=XSD.date),
        )

    def class_counts(self) -> dict[str, int]:
        """Data nodes per medgraph class, as :func:`medgraph.release.class_counts` counts."""
        from medgraph.namespaces import MG, MGO

        counts: dict[str, int] = {}
        query = (
            "SELECT ?class (COUNT(?node) AS ?n) WHERE { ?node a ?class "
            f'FILTER(STRSTARTS(STR(?node), "{MG}") && STRSTARTS(STR(?class), "{MGO}")) }} '
            "GROUP BY ?class"
        )
        for row in self.store.query(query):
            counts[row["class"].value[len(str(MGO)) :]] = int(row["n"].value)
        return dict(sorted(counts.items()))


def _has_blank_node(line: bytes) -> bool:
    """Whether an N-Triples line has a blank node as subject or object (not inside a string)."""
    if line.startswith(b"_:"):
        return True
    quote = line.find(b'"')
    return b" _:" in (line if quote < 0 else line[:quote])


def _canonical_blank_lines(lines: set[bytes]) -> set[bytes]:
    """Blank nodes relabelled from their content (rdflib's canonical labels, as the reference
    release uses), on the small part of the graph that has blank nodes."""
    from rdflib.compare import to_canonical_graph

    graph = Graph()
    graph.parse(data=b"\n".join(sorted(lines)).decode("utf-8"), format="nt")
    text = to_canonical_graph(graph).serialize(format="nt", encoding="utf-8")
    return {line for line in text.split(b"\n") if line.strip()}


def _canonical_number_line(line: bytes) -> bytes:
    """:func:`medgraph.release._canonical_term` applied to one N-Triples line's object."""
    from medgraph.release import _canonical_term

    graph = Graph()
    graph.parse(data=line.decode("utf-8"), format="nt")
    ((subject, predicate, obj),) = list(graph)
    return f"{subject.n3()} {predicate.n3()} {_canonical_term(obj).n3()} .".encode()


def serialize_lines(lines: Sequence[bytes], fmt: str) -> bytes:
    """Write sorted canonical N-Triples lines in an export format with Oxigraph's writers.

    Turtle uses medgraph's prefixes; RDF/XML the vocabulary prefixes (as the reference);
    JSON-LD is Oxigraph's expanded form, one node object per subject (the reference writes
    the compact form with medgraph's context: the same graph, other bytes).
    """
    import pyoxigraph as ox

    from medgraph.namespaces import PREFIXES
    from medgraph.release import DATA_PREFIXES, EXPORT_FORMATS

    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    text = b"\n".join(lines) + b"\n"
    if fmt == "nt":
        return text
    triples = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    if fmt == "xml":
        prefixes = {p: iri for p, iri in PREFIXES.items() if p not in DATA_PREFIXES}
        return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes) or b""
    return (ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"") + b"\n"


def _source(path: Path, allow_remote: bool) -> _Source:
    from medgraph.load import check_rdf_input
    from medgraph.shacl_fast import spells_out_xsd_string

    rdf_format, data, _ = check_rdf_input(path, allow_remote=allow_remote)
    return _Source(
        str(path),
        data,
        rdf_format,
        base_iri=path.resolve().as_uri(),
        typed_strings=spells_out_xsd_string(data, rdf_format),
    )


def open_graph(
    paths: Sequence[Path | str] | None = None, *, allow_remote: bool = False
) -> FastGraph:
    """Your RDF files (the shipped graph by default) for the fast path.

    The files pass the same checks as :func:`medgraph.load.parse_file` (no remote JSON-LD
    contexts, no XML entities, UTF-8, no NUL bytes) before Oxigraph reads them. The shipped
    graph comes with its SSSOM mappings, as :func:`medgraph.load.load_default_graph` gives it.
    """
    from medgraph import resources
    from medgraph.load import _expand

    graph = FastGraph(ontology=[_source(p, False) for p in resources.ontology_files()])
    if paths:
        graph.sources = [_source(path, allow_remote) for path in _expand(list(paths))]
        if graph.is_empty():
            raise InputError(f"{', '.join(map(str, paths))}: holds no RDF triples")
        return graph
    graph.sources = [*graph.ontology]
    graph.sources += [_source(path, False) for path in resources.data_files()]
    if resources.mapping_files():
        from medgraph import link

        mappings = link.mappings_to_graph(link.load_mappings())
        graph.sources.append(
            _Source("mappings", mappings.serialize(format="nt", encoding="utf-8"), "nt")
        )
    return graph
