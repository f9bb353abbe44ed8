"""The fast backend: an in-memory Oxigraph store and a Rust SHACL engine instead of rdflib and
pySHACL.

rdflib keeps every triple as Python objects (25-30 s and 1.3 GB to parse a million triples)
and pySHACL runs each SPARQL constraint once per focus node in Python (minutes for ten
thousand triples). Both stay the reference (``rdflib``); the default backend (``auto``) is
this one, as the parity suite shows it gives the reference's findings and rows:

- **load**: the sources come checked from :func:`medgraph.inputs.assemble`, then Oxigraph
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

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from medgraph.errors import InputError
from medgraph.inputs import GraphInput, Source
from medgraph.oxparse import exact_ntriples, has_triples, load_source

if TYPE_CHECKING:
    from medgraph.release import GraphStats, ReleaseSummary

__all__ = ["OxigraphBackend", "open_graph", "serialize_lines"]

_ONTOLOGY_GRAPH = "urn:x-medgraph:ontology"

REFERENCE_WRITERS_UP_TO = 50_000
"""Graphs up to this many triples (some twenty curated conditions) are written by the
reference's writers (rdflib's Turtle layout, compact JSON-LD with medgraph's context), so that
a release is the same bytes whichever backend built it; rdflib writes them in a few seconds.
Bigger graphs get Oxigraph's writers: the same triples, other bytes (expanded JSON-LD). At
100,000 triples rdflib's writers took 23 s of a release that Oxigraph's write in about 3 s."""
_NUMERIC_LINE = re.compile(
    rb'"\^\^<http://www\.w3\.org/2001/XMLSchema#(integer|decimal|double|boolean)> \.$'
)


class OxigraphBackend:
    """A graph for the fast path: the data (``sources``) and the ontology that validation
    and queries see beside it (``ontology``, as :func:`medgraph.validation.validate_graph`
    mixes it in). Parsing happens on first use; :meth:`prepare` does both parses at once."""

    descriptor = "oxigraph"

    def __init__(self, graph_input: GraphInput) -> None:
        from medgraph.terms import TermCache

        self.input = graph_input
        self._terms = TermCache()
        self.sources: list[Source] = list(graph_input.data)
        self.ontology: list[Source] = list(graph_input.ontology)

    @cached_property
    def ntriples(self) -> bytes:
        """The data's triples, exactly as written, as N-Triples (duplicates possible)."""
        return b"".join(exact_ntriples(source) for source in self.sources)

    @cached_property
    def ontology_ntriples(self) -> bytes:
        return b"".join(exact_ntriples(source) for source in self.ontology)

    @cached_property
    def store(self) -> Any:
        """The data in the default graph of an in-memory Oxigraph store, the ontology in a
        named graph of its own (seen only by validation)."""
        import pyoxigraph as ox

        store = ox.Store()
        for source in self.sources:
            load_source(source, store)
        # The ontology's triples that the data lacks: the union that validation queries is
        # then a set, as the merge of two graphs is. The shipped graph's data holds the
        # ontology already; parsing it again would add a second copy of every blank node
        # (each OWL restriction and list twice), so it gets none.
        ontology = ox.NamedNode(_ONTOLOGY_GRAPH)
        missing = []
        for source in () if self.input.shipped else self.ontology:
            triples = ox.parse(
                source.data, format=source.format.oxigraph_format(), base_iri=source.base_iri
            )
            for triple in triples:
                quad = ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph())
                if quad not in store:
                    missing.append(
                        ox.Quad(triple.subject, triple.predicate, triple.object, ontology)
                    )
        store.extend(missing)
        return store

    def is_empty(self) -> bool:
        if "store" in self.__dict__:
            return not bool(self.store.query("ASK { ?s ?p ?o }"))
        # Before the store is built: the first triple of each source decides, so that the
        # full parse can run later beside the exact N-Triples (see :meth:`prepare`).
        return not any(has_triples(source) for source in self.sources)

    def prepare(self, *, exact: bool = True) -> OxigraphBackend:
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
        """SHACL validation with pySHACL's findings (see :mod:`medgraph.shacl_fast`), and
        with medgraph's own shapes the evidence check (:mod:`medgraph.evidence`) on the store.

        Input that spells out ``xsd:string``, and shapes the fast path cannot run exactly,
        go to pySHACL itself on an rdflib copy of the graph. Without ``with_report_graph``
        the report holds the findings only (the SHACL report graph costs seconds when there
        are many).
        """
        report = self._validate_shapes(shapes, with_report_graph=with_report_graph)
        if shapes is None:
            from medgraph import evidence

            findings = evidence.check(self.query, evidence.page_texts(self.input.paths))
            report = evidence.merge_into(report, findings)
        return report

    def _validate_shapes(self, shapes: Graph | None, *, with_report_graph: bool) -> Any:
        """The SHACL part of :meth:`validate`."""
        import pyoxigraph as ox

        from medgraph import shacl_fast
        from medgraph.loader import load_shapes
        from medgraph.namespaces import bind_prefixes
        from medgraph.validation import ValidationReport, validate_graph

        shapes = shapes if shapes is not None else load_shapes()
        typed_strings = any(
            shacl_fast.spells_out_xsd_string(source.data, source.rdf_format)
            for source in self.sources
        )
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
        """Run a named query on the data (and the ontology beside it), parameters bound as RDF
        terms."""
        from medgraph.store import run_store_query

        return run_store_query(
            self.store,
            query,
            params,
            allow_service=allow_service,
            union_default_graph=True,
            convert=self._terms,
        )

    def to_rdflib(self) -> Graph:
        """The data as the reference loader reads it: rdflib parses the original bytes, so
        that every term is as rdflib sees it (slow when big)."""
        from medgraph.loader import parse_source
        from medgraph.namespaces import bind_prefixes

        graph = bind_prefixes(Graph())
        for source in self.sources:
            parse_source(source, graph)
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

    @property
    def small(self) -> bool:
        """Whether the data is small enough for the reference writers (see
        :data:`REFERENCE_WRITERS_UP_TO`)."""
        return len(self) <= REFERENCE_WRITERS_UP_TO

    def export(self, fmt: str) -> bytes:
        """The data in one export format (ttl, jsonld, nt, xml), deterministically: the
        reference's bytes for small graphs, Oxigraph's writers above."""
        if self.small:
            from medgraph.release import serialize

            return serialize(self.to_rdflib(), fmt)
        return serialize_lines(self.canonical_lines(), fmt)

    serialize = export

    def release(
        self,
        out_dir: Path | str,
        *,
        validation_report: Graph | None = None,
        inferred: Graph | None = None,
        extra_files: dict[str, bytes] | None = None,
    ) -> ReleaseSummary:
        """Write the release (every format, the JSON-LD context, the validation report and
        the manifest) as :func:`medgraph.release.build_release` does, with Oxigraph's
        writers."""
        from medgraph.owl_release import declaration_query, declaration_triples, with_declarations
        from medgraph.release import EXPORT_FORMATS, build_release, side_payloads, write_release

        if self.small:
            return build_release(
                out_dir,
                self.to_rdflib(),
                validation_report=validation_report,
                inferred=inferred,
                extra_files=extra_files,
            )
        declared = declaration_triples(
            row["node"].value for row in self.store.query(declaration_query())
        )
        lines = self.exact_lines
        declared_lines = {_nt_line(triple) for triple in declared}
        subjects = {line[: line.index(b" ")] for line in lines}
        stats = with_declarations(
            self.stats(),
            declared,
            has_triple=lambda triple: _nt_line(triple) in lines,
            has_subject=lambda subject: f"<{subject}>".encode() in subjects,
            has_type=any(line.split(b" ", 2)[1] == _RDF_TYPE for line in lines),
        )
        counts = self.class_counts()
        lines_out = sorted(set(self.canonical_lines()) | declared_lines)
        # The formats are written by child processes while this one builds the KGX tables.
        collect = start_serializing(lines_out, [fmt.name for fmt in EXPORT_FORMATS.values()])
        try:
            side = side_payloads(
                validation_report=validation_report,
                inferred=inferred,
                extra_files=extra_files,
                kgx_query=self.query,
            )
        finally:
            written = collect()
        payloads: dict[str, tuple[bytes, str]] = {
            f"medgraph{fmt.suffix}": (written[fmt.name], fmt.media_type)
            for fmt in EXPORT_FORMATS.values()
        }
        payloads.update(side)
        return write_release(out_dir, payloads, stats, counts)

    def stats(self) -> GraphStats:
        """Triple, subject and property counts of the exact data, and the release date."""
        from rdflib import Literal
        from rdflib.namespace import XSD

        from medgraph.owl_release import ONTOLOGY_IRI
        from medgraph.release import GraphStats

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


