"""Render stage: a static web site generated from the graph, readable offline.

One page per condition (every relation with the evidence it rests on, the clinical statements
by aspect, the page's own text with its citations as links, the excerpts by section with their
website and kind of source, the thresholds with their units, the codes in other ontologies), one
page per reference (what it supports), a picture of each condition's neighbourhood drawn by
Graphviz, and a query page for ``medgraph serve``. Pages carry schema.org JSON-LD for search
engines, load nothing from the network, and escape every string that comes from the data.

The site is built in a staging folder and swapped in whole (:mod:`medgraph.atomic`), so a failed
render leaves the previous site intact.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from medgraph.errors import ExitCode, MedgraphError, OutputError, OutputExists
from medgraph.namespaces import (
    BIBO,
    DCTERMS,
    FABIO,
    FOAF,
    MG,
    MGO,
    QUDT,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
)

__all__ = [
    "SITE_MARKER",
    "Progress",
    "RenderSummary",
    "ToolMissing",
    "build_site",
    "collect_site",
    "draw_neighbourhood",
    "render_site",
]

SITE_MARKER = ".medgraph-site"
"""A file at the root of every rendered site: render replaces only folders that carry it."""

Progress = Callable[[str, int, int], None]
"""Called as ``progress(message, done, total)`` while a long step runs."""


class ToolMissing(MedgraphError):
    """A program medgraph needs is not installed (Graphviz ``dot``, the Oxigraph server)."""

    exit_code = ExitCode.ENVIRONMENT


# ----------------------------------------------------------------------------------------------
# What the pages show
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationKind:
    """A relation from a condition, how the page titles it and how schema.org names it."""

    key: str
    predicate: URIRef
    title: str
    singular: str
    schema_property: str
    schema_type: str | None  # None: schema.org wants text (possibleComplication)
    colour: str


RELATION_KINDS: tuple[RelationKind, ...] = (
    RelationKind(
        "risk-factors",
        MGO.hasRiskFactor,
        "Risk factors",
        "risk factor",
        "riskFactor",
        "MedicalRiskFactor",
        "#f6c9a8",
    ),
    RelationKind(
        "signs",
        MGO.hasSignOrSymptom,
        "Signs and symptoms",
        "sign or symptom",
        "signOrSymptom",
        "MedicalSignOrSymptom",
        "#f3e59b",
    ),
    RelationKind(
        "tests",
        MGO.hasDiagnosticTest,
        "Diagnostic tests",
        "diagnostic test",
        "typicalTest",
        "MedicalTest",
        "#b9d7f0",
    ),
    RelationKind(
        "treatments",
        MGO.hasTreatment,
        "Treatments",
        "treatment",
        "possibleTreatment",
        "MedicalTherapy",
        "#bfe3bf",
    ),
    RelationKind(
        "outcomes",
        MGO.hasOutcome,
        "Outcomes",
        "outcome",
        "possibleComplication",
        None,
        "#e8c3e6",
    ),
)
CONDITION_COLOUR = "#c0392b"
THRESHOLD_COLOUR = "#ffffff"
DRUG_COLOUR = "#dddddd"

SECTION_ORDER = (
    "SummarySection",
    "PresentationSection",
    "WorkupSection",
    "TreatmentSection",
    "PrognosisSection",
    "EtiologySection",
    "EpidemiologySection",
    "PathophysiologySection",
    "PreventionSection",
)
ASPECT_ORDER = (
    "Epidemiology",
    "Etiology",
    "Pathophysiology",
    "Presentation",
    "Diagnosis",
    "Management",
    "Prevention",
    "Prognosis",
)
COMPARATOR_SYMBOLS = {
    MGO.LessThan: "<",
    MGO.LessThanOrEqual: "≤",
    MGO.Equal: "=",
    MGO.GreaterThanOrEqual: "≥",
    MGO.GreaterThan: ">",
}
MATCH_PREDICATES = (
    (SKOS.exactMatch, "exact"),
    (SKOS.closeMatch, "close"),
    (SKOS.broadMatch, "broad"),
    (SKOS.narrowMatch, "narrow"),
    (SKOS.relatedMatch, "related"),
)
IDENTIFIER_LINKS = {
    "doi": ("DOI", BIBO.doi, "https://doi.org/{}"),
    "pmid": ("PubMed", BIBO.pmid, "https://pubmed.ncbi.nlm.nih.gov/{}/"),
    "pmcid": (
        "PubMed Central",
        FABIO.hasPubMedCentralId,
        "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/",
    ),
    "isbn": ("ISBN", BIBO.isbn, None),
}
_SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,120}$")


@dataclass
class Link:
    text: str
    href: str | None = None
    title: str = ""


@dataclass
class Citation:
    """One piece of evidence: a reference (numbered or not) or a citable excerpt."""

    kind: str  # "reference" or "excerpt"
    short: str  # "[3]", "Althuisius 2001", "excerpt treatment-3"
    title: str  # the reference's citation, or the excerpt's start
    href: str
    detail: str = ""  # an excerpt's website and kind of source
    sort_key: tuple[Any, ...] = ()


@dataclass
class ThresholdView:
    anchor: str
    label: str
    measured_property: str
    comparator: str
    comparator_label: str
    value: str
    unit: str
    unit_iri: str | None
    measured_by: Link | None
    notes: list[str]
    claims: list[Link] = field(default_factory=list)

    @property
    def expression(self) -> str:
        return f"{self.measured_property} {self.comparator} {self.value} {self.unit}".strip()


@dataclass
class CodeView:
    entity: Link
    match: str
    iri: str
    curie: str
    value: str
    label: str
    system: str
    status: str
    source: str
    date: str

    @property
    def href(self) -> str | None:
        return self.iri if self.iri.startswith(("http://", "https://")) else None


@dataclass
class RowView:
    """An entity related to a condition (or a clinical statement) and its claim's evidence."""

    iri: str
    anchor: str
    label: str
    kind: str
    definition: str
    text: str = ""
    alt_labels: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    variant_of: list[Link] = field(default_factory=list)
    drugs: list[str] = field(default_factory=list)
    claim: str = ""
    references: list[Citation] = field(default_factory=list)
    excerpts: list[Citation] = field(default_factory=list)
    stated_in: list[Link] = field(default_factory=list)
    thresholds: list[ThresholdView] = field(default_factory=list)
    qualified_by: list[Link] = field(default_factory=list)
    comparison_groups: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    codes: list[CodeView] = field(default_factory=list)

    @property
    def evidence(self) -> list[Citation]:
        return [*self.references, *self.excerpts]


