"""Reading the graph into the site's views: the condition pages, then the whole site.

A condition page gathers every relation with the claim's evidence, the clinical statements by
aspect, the page's text with its citations, the excerpts by section and the thresholds. The
references and excerpts are read first (they are shared), so that every citation on a condition
page can link to them; what each reference supports is filled in last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Namespace, URIRef
from rdflib.term import Node

from medgraph.curie import compact
from medgraph.namespaces import DCTERMS, MGO, QUDT, RDF, SKOS
from medgraph.render.codes import dedupe_codes, entity_codes
from medgraph.render.reader import Reader, local_slug, node_anchor
from medgraph.render.references import attach_supports, collect_reference
from medgraph.render.urls import web_href
from medgraph.render.views import (
    RELATION_KINDS,
    Citation,
    ConditionView,
    DatasetView,
    ExcerptSection,
    ExcerptView,
    Link,
    PageTextView,
    QueryView,
    ReferenceView,
    RelationSection,
    RowView,
    Segment,
    SiteView,
    SourcePageView,
    StatementGroup,
    ThresholdView,
)

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
COMPARATOR_SYMBOLS: dict[Node, str] = {
    MGO.LessThan: "<",
    MGO.LessThanOrEqual: "≤",
    MGO.Equal: "=",
    MGO.GreaterThanOrEqual: "≥",
    MGO.GreaterThan: ">",
}


def _sort_text(text: str) -> str:
    return text.casefold()


@dataclass
class _Context:
    """What every page needs to link evidence: references and excerpts by IRI."""

    reader: Reader
    references: dict[Node, ReferenceView]
    excerpts: dict[Node, ExcerptView]
    claims_by_object: dict[tuple[Node, Node, Node], list[Node]]
    numbers: dict[tuple[Node, Node], int]
    """(condition, work) -> the [n] the condition's page prints for the work."""


def _section_key(section: Node | None) -> tuple[int, str]:
    name = str(section).rsplit("/", 1)[-1] if section is not None else ""
    order = SECTION_ORDER.index(name) if name in SECTION_ORDER else len(SECTION_ORDER)
    return order, name


def _collect_excerpt(reader: Reader, node: Node, root: str) -> ExcerptView:
    website = reader.one(node, MGO.sourceWebsite)
    kind = reader.one(node, MGO.sourceKind)
    section = reader.one(node, MGO.pageSection)
    truncated = reader.one(node, MGO.isTruncated)
    return ExcerptView(
        iri=str(node),
        anchor=node_anchor(str(node)),
        name=local_slug(str(node)),
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
                f"{root}reference/{local_slug(str(w))}.html",
            )
            for w in reader.values(node, MGO.mentionsWork)
        ],
        supports=[],
        notes=reader.texts(node, SKOS.editorialNote),
    )


def page_numbers(reader: Reader) -> dict[tuple[Node, Node], int]:
    """The number each condition's page gives each work it cites: ``(condition, work) -> n``.

    Numbers belong to pages (``mgo:Citation``), so one work can be [1] on one condition's page
    and [4] on another's; a condition with two pages that number a work apart keeps the lower.
    """
    numbers: dict[tuple[Node, Node], int] = {}
    for citation in sorted(set(reader.graph.subjects(MGO.citesWork, None)), key=str):
        work, page = reader.one(citation, MGO.citesWork), reader.one(citation, MGO.citedBy)
        try:
            number = int(str(reader.one(citation, MGO.citationNumber)))
        except ValueError:
            continue
        if work is None or page is None:
            continue
        for condition in reader.values(page, MGO.describes):
            key = (condition, work)
            numbers[key] = min(number, numbers.get(key, number))
    return numbers


