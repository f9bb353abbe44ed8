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
  ``mgo:hasPredictiveMarker``, a cause for ``mgo:hasCause``).

**Normalisation** (the only one): runs of white space (spaces, tabs, line breaks) count as one
space and the ends of a text are trimmed, on both sides of every comparison. Nothing else:
case, punctuation and typographic quotes must match as the page prints them.

The data is read through SPARQL ``SELECT`` queries (one per property), so every backend gives
the same findings. They are reported as validation results (severity Violation; focus node,
path, rule, value and a message that says how to fix the data) and merged into the report of
``medgraph validate`` whenever medgraph's own shapes are used.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from medgraph.namespaces import MGO

if TYPE_CHECKING:
    from rdflib.term import Node

    from medgraph.queries import QueryResult
    from medgraph.validation import ValidationReport, ValidationResult

__all__ = [
    "SHAPE",
    "Finding",
    "check",
    "merge_into",
    "normalise",
    "page_texts",
    "sentences",
]

Query = Callable[[str], "QueryResult"]
"""Runs a SPARQL SELECT on the data (``Backend.query``)."""

SHAPE = "medgraph.evidence"
"""What a finding names as its source, where a SHACL finding names its shape."""
_SHAPE_IRI = URIRef("https://w3id.org/medgraph/shapes/EvidenceCheck")
_RULES = "https://w3id.org/medgraph/shapes/evidence-"

_SPACE = re.compile(r"\s+")
_MARKER = re.compile(r"\[(\d+)\]")
# A sentence ends at . ! or ? followed by white space and a capital letter or an opening mark.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(\[])")


def normalise(text: str) -> str:
    """The one normalisation: white-space runs become one space, the ends are trimmed."""
    return _SPACE.sub(" ", text).strip()