@dataclass
class RelationSection:
    kind: RelationKind
    rows: list[RowView]


@dataclass
class StatementGroup:
    anchor: str
    aspect: str
    rows: list[RowView]


@dataclass
class Segment:
    text: str
    href: str | None = None
    title: str = ""


@dataclass
class PageTextView:
    anchor: str
    label: str
    section: str
    segments: list[Segment]
    notes: list[str]


@dataclass
class ExcerptView:
    iri: str
    anchor: str
    name: str
    section: str
    position: int
    text: str
    website: str
    source_kind: str
    citable: bool
    narrative: bool
    truncated: bool
    heading: str
    mentions: list[Link]
    supports: list[Link]
    notes: list[str]


@dataclass
class ExcerptSection:
    anchor: str
    label: str
    excerpts: list[ExcerptView]


@dataclass
class SourcePageView:
    title: str
    identifier: str
    modified: str
    notes: list[str]


@dataclass
class ConditionView:
    iri: str
    slug: str
    label: str
    alt_labels: list[str]
    hidden_labels: list[str]
    definition: str
    definition_refs: list[Citation]
    notes: list[str]
    sources: list[SourcePageView]
    page_texts: list[PageTextView]
    relations: list[RelationSection]
    statement_groups: list[StatementGroup]
    thresholds: list[ThresholdView]
    excerpt_sections: list[ExcerptSection]
    codes: list[CodeView]
    svg: str = ""

    @property
    def path(self) -> str:
        return f"condition/{self.slug}.html"

    @property
    def picture_path(self) -> str:
        return f"graph/{self.slug}.svg"

    @property
    def excerpt_count(self) -> int:
        return sum(len(s.excerpts) for s in self.excerpt_sections)


@dataclass
class SupportView:
    condition: str
    relation: str
    target: Link
    stated_in: list[str]


@dataclass
class IdentifierCheckView:
    scheme: str
    value: str
    status: str
    source: str
    date: str


@dataclass
class ReferenceView:
    iri: str
    slug: str
    number: int | None
    kind: str
    schema_type: str
    title: str
    authors: list[str]
    journal: str
    year: str
    volume: str
    issue: str
    pages: str
    publisher: str
    place: str
    edition: str
    citation: str
    identifiers: list[Link]
    checks: list[IdentifierCheckView]
    supports: list[SupportView] = field(default_factory=list)
    definition_of: list[Link] = field(default_factory=list)
    cited_in: list[Link] = field(default_factory=list)
    mentioned_in: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_family: str = ""

    @property
    def path(self) -> str:
        return f"reference/{self.slug}.html"

    @property
    def short(self) -> str:
        family = self.first_family or (self.authors[0].split()[0] if self.authors else self.title)
        label = f"{family} {self.year}".strip()
        return f"[{self.number}] {label}" if self.number is not None else label


@dataclass
class QueryView:
    name: str
    title: str
    description: str
    parameters: list[dict[str, str]]
    text: str
    quality_check: bool


@dataclass
class SiteView:
    conditions: list[ConditionView]
    references: list[ReferenceView]
    queries: list[QueryView]
    triples: int


@dataclass
class RenderSummary:
    path: Path
    pages: int
    conditions: int
    references: int
    pictures: int


# ----------------------------------------------------------------------------------------------
# Reading the graph
# ----------------------------------------------------------------------------------------------


def _sort_text(text: str) -> str:
    return text.casefold()


def _local_slug(iri: str) -> str:
    """A file-name-safe slug for a node: its last path segment, or a hash if that is unsafe."""
    tail = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    if _SAFE_SLUG.match(tail):
        return tail
    return "n-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def _anchor(iri: str) -> str:
    """An HTML id for a node: ``risk-factor-polycystic-ovary-syndrome`` for medgraph IRIs."""
    if iri.startswith(str(MG)):
        candidate = iri[len(str(MG)) :].replace("/", "-")
        if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,150}", candidate):
            return candidate
    return "n-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


class _Reader:
    """Small helpers over an rdflib graph: labels, sorted values, subclass closure."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def values(self, subject: Node, predicate: URIRef) -> list[Node]:
        return sorted(self.graph.objects(subject, predicate), key=str)  # type: ignore[arg-type]

    def texts(self, subject: Node, predicate: URIRef) -> list[str]:
        found = self.values(subject, predicate)
        english = [v for v in found if isinstance(v, Literal) and v.language in (None, "en")]
        return [str(v) for v in (english or [v for v in found if isinstance(v, Literal)])]

    def text(self, subject: Node, predicate: URIRef, default: str = "") -> str:
        found = self.texts(subject, predicate)
        return found[0] if found else default

    def label(self, node: Node) -> str:
        for predicate in (SKOS.prefLabel, RDFS.label, FOAF.name, DCTERMS.title):
            text = self.text(node, predicate)
            if text:
                return text
        return _local_slug(str(node))

    def one(self, subject: Node, predicate: URIRef) -> Node | None:
        found = self.values(subject, predicate)
        return found[0] if found else None

    def is_a(self, node: Node, cls: URIRef) -> bool:
        return any((node, RDF.type, c) in self.graph for c in self.subclasses(cls))

    def subclasses(self, cls: URIRef) -> frozenset[Node]:
        return self._subclass_table.get(cls, frozenset({cls}))

    @cached_property
    def _subclass_table(self) -> dict[Node, frozenset[Node]]:
        table: dict[Node, set[Node]] = {}
        for sub, sup in self.graph.subject_objects(RDFS.subClassOf):
            table.setdefault(sup, set()).add(sub)

        def closure(cls: Node, seen: set[Node]) -> set[Node]:
            for sub in table.get(cls, ()):
                if sub not in seen:
                    seen.add(sub)
                    closure(sub, seen)
            return seen

        return {cls: frozenset(closure(cls, {cls})) for cls in list(table)}

    def kind(self, node: Node) -> str:
        """The label of the node's most specific labelled class."""
        classes = [c for c in self.graph.objects(node, RDF.type) if self.text(c, RDFS.label)]
        specific = [
            c for c in classes if not any(o != c and o in self.subclasses(c) for o in classes)
        ]
        labels = sorted(self.text(c, RDFS.label) for c in (specific or classes))
        return labels[0] if labels else ""

    def position(self, node: Node) -> int:
        value = self.one(node, MGO.position)
        try:
            return int(str(value)) if value is not None else 0
        except ValueError:
            return 0


