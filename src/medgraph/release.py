"""Export and release stage: deterministic serialisations and the ``dist/`` release.

Determinism is by construction: blank nodes (the ontology's OWL axioms) get canonical labels,
triples are inserted in sorted order, N-Triples lines are sorted, and the JSON-LD document is
normalised (sorted nodes and keys). Two builds of the same input are byte-identical.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, VOID, XSD

from medgraph import __version__
from medgraph.atomic import atomic_write, replace_directory, staging_directory
from medgraph.changelog import RELEASE_NOTES_FILE, release_notes
from medgraph.errors import InputError, OutputError, OutputExists
from medgraph.formats import FORMATS
from medgraph.namespaces import DATA, MG, MGO, PREFIXES, bind_prefixes
from medgraph.owl_release import ONTOLOGY_IRI

if TYPE_CHECKING:
    from medgraph.queries import QueryResult

__all__ = [
    "EXPORT_FORMATS",
    "GraphStats",
    "ReleaseSummary",
    "build_release",
    "canonical_graph",
    "class_counts",
    "graph_stats",
    "jsonld_context",
    "rdfxml",
    "serialize",
    "side_payloads",
    "write_release",
]

SPDX = "http://spdx.org/rdf/terms#"
ADMS = "http://www.w3.org/ns/adms#"
DATA_PREFIXES = frozenset(DATA)


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    media_type: str
    writer: Callable[[Graph], bytes]


_SHORTHAND_DATATYPES = frozenset({XSD.integer, XSD.decimal, XSD.double, XSD.boolean})


def _canonical_term(term: Any) -> Any:
    """Numbers and booleans in the lexical form Turtle's shorthand gives them.

    rdflib writes ``"15"^^xsd:decimal`` as the Turtle shorthand ``15.0``, which reads back as
    another literal; normalising first keeps every export format the same graph.
    """
    if isinstance(term, Literal) and term.datatype in _SHORTHAND_DATATYPES:
        plain = term._literal_n3(use_plain=True)
        if not plain.startswith('"'):
            return Literal(plain, datatype=term.datatype)
    return term


_MEDIA_TYPES = {
    ".tsv": "text/tab-separated-values",
    ".ttl": "text/turtle",
    ".txt": "text/plain",
    ".jsonld": "application/ld+json",
    ".md": "text/markdown",
}
"""Media types of extra release files (the SSSOM table, ...), by suffix."""


def canonical_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` with canonical blank-node labels and literal forms, in sorted order."""
    source = graph
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        from rdflib.compare import to_canonical_graph

        source = to_canonical_graph(graph)
    out = bind_prefixes(Graph())
    for subject, predicate, obj in sorted(source):
        out.add((_canonical_term(subject), _canonical_term(predicate), _canonical_term(obj)))
    return out


def jsonld_context() -> dict[str, Any]:
    """The compact JSON-LD 1.1 context: medgraph's prefixes and a term for each class and
    property of its model (:mod:`medgraph.jsonld_context`); nothing is fetched from afar."""
    from medgraph.jsonld_context import jsonld_context as context

    return context()


def _turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def _ntriples(graph: Graph) -> bytes:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def rdfxml(graph: Graph) -> bytes:
    """RDF/XML written by Oxigraph in sorted triple order: rdflib's writers follow set
    iteration order, which changes from run to run."""
    import pyoxigraph as ox

    from medgraph.terms import to_oxigraph_quad

    triples = [to_oxigraph_quad(triple).triple for triple in sorted(graph)]
    prefixes = {prefix: iri for prefix, iri in PREFIXES.items() if prefix not in DATA_PREFIXES}
    data = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)
    return data if data is not None else b""


