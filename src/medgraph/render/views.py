"""What the pages show: one plain dataclass per thing a page displays, and the relation kinds.

The collecting modules fill these from the graph and the templates, the picture and the JSON-LD
read them; keeping them free of rdflib and Jinja lets each of those sides change alone, and lets a
test inspect what a page will show without parsing HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from medgraph.namespaces import MGO
from medgraph.render.urls import web_href


@dataclass(frozen=True)
class RelationKind:
    """A relation from a condition, how the page titles it and how schema.org names it."""

    key: str
    predicate: URIRef
    title: str
    singular: str
    schema_property: str  # "": no schema.org property; the relation stays out of the JSON-LD
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
        "causes",
        MGO.hasCause,
        "Causes",
        "cause",
        "cause",
        "MedicalCause",
        "#f0b3a0",
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
        "predictors",
        MGO.hasPredictiveMarker,
        "Predictive markers",
        "predictive marker",
        "",  # schema.org has no property for it: left out of the page's JSON-LD
        None,
        "#cfe0f5",
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


@dataclass
class Link:
    """A link as a page shows it; ``href`` None shows the text alone."""

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
    """A numeric threshold of a claim (``cervical length ≤ 15 mm``), with its unit's IRI."""

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
    def unit_href(self) -> str | None:
        return web_href(self.unit_iri)

    @property
    def expression(self) -> str:
        return f"{self.measured_property} {self.comparator} {self.value} {self.unit}".strip()


@dataclass
class CodeView:
    """One code of an entity in another ontology, and how it was verified."""

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
        return web_href(self.iri)


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
    certainty: str = ""
    """How certain the page says the claim is, as it words it (``mgo:certainty``)."""
    frequency: str = ""
    """How often the page says the claim holds, when it says so (``mgo:frequency``)."""
    quotes: list[str] = field(default_factory=list)
    """The page's words for the claim (``mgo:quote``)."""
    evidence_type: str = ""
    """The claim's ECO evidence type, in words and by its CURIE (``mgo:evidenceType``)."""

    @property
    def evidence(self) -> list[Citation]:
        return [*self.references, *self.excerpts]


@dataclass
class RelationSection:
    """One table of the condition page: the rows of one relation kind."""

    kind: RelationKind
    rows: list[RowView]


@dataclass
class StatementGroup:
    """The clinical statements of one aspect (epidemiology, prognosis, ...)."""

    anchor: str
    aspect: str
    rows: list[RowView]


@dataclass
class Segment:
    """A run of page text, or one of its ``[n]`` citations linked to its reference."""

    text: str
    href: str | None = None
    title: str = ""


@dataclass
class PageTextView:
    """A section of the condition page's own text, split at its citations."""

    anchor: str
    label: str
    section: str
    segments: list[Segment]
    notes: list[str]


@dataclass
class ExcerptView:
    """A passage quoted from another website, with where it came from and what it supports."""

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
    """The excerpts of one page section, in the order the page shows them."""

    anchor: str
    label: str
    excerpts: list[ExcerptView]


@dataclass
class SourcePageView:
    """The condition page the graph was built from."""

    title: str
    identifier: str
    modified: str
    notes: list[str]


@dataclass
class ConditionView:
    """Everything one condition page shows; ``svg`` is filled in when the picture is drawn."""

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
    """One claim a reference supports, for the reference page's table."""

    condition: str
    relation: str
    target: Link
    stated_in: list[str]


@dataclass
class IdentifierCheckView:
    """How one identifier of a work was checked: where, when, with what result."""

    scheme: str
    value: str
    status: str
    source: str
    date: str


@dataclass
class ReferenceView:
    """Everything one reference page shows; the back-links are filled in last."""

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
    edited: bool = False
    """The names listed are the work's editors (an edited book such as a clinical manual)."""
    cited_in: list[Link] = field(default_factory=list)
    mentioned_in: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_family: str = ""
    web_pages: list[Link] = field(default_factory=list)  # schema:url, foaf:homepage
    page_numbers: list[tuple[str, int]] = field(default_factory=list)
    """(condition label, n): the [n] each condition's page prints for the work."""

    @property
    def path(self) -> str:
        return f"reference/{self.slug}.html"

    def numbered(self, number: int | None) -> str:
        """ "[n] Family year" with a page's number for the work, or "Family year" without."""
        family = self.first_family or (self.authors[0].split()[0] if self.authors else self.title)
        label = f"{family} {self.year}".strip()
        return f"[{number}] {label}" if number is not None else label

    @property
    def short(self) -> str:
        """The work's name on the index: numbered when every page gives it one number."""
        return self.numbered(self.number)


@dataclass
class QueryView:
    """A named query as the query page lists it (and sends to ``medgraph serve``)."""

    name: str
    title: str
    description: str
    parameters: list[dict[str, str]]
    text: str
    quality_check: bool


@dataclass
class DatasetView:
    """An imported data set (a ``dcat:Dataset`` in the graph): what it is, which version, under
    which licence, so that the site says where imported data comes from."""

    iri: str
    title: str
    version: str | None
    license: str | None
    license_href: str | None
    """The licence as a link when it is a web address (see :func:`medgraph.render.urls.web_href`)."""
    rights: list[str]


@dataclass
class SiteView:
    """The whole site: what every template is rendered with."""

    conditions: list[ConditionView]
    references: list[ReferenceView]
    queries: list[QueryView]
    triples: int
    datasets: list[DatasetView] = field(default_factory=list)
    imported_conditions: int = 0
    """Conditions imported from open data (``mgo:ImportedCondition``), not given pages here."""