@dataclass
class _Context:
    """What every page needs to link evidence: references and excerpts by IRI."""

    reader: _Reader
    references: dict[Node, ReferenceView]
    excerpts: dict[Node, ExcerptView]
    claims_by_object: dict[tuple[Node, Node, Node], list[Node]]


def _reference_number(reader: _Reader, node: Node) -> int | None:
    value = reader.one(node, MGO.referenceNumber)
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _authors(reader: _Reader, reference: Node) -> tuple[list[str], str]:
    """The authors' names in order, and the first author's family name."""
    authorships = sorted(
        reader.values(reference, MGO.hasAuthorship), key=lambda a: (reader.position(a), str(a))
    )
    people = [p for p in (reader.one(a, MGO.author) for a in authorships) if p is not None]
    if not people:
        people = sorted(reader.values(reference, DCTERMS.creator), key=reader.label)
    names = [reader.text(p, FOAF.name) or reader.label(p) for p in people]
    family = reader.text(people[0], FOAF.familyName) if people else ""
    return names, family


def _collect_reference(reader: _Reader, node: Node) -> ReferenceView:
    graph = reader.graph
    journal_node = reader.one(node, DCTERMS.isPartOf)
    checks = []
    verified: dict[str, set[str]] = {}
    for check in reader.values(node, MGO.hasIdentifierCheck):
        scheme = reader.text(check, MGO.identifierScheme)
        status_node = reader.one(check, MGO.verificationStatus)
        status = reader.label(status_node) if status_node is not None else "not stated"
        value = reader.text(check, MGO.identifierValue)
        if status_node == MGO.Verified and value:
            verified.setdefault(scheme.lower(), set()).add(value)
        checks.append(
            IdentifierCheckView(
                scheme=scheme,
                value=value,
                status=status,
                source=reader.text(check, MGO.verificationSource),
                date=reader.text(check, MGO.verificationDate),
            )
        )
    checks.sort(key=lambda c: (c.scheme, c.value))
    identifiers = []
    for scheme, (name, predicate, template) in IDENTIFIER_LINKS.items():
        for value in reader.texts(node, predicate):
            # Shown only when an identifier check in the graph says it was verified.
            if value not in verified.get(scheme, set()):
                continue
            href = template.format(value) if template else None
            identifiers.append(Link(f"{name} {value}", href, scheme))
    pages = ""
    start, end = reader.text(node, BIBO.pageStart), reader.text(node, BIBO.pageEnd)
    if start and end:
        pages = f"{start}\N{EN DASH}{end}"
    elif start:
        pages = start
    article_number = reader.text(node, MGO.articleNumber)
    if not pages and article_number:
        pages = f"article {article_number}"
    is_book = reader.is_a(node, MGO.Book) or (node, RDF.type, FABIO.Book) in graph
    authors, first_family = _authors(reader, node)
    return ReferenceView(
        iri=str(node),
        slug=_local_slug(str(node)),
        number=_reference_number(reader, node),
        kind=reader.kind(node) or ("book" if is_book else "reference"),
        schema_type="Book" if is_book else "ScholarlyArticle",
        title=reader.text(node, DCTERMS.title) or reader.label(node),
        authors=authors,
        first_family=first_family,
        journal=reader.text(journal_node, DCTERMS.title) if journal_node is not None else "",
        year=reader.text(node, DCTERMS.issued),
        volume=reader.text(node, BIBO.volume),
        issue=reader.text(node, BIBO.issue),
        pages=pages,
        publisher=reader.text(node, DCTERMS.publisher),
        place=reader.text(node, MGO.placeOfPublication),
        edition=reader.text(node, BIBO.edition),
        citation=reader.text(node, DCTERMS.bibliographicCitation),
        identifiers=identifiers,
        checks=checks,
        notes=reader.texts(node, SKOS.editorialNote) + reader.texts(node, SKOS.note),
    )


def _section_key(section: Node | None) -> tuple[int, str]:
    name = str(section).rsplit("/", 1)[-1] if section is not None else ""
    order = SECTION_ORDER.index(name) if name in SECTION_ORDER else len(SECTION_ORDER)
    return order, name


def _collect_excerpt(reader: _Reader, node: Node, root: str) -> ExcerptView:
    website = reader.one(node, MGO.sourceWebsite)
    kind = reader.one(node, MGO.sourceKind)
    section = reader.one(node, MGO.pageSection)
    truncated = reader.one(node, MGO.isTruncated)
    return ExcerptView(
        iri=str(node),
        anchor=_anchor(str(node)),
        name=_local_slug(str(node)),
        section=reader.label(section) if section is not None else "unsectioned",
        position=reader.position(node),
        text=reader.text(node, MGO.passageText),
        website=(reader.text(website, MGO.hostName) or reader.label(website)) if website else "",
        source_kind=reader.label(kind) if kind is not None else "unknown kind of source",
        citable=kind is not None and reader.is_a(kind, MGO.CitableSourceKind),
        narrative=kind == MGO.PatientNarrative,
        truncated=truncated is not None and str(truncated).lower() == "true",
        heading=reader.text(node, MGO.pageHeading),
        mentions=[
            Link(
                reader.text(w, DCTERMS.title) or reader.label(w),
                f"{root}reference/{_local_slug(str(w))}.html",
            )
            for w in reader.values(node, MGO.mentionsWork)
        ],
        supports=[],
        notes=reader.texts(node, SKOS.editorialNote),
    )


