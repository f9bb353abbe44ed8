"""The page and its passages: each text the graph quotes is part of the stored page.

Passages (with their slip corrections undone), the heading above an excerpt, the site tag after
it, the numbered reference list and the paragraphs' citations, checked against the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.namespace import DCTERMS

from medgraph.evidence.findings import Finding
from medgraph.evidence.reading import MARKER, Data, as_number, excerpt_of, normalise, sentences
from medgraph.namespaces import MGO

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["Page", "Passage", "check_page_prints", "read_pages", "read_passages"]


@dataclass
class Page:
    """A source page: its stored text (normalised) and its numbered reference list."""

    node: Node
    text: str | None
    works: dict[int, Node] = field(default_factory=dict)
    lines: frozenset[str] = frozenset()


def read_pages(data: Data, texts: Mapping[str, str]) -> tuple[dict[Node, Page], list[Finding]]:
    findings: list[Finding] = []
    pages: dict[Node, Page] = {}
    with_passages = {
        page
        for passage in data.subjects(MGO.fromPage)
        for page in data.objects(passage, MGO.fromPage)
    }
    for node in sorted(data.members(MGO.SourcePage) | with_passages, key=str):
        digest = data.value(node, MGO.contentSha256)
        text = texts.get(str(digest).lower()) if digest is not None else None
        if digest is None:
            findings.append(
                Finding(
                    node,
                    MGO.contentSha256,
                    "PageTextRecorded",
                    "The page's text is not recorded, so nothing quoted from it can be checked: "
                    "store the page as a UTF-8 text file beside the data (source-page.txt) and "
                    "record its SHA-256 as mgo:contentSha256",
                )
            )
        elif text is None:
            findings.append(
                Finding(
                    node,
                    MGO.contentSha256,
                    "PageTextStored",
                    "No stored text file has this SHA-256 (the page's text is missing or was "
                    "changed): put the page's exact text beside the data as a .txt file, or "
                    "record the SHA-256 of the text the graph quotes",
                    digest,
                )
            )
        pages[node] = Page(
            node,
            normalise(text) if text is not None else None,
            lines=frozenset(normalise(line) for line in (text or "").splitlines()),
        )
    # The page's numbered list: its mgo:Citation nodes, or else the works' mgo:referenceNumber.
    for citation in data.subjects(MGO.citedBy):
        cited_by = data.value(citation, MGO.citedBy)
        number = as_number(data.value(citation, MGO.citationNumber))
        work = data.value(citation, MGO.citesWork)
        if cited_by in pages and number is not None and work is not None:
            pages[cited_by].works[number] = work
    numbered = {
        n: work
        for work in data.subjects(MGO.referenceNumber)
        if (n := as_number(data.value(work, MGO.referenceNumber))) is not None
    }
    for listed in pages.values():
        if not listed.works:
            listed.works = dict(numbered)
    return pages, findings


# ------------------------------------------------------------------------------------------------
# The checks
# ------------------------------------------------------------------------------------------------


@dataclass
class Passage:
    node: Node
    page: Page | None
    text: str  # as stored, normalised
    printed: str  # with recorded corrections undone
    spans: list[tuple[int, int]]

    def markers(self, start: int, end: int, *, previous: bool = False) -> set[int]:
        """The ``[n]`` of the sentences that overlap ``text[start:end]``; with ``previous``, a
        sentence without markers of its own counts those of the sentence before it."""
        indexes = [i for i, (a, b) in enumerate(self.spans) if a < end and start < b]
        found: set[int] = set()
        for i in indexes:
            own = self._markers(i)
            if not own and previous and i > 0:
                own = self._markers(i - 1)
            found.update(own)
        return found

    def _markers(self, index: int) -> set[int]:
        a, b = self.spans[index]
        return {int(n) for n in MARKER.findall(self.text[a:b])}


def read_passages(
    data: Data, pages: Mapping[Node, Page], findings: list[Finding]
) -> dict[Node, Passage]:
    passages: dict[Node, Passage] = {}
    for node in data.subjects(MGO.passageText):
        text = normalise(str(data.value(node, MGO.passageText)))
        page = pages.get(data.value(node, MGO.fromPage))  # type: ignore[arg-type]
        printed = text
        for correction in sorted(data.objects(node, MGO.hasCorrection), key=str):
            was = normalise(str(data.value(correction, MGO.printedText) or ""))
            now = normalise(str(data.value(correction, MGO.correctedText) or ""))
            if not was or not now or printed.count(now) != 1:
                findings.append(
                    Finding(
                        node,
                        MGO.hasCorrection,
                        "CorrectionApplies",
                        "The recorded correction does not match the passage once (its "
                        "mgo:correctedText must occur exactly once in the mgo:passageText): "
                        "write mgo:printedText as the page prints the words and "
                        "mgo:correctedText as the passage has them",
                        correction,
                    )
                )
                continue
            printed = printed.replace(now, was)
        passages[node] = Passage(node, page, text, printed, sentences(text))
        if page is not None and page.text is not None and printed not in page.text:
            findings.append(
                Finding(
                    node,
                    MGO.passageText,
                    "ExactText",
                    "The passage is not on its page as written (white space aside): copy the "
                    "text from the page exactly, or record a slip you correct with "
                    "mgo:hasCorrection (mgo:printedText, mgo:correctedText)",
                    excerpt_of(text),
                )
            )
    return passages


def check_page_prints(
    data: Data, pages: Mapping[Node, Page], passages: Mapping[Node, Passage]
) -> list[Finding]:
    """Site tags, headings, the numbered list and the paragraphs' citations."""
    findings: list[Finding] = []
    excerpts = data.members(MGO.Excerpt)
    for node, passage in sorted(passages.items(), key=lambda item: str(item[0])):
        page = passage.page
        if page is None or page.text is None:
            continue
        if node in excerpts:
            website = data.value(node, MGO.sourceWebsite)
            host = data.value(website, MGO.hostName) if website is not None else None
            if host is not None and f"{passage.printed}[{host}]" not in page.text:
                findings.append(
                    Finding(
                        node,
                        MGO.sourceWebsite,
                        "SiteTag",
                        f"The page does not print this excerpt followed by [{host}]: point "
                        "mgo:sourceWebsite at the website whose tag follows the excerpt on the "
                        "page, and copy the excerpt up to that tag",
                        website,
                    )
                )
        for heading in data.objects(node, MGO.pageHeading):
            if normalise(str(heading)) not in page.lines:
                findings.append(
                    Finding(
                        node,
                        MGO.pageHeading,
                        "ExactText",
                        "The page prints no such heading on a line of its own: copy the heading "
                        "exactly as the page prints it",
                        heading,
                    )
                )
        if node not in excerpts:
            numbers = {int(n) for n in MARKER.findall(passage.text)}
            cited = set(data.objects(node, MGO.citesReference))
            for n in sorted(numbers):
                work = page.works.get(n)
                if work is None:
                    findings.append(
                        Finding(
                            node,
                            MGO.citesReference,
                            "MarkerListed",
                            f"The paragraph cites [{n}], which the page's reference list does "
                            "not number: add the page's citation of the work numbered "
                            f"{n}",
                            Literal(f"[{n}]"),
                        )
                    )
                elif work not in cited:
                    findings.append(
                        Finding(
                            node,
                            MGO.citesReference,
                            "ParagraphCitations",
                            f"The paragraph prints [{n}] but does not cite its work: add "
                            f"mgo:citesReference <{work}>",
                            work,
                        )
                    )
            expected = {page.works[n] for n in numbers if n in page.works}
            for work in sorted(cited - expected, key=str):
                findings.append(
                    Finding(
                        node,
                        MGO.citesReference,
                        "ParagraphCitations",
                        "The paragraph cites a work none of its [n] markers names: remove this "
                        "mgo:citesReference",
                        work,
                    )
                )
    for page in pages.values():
        if page.text is None:
            continue
        for n, work in sorted(page.works.items()):
            for citation in data.objects(work, DCTERMS.bibliographicCitation):
                printed = f"{n}. {normalise(str(citation))}"
                if printed not in page.text:
                    findings.append(
                        Finding(
                            work,
                            DCTERMS.bibliographicCitation,
                            "CitationListed",
                            f"The page's reference list does not print '{n}. ' followed by this "
                            "citation: copy the citation exactly as the page prints it, and "
                            f"number the work as the page does",
                            excerpt_of(normalise(str(citation))),
                        )
                    )
    return findings