def _citation(
    context: _Context, node: Node, root: str, condition_path: str, condition: Node
) -> Citation | None:
    reference = context.references.get(node)
    if reference is not None:
        number = context.numbers.get((condition, node))
        return Citation(
            kind="reference",
            short=reference.numbered(number),
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
    return Link(text, f"{condition_path}#{node_anchor(str(node))}")


def _threshold(reader: Reader, node: Node, condition_path: str) -> ThresholdView:
    comparator = reader.one(node, MGO.comparator)
    unit_node = reader.one(node, QUDT.unit)
    measured_by = reader.one(node, MGO.measuredBy)
    unit = reader.text(node, MGO.ucumCode) or (
        reader.text(unit_node, QUDT.symbol) if unit_node is not None else ""
    )
    if not unit and unit_node is not None:
        unit = str(unit_node).rsplit("/", 1)[-1]
    return ThresholdView(
        anchor=node_anchor(str(node)),
        label=reader.label(node),
        measured_property=reader.text(node, MGO.measuredProperty),
        comparator=(
            COMPARATOR_SYMBOLS.get(comparator, reader.label(comparator) if comparator else "")
            if comparator is not None
            else ""
        ),
        comparator_label=reader.label(comparator) if comparator is not None else "",
        value=reader.text(node, QUDT.numericValue),
        unit=unit,
        unit_iri=str(unit_node) if isinstance(unit_node, URIRef) else None,
        measured_by=(
            Link(reader.label(measured_by), f"{condition_path}#{node_anchor(str(measured_by))}")
            if measured_by is not None
            else None
        ),
        notes=reader.texts(node, SKOS.note),
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
    anchor = node_anchor(str(entity))
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
            Link(reader.label(v), f"#{node_anchor(str(v))}")
            for v in reader.values(entity, MGO.variantOf)
        ],
        drugs=[reader.label(d) for d in reader.values(entity, MGO.involvesDrug)],
    )
    row.codes = entity_codes(reader, entity, Link(row.label, f"#{anchor}"))
    for claim in context.claims_by_object.get((condition, predicate, entity), []):
        row.claim = row.claim or str(claim)
        for evidence in reader.values(claim, MGO.supportedBy):
            citation = _citation(context, evidence, root, condition_path, condition)
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
            Link(reader.label(q), f"#{node_anchor(str(q))}")
            for q in reader.values(claim, MGO.qualifiedBy)
        ]
        row.comparison_groups += reader.texts(claim, MGO.comparisonGroup)
        row.notes += reader.texts(claim, SKOS.note)
        certainty = reader.one(claim, MGO.certainty)
        frequency = reader.one(claim, MGO.frequency)
        row.certainty = row.certainty or (reader.label(certainty) if certainty else "")
        row.frequency = row.frequency or (reader.label(frequency) if frequency else "")
        row.quotes += [q for q in sorted(reader.texts(claim, MGO.quote)) if q not in row.quotes]
        evidence_type = reader.one(claim, MGO.evidenceType)
        if evidence_type is not None and not row.evidence_type:
            curie = compact(str(evidence_type))
            row.evidence_type = f"{reader.label(evidence_type)} ({curie})"
    row.references.sort(key=lambda c: c.sort_key)
    row.excerpts.sort(key=lambda c: c.sort_key)
    return row