def _citation(context: _Context, node: Node, root: str, condition_path: str) -> Citation | None:
    reference = context.references.get(node)
    if reference is not None:
        number = reference.number
        return Citation(
            kind="reference",
            short=reference.short,
            title=reference.citation or reference.title,
            href=f"{root}{reference.path}",
            sort_key=(0 if number is not None else 1, number or 0, reference.short.casefold()),
        )
    excerpt = context.excerpts.get(node)
    if excerpt is not None:
        return Citation(
            kind="excerpt",
            short=f"excerpt {excerpt.name} ({excerpt.website})",
            title=excerpt.text[:160] + ("…" if len(excerpt.text) > 160 else ""),
            href=f"{condition_path}#{excerpt.anchor}",
            detail=f"{excerpt.website}, {excerpt.source_kind}",
            sort_key=(2, excerpt.section, excerpt.position),
        )
    return None


def _passage_link(context: _Context, node: Node, condition_path: str) -> Link:
    reader = context.reader
    excerpt = context.excerpts.get(node)
    if excerpt is not None:
        return Link(
            f"excerpt {excerpt.name}", f"{condition_path}#{excerpt.anchor}", excerpt.text[:160]
        )
    section = reader.one(node, MGO.pageSection)
    text = f"page text: {reader.label(section)}" if section is not None else reader.label(node)
    return Link(text, f"{condition_path}#{_anchor(str(node))}")


def _threshold(reader: _Reader, node: Node, condition_path: str) -> ThresholdView:
    comparator = reader.one(node, MGO.comparator)
    unit_node = reader.one(node, QUDT.unit)
    measured_by = reader.one(node, MGO.measuredBy)
    unit = reader.text(node, MGO.ucumCode) or (
        reader.text(unit_node, QUDT.symbol) if unit_node is not None else ""
    )
    if not unit and unit_node is not None:
        unit = str(unit_node).rsplit("/", 1)[-1]
    return ThresholdView(
        anchor=_anchor(str(node)),
        label=reader.label(node),
        measured_property=reader.text(node, MGO.measuredProperty),
        comparator=COMPARATOR_SYMBOLS.get(
            comparator, reader.label(comparator) if comparator else ""
        ),  # type: ignore[arg-type]
        comparator_label=reader.label(comparator) if comparator is not None else "",
        value=reader.text(node, QUDT.numericValue),
        unit=unit,
        unit_iri=str(unit_node) if isinstance(unit_node, URIRef) else None,
        measured_by=(
            Link(reader.label(measured_by), f"{condition_path}#{_anchor(str(measured_by))}")
            if measured_by is not None
            else None
        ),
        notes=reader.texts(node, SKOS.note),
    )


@cache
def _converter() -> Any:
    """A CURIE converter with the bioregistry's canonical prefixes (medgraph's code systems and
    its own namespaces), built from local tables: nothing is fetched at render time."""
    import curies

    from medgraph.namespaces import PREFIXES

    records = {p: u for p, u in PREFIXES.items()}
    try:
        from medgraph.link import CODE_SYSTEMS

        records.update({s.prefix: s.uri_prefix for s in CODE_SYSTEMS.values()})
    except ImportError:  # the mapping stage is optional for rendering
        pass
    unique: dict[str, str] = {}
    for prefix, uri_prefix in records.items():
        unique.setdefault(uri_prefix, prefix)
    return curies.Converter([curies.Record(prefix=p, uri_prefix=u) for u, p in unique.items()])


def _curie(iri: str) -> str:
    try:
        compressed = _converter().compress(iri)
    except (ValueError, TypeError):
        compressed = None
    return compressed or iri


def _codes(reader: _Reader, entity: Node, entity_link: Link) -> list[CodeView]:
    """The entity's codes in other ontologies: SKOS matches, with their MedicalCode nodes."""
    code_nodes: dict[str, Node] = {}
    for code_node in reader.values(entity, SCHEMA.code):
        for target in reader.values(code_node, RDFS.seeAlso):
            code_nodes[str(target)] = code_node
    codes: list[CodeView] = []
    matched: set[str] = set()
    for predicate, match in MATCH_PREDICATES:
        for target in reader.values(entity, predicate):
            matched.add(str(target))
            codes.append(
                _code_view(reader, entity_link, match, str(target), code_nodes.get(str(target)))
            )
    for iri, node in sorted(code_nodes.items()):
        if iri not in matched:
            codes.append(_code_view(reader, entity_link, "code", iri, node))
    return codes


def _code_view(reader: _Reader, entity: Link, match: str, iri: str, node: Node | None) -> CodeView:
    status = reader.one(node, MGO.verificationStatus) if node is not None else None
    label = ""
    if node is not None:
        label = reader.text(node, RDFS.label) or reader.text(node, SCHEMA.name)
    return CodeView(
        entity=entity,
        match=match,
        iri=iri,
        curie=_curie(iri),
        value=reader.text(node, SCHEMA.codeValue) if node is not None else "",
        label=label or reader.text(URIRef(iri), RDFS.label),
        system=reader.text(node, SCHEMA.codingSystem) if node is not None else "",
        status=reader.label(status) if status is not None else "not stated",
        source=reader.text(node, MGO.verificationSource) if node is not None else "",
        date=reader.text(node, MGO.verificationDate) if node is not None else "",
    )


