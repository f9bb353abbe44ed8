"""KGX export: the graph's clinical entities and claims as Biolink nodes and edges files.

KG-Hub, Monarch and Translator load knowledge graphs as KGX files (a nodes table and an edges
table, in TSV or JSON Lines) typed by the Biolink Model. medgraph's ontology is aligned to
Biolink (``ontology/alignment.ttl``), mostly by ``skos:closeMatch``; this module reads that
alignment and turns

- every clinical entity (an instance of ``mgo:ClinicalEntity`` or a subclass) into a node with
  the Biolink category its class is aligned to, and
- every claim between two clinical entities into an edge with the Biolink predicate its
  relation (or the relation's inverse) is aligned to, in the direction Biolink calls canonical,
  with the claim's references as ``publications``, its quotes of the page (or else the
  passages it is stated in) as ``supporting_text``, and its own ``knowledge_level`` and
  ``agent_type``.

The files are checked against the Biolink Model of the installed ``biolink-model`` package
(:mod:`medgraph.biolink`) before they are returned: a category, predicate, column or enum value
the model lacks is an error, not a silent file. ``docs/kgx.md`` lists what is exported and why.

The data is read through SPARQL ``SELECT`` queries (one per property), so every backend
(rdflib, Oxigraph, a store, an endpoint) gives the same files.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from medgraph.atomic import atomic_write, replace_directory, staging_directory
from medgraph.biolink import PREFIX as BIOLINK
from medgraph.biolink import BiolinkModel, class_curie, model
from medgraph.curie import compact
from medgraph.errors import InputError, OutputError, OutputExists
from medgraph.namespaces import BIBO, FABIO, MG, MGO

if TYPE_CHECKING:
    from rdflib.term import Node

    from medgraph.queries import QueryResult

__all__ = [
    "AGENT_TYPE",
    "EDGE_COLUMNS",
    "FILE_NAMES",
    "INFORES",
    "KNOWLEDGE_LEVEL",
    "LIST_COLUMNS",
    "NODE_COLUMNS",
    "KgxGraph",
    "Row",
    "archive",
    "build",
    "check",
    "checked",
    "external_curie",
    "kgx_files",
    "render",
    "write",
]

INFORES = "infores:medgraph"
"""medgraph as a knowledge source (Translator's information-resource registry spelling)."""
KNOWLEDGE_LEVEL = "knowledge_assertion"
"""The knowledge level of a claim that records none (the shipped claims record theirs:
``biolink:knowledge_level``, "prediction" for what the page only hypothesizes or suggests)."""
AGENT_TYPE = "manual_agent"
"""The agent type of a claim that records none (``biolink:agent_type``)."""
BIOLINK_KNOWLEDGE_LEVEL = "https://w3id.org/biolink/vocab/knowledge_level"
BIOLINK_AGENT_TYPE = "https://w3id.org/biolink/vocab/agent_type"
FALLBACK_PREDICATE = BIOLINK + "related_to"
"""The predicate of a claim whose relation has no Biolink alignment (``original_predicate``
keeps medgraph's)."""
FALLBACK_CATEGORY = BIOLINK + "NamedThing"
"""The category of a clinical entity whose class has no Biolink alignment."""
FALLBACK_EDGE_CATEGORY = BIOLINK + "Association"

NODE_COLUMNS = ("id", "category", "name", "description", "synonym", "xref", "iri", "provided_by")
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "category",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "publications",
    "supporting_text",
    "original_subject",
    "original_predicate",
    "original_object",
)
LIST_COLUMNS = frozenset(
    {"category", "synonym", "xref", "provided_by", "publications", "supporting_text"}
)
"""Columns that hold lists: JSON arrays in JSON Lines, ``|``-separated in TSV."""

FILE_NAMES = (
    "medgraph_nodes.tsv",
    "medgraph_edges.tsv",
    "medgraph_nodes.jsonl",
    "medgraph_edges.jsonl",
)
"""The KGX files, as the release and ``medgraph export --format kgx`` name them."""
MEDIA_TYPES = {".tsv": "text/tab-separated-values", ".jsonl": "application/jsonl"}
"""Media types of the KGX files, by suffix (JSON Lines has no registered one)."""

