"""Claims against the page: quotes in their passages, references equal to the markers of the
quoted sentences (or a recorded reason why not), excerpts a claim rests on among those it is
stated in."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from medgraph.evidence.findings import Finding
from medgraph.evidence.passages import Page, Passage
from medgraph.evidence.reading import Data, excerpt_of, normalise
from medgraph.namespaces import MGO

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["check_claims"]


def check_claims(
    data: Data, pages: Mapping[Node, Page], passages: Mapping[Node, Passage]
) -> list[Finding]:
    findings: list[Finding] = []
    references = data.members(MGO.Reference)
    excerpts = data.members(MGO.Excerpt)
    for claim in sorted(data.members(MGO.Claim), key=str):
        stated = [p for p in data.objects(claim, MGO.statedIn) if p in passages]
        quotes = sorted({normalise(str(q)) for q in data.objects(claim, MGO.quote)})
        exceptions = set(data.objects(claim, MGO.markerException))
        previous = MGO.ConclusionOfCitedSentence in exceptions
        quoted: set[Node] = set()
        markers: dict[Node, set[int]] = defaultdict(set)  # page -> [n] of the quoted sentences
        lost = False  # a quote not found: its sentence is unknown, so are its markers
        for quote in quotes:
            found = False
            for node in stated:
                passage = passages[node]
                for match in re.finditer(re.escape(quote), passage.text):
                    found = True
                    quoted.add(node)
                    if node not in excerpts and passage.page is not None:
                        markers[passage.page.node].update(
                            passage.markers(match.start(), match.end(), previous=previous)
                        )
            if not found:
                lost = True
                findings.append(
                    Finding(
                        claim,
                        MGO.quote,
                        "QuoteInPassage",
                        "None of the passages the claim is stated in holds this quote: copy "
                        "the words exactly from a passage of mgo:statedIn (white space aside), "
                        "or add the passage that holds them",
                        excerpt_of(quote),
                    )
                )
        for node in sorted(set(stated) - quoted, key=str):
            findings.append(
                Finding(
                    claim,
                    MGO.statedIn,
                    "PassageQuoted",
                    "The claim does not quote this passage: add mgo:quote with the words of the "
                    "passage that state the claim, or remove the mgo:statedIn",
                    node,
                )
            )
        evidence = set(data.objects(claim, MGO.supportedBy))
        for excerpt in sorted((evidence & excerpts) - set(stated), key=str):
            findings.append(
                Finding(
                    claim,
                    MGO.supportedBy,
                    "EvidenceStated",
                    "The claim rests on an excerpt it is not stated in: add mgo:statedIn and a "
                    "mgo:quote of that excerpt, or remove the mgo:supportedBy",
                    excerpt,
                )
            )
        if lost:
            continue
        expected: dict[Node, int] = {}
        for page_node, numbers in markers.items():
            page = pages[page_node]
            for n in numbers:
                work = page.works.get(n)
                if work is not None:
                    expected.setdefault(work, n)
        cited = evidence & references
        for work in sorted(cited - set(expected), key=str):
            findings.append(
                Finding(
                    claim,
                    MGO.supportedBy,
                    "ReferenceMarked",
                    "No [n] of the sentences the claim quotes names this work (a borrowed "
                    "reference): remove this mgo:supportedBy, or quote the sentence that cites "
                    "it",
                    work,
                )
            )
        for work, n in sorted(expected.items(), key=lambda item: item[1]):
            if work not in cited:
                findings.append(
                    Finding(
                        claim,
                        MGO.supportedBy,
                        "MarkerCited",
                        f"The sentence the claim quotes cites [{n}], but the claim does not rest "
                        f"on its work (a missing reference): add mgo:supportedBy <{work}>",
                        work,
                    )
                )
    return findings