def _row(
    context: _Context,
    condition: Node,
    predicate: URIRef,
    entity: Node,
    root: str,
    condition_path: str,
) -> RowView:
    reader = context.reader
    anchor = _anchor(str(entity))
    row = RowView(
        iri=str(entity),
        anchor=anchor,
        label=reader.label(entity),
        kind=reader.kind(entity),
        definition=reader.text(entity, SKOS.definition),
        text=reader.text(entity, MGO.statementText),
        alt_labels=reader.texts(entity, SKOS.altLabel),
        abbreviations=reader.texts(entity, MGO.abbreviation),
        variant_of=[
            Link(reader.label(v), f"#{_anchor(str(v))}")
            for v in reader.values(entity, MGO.variantOf)
        ],
        drugs=[reader.label(d) for d in reader.values(entity, MGO.involvesDrug)],
    )
    row.codes = _codes(reader, entity, Link(row.label, f"#{anchor}"))
    for claim in context.claims_by_object.get((condition, predicate, entity), []):
        row.claim = row.claim or str(claim)
        for evidence in reader.values(claim, MGO.supportedBy):
            citation = _citation(context, evidence, root, condition_path)
            if citation is None:
                continue
            target = row.references if citation.kind == "reference" else row.excerpts
            if all(c.href != citation.href for c in target):
                target.append(citation)
            excerpt = context.excerpts.get(evidence)
            if excerpt is not None:
                excerpt.supports.append(Link(row.label, f"#{anchor}"))
        row.stated_in += [
            _passage_link(context, p, condition_path) for p in reader.values(claim, MGO.statedIn)
        ]
        row.thresholds += [
            _threshold(reader, t, condition_path) for t in reader.values(claim, MGO.hasThreshold)
        ]
        row.qualified_by += [
            Link(reader.label(q), f"#{_anchor(str(q))}")
            for q in reader.values(claim, MGO.qualifiedBy)
        ]
        row.comparison_groups += reader.texts(claim, MGO.comparisonGroup)
        row.notes += reader.texts(claim, SKOS.note)
    row.references.sort(key=lambda c: c.sort_key)
    row.excerpts.sort(key=lambda c: c.sort_key)
    return row


def _segments(context: _Context, passage: Node, text: str, root: str) -> list[Segment]:
    """Split a page text at its ``[n]`` citations, each linked to the reference it names."""
    by_number = {}
    for reference_node in context.reader.values(passage, MGO.citesReference):
        reference = context.references.get(reference_node)
        if reference is not None and reference.number is not None:
            by_number[str(reference.number)] = reference
    segments: list[Segment] = []
    last = 0
    for match in re.finditer(r"\[(\d+)\]", text):
        reference = by_number.get(match.group(1))
        if reference is None:
            continue
        segments.append(Segment(text[last : match.start()]))
        segments.append(
            Segment(
                match.group(0), f"{root}{reference.path}", reference.citation or reference.title
            )
        )
        last = match.end()
    segments.append(Segment(text[last:]))
    return [s for s in segments if s.text]


def _collect_condition(context: _Context, node: Node) -> ConditionView:
    reader = context.reader
    graph = reader.graph
    slug = _local_slug(str(node))
    root = "../"
    condition_path = ""  # links inside the condition page are fragment-only
    label = reader.label(node)

    relations = []
    for kind in RELATION_KINDS:
        entities = reader.values(node, kind.predicate)
        rows = [_row(context, node, kind.predicate, e, root, condition_path) for e in entities]
        rows.sort(key=lambda r: _sort_text(r.label))
        relations.append(RelationSection(kind, rows))

    groups: dict[Node | None, list[RowView]] = {}
    for statement in reader.values(node, MGO.hasClinicalStatement):
        row = _row(context, node, MGO.hasClinicalStatement, statement, root, condition_path)
        groups.setdefault(reader.one(statement, MGO.aspect), []).append(row)

    def aspect_key(aspect: Node | None) -> tuple[int, str]:
        name = str(aspect).rsplit("/", 1)[-1] if aspect is not None else ""
        return (ASPECT_ORDER.index(name) if name in ASPECT_ORDER else len(ASPECT_ORDER), name)

    statement_groups = [
        StatementGroup(
            anchor="aspect-" + _local_slug(reader.label(a).lower().replace(" ", "-"))
            if a is not None
            else "aspect-other",
            aspect=reader.label(a) if a is not None else "other",
            rows=sorted(rows, key=lambda r: _sort_text(r.label)),
        )
        for a, rows in sorted(groups.items(), key=lambda item: aspect_key(item[0]))
    ]

    thresholds: dict[str, ThresholdView] = {}
    for section in relations:
        for row in section.rows:
            for threshold in row.thresholds:
                thresholds.setdefault(threshold.anchor, threshold).claims.append(
                    Link(row.label, f"#{row.anchor}")
                )

    page_texts = []
    for passage in reader.values(node, MGO.hasPageText):
        section = reader.one(passage, MGO.pageSection)
        page_texts.append(
            (
                _section_key(section),
                PageTextView(
                    anchor=_anchor(str(passage)),
                    label=reader.label(passage),
                    section=reader.label(section) if section is not None else "",
                    segments=_segments(
                        context, passage, reader.text(passage, MGO.passageText), root
                    ),
                    notes=reader.texts(passage, SKOS.editorialNote),
                ),
            )
        )
    page_texts.sort(key=lambda item: item[0])

    sections: dict[Node | None, list[ExcerptView]] = {}
    for excerpt_node in reader.values(node, MGO.hasExcerpt):
        excerpt = context.excerpts.get(excerpt_node)
        if excerpt is not None:
            sections.setdefault(reader.one(excerpt_node, MGO.pageSection), []).append(excerpt)
    excerpt_sections = [
        ExcerptSection(
            anchor="excerpts-"
            + (_local_slug(reader.label(s).lower()) if s is not None else "other"),
            label=reader.label(s) if s is not None else "other",
            excerpts=sorted(items, key=lambda e: (e.position, e.name)),
        )
        for s, items in sorted(sections.items(), key=lambda item: _section_key(item[0]))
    ]

    definition_refs = [
        c
        for c in (
            _citation(context, r, root, condition_path)
            for r in reader.values(node, MGO.definitionSupportedBy)
        )
        if c is not None
    ]
    definition_refs.sort(key=lambda c: c.sort_key)

    sources = [
        SourcePageView(
            title=reader.text(page, DCTERMS.title) or reader.label(page),
            identifier=reader.text(page, DCTERMS.identifier),
            modified=reader.text(page, DCTERMS.modified),
            notes=reader.texts(page, SKOS.editorialNote),
        )
        for page in sorted(graph.subjects(MGO.describes, node), key=str)
    ]

    codes = _codes(reader, node, Link(label, "#top"))
    for section in relations:
        for row in section.rows:
            codes += row.codes
            for drug in reader.values(URIRef(row.iri), MGO.involvesDrug):
                codes += _codes(reader, drug, Link(reader.label(drug), f"#{row.anchor}"))
    return ConditionView(
        iri=str(node),
        slug=slug,
        label=label,
        alt_labels=reader.texts(node, SKOS.altLabel),
        hidden_labels=sorted(str(v) for v in reader.values(node, SKOS.hiddenLabel)),
        definition=reader.text(node, SKOS.definition),
        definition_refs=definition_refs,
        notes=reader.texts(node, SKOS.editorialNote),
        sources=sources,
        page_texts=[p for _, p in page_texts],
        relations=relations,
        statement_groups=statement_groups,
        thresholds=sorted(thresholds.values(), key=lambda t: t.anchor),
        excerpt_sections=excerpt_sections,
        codes=_dedupe_codes(codes),
    )