Query = Callable[[str], "QueryResult"]
"""Runs a SPARQL SELECT on the data: ``Backend.query`` or ``run_query`` bound to a graph."""

Row = dict[str, str | list[str]]

# Properties read from the data. Identifiers of references, most useful first: Biolink's
# publications are CURIEs, and one per reference is enough.
_PUBLICATION_IDS = (
    (BIBO.pmid, "PMID"),
    (BIBO.doi, "doi"),
    (FABIO.hasPubMedCentralId, "PMCID"),
    (BIBO.isbn, "isbn"),
)
_ALIGNMENT = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch, OWL.inverseOf)
_DATA = (
    RDF.type,
    RDFS.label,
    SKOS.prefLabel,
    SKOS.altLabel,
    MGO.abbreviation,
    SKOS.definition,
    SKOS.exactMatch,
    MGO.claimSubject,
    MGO.claimPredicate,
    MGO.claimObject,
    MGO.supportedBy,
    MGO.statedIn,
    MGO.passageText,
    MGO.quote,
    URIRef(BIOLINK_KNOWLEDGE_LEVEL),
    URIRef(BIOLINK_AGENT_TYPE),
    *(prop for prop, _ in _PUBLICATION_IDS),
)


@dataclass
class KgxGraph:
    """The nodes and edges rows, each a dict of KGX column -> text or list of texts."""

    nodes: list[Row] = field(default_factory=list)
    edges: list[Row] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)
    """Claims not exported, counted by their relation's CURIE (ends not clinical entities)."""


# ------------------------------------------------------------------------------------------------
# Reading the data and the alignment
# ------------------------------------------------------------------------------------------------


Pairs = dict[URIRef, list[tuple["Node", "Node"]]]


def _read(query: Query, properties: Iterable[URIRef]) -> Pairs:
    """Subject-object pairs of each property, one simple query per property (fast everywhere)."""
    pairs: Pairs = {}
    for prop in properties:
        result = query(f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}")
        found: list[tuple[Node, Node]] = []
        for row in result.rows:
            subject, obj = row.get("s"), row.get("o")
            if subject is not None and obj is not None:
                found.append((subject, obj))
        pairs[prop] = found
    return pairs


@cache
def _shipped_alignment() -> tuple[tuple[URIRef, URIRef, URIRef], ...]:
    """The alignment triples of the shipped ontology (read once)."""
    from medgraph.loader import load_ontology

    ontology = load_ontology()
    return tuple(
        (s, p, o)
        for p in _ALIGNMENT
        for s, o in ontology.subject_objects(p)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )


@dataclass
class _Alignment:
    """The ontology's class and property hierarchy and its links to Biolink."""

    parents: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    biolink: dict[URIRef, set[tuple[int, str]]] = field(default_factory=lambda: defaultdict(set))
    """Term -> (rank, Biolink CURIE); rank 0 for sub-class/-property or exact match, 1 close."""
    inverses: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))

    def add(self, subject: URIRef, prop: URIRef, obj: URIRef) -> None:
        target = str(obj)
        if target.startswith(_BIOLINK_IRI):
            rank = 1 if prop == SKOS.closeMatch else 0
            if prop != OWL.inverseOf:
                self.biolink[subject].add((rank, BIOLINK + target[len(_BIOLINK_IRI) :]))
        elif prop in (RDFS.subClassOf, RDFS.subPropertyOf):
            self.parents[subject].add(obj)
        elif prop == OWL.inverseOf:
            self.inverses[subject].add(obj)
            self.inverses[obj].add(subject)

    def levels(self, term: URIRef) -> Iterable[list[URIRef]]:
        """``term``, then its parents, then theirs (breadth first, each term once)."""
        seen = {term}
        level = [term]
        while level:
            yield level
            following = sorted({p for t in level for p in self.parents.get(t, ()) if p not in seen})
            seen.update(following)
            level = following

    def is_a(self, term: URIRef, ancestor: URIRef) -> bool:
        return any(ancestor in level for level in self.levels(term))


