"""The page's words for what the graph records about a claim or an entity: its hedges
(certainty, frequency), its relation, and where each synonym is printed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from medgraph.evidence.findings import Finding
from medgraph.evidence.passages import Page
from medgraph.evidence.reading import Data, cue_words, normalise
from medgraph.namespaces import MGO

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["HEDGES", "check_hedges", "check_relations", "check_synonyms"]

HEDGES = frozenset({MGO.Hypothesized, MGO.Proposed, MGO.Suggested})
"""Certainties that hedge: a claim every quote of which uses their words must record one."""


def check_hedges(data: Data) -> list[Finding]:
    """A claim's certainty and frequency are worded in one of its quotes (case aside)."""
    cues = cue_words(data, MGO.hedgeCue)
    hedges = sorted({w for value in HEDGES for w in cues.get(value, ())})
    findings: list[Finding] = []
    for claim in sorted(data.members(MGO.Claim), key=str):
        quotes = [normalise(str(q)).lower() for q in data.objects(claim, MGO.quote)]
        if not quotes:
            continue
        certainty = set(data.objects(claim, MGO.certainty))
        if not certainty & HEDGES and all(any(w in q for w in hedges) for q in quotes):
            findings.append(
                Finding(
                    claim,
                    MGO.certainty,
                    "HedgeRecorded",
                    "Every quote of the claim hedges it (" + ", ".join(hedges) + "), but its "
                    "certainty does not say so: record mgo:certainty mgo:Hypothesized, "
                    "mgo:Proposed or mgo:Suggested as the page words it",
                    next(iter(sorted(certainty, key=str)), None),
                )
            )
        for prop in (MGO.certainty, MGO.frequency):
            for value in data.objects(claim, prop):
                said = sorted(cues.get(value, ()))
                if said and not any(w in q for w in said for q in quotes):
                    findings.append(
                        Finding(
                            claim,
                            prop,
                            "HedgeWorded",
                            "None of the claim's quotes words this hedge ("
                            + ", ".join(said)
                            + "): quote the words by which the page says it, or record the "
                            "value the page's words give",
                            value,
                        )
                    )
    return findings


def check_relations(data: Data) -> list[Finding]:
    """A claim's relation is worded in one of its quotes, where the relation has cue words
    (a diagnosis for a diagnostic test, a prediction for a predictive marker, a cause)."""
    cues = cue_words(data, MGO.relationCue)
    findings: list[Finding] = []
    for claim in sorted(data.members(MGO.Claim), key=str):
        quotes = [normalise(str(q)).lower() for q in data.objects(claim, MGO.quote)]
        if not quotes:
            continue
        for relation in data.objects(claim, MGO.claimPredicate):
            said = sorted(cues.get(relation, ()))
            if said and not any(w in q for w in said for q in quotes):
                findings.append(
                    Finding(
                        claim,
                        MGO.claimPredicate,
                        "RelationWorded",
                        "None of the claim's quotes says this relation ("
                        + ", ".join(said)
                        + "): use the relation the page's words give (a test the page says "
                        "predicts an outcome is mgo:hasPredictiveMarker, not "
                        "mgo:hasDiagnosticTest), or quote the words that state it",
                        relation,
                    )
                )
    return findings


_SCOPES = (
    URIRef("http://www.geneontology.org/formats/oboInOwl#hasExactSynonym"),
    URIRef("http://www.geneontology.org/formats/oboInOwl#hasRelatedSynonym"),
    URIRef("http://www.geneontology.org/formats/oboInOwl#hasBroadSynonym"),
    URIRef("http://www.geneontology.org/formats/oboInOwl#hasNarrowSynonym"),
)
_SKOS_NAMES = (SKOS.altLabel, SKOS.hiddenLabel, MGO.abbreviation)


def check_synonyms(data: Data, pages: Mapping[Node, Page]) -> list[Finding]:
    """Every SKOS synonym or abbreviation of an entity has a scope (is one of its oboInOwl
    synonyms), and every synonym record's text is printed in its source (case aside): a
    passage, a page, or a reference's title or citation."""
    findings: list[Finding] = []
    scoped: dict[Node, set[str]] = {}
    for scope in _SCOPES:
        for entity in data.subjects(scope):
            scoped.setdefault(entity, set()).update(
                normalise(str(t)).lower() for t in data.objects(entity, scope)
            )
    for prop in _SKOS_NAMES:
        for entity in data.subjects(prop):
            if entity not in data.members(MGO.ClinicalEntity):
                continue
            for name in sorted(data.objects(entity, prop), key=str):
                if normalise(str(name)).lower() not in scoped.get(entity, set()):
                    findings.append(
                        Finding(
                            entity,
                            prop,
                            "SynonymScoped",
                            "The synonym has no scope: add it as oboInOwl:hasExactSynonym, "
                            "hasRelatedSynonym, hasBroadSynonym or hasNarrowSynonym with a "
                            "mgo:Synonym record of its source, or remove it",
                            name,
                        )
                    )
    page_by_node = {page.node: page for page in pages.values()}
    for record in sorted(data.members(MGO.Synonym), key=str):
        text = normalise(str(data.value(record, MGO.synonymText) or "")).lower()
        sources = data.objects(record, MGO.synonymSource)
        printed = []
        unknown = False  # a page whose text is not stored: reported already
        for source in sources:
            page = page_by_node.get(source)
            if page is not None:
                unknown = unknown or page.text is None
                printed.append(page.text or "")
                continue
            for prop in (MGO.passageText, DCTERMS.title, DCTERMS.bibliographicCitation):
                printed += [str(v) for v in data.objects(source, prop)]
        if unknown or not text or not sources:
            continue
        if not any(text in normalise(p).lower() for p in printed):
            findings.append(
                Finding(
                    record,
                    MGO.synonymSource,
                    "SynonymSourced",
                    "The source this synonym record names does not print it (case aside): point "
                    "mgo:synonymSource at the passage, page or reference that uses the synonym, or "
                    "correct mgo:synonymText",
                    Literal(text),
                )
            )
    return findings