def _dedupe_codes(codes: Iterable[CodeView]) -> list[CodeView]:
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for code in codes:
        key = (code.entity.text, code.match, code.iri)
        if key not in seen:
            seen.add(key)
            unique.append(code)
    return unique


def _attach_supports(context: _Context, conditions: Sequence[ConditionView]) -> None:
    """Fill each reference page's list of what it supports."""
    reader = context.reader
    graph = reader.graph
    condition_paths = {URIRef(c.iri): c for c in conditions}
    for claim in sorted(set(graph.subjects(RDF.type, MGO.Claim)), key=str):
        subject = reader.one(claim, MGO.claimSubject)
        predicate = reader.one(claim, MGO.claimPredicate)
        target = reader.one(claim, MGO.claimObject)
        condition = condition_paths.get(subject)  # type: ignore[arg-type]
        if condition is None or predicate is None or target is None:
            continue
        relation = reader.label(predicate)
        href = f"../{condition.path}#{_anchor(str(target))}"
        stated = sorted(
            {
                reader.label(s)
                for p in reader.values(claim, MGO.statedIn)
                for s in reader.values(p, MGO.pageSection)
            }
        )
        for evidence in reader.values(claim, MGO.supportedBy):
            reference = context.references.get(evidence)
            if reference is not None:
                reference.supports.append(
                    SupportView(condition.label, relation, Link(reader.label(target), href), stated)
                )
    for reference_node, reference in context.references.items():
        for condition_node in sorted(
            graph.subjects(MGO.definitionSupportedBy, reference_node), key=str
        ):
            condition = condition_paths.get(condition_node)  # type: ignore[arg-type]
            if condition is not None:
                reference.definition_of.append(Link(condition.label, f"../{condition.path}#top"))
        for passage in sorted(graph.subjects(MGO.citesReference, reference_node), key=str):
            for condition_node in graph.subjects(MGO.hasPageText, passage):
                condition = condition_paths.get(condition_node)  # type: ignore[arg-type]
                if condition is not None:
                    reference.cited_in.append(
                        Link(
                            f"{condition.label}: {reader.label(passage)}",
                            f"../{condition.path}#{_anchor(str(passage))}",
                        )
                    )
        for excerpt_node in sorted(graph.subjects(MGO.mentionsWork, reference_node), key=str):
            for condition_node in graph.subjects(MGO.hasExcerpt, excerpt_node):
                condition = condition_paths.get(condition_node)  # type: ignore[arg-type]
                if condition is not None:
                    reference.mentioned_in.append(
                        Link(
                            f"{condition.label}: excerpt {_local_slug(str(excerpt_node))}",
                            f"../{condition.path}#{_anchor(str(excerpt_node))}",
                        )
                    )
        reference.supports.sort(
            key=lambda s: (s.condition.casefold(), s.relation, s.target.text.casefold())
        )


def collect_site(graph: Graph, *, queries: bool = True) -> SiteView:
    """Read everything the pages show out of ``graph`` (no files written)."""
    reader = _Reader(graph)
    reference_nodes = {
        s
        for cls in reader.subclasses(MGO.Reference) | {MGO.JournalArticle, MGO.Book}
        for s in graph.subjects(RDF.type, cls)
    }
    references = {node: _collect_reference(reader, node) for node in reference_nodes}
    excerpts = {
        node: _collect_excerpt(reader, node, "../")
        for node in set(graph.subjects(RDF.type, MGO.Excerpt))
    }
    claims: dict[tuple[Node, Node, Node], list[Node]] = {}
    for claim in sorted(set(graph.subjects(RDF.type, MGO.Claim)), key=str):
        key = (
            reader.one(claim, MGO.claimSubject),
            reader.one(claim, MGO.claimPredicate),
            reader.one(claim, MGO.claimObject),
        )
        if None not in key:
            claims.setdefault(key, []).append(claim)  # type: ignore[arg-type]
    context = _Context(reader, references, excerpts, claims)
    conditions = [
        _collect_condition(context, node)
        for node in sorted(set(graph.subjects(RDF.type, MGO.Condition)), key=str)
    ]
    conditions.sort(key=lambda c: _sort_text(c.label))
    _attach_supports(context, conditions)
    ordered = sorted(
        references.values(),
        key=lambda r: (r.number is None, r.number or 0, r.short.casefold(), r.iri),
    )
    return SiteView(
        conditions=conditions,
        references=ordered,
        queries=_query_views() if queries else [],
        triples=len(graph),
    )


def _query_views() -> list[QueryView]:
    from medgraph.query import list_queries

    return [
        QueryView(
            name=q.name,
            title=q.title,
            description=q.description,
            parameters=[
                {
                    "name": p.name,
                    "type": p.type,
                    "default": p.default or "",
                    "description": p.description,
                }
                for p in q.parameters
            ],
            text=q.text,
            quality_check=q.is_quality_check,
        )
        for q in list_queries()
    ]