_BIOLINK_IRI = "https://w3id.org/biolink/vocab/"


def _alignment(query: Query) -> _Alignment:
    """The shipped ontology's alignment, plus any the data itself holds."""
    aligned = _Alignment()
    for triple in _shipped_alignment():
        aligned.add(*triple)
    for prop, pairs in _read(query, _ALIGNMENT).items():
        for s, o in pairs:
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                aligned.add(s, prop, o)
    return aligned


# ------------------------------------------------------------------------------------------------
# Choosing categories and predicates
# ------------------------------------------------------------------------------------------------


def _categories(aligned: _Alignment, cls: URIRef) -> list[str]:
    """The Biolink categories of the nearest class (``cls`` or above) aligned to Biolink; the
    strongest alignment there (sub-class or exact match before close match)."""
    for level in aligned.levels(cls):
        found = sorted(pair for term in level for pair in aligned.biolink.get(term, ()))
        if found:
            best = found[0][0]
            return sorted({curie for rank, curie in found if rank == best})
    return []


@dataclass(frozen=True)
class _Predicate:
    curie: str
    flipped: bool
    """True when the Biolink predicate is aligned to the relation's inverse: the edge runs from
    the claim's object to its subject."""


def _predicate(aligned: _Alignment, biolink: BiolinkModel, relation: URIRef) -> _Predicate:
    """The Biolink predicate of a relation: from the nearest property (the relation or above)
    aligned to Biolink, directly or through its inverse; canonical direction first, then the
    stronger alignment, then the relation's own direction."""
    for level in aligned.levels(relation):
        candidates = []
        for term in level:
            for flipped, prop in [(False, term), *((True, inv) for inv in aligned.inverses[term])]:
                for rank, curie in aligned.biolink.get(prop, ()):
                    found = biolink.predicate(curie)
                    canonical = found is not None and found.canonical
                    candidates.append((not canonical, rank, flipped, curie))
        if candidates:
            _, _, flipped, curie = min(candidates)
            return _Predicate(curie, flipped)
    return _Predicate(FALLBACK_PREDICATE, False)


# ------------------------------------------------------------------------------------------------
# Values
# ------------------------------------------------------------------------------------------------