def _segments(
    context: _Context, passage: Node, text: str, root: str, condition: Node
) -> list[Segment]:
    """Split a page text at its ``[n]`` citations, each linked to the reference that the
    condition's page numbers ``n``."""
    by_number = {}
    for reference_node in context.reader.values(passage, MGO.citesReference):
        reference = context.references.get(reference_node)
        number = context.numbers.get((condition, reference_node))
        if reference is not None and number is not None:
            by_number[str(number)] = reference
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
    slug = local_slug(str(node))
    root = "../"
    condition_path = ""  # links inside the condition page are fragment-only
    label = reader.label(node)

    relations = []
    anchors: set[str] = set()
    for kind in RELATION_KINDS:
        entities = reader.values(node, kind.predicate)
        rows = [_row(context, node, kind.predicate, e, root, condition_path) for e in entities]
        rows.sort(key=lambda r: _sort_text(r.label))
        for row in rows:
            # An entity in two relations (a risk factor the page also calls a cause, a test
            # that also predicts): its second row gets an anchor of its own.
            if row.anchor in anchors:
                row.anchor = f"{row.anchor}-as-{kind.key}"
            anchors.add(row.anchor)
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
            anchor="aspect-" + local_slug(reader.label(a).lower().replace(" ", "-"))
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
        page_section = reader.one(passage, MGO.pageSection)
        page_texts.append(
            (
                _section_key(page_section),
                PageTextView(
                    anchor=node_anchor(str(passage)),
                    label=reader.label(passage),
                    section=reader.label(page_section) if page_section is not None else "",
                    segments=_segments(
                        context, passage, reader.text(passage, MGO.passageText), root, node
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
            + (local_slug(reader.label(s).lower()) if s is not None else "other"),
            label=reader.label(s) if s is not None else "other",
            excerpts=sorted(items, key=lambda e: (e.position, e.name)),
        )
        for s, items in sorted(sections.items(), key=lambda item: _section_key(item[0]))
    ]

    definition_refs = [
        c
        for c in (
            _citation(context, r, root, condition_path, node)
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

    codes = entity_codes(reader, node, Link(label, "#top"))
    for section in relations:
        for row in section.rows:
            codes += row.codes
            for drug in reader.values(URIRef(row.iri), MGO.involvesDrug):
                codes += entity_codes(reader, drug, Link(reader.label(drug), f"#{row.anchor}"))
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
        codes=dedupe_codes(codes),
    )


def collect_site(graph: Graph, *, queries: bool = True) -> SiteView:
    """Read everything the pages show out of ``graph`` (no files written)."""
    reader = Reader(graph)
    reference_nodes = {
        s
        for cls in reader.subclasses(MGO.Reference) | {MGO.JournalArticle, MGO.Book}
        for s in graph.subjects(RDF.type, cls)
    }
    references = {node: collect_reference(reader, node) for node in reference_nodes}
    excerpts = {
        node: _collect_excerpt(reader, node, "../")
        for node in set(graph.subjects(RDF.type, MGO.Excerpt))
    }
    claims: dict[tuple[Node, Node, Node], list[Node]] = {}
    for claim in sorted(set(graph.subjects(RDF.type, MGO.Claim)), key=str):
        subject = reader.one(claim, MGO.claimSubject)
        predicate = reader.one(claim, MGO.claimPredicate)
        target = reader.one(claim, MGO.claimObject)
        if subject is not None and predicate is not None and target is not None:
            claims.setdefault((subject, predicate, target), []).append(claim)
    numbers = page_numbers(reader)
    context = _Context(reader, references, excerpts, claims, numbers)
    conditions = [
        _collect_condition(context, node)
        for node in sorted(set(graph.subjects(RDF.type, MGO.Condition)), key=str)
    ]
    conditions.sort(key=lambda c: _sort_text(c.label))
    labels = {c.iri: c.label for c in conditions}
    for (condition, work), number in sorted(numbers.items(), key=lambda i: (str(i[0][0]), i[1])):
        reference = references.get(work)
        if reference is not None and str(condition) in labels:
            reference.page_numbers.append((labels[str(condition)], number))
    for reference in references.values():
        # One number for the work on the index when every page that cites it agrees on it.
        distinct = {n for _, n in reference.page_numbers}
        reference.number = distinct.pop() if len(distinct) == 1 else None
    attach_supports(reader, references, conditions)
    ordered = sorted(
        references.values(),
        key=lambda r: (r.number is None, r.number or 0, r.short.casefold(), r.iri),
    )
    return SiteView(
        conditions=conditions,
        references=ordered,
        queries=_query_views() if queries else [],
        triples=len(graph),
        datasets=_collect_datasets(reader),
        imported_conditions=sum(1 for _ in graph.subjects(RDF.type, MGO.ImportedCondition)),
    )


_DCAT = Namespace("http://www.w3.org/ns/dcat#")
_PAV = Namespace("http://purl.org/pav/")


def _collect_datasets(reader: Reader) -> list[DatasetView]:
    """The imported data sets the graph describes, with version and licence as recorded."""
    graph = reader.graph
    views = []
    for node in set(graph.subjects(RDF.type, _DCAT.Dataset)):
        title = graph.value(node, DCTERMS.title)
        version = graph.value(node, _PAV.version)
        license_ = graph.value(node, DCTERMS.license)
        views.append(
            DatasetView(
                iri=str(node),
                title=str(title) if title is not None else str(node),
                version=str(version) if version is not None else None,
                license=str(license_) if license_ is not None else None,
                license_href=web_href(str(license_)) if license_ is not None else None,
                rights=sorted(str(r) for r in graph.objects(node, DCTERMS.rights)),
            )
        )
    return sorted(views, key=lambda v: (v.title.casefold(), v.iri))


def _query_views() -> list[QueryView]:
    from medgraph.queries import list_queries

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