# ----------------------------------------------------------------------------------------------
# The picture
# ----------------------------------------------------------------------------------------------


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def neighbourhood_graph(condition: ConditionView) -> Any:
    """The condition and what it relates to, by kind, as a Graphviz graph (left to right).

    Risk factors stand left of the condition (what leads to it), everything else right of it;
    edges still point from the condition, as the relations do. Thresholds and drugs hang off the
    entity they belong to. A legend sits in the picture so that the SVG file stands alone.
    """
    import graphviz

    def label(text: str) -> graphviz.quoting.NoHtml:
        # escape(): backslashes stay literal; NoHtml: a label like "<b>" is never an HTML label.
        return graphviz.escape(_wrap(text))

    dot = graphviz.Digraph(
        name=condition.slug,
        graph_attr={
            "rankdir": "LR",
            "fontname": "Helvetica",
            "fontsize": "11",
            "bgcolor": "white",
            "nodesep": "0.08",
            "ranksep": "0.7",
            "tooltip": graphviz.escape(f"Neighbourhood of {condition.label}"),
        },
        node_attr={
            "fontname": "Helvetica",
            "fontsize": "10",
            "style": "filled",
            "penwidth": "0.8",
            "margin": "0.08,0.03",
        },
        edge_attr={"color": "#888888", "arrowsize": "0.5", "penwidth": "0.7"},
    )
    dot.node(
        "condition",
        label=label(condition.label),
        shape="doubleoctagon",
        fillcolor=CONDITION_COLOUR,
        fontcolor="white",
        fontsize="13",
        URL="#top",
        tooltip=graphviz.escape(condition.label),
        id="node-condition",
    )
    counter = 0
    for section in condition.relations:
        if not section.rows:
            continue
        left = section.kind.key == "risk-factors"
        with dot.subgraph(name=f"cluster_{section.kind.key}") as cluster:
            cluster.attr(
                label=graphviz.escape(f"{section.kind.title} ({len(section.rows)})"),
                style="rounded,filled",
                fillcolor="#fafafa",
                color="#cccccc",
                fontname="Helvetica",
                fontsize="11",
            )
            for row in section.rows:
                counter += 1
                node_id = f"e{counter}"
                cluster.node(
                    node_id,
                    label=label(row.label),
                    shape="box",
                    fillcolor=section.kind.colour,
                    URL=f"#{row.anchor}",
                    tooltip=graphviz.escape(
                        f"{section.kind.singular}: {row.label} ({len(row.references)} references, "
                        f"{len(row.excerpts)} excerpts)"
                    ),
                    id=f"node-{row.anchor}",
                )
                if left:
                    dot.edge(node_id, "condition", dir="back")
                else:
                    dot.edge("condition", node_id)
                for threshold in row.thresholds:
                    counter += 1
                    dot.node(
                        f"t{counter}",
                        label=label(threshold.expression),
                        shape="note",
                        fillcolor=THRESHOLD_COLOUR,
                        URL=f"#{threshold.anchor}",
                        tooltip=graphviz.escape(f"threshold: {threshold.label}"),
                        id=f"node-{threshold.anchor}",
                    )
                    dot.edge(node_id, f"t{counter}", style="dashed", arrowhead="none")
                for drug in row.drugs:
                    counter += 1
                    ends = (f"d{counter}", node_id) if left else (node_id, f"d{counter}")
                    dot.node(
                        f"d{counter}",
                        label=label(drug),
                        shape="ellipse",
                        fillcolor=DRUG_COLOUR,
                        tooltip=graphviz.escape(f"drug: {drug}"),
                    )
                    dot.edge(*ends, style="dotted", arrowhead="none")
    dot.node("legend", label=_legend_label(condition), shape="plain", style="", id="legend")
    return dot


def _legend_label(condition: ConditionView) -> str:
    """An HTML-like Graphviz label: a small table of colours. Only fixed strings go in it."""
    entries = [("the condition", CONDITION_COLOUR)]
    entries += [(s.kind.singular, s.kind.colour) for s in condition.relations if s.rows]
    if condition.thresholds:
        entries.append(("threshold (dashed)", THRESHOLD_COLOUR))
    if any(r.drugs for s in condition.relations for r in s.rows):
        entries.append(("drug involved (dotted)", DRUG_COLOUR))
    rows = "".join(
        f'<TR><TD BGCOLOR="{colour}" WIDTH="14"> </TD><TD ALIGN="LEFT">{text}</TD></TR>'
        for text, colour in entries
    )
    return (
        '<<TABLE BORDER="1" COLOR="#999999" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        f'<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>{rows}</TABLE>>'
    )


def draw_neighbourhood(condition: ConditionView) -> str:
    """The condition's neighbourhood as SVG text, drawn by Graphviz ``dot``."""
    import graphviz

    try:
        svg = neighbourhood_graph(condition).pipe(format="svg", engine="dot")
    except graphviz.ExecutableNotFound:
        raise ToolMissing(
            "Graphviz 'dot' is not installed, and it draws the graph's picture; install it "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) and retry"
        ) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()[:300]
        raise ToolMissing(f"Graphviz 'dot' failed to draw the picture: {detail}") from None
    return svg.decode("utf-8")