_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def _nt_line(triple: tuple[Any, Any, Any]) -> bytes:
    """An N-Triples line of a triple of IRIs, as Oxigraph writes it."""
    return " ".join(f"<{term}>" for term in triple).encode() + b" ."


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


PARALLEL_WRITERS_FROM = 200_000
"""From this many lines, the formats are written in worker processes (see
:func:`serialize_formats`)."""


def serialize_formats(lines: Sequence[bytes], formats: Sequence[str]) -> dict[str, bytes]:
    """Every format of ``formats`` from sorted canonical N-Triples lines.

    Oxigraph's writers hold Python's lock, so threads cannot use a second core; for a large
    graph each format other than N-Triples is written by a child process of its own
    (:mod:`medgraph.backends.writer`) while this one returns the N-Triples text. The bytes are
    those :func:`serialize_lines` writes in one process; a graph below
    :data:`PARALLEL_WRITERS_FROM` lines is written here.
    """
    return start_serializing(lines, formats)()


def start_serializing(
    lines: Sequence[bytes], formats: Sequence[str]
) -> Callable[[], dict[str, bytes]]:
    """:func:`serialize_formats`, begun: for a large graph the child processes start writing
    at once, and the function returned collects their bytes, so that the caller can do other
    work (the KGX tables of a release) in the meantime."""
    if len(lines) < PARALLEL_WRITERS_FROM or len(formats) < 2:
        return lambda: {fmt: serialize_lines(lines, fmt) for fmt in formats}
    from medgraph.backends.writer import Writing

    text = b"\n".join(lines) + b"\n"
    writing = Writing(text, [fmt for fmt in formats if fmt != "nt"])

    def collect() -> dict[str, bytes]:
        written = writing.result()
        if "nt" in formats:
            written["nt"] = text
        return {fmt: written[fmt] for fmt in formats}

    return collect


def open_graph(
    paths: Sequence[Path | str] | None = None, *, allow_remote: bool = False
) -> OxigraphBackend:
    """Your RDF files (the shipped graph by default) on the fast backend."""
    from medgraph.inputs import assemble

    return OxigraphBackend(assemble(paths, allow_remote=allow_remote))