def sentences(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of a (normalised) text. A ``[n]`` marker belongs
    to the sentence it stands in: the page prints markers before the full stop."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@cache
def _sha256_of(path: Path, size: int, mtime: float) -> tuple[str, str] | None:
    from medgraph.errors import InputError
    from medgraph.files import read_input

    try:
        data = read_input(path)
        return hashlib.sha256(data).hexdigest(), data.decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return None


def page_texts(paths: Iterable[Path] = ()) -> dict[str, str]:
    """Stored page texts by SHA-256: every ``*.txt`` file under the shipped data, under each
    folder of ``paths`` and beside each file of ``paths``."""
    from medgraph.resources import data_dir

    candidates: list[Path] = sorted(data_dir().rglob("*.txt"))
    for path in paths:
        if path.is_dir():
            candidates += sorted(path.rglob("*.txt"))
        elif path.parent.is_dir():
            candidates += sorted(path.parent.glob("*.txt"))
    found: dict[str, str] = {}
    for candidate in candidates:
        if not candidate.is_file():
            continue
        info = candidate.stat()
        read = _sha256_of(candidate.resolve(), info.st_size, info.st_mtime)
        if read is not None:
            found.setdefault(read[0], read[1])
    return found


# ------------------------------------------------------------------------------------------------
# Findings
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the check found wrong, with the triple it concerns and how to fix it."""

    focus: Node
    path: URIRef
    rule: str
    message: str
    value: Node | None = None

    def result(self) -> ValidationResult:
        from medgraph.validation import ValidationResult, short_name

        return ValidationResult(
            severity="Violation",
            focus_node=short_name(self.focus),
            path=short_name(self.path),
            rule=self.rule,
            message=self.message,
            value=short_name(self.value) if self.value is not None else "",
            shape=SHAPE,
        )


def merge_into(report: ValidationReport, findings: Sequence[Finding]) -> ValidationReport:
    """The report with the findings added (and in its SHACL report graph, when it has one)."""
    from medgraph.validation import SEVERITY_ORDER, ValidationReport

    if not findings:
        return report
    results = sorted(
        {*report.results, *(f.result() for f in findings)},
        key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r),
    )
    graph = report.report_graph
    if graph is not None:
        reports = list(graph.subjects(RDF.type, SH.ValidationReport))
        for node in reports:
            graph.set((node, SH.conforms, Literal(False)))
        for finding in sorted(set(findings)):
            result = BNode()
            graph.add((result, RDF.type, SH.ValidationResult))
            graph.add((result, SH.resultSeverity, SH.Violation))
            graph.add((result, SH.focusNode, finding.focus))
            graph.add((result, SH.resultPath, finding.path))
            graph.add((result, SH.sourceShape, _SHAPE_IRI))
            graph.add((result, SH.sourceConstraintComponent, URIRef(_RULES + finding.rule)))
            graph.add((result, SH.resultMessage, Literal(finding.message, lang="en")))
            if finding.value is not None:
                graph.add((result, SH.value, finding.value))
            for node in reports:
                graph.add((node, SH.result, result))
    return ValidationReport(conforms=False, results=results, report_graph=graph)


# ------------------------------------------------------------------------------------------------
# Reading the data
# ------------------------------------------------------------------------------------------------


class _Data:
    """The pairs of each property the check reads, by subject, and the members of classes."""

    def __init__(self, query: Query) -> None:
        self._query = query
        self._pairs: dict[URIRef, dict[Node, list[Node]]] = {}
        self._members: dict[URIRef, set[Node]] = {}

    def objects(self, subject: Node, prop: URIRef) -> list[Node]:
        return self._table(prop).get(subject, [])

    def value(self, subject: Node, prop: URIRef) -> Node | None:
        found = sorted(self.objects(subject, prop), key=str)
        return found[0] if found else None

    def subjects(self, prop: URIRef) -> list[Node]:
        return sorted(self._table(prop), key=str)

    def members(self, cls: URIRef) -> set[Node]:
        """Instances of ``cls`` or of a class below it (in the data's or the shipped
        ontology's ``rdfs:subClassOf``), so that bare data without the ontology is read alike."""
        if cls not in self._members:
            below: set[Node] = {cls}
            children: dict[Node, set[Node]] = defaultdict(set)
            for child, parents in self._table(RDFS.subClassOf).items():
                for parent in parents:
                    children[parent].add(child)
            for child, parent in _shipped_hierarchy():
                children[parent].add(child)
            todo: list[Node] = [cls]
            while todo:
                for child in children.get(todo.pop(), ()):
                    if child not in below:
                        below.add(child)
                        todo.append(child)
            self._members[cls] = {
                node
                for node, types in self._table(RDF.type).items()
                if any(t in below for t in types)
            }
        return self._members[cls]

    def _table(self, prop: URIRef) -> dict[Node, list[Node]]:
        if prop not in self._pairs:
            table: dict[Node, list[Node]] = defaultdict(list)
            for row in self._query(f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}").rows:
                subject, obj = row.get("s"), row.get("o")
                if subject is not None and obj is not None:
                    table[subject].append(obj)
            self._pairs[prop] = dict(table)
        return self._pairs[prop]


@cache
def _shipped_hierarchy() -> tuple[tuple[Node, Node], ...]:
    """The shipped ontology's ``rdfs:subClassOf`` pairs (read once)."""
    from medgraph.loader import load_ontology

    return tuple(load_ontology().subject_objects(RDFS.subClassOf))


_HEDGES = frozenset({MGO.Hypothesized, MGO.Proposed, MGO.Suggested})
"""Certainties that hedge: a claim every quote of which uses their words must record one."""


@cache
def _shipped_cues(prop: URIRef = MGO.hedgeCue) -> tuple[tuple[Node, str], ...]:
    """The shipped ontology's cue words of one kind: (term, words) pairs (read once)."""
    from medgraph.loader import load_ontology

    return tuple((s, str(o)) for s, o in load_ontology().subject_objects(prop))


def _cues(data: _Data, prop: URIRef) -> dict[Node, set[str]]:
    """Cue words by term, from the shipped ontology and the data, in lower case."""
    cues: dict[Node, set[str]] = defaultdict(set)
    for term, words in _shipped_cues(prop):
        cues[term].add(words.lower())
    for term in data.subjects(prop):
        cues[term].update(str(words).lower() for words in data.objects(term, prop))
    return cues


def _number(node: Node | None) -> int | None:
    try:
        return int(str(node)) if node is not None else None
    except ValueError:
        return None


@dataclass
class _Page:
    """A source page: its stored text (normalised) and its numbered reference list."""

    node: Node
    text: str | None
    works: dict[int, Node] = field(default_factory=dict)
    lines: frozenset[str] = frozenset()


def _pages(data: _Data, texts: Mapping[str, str]) -> tuple[dict[Node, _Page], list[Finding]]:
    findings: list[Finding] = []
    pages: dict[Node, _Page] = {}
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
        pages[node] = _Page(
            node,
            normalise(text) if text is not None else None,
            lines=frozenset(normalise(line) for line in (text or "").splitlines()),
        )
    # The page's numbered list: its mgo:Citation nodes, or else the works' mgo:referenceNumber.
    for citation in data.subjects(MGO.citedBy):
        cited_by = data.value(citation, MGO.citedBy)
        number = _number(data.value(citation, MGO.citationNumber))
        work = data.value(citation, MGO.citesWork)
        if cited_by in pages and number is not None and work is not None:
            pages[cited_by].works[number] = work
    numbered = {
        n: work
        for work in data.subjects(MGO.referenceNumber)
        if (n := _number(data.value(work, MGO.referenceNumber))) is not None
    }
    for listed in pages.values():
        if not listed.works:
            listed.works = dict(numbered)
    return pages, findings


# ------------------------------------------------------------------------------------------------
# The checks
# ------------------------------------------------------------------------------------------------


@dataclass
class _Passage:
    node: Node
    page: _Page | None
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
        return {int(n) for n in _MARKER.findall(self.text[a:b])}


def _passages(
    data: _Data, pages: Mapping[Node, _Page], findings: list[Finding]
) -> dict[Node, _Passage]:
    passages: dict[Node, _Passage] = {}
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
        passages[node] = _Passage(node, page, text, printed, sentences(text))
        if page is not None and page.text is not None and printed not in page.text:
            findings.append(
                Finding(
                    node,
                    MGO.passageText,
                    "ExactText",
                    "The passage is not on its page as written (white space aside): copy the "
                    "text from the page exactly, or record a slip you correct with "
                    "mgo:hasCorrection (mgo:printedText, mgo:correctedText)",
                    _excerpt_of(text),
                )
            )
    return passages


def _excerpt_of(text: str, size: int = 80) -> Literal:
    return Literal(text if len(text) <= size else text[: size - 1] + "…")


def _check_page_prints(
    data: _Data, pages: Mapping[Node, _Page], passages: Mapping[Node, _Passage]
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
            numbers = {int(n) for n in _MARKER.findall(passage.text)}
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
                            _excerpt_of(normalise(str(citation))),
                        )
                    )
    return findings


def _check_claims(
    data: _Data, pages: Mapping[Node, _Page], passages: Mapping[Node, _Passage]
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
                        _excerpt_of(quote),
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


def _check_hedges(data: _Data) -> list[Finding]:
    """A claim's certainty and frequency are worded in one of its quotes (case aside)."""
    cues = _cues(data, MGO.hedgeCue)
    hedges = sorted({w for value in _HEDGES for w in cues.get(value, ())})
    findings: list[Finding] = []
    for claim in sorted(data.members(MGO.Claim), key=str):
        quotes = [normalise(str(q)).lower() for q in data.objects(claim, MGO.quote)]
        if not quotes:
            continue
        certainty = set(data.objects(claim, MGO.certainty))
        if not certainty & _HEDGES and all(any(w in q for w in hedges) for q in quotes):
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


def _check_relations(data: _Data) -> list[Finding]:
    """A claim's relation is worded in one of its quotes, where the relation has cue words
    (a diagnosis for a diagnostic test, a prediction for a predictive marker, a cause)."""
    cues = _cues(data, MGO.relationCue)
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


def check(query: Query, texts: Mapping[str, str]) -> list[Finding]:
    """Every finding of the evidence check on the data that ``query`` reads, the pages' texts
    looked up by SHA-256 in ``texts`` (see :func:`page_texts`)."""
    data = _Data(query)
    pages, findings = _pages(data, texts)
    passages = _passages(data, pages, findings)
    findings += _check_page_prints(data, pages, passages)
    findings += _check_claims(data, pages, passages)
    findings += _check_hedges(data)
    findings += _check_relations(data)
    return sorted(set(findings))