def _sort_json(value: Any, *, ordered: bool = False) -> Any:
    """Sort JSON-LD sets (arrays) and keys; arrays under ``@list`` keep their order."""
    if isinstance(value, dict):
        return {key: _sort_json(value[key], ordered=key == "@list") for key in sorted(value)}
    if isinstance(value, list):
        items = [_sort_json(item) for item in value]
        if ordered:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _writing_context(graph: Graph, context: dict[str, Any]) -> dict[str, Any]:
    """The context rdflib compacts with: ``context`` less the IRI coercion of the properties
    that have a blank node as a value here. rdflib writes such a value as a bare ``"_:b0"``
    and drops the blank node's own triples; uncoerced, it writes ``{"@id": "_:b0"}`` and the
    node beside it, which reads the same under the published context."""
    with_blank = {str(p) for _, p, o in graph if isinstance(o, BNode)}
    writing = dict(context)
    for name, definition in context.items():
        if not isinstance(definition, dict) or definition.get("@type") != "@id":
            continue
        prefix, _, local = definition["@id"].partition(":")
        if PREFIXES.get(prefix, "") + local in with_blank:
            writing[name] = {"@id": definition["@id"]}
    return writing


def _jsonld(graph: Graph) -> bytes:
    context = jsonld_context()["@context"]
    writing = _writing_context(graph, context)
    text = graph.serialize(format="json-ld", context=writing, auto_compact=True)
    document = json.loads(text)
    nodes = [_sort_json(node) for node in document.get("@graph", [document])]
    nodes.sort(key=lambda node: (str(node.get("@id", "")), json.dumps(node, sort_keys=True)))
    ordered = {"@context": context, "@graph": nodes}
    return (json.dumps(ordered, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_WRITERS: dict[str, Callable[[Graph], bytes]] = {
    "ttl": _turtle,
    "jsonld": _jsonld,
    "nt": _ntriples,
    "xml": rdfxml,
}

EXPORT_FORMATS: dict[str, ExportFormat] = {
    fmt.name: ExportFormat(fmt.name, fmt.suffix, fmt.media_type, _WRITERS[fmt.name])
    for fmt in FORMATS
}
"""Formats of ``medgraph export`` and of the release, by the name used on the command line:
the registry's (:data:`medgraph.formats.FORMATS`) with medgraph's deterministic writers."""


def serialize(graph: Graph, fmt: str, *, canonical: bool = True) -> bytes:
    """Serialise ``graph`` in one of :data:`EXPORT_FORMATS`, deterministically by default."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    prepared = canonical_graph(graph) if canonical else graph
    return EXPORT_FORMATS[fmt].writer(prepared)


def class_counts(graph: Graph) -> dict[str, int]:
    """How many data nodes of each medgraph class the graph holds (asserted types only).

    Only nodes under the data namespace count: the ontology's own individuals (comparators,
    page sections, kinds of source, ...) are vocabulary, not data.
    """
    counts: Counter[str] = Counter()
    for node, cls in graph.subject_objects(RDF.type):
        if str(node).startswith(str(MG)) and str(cls).startswith(str(MGO)):
            counts[str(cls)[len(str(MGO)) :]] += 1
    return dict(sorted(counts.items()))


@dataclass
class ReleaseSummary:
    """What a build wrote."""

    out_dir: Path
    triples: int
    files: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    class_counts: dict[str, int] = field(default_factory=dict)
    violations: int = 0
    warnings: int = 0


def _release_date(graph: Graph) -> Literal:
    """The release date: the ontology's dcterms:modified or dcterms:created, never the clock."""
    for prop in (DCTERMS.modified, DCTERMS.created):
        value = graph.value(ONTOLOGY_IRI, prop)
        if value is not None:
            return Literal(str(value), datatype=XSD.date)
    return Literal("1970-01-01", datatype=XSD.date)


@dataclass(frozen=True)
class GraphStats:
    """What the manifest says about a graph, so that any engine can supply it."""

    triples: int
    subjects: int
    properties: int
    issued: Literal


def graph_stats(graph: Graph) -> GraphStats:
    return GraphStats(
        triples=len(graph),
        subjects=len(set(graph.subjects())),
        properties=len(set(graph.predicates())),
        issued=_release_date(graph),
    )


_NOTES_DESCRIPTION = "Release notes: what changed in this version (its section of CHANGELOG.md)."


def _manifest(
    stats: GraphStats,
    files: dict[str, tuple[str, str, int]],
    counts: dict[str, int],
    notes: str | None = None,
) -> Graph:
    """A VoID + DCAT description of the release, with counts and a SHA-256 per file.

    ``notes``, the release notes, become the dataset's ``adms:versionNotes`` (DCAT-AP's
    property for them) besides their own file.
    """
    spdx = {name: URIRef(SPDX + name) for name in ("checksum", "algorithm", "checksumValue")}
    base = MG[f"release/{__version__}"]
    manifest = bind_prefixes(Graph())
    manifest.bind("spdx", SPDX)
    manifest.bind("adms", ADMS)
    manifest.add((base, RDF.type, DCAT.Dataset))
    manifest.add((base, RDF.type, VOID.Dataset))
    manifest.add((base, DCTERMS.title, Literal("medgraph knowledge graph", lang="en")))
    manifest.add(
        (
            base,
            DCTERMS.description,
            Literal(
                "A cited, validated RDF knowledge graph of medical conditions, starting with "
                "cervical incompetence.",
                lang="en",
            ),
        )
    )
    manifest.add((base, OWL.versionInfo, Literal(__version__)))
    manifest.add((base, DCTERMS.hasVersion, Literal(__version__)))
    if notes is not None:
        manifest.add((base, URIRef(ADMS + "versionNotes"), Literal(notes, lang="en")))
    manifest.add((base, DCTERMS.issued, stats.issued))
    manifest.add((base, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    manifest.add((base, DCTERMS.conformsTo, ONTOLOGY_IRI))
    manifest.add((base, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    manifest.add((base, VOID.distinctSubjects, Literal(stats.subjects, datatype=XSD.integer)))
    manifest.add((base, VOID.properties, Literal(stats.properties, datatype=XSD.integer)))
    manifest.add((base, VOID.uriSpace, Literal(str(MG))))
    for prefix, namespace in sorted(PREFIXES.items()):
        if prefix in {"mg", "mgo"}:
            manifest.add((base, VOID.vocabulary, URIRef(namespace)))
    for name, count in counts.items():
        partition = URIRef(f"{base}/class/{name}")
        manifest.add((base, VOID.classPartition, partition))
        manifest.add((partition, VOID["class"], MGO[name]))
        manifest.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    for file_name, (digest, media_type, size) in sorted(files.items()):
        dist = URIRef(f"{base}/{file_name}")
        checksum = URIRef(f"{base}/{file_name}#sha256")
        manifest.add((base, DCAT.distribution, dist))
        manifest.add((dist, RDF.type, DCAT.Distribution))
        manifest.add((dist, DCTERMS.title, Literal(file_name)))
        if file_name == RELEASE_NOTES_FILE:
            manifest.add((dist, DCTERMS.description, Literal(_NOTES_DESCRIPTION, lang="en")))
        manifest.add((dist, DCAT.mediaType, Literal(media_type)))
        manifest.add((dist, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
        manifest.add((dist, DCAT.downloadURL, URIRef(f"{base}/{file_name}")))
        manifest.add((dist, spdx["checksum"], checksum))
        manifest.add((checksum, spdx["algorithm"], URIRef(SPDX + "checksumAlgorithm_sha256")))
        manifest.add((checksum, spdx["checksumValue"], Literal(digest, datatype=XSD.hexBinary)))
        manifest.add((checksum, RDFS.label, Literal(f"SHA-256 of {file_name}")))
    return manifest


def build_release(
    out_dir: Path | str,
    graph: Graph,
    *,
    validation_report: Graph | None = None,
    inferred: Graph | None = None,
    extra_files: dict[str, bytes] | None = None,
    force: bool = True,
) -> ReleaseSummary:
    """Write the release of ``graph`` to ``out_dir`` in every format, with its manifest.

    ``inferred`` (the triples an OWL reasoner adds) goes to its own file,
    ``medgraph-inferred.ttl``, so that asserted and inferred triples stay apart. The KGX
    nodes and edges files (:mod:`medgraph.kgx`) come along. Every RDF format declares the
    data's individuals (see :mod:`medgraph.owl_release`).

    The release is built in a staging folder and swapped in whole, so an interrupted build
    leaves the previous release as it was.
    """
    from medgraph.owl_release import declaration_query, declaration_triples, with_declarations
    from medgraph.queries import run_query

    target = _release_target(out_dir, force)
    rows = graph.query(declaration_query())
    declared = declaration_triples(row[0] for row in rows if isinstance(row, tuple))
    stats = with_declarations(
        graph_stats(graph),
        declared,
        has_triple=lambda triple: triple in graph,
        has_subject=lambda subject: (subject, None, None) in graph,
        has_type=(None, RDF.type, None) in graph,
    )
    prepared = canonical_graph(graph)
    # The side files first: KGX reads the data as it is, without the declarations.
    side = side_payloads(
        validation_report=validation_report,
        inferred=inferred,
        extra_files=extra_files,
        kgx_query=partial(run_query, prepared),
    )
    for triple in sorted(declared):
        prepared.add(triple)
    payloads: dict[str, tuple[bytes, str]] = {}
    for fmt in EXPORT_FORMATS.values():
        payloads[f"medgraph{fmt.suffix}"] = (fmt.writer(prepared), fmt.media_type)
    payloads.update(side)
    return write_release(target, payloads, stats, class_counts(graph))


def side_payloads(
    *,
    validation_report: Graph | None = None,
    inferred: Graph | None = None,
    extra_files: dict[str, bytes] | None = None,
    kgx_query: Callable[[str], QueryResult] | None = None,
) -> dict[str, tuple[bytes, str]]:
    """The release files besides the graph's own formats, the same whichever engine wrote
    those: the ontology on its own, the JSON-LD context, the release notes, the validation
    report, the inferred triples, extra files, and the KGX nodes and edges files when
    ``kgx_query`` (a SPARQL SELECT runner on the data, such as ``Backend.query``) is given."""
    from medgraph.owl_release import ontology_payloads

    payloads: dict[str, tuple[bytes, str]] = dict(ontology_payloads())
    context = json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n"
    payloads["medgraph.context.jsonld"] = (context.encode("utf-8"), "application/ld+json")
    notes = release_notes(__version__)
    if notes is not None:
        payloads[RELEASE_NOTES_FILE] = (notes.encode("utf-8"), "text/markdown")
    if validation_report is not None:
        payloads["validation-report.ttl"] = (
            _turtle(canonical_graph(validation_report)),
            "text/turtle",
        )
    if inferred is not None:
        payloads["medgraph-inferred.ttl"] = (_turtle(canonical_graph(inferred)), "text/turtle")
    if kgx_query is not None:
        from medgraph import kgx

        for name, data in kgx.kgx_files(kgx_query).items():
            payloads[name] = (data, kgx.MEDIA_TYPES[Path(name).suffix])
    for name, data in sorted((extra_files or {}).items()):
        payloads[name] = (data, _MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream"))
    return payloads


def _release_target(out_dir: Path | str, force: bool) -> Path:
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    foreign = target.is_dir() and any(target.iterdir()) and not (target / "manifest.ttl").exists()
    if foreign and not force:
        raise OutputExists(target, "holds files that are not a medgraph release")
    return target


def write_release(
    out_dir: Path | str,
    payloads: dict[str, tuple[bytes, str]],
    stats: GraphStats,
    counts: dict[str, int],
    *,
    force: bool = True,
) -> ReleaseSummary:
    """Write release files (name -> bytes, media type) and their manifest, swapped in whole."""
    target = _release_target(out_dir, force)
    files = {
        name: (hashlib.sha256(data).hexdigest(), media, len(data))
        for name, (data, media) in payloads.items()
    }
    notes = payloads.get(RELEASE_NOTES_FILE)
    notes_text = notes[0].decode("utf-8") if notes is not None else None
    manifest = _turtle(canonical_graph(_manifest(stats, files, counts, notes_text)))
    with staging_directory(target) as staging:
        for name, (data, _) in payloads.items():
            atomic_write(staging / name, data, force=True)
        atomic_write(staging / "manifest.ttl", manifest, force=True)
        replace_directory(staging, target)
    summary = ReleaseSummary(out_dir=target, triples=stats.triples, class_counts=counts)
    summary.files = {name: digest for name, (digest, _, _) in files.items()}
    summary.files["manifest.ttl"] = hashlib.sha256(manifest).hexdigest()
    return summary