def _inline_svg(svg: str) -> str:
    """SVG ready to sit inside HTML: no XML prolog, doctype or comments."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    return svg.strip()


# ----------------------------------------------------------------------------------------------
# JSON-LD
# ----------------------------------------------------------------------------------------------


def _json_for_html(document: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _reference_json_ld(reference: ReferenceView) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": reference.schema_type,
        "@id": reference.iri,
        "name": reference.title,
        "author": [{"@type": "Person", "name": name} for name in reference.authors],
    }
    if reference.year:
        document["datePublished"] = reference.year
    if reference.journal:
        document["isPartOf"] = {"@type": "Periodical", "name": reference.journal}
    if reference.publisher:
        document["publisher"] = {"@type": "Organization", "name": reference.publisher}
    same_as = [link.href for link in reference.identifiers if link.href]
    if same_as:
        document["sameAs"] = same_as
    for link in reference.identifiers:
        if link.title == "isbn":
            document["isbn"] = link.text.split(" ", 1)[1]
    return document


def condition_json_ld(
    condition: ConditionView, references: Sequence[ReferenceView]
) -> dict[str, Any]:
    """schema.org MedicalCondition for a condition page."""
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalCondition",
        "@id": condition.iri,
        "name": condition.label,
    }
    if condition.alt_labels:
        document["alternateName"] = condition.alt_labels
    if condition.definition:
        document["description"] = condition.definition
    for section in condition.relations:
        if not section.rows:
            continue
        kind = section.kind
        if kind.schema_type is None:
            document[kind.schema_property] = [row.label for row in section.rows]
        else:
            document[kind.schema_property] = [
                {
                    "@type": _schema_type(kind, row),
                    "@id": row.iri,
                    "name": row.label,
                    **({"code": [_medical_code(c) for c in row.codes]} if row.codes else {}),
                }
                for row in section.rows
            ]
    texts: dict[str, list[str]] = {}
    for group in condition.statement_groups:
        prop = {
            "epidemiology": "epidemiology",
            "pathophysiology": "pathophysiology",
            "prognosis": "expectedPrognosis",
        }.get(group.aspect.lower())
        if prop:
            texts.setdefault(prop, []).extend(row.text for row in group.rows if row.text)
    for prop, values in texts.items():
        document[prop] = " ".join(values)
    own_codes = [c for c in condition.codes if c.entity.href == "#top"]
    if own_codes:
        document["code"] = [_medical_code(c) for c in own_codes]
    cited = {
        c.href.rsplit("/", 1)[-1] for s in condition.relations for r in s.rows for c in r.references
    }
    citations = [_reference_json_ld(r) for r in references if f"{r.slug}.html" in cited]
    if citations:
        document["citation"] = citations
    return document


def _medical_code(code: CodeView) -> dict[str, str]:
    document = {
        "@type": "MedicalCode",
        "codeValue": code.value or code.curie,
        "codingSystem": code.system or code.curie.split(":", 1)[0],
    }
    if code.href:
        document["url"] = code.href
    return document


def _schema_type(kind: RelationKind, row: RowView) -> str:
    if kind.key == "treatments" and "procedure" in row.kind.lower():
        return "TherapeuticProcedure"
    return kind.schema_type or "Thing"


# ----------------------------------------------------------------------------------------------
# Writing the site
# ----------------------------------------------------------------------------------------------


def _environment() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("medgraph", "templates"),
        autoescape=True,  # every template is HTML; data strings can hold <, & and quotes
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment


def _static_files() -> list[tuple[str, bytes]]:
    from importlib.resources import files

    folder = files("medgraph") / "templates" / "static"
    return sorted((item.name, item.read_bytes()) for item in folder.iterdir() if item.is_file())


def build_site(
    graph: Graph,
    folder: Path,
    *,
    progress: Progress | None = None,
) -> RenderSummary:
    """Write the site for ``graph`` into an existing, empty ``folder`` (not atomic by itself)."""
    from markupsafe import Markup

    report = progress or (lambda message, done, total: None)
    report("reading the graph", 0, 1)
    site = collect_site(graph)
    total = 2 + 2 * len(site.conditions) + len(site.references)
    done = 1
    report("reading the graph", done, total)

    environment = _environment()
    pictures = 0
    for condition in site.conditions:
        report(f"drawing {condition.label}", done, total)
        svg = draw_neighbourhood(condition)
        condition.svg = _inline_svg(svg)
        _write(folder / condition.picture_path, svg.encode("utf-8"))
        pictures += 1
        done += 1
    report("writing pages", done, total)

    def page(template: str, target: str, **values: Any) -> None:
        html = environment.get_template(template).render(site=site, **values)
        _write(folder / target, html.encode("utf-8"))

    page("index.html.j2", "index.html", root="", title="medgraph")
    for condition in site.conditions:
        json_ld = Markup(_json_for_html(condition_json_ld(condition, site.references)))
        page(
            "condition.html.j2",
            condition.path,
            root="../",
            title=condition.label,
            condition=condition,
            json_ld=json_ld,
            svg=Markup(condition.svg),
        )
        done += 1
        report(f"page of {condition.label}", done, total)
    for reference in site.references:
        document = {"@context": "https://schema.org", **_reference_json_ld(reference)}
        page(
            "reference.html.j2",
            reference.path,
            root="../",
            title=reference.title,
            reference=reference,
            json_ld=Markup(_json_for_html(document)),
        )
        done += 1
        report(f"page of {reference.short}", done, total)
    queries_json = Markup(_json_for_html([q.__dict__ for q in site.queries]))
    page("query.html.j2", "query.html", root="", title="Query the graph", queries_json=queries_json)
    for name, data in _static_files():
        _write(folder / "static" / name, data)
    _write(folder / SITE_MARKER, b"A site rendered by 'medgraph render'; safe to replace.\n")
    done = total
    report("done", done, total)
    pages = 2 + len(site.conditions) + len(site.references)
    return RenderSummary(folder, pages, len(site.conditions), len(site.references), pictures)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file; give a folder for the site")
    if (
        target.is_dir()
        and not (target / SITE_MARKER).exists()
        and any(target.iterdir())
        and not force
    ):
        raise OutputExists(
            target,
            "is a folder that 'medgraph render' did not make and it is not empty; "
            "choose another folder, or replace it whole",
        )


def render_site(
    graph: Graph,
    target: Path | str,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> RenderSummary:
    """Render the site into ``target``: built beside it, then swapped in whole.

    A folder that holds something other than an earlier site is replaced only with ``force``.
    """
    from medgraph.atomic import replace_directory, staging_directory

    folder = Path(target)
    _check_target(folder, force)
    with staging_directory(folder) as staging:
        summary = build_site(graph, staging, progress=progress)
        staging.chmod(0o755)
        replace_directory(staging, folder)
    summary.path = folder
    return summary
