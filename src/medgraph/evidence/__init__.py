"""Evidence you can check: every text the graph quotes, against the stored source page.

A graph about a condition page quotes that page: its paragraphs and excerpts
(``mgo:passageText``), the heading above an excerpt (``mgo:pageHeading``), its reference list
(``dcterms:bibliographicCitation`` of each numbered work) and, on every claim, the words that
state it (``mgo:quote``). The page itself is stored beside the data as a text file, named in
the graph by its SHA-256 (``mgo:contentSha256`` on the ``mgo:SourcePage``); this module finds
it by that hash and proves, for every page:

- each quoted text is an exact part of the page (a heading: a line of it); a passage with a
  recorded slip correction (``mgo:hasCorrection``) is compared after the correction is undone;
- an excerpt is followed on the page by its website's tag (``[host]``); a numbered work is
  printed in the page's list as ``n. {citation}``; a paragraph cites (``mgo:citesReference``)
  exactly the works of its ``[n]`` markers;
- each claim quotes every passage it is stated in, every quote is found in one of them, an
  excerpt it rests on is one it is stated in, and the references it rests on are exactly the
  works of the ``[n]`` markers of the sentences its quotes come from, unless the claim records
  why not (``mgo:markerException``, a closed list of reasons);
- a claim's certainty and frequency (``mgo:certainty``, ``mgo:frequency``) are worded in one of
  its quotes: each value has its cue words (``mgo:hedgeCue``), matched case aside; and a claim
  every quote of which hedges (the words of hypothesized, proposed or suggested) records it;
- a claim's relation is worded in one of its quotes where the relation has cue words
  (``mgo:relationCue``: a diagnosis for ``mgo:hasDiagnosticTest``, a prediction for
  ``mgo:hasPredictiveMarker``, a cause for ``mgo:hasCause``);
- every synonym and abbreviation of an entity has a scope (it is one of the entity's oboInOwl
  synonyms), and each synonym record's text is printed in the source it names.

**Normalisation** (the only one): runs of white space (spaces, tabs, line breaks) count as one
space and the ends of a text are trimmed, on both sides of every comparison. Nothing else:
case, punctuation and typographic quotes must match as the page prints them.

The data is read through SPARQL ``SELECT`` queries (one per property), so every backend gives
the same findings. They are reported as validation results (severity Violation; focus node,
path, rule, value and a message that says how to fix the data) and merged into the report of
``medgraph validate`` whenever medgraph's own shapes are used.
"""

from __future__ import annotations

from collections.abc import Mapping

from medgraph.evidence.claims import check_claims
from medgraph.evidence.findings import SHAPE, Finding, merge_into
from medgraph.evidence.passages import check_page_prints, read_pages, read_passages
from medgraph.evidence.reading import Data, Query, normalise, page_texts, sentences
from medgraph.evidence.words import check_hedges, check_relations, check_synonyms

__all__ = [
    "SHAPE",
    "Finding",
    "Query",
    "check",
    "merge_into",
    "normalise",
    "page_texts",
    "sentences",
]


def check(query: Query, texts: Mapping[str, str]) -> list[Finding]:
    """Every finding of the evidence check on the data that ``query`` reads, the pages' texts
    looked up by SHA-256 in ``texts`` (see :func:`page_texts`)."""
    data = Data(query)
    pages, findings = read_pages(data, texts)
    passages = read_passages(data, pages, findings)
    findings += check_page_prints(data, pages, passages)
    findings += check_claims(data, pages, passages)
    findings += check_hedges(data)
    findings += check_relations(data)
    findings += check_synonyms(data, pages)
    return sorted(set(findings))
