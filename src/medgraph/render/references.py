"""The reference pages: a work's bibliographic record, its checked identifiers, what it supports.

Kept apart from the condition page because a reference is shared by every condition that cites
it: its record is read once, and what it supports is filled in after all conditions are read.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import URIRef
from rdflib.term import Node

from medgraph.namespaces import BIBO, DCTERMS, FABIO, FOAF, MGO, RDF, SCHEMA, SKOS
from medgraph.render.reader import Reader, local_slug, node_anchor
from medgraph.render.urls import web_href
from medgraph.render.views import (
    ConditionView,
    IdentifierCheckView,
    Link,
    ReferenceView,
    SupportView,
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


def _authors(reader: Reader, reference: Node) -> tuple[list[str], str]:
    """The authors' names in order, and the first author's family name."""
    authorships = sorted(
        reader.values(reference, MGO.hasAuthorship), key=lambda a: (reader.position(a), str(a))
    )
    people = [p for p in (reader.one(a, MGO.author) for a in authorships) if p is not None]
    if not people:
        people = sorted(
            [*reader.values(reference, DCTERMS.creator), *reader.values(reference, BIBO.editor)],
            key=reader.label,
        )
    names = [reader.text(p, FOAF.name) or reader.label(p) for p in people]
    family = reader.text(people[0], FOAF.familyName) if people else ""
    return names, family


def _edited(reader: Reader, reference: Node) -> bool:
    """Whether the names listed are the work's editors (``bibo:editor``), not its authors."""
    editors = set(reader.values(reference, BIBO.editor))
    return bool(editors) and not reader.values(reference, DCTERMS.creator)


def collect_reference(reader: Reader, node: Node) -> ReferenceView:
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
            href = web_href(template.format(value)) if template else None
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
        slug=local_slug(str(node)),
        number=None,  # set once the pages' citations are read (collect_site)
        kind=reader.kind(node) or ("book" if is_book else "reference"),
        schema_type="Book" if is_book else "ScholarlyArticle",
        title=reader.text(node, DCTERMS.title) or reader.label(node),
        authors=authors,
        edited=_edited(reader, node),
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
        web_pages=_web_pages(reader, node),
    )


def _web_pages(reader: Reader, node: Node) -> list[Link]:
    """The work's web addresses, linked only when they are http(s) URLs (see :mod:`.urls`)."""
    addresses = [str(v) for p in (SCHEMA.url, FOAF.homepage) for v in reader.values(node, p)]
    return [Link(address, web_href(address)) for address in dict.fromkeys(addresses)]


def attach_supports(
    reader: Reader, references: dict[Node, ReferenceView], conditions: Sequence[ConditionView]
) -> None:
    """Fill each reference page's list of what it supports, once every condition is read."""
    graph = reader.graph
    condition_paths: dict[Node, ConditionView] = {URIRef(c.iri): c for c in conditions}
    for claim in sorted(set(graph.subjects(RDF.type, MGO.Claim)), key=str):
        subject = reader.one(claim, MGO.claimSubject)
        predicate = reader.one(claim, MGO.claimPredicate)
        target = reader.one(claim, MGO.claimObject)
        if subject is None or predicate is None or target is None:
            continue
        condition = condition_paths.get(subject)
        if condition is None:
            continue
        relation = reader.label(predicate)
        href = f"../{condition.path}#{node_anchor(str(target))}"
        stated = sorted(
            {
                reader.label(s)
                for p in reader.values(claim, MGO.statedIn)
                for s in reader.values(p, MGO.pageSection)
            }
        )
        for evidence in reader.values(claim, MGO.supportedBy):
            reference = references.get(evidence)
            if reference is not None:
                reference.supports.append(
                    SupportView(condition.label, relation, Link(reader.label(target), href), stated)
                )
    for reference_node, reference in references.items():
        for condition_node in sorted(
            graph.subjects(MGO.definitionSupportedBy, reference_node), key=str
        ):
            condition = condition_paths.get(condition_node)
            if condition is not None:
                reference.definition_of.append(Link(condition.label, f"../{condition.path}#top"))
        for passage in sorted(graph.subjects(MGO.citesReference, reference_node), key=str):
            for condition_node in graph.subjects(MGO.hasPageText, passage):
                condition = condition_paths.get(condition_node)
                if condition is not None:
                    reference.cited_in.append(
                        Link(
                            f"{condition.label}: {reader.label(passage)}",
                            f"../{condition.path}#{node_anchor(str(passage))}",
                        )
                    )
        for excerpt_node in sorted(graph.subjects(MGO.mentionsWork, reference_node), key=str):
            for condition_node in graph.subjects(MGO.hasExcerpt, excerpt_node):
                condition = condition_paths.get(condition_node)
                if condition is not None:
                    reference.mentioned_in.append(
                        Link(
                            f"{condition.label}: excerpt {local_slug(str(excerpt_node))}",
                            f"../{condition.path}#{node_anchor(str(excerpt_node))}",
                        )
                    )
        reference.supports.sort(
            key=lambda s: (s.condition.casefold(), s.relation, s.target.text.casefold())
        )