@cache
def _biolink_prefixes() -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Biolink's prefix map, longest namespace first, and its spellings by lower case."""
    prefixes = model().prefixes
    by_namespace = sorted(prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
    lower: dict[str, list[str]] = defaultdict(list)
    for prefix in prefixes:
        lower[prefix.lower()].append(prefix)
    return by_namespace, {key: names[0] for key, names in lower.items() if len(names) == 1}


@lru_cache(maxsize=1 << 16)
def external_curie(iri: str) -> str:
    """A code's CURIE as Biolink spells it (``MONDO:0005698``, ``MESH:D002581``).

    The prefix whose namespace Biolink's prefix map shares with the IRI, else medgraph's CURIE
    (:func:`medgraph.curie.compact`) with its prefix in Biolink's spelling when Biolink knows
    the prefix under another case (``umls`` -> ``UMLS``), else medgraph's CURIE unchanged.
    (Remembered: the conditions of a graph share their codes.)"""
    by_namespace, by_lower = _biolink_prefixes()
    for prefix, namespace in by_namespace:
        if iri.startswith(namespace) and len(iri) > len(namespace) and namespace != _BIOLINK_IRI:
            return f"{prefix}:{iri[len(namespace) :]}"
    curie = compact(iri)
    if curie == iri or ":" not in curie:
        return curie
    prefix, local = curie.split(":", 1)
    return f"{by_lower.get(prefix.lower(), prefix)}:{local}"


def _texts(values: Iterable[Node]) -> list[str]:
    """English (or untagged) literal values, sorted, each once."""
    return sorted(
        {
            str(v)
            for v in values
            if isinstance(v, Literal) and (v.language is None or v.language.startswith("en"))
        }
    )


def _first(values: Iterable[Node]) -> str:
    texts = _texts(values)
    return texts[0] if texts else ""


class _Index:
    """The data's pairs by subject."""

    def __init__(self, pairs: Pairs) -> None:
        self._by: dict[URIRef, dict[Node, list[Node]]] = {}
        for prop, items in pairs.items():
            table: dict[Node, list[Node]] = defaultdict(list)
            for s, o in items:
                table[s].append(o)
            self._by[prop] = table

    def get(self, subject: Node, prop: URIRef) -> list[Node]:
        return self._by.get(prop, {}).get(subject, [])

    def subjects(self, prop: URIRef) -> list[Node]:
        return sorted(self._by.get(prop, {}), key=str)


def _publication(index: _Index, source: Node) -> str | None:
    """A supporting reference as a CURIE: its PMID, DOI, PMCID or ISBN, else medgraph's own;
    ``None`` for an excerpt (its text is in ``supporting_text``)."""
    for prop, prefix in _PUBLICATION_IDS:
        values = _texts(index.get(source, prop)) or sorted(map(str, index.get(source, prop)))
        if values:
            return f"{prefix}:{values[0]}"
    if index.get(source, MGO.passageText):
        return None
    return compact(str(source))


# ------------------------------------------------------------------------------------------------
# Building the tables
# ------------------------------------------------------------------------------------------------


def build(query: Query) -> KgxGraph:
    """The KGX nodes and edges of the data that ``query`` reads, sorted by id."""
    biolink = model()
    aligned = _alignment(query)
    index = _Index(_read(query, _DATA))
    graph = KgxGraph()

    clinical: dict[Node, bool] = {}  # class -> whether it is mgo:ClinicalEntity or below
    entity_types: dict[Node, list[URIRef]] = defaultdict(list)
    for node in index.subjects(RDF.type):
        if not (isinstance(node, URIRef) and str(node).startswith(str(MG))):
            continue
        for cls in index.get(node, RDF.type):
            if cls not in clinical:
                clinical[cls] = isinstance(cls, URIRef) and aligned.is_a(cls, MGO.ClinicalEntity)
            if clinical[cls]:
                entity_types[node].append(cast(URIRef, cls))

    for node, classes in entity_types.items():
        graph.nodes.append(_node(index, aligned, biolink, cast(URIRef, node), classes))

    edge_category = _categories(aligned, MGO.Claim) or [FALLBACK_EDGE_CATEGORY]
    predicates: dict[URIRef, _Predicate] = {}
    left_out: dict[str, int] = defaultdict(int)
    publication_of: dict[Node, str | None] = {}  # a reference supports many claims
    for claim in index.subjects(MGO.claimPredicate):
        relation = min(index.get(claim, MGO.claimPredicate), key=str)
        subject = min(index.get(claim, MGO.claimSubject), key=str, default=None)
        obj = min(index.get(claim, MGO.claimObject), key=str, default=None)
        if (
            not isinstance(relation, URIRef)
            or subject not in entity_types
            or obj not in entity_types
        ):
            left_out[compact(str(relation))] += 1
            continue
        if relation not in predicates:
            predicates[relation] = _predicate(aligned, biolink, relation)
        chosen = predicates[relation]
        ends = (obj, subject) if chosen.flipped else (subject, obj)
        sources = sorted(index.get(claim, MGO.supportedBy), key=str)
        for source in sources:
            if source not in publication_of:
                publication_of[source] = _publication(index, source)
        publications = {p for p in map(publication_of.__getitem__, sources) if p is not None}
        passages = sorted({*index.get(claim, MGO.statedIn), *sources}, key=str)
        # The page's words for the claim when it quotes them, else its passages whole.
        texts = _texts(index.get(claim, MGO.quote)) or [
            text for p in passages for text in _texts(index.get(p, MGO.passageText))
        ]
        graph.edges.append(
            {
                "id": compact(str(claim)),
                "subject": compact(str(ends[0])),
                "predicate": chosen.curie,
                "object": compact(str(ends[1])),
                "category": edge_category,
                "knowledge_level": _first(index.get(claim, URIRef(BIOLINK_KNOWLEDGE_LEVEL)))
                or KNOWLEDGE_LEVEL,
                "agent_type": _first(index.get(claim, URIRef(BIOLINK_AGENT_TYPE))) or AGENT_TYPE,
                "primary_knowledge_source": INFORES,
                "publications": sorted(publications),
                "supporting_text": list(dict.fromkeys(texts)),
                "original_subject": compact(str(subject)),
                "original_predicate": compact(str(relation)),
                "original_object": compact(str(obj)),
            }
        )
    graph.nodes.sort(key=lambda row: str(row["id"]))
    graph.edges.sort(key=lambda row: str(row["id"]))
    graph.left_out = dict(sorted(left_out.items()))
    return graph


def _node(
    index: _Index,
    aligned: _Alignment,
    biolink: BiolinkModel,
    node: URIRef,
    classes: Sequence[URIRef],
) -> Row:
    found = {curie for cls in classes for curie in _categories(aligned, cls)}
    # Keep the most specific: drop a category that another one is a kind of.
    implied: set[str] = set()
    for curie in found:
        element = biolink.category(curie)
        if element is not None:
            implied.update(map(class_curie, biolink.ancestors(element, biolink.classes)))
    categories = sorted(found - implied) or [FALLBACK_CATEGORY]
    name = _first(index.get(node, SKOS.prefLabel)) or _first(index.get(node, RDFS.label))
    synonyms = _texts([*index.get(node, SKOS.altLabel), *index.get(node, MGO.abbreviation)])
    codes = {
        external_curie(str(code))
        for code in index.get(node, SKOS.exactMatch)
        if isinstance(code, URIRef) and not str(code).startswith(str(MG))
    }
    return {
        "id": compact(str(node)),
        "category": categories,
        "name": name,
        "description": _first(index.get(node, SKOS.definition)),
        "synonym": [s for s in synonyms if s != name],
        "xref": sorted(codes),
        "iri": str(node),
        "provided_by": [INFORES],
    }


# ------------------------------------------------------------------------------------------------
# Checking against the Biolink Model
# ------------------------------------------------------------------------------------------------


def check(graph: KgxGraph, biolink: BiolinkModel | None = None) -> list[str]:
    """Everything in ``graph`` the Biolink Model does not allow (empty when all is well):
    unknown or non-canonical predicates, unknown, mixin or abstract categories, columns that
    are not slots, lists in single-valued slots, enum values the model lacks, edges whose ends
    are not nodes, ids used twice."""
    biolink = biolink or model()
    problems: list[str] = []
    problems += biolink.column_problems(NODE_COLUMNS)
    problems += biolink.column_problems(EDGE_COLUMNS)
    for column in sorted({*NODE_COLUMNS, *EDGE_COLUMNS} - {"id"}):
        slot = biolink.slot(column)
        if slot is not None and slot.multivalued != (column in LIST_COLUMNS):
            wanted = "a list" if slot.multivalued else "a single value"
            problems.append(f"column {column!r} must hold {wanted} in Biolink {biolink.version}")
    node_ids = [str(row["id"]) for row in graph.nodes]
    edge_ids = [str(row["id"]) for row in graph.edges]
    for ids, kind in ((node_ids, "node"), (edge_ids, "edge")):
        if len(set(ids)) != len(ids):
            problems.append(f"a {kind} id is used twice")
    categories = {c for row in graph.nodes for c in row["category"]}
    categories |= {c for row in graph.edges for c in row["category"]}
    problems += [p for c in sorted(categories) if (p := biolink.category_problem(c)) is not None]
    predicates = sorted({str(row["predicate"]) for row in graph.edges})
    problems += [p for c in predicates if (p := biolink.predicate_problem(c)) is not None]
    known = set(node_ids)
    for row in graph.edges:
        for enum, column in (
            ("KnowledgeLevelEnum", "knowledge_level"),
            ("AgentTypeEnum", "agent_type"),
        ):
            problem = biolink.enum_problem(enum, str(row[column]))
            if problem is not None:
                problems.append(f"edge {row['id']}: {problem}")
        for end in ("subject", "object"):
            if row[end] not in known:
                problems.append(f"edge {row['id']}: its {end} {row[end]} is not a node")
    return list(dict.fromkeys(problems))


# ------------------------------------------------------------------------------------------------
# Files
# ------------------------------------------------------------------------------------------------


def _tsv_cell(value: str | list[str]) -> str:
    """One TSV cell: lists joined by ``|``; tabs and line breaks become spaces, and a ``|``
    inside a text becomes ``¦``, since KGX splits any cell on ``|``."""
    items = value if isinstance(value, list) else [value]
    cleaned = [" ".join(item.replace("|", "¦").split()) for item in items]
    return "|".join(cleaned)


def _tsv(rows: Sequence[Row], columns: Sequence[str]) -> bytes:
    lines = ["\t".join(columns)]
    lines += ["\t".join(_tsv_cell(row.get(c, "")) for c in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _jsonl(rows: Sequence[Row], columns: Sequence[str]) -> bytes:
    """One JSON object per line, empty values left out (KGX's JSON Lines reads them absent)."""
    lines = [
        json.dumps({c: row[c] for c in columns if row.get(c)}, ensure_ascii=False) for row in rows
    ]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def checked(query: Query) -> KgxGraph:
    """:func:`build`, then :func:`check`; raises :class:`~medgraph.errors.InputError` listing
    what the Biolink Model does not allow (an alignment to a term the installed model lacks)."""
    graph = build(query)
    problems = check(graph)
    if problems:
        raise InputError(
            "the KGX export does not conform to the Biolink Model: " + "; ".join(problems)
        )
    return graph


def render(graph: KgxGraph) -> dict[str, bytes]:
    """The four KGX files of ``graph``: nodes and edges, as TSV and as JSON Lines."""
    nodes_tsv, edges_tsv, nodes_jsonl, edges_jsonl = FILE_NAMES
    return {
        nodes_tsv: _tsv(graph.nodes, NODE_COLUMNS),
        edges_tsv: _tsv(graph.edges, EDGE_COLUMNS),
        nodes_jsonl: _jsonl(graph.nodes, NODE_COLUMNS),
        edges_jsonl: _jsonl(graph.edges, EDGE_COLUMNS),
    }


def kgx_files(query: Query) -> dict[str, bytes]:
    """The four KGX files of the data ``query`` reads, checked against the Biolink Model."""
    return render(checked(query))


def archive(files: Mapping[str, bytes]) -> bytes:
    """The files as one ``.tar.gz``, byte-identical for the same files (no dates, no owners)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size = len(files[name])
            info.mode = 0o644
            info.mtime = 0
            tar.addfile(info, io.BytesIO(files[name]))
    return gzip.compress(buffer.getvalue(), mtime=0)


ARCHIVE_SUFFIXES = (".tar.gz", ".tgz")


def write(files: Mapping[str, bytes], target: Path | str, *, force: bool = False) -> Path:
    """Write the KGX files to ``target``: one ``.tar.gz`` when its name says so, else a folder
    of the four files, swapped in whole. An existing output is replaced only with ``force``,
    and a folder that holds anything else is never replaced."""
    target = Path(target)
    if target.name.endswith(ARCHIVE_SUFFIXES):
        return atomic_write(target, archive(files), force=force)
    if target.exists():
        if not target.is_dir():
            raise OutputError(f"{target}: exists and is not a folder; nothing was changed")
        held = {path.name for path in target.iterdir()}
        if held - set(FILE_NAMES):
            raise OutputError(
                f"{target}: holds files that are not medgraph's KGX files; give a new or "
                "empty folder (nothing was changed)"
            )
        if held and not force:
            raise OutputExists(target)
    with staging_directory(target) as staging:
        for name, data in files.items():
            atomic_write(staging / name, data, force=True)
        replace_directory(staging, target)
    return target
