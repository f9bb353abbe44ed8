"""The look-up of the mapped codes at a SPARQL endpoint (an OBO or MONDO store, say).

The offline check covers only the systems that ship in packages; for the others, the live
source is the only second opinion. The look-up asks the endpoint for each code's labels and
cross-references (``oboInOwl:hasDbXref``) and compares them with medgraph's rows: a label that
does not fit, and a cross-reference that maps the same entity, with the same meaning, to another
code of a system medgraph maps it to, are findings for a curator to judge. Nothing is written:
the endpoint's word is evidence, not an authority that overrides a verified row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef

from medgraph.curie import converter
from medgraph.link.check import SAME_MEANING, normal_label
from medgraph.link.sssom import MappingRow, MappingSet, mapping_rows

__all__ = [
    "LABEL_MISMATCH",
    "LOOKUP_QUERY",
    "SAME_MEANING",
    "XREF_CONFLICT",
    "LookupFinding",
    "LookupReport",
    "lookup_mappings",
    "render_lookup_report",
]

LOOKUP_QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT ?code ?label ?xref
WHERE {
  VALUES ?code { %s }
  { ?code rdfs:label ?label } UNION { ?code skos:prefLabel ?label }
  UNION { ?code oboInOwl:hasDbXref ?xref }
}
"""

# The kinds of finding.
LABEL_MISMATCH, XREF_CONFLICT = "label mismatch", "cross-reference conflict"


@dataclass(frozen=True)
class LookupFinding:
    """A disagreement between a row and the endpoint: its kind and what each side says."""

    row: MappingRow
    kind: str
    message: str


@dataclass
class LookupReport:
    """What the endpoint knew of the asserted codes, and where it disagrees with medgraph."""

    endpoint: str
    looked_up: int
    found: int
    findings: list[LookupFinding]
    agreements: int
    not_found: list[MappingRow]
    unmapped_xrefs: dict[str, list[str]]


def _standard_xref(value: str) -> str | None:
    """A cross-reference as a standard CURIE (``MESH:D002581`` becomes ``mesh:D002581``).

    Endpoints write cross-references in many spellings (``MESH:``, ``SNOMEDCT_US:``, full IRIs);
    only in the canonical one can they be compared with medgraph's rows."""
    if value.startswith(("http://", "https://")):
        return converter().compress(value)
    return converter().standardize_curie(value.strip())


def lookup_mappings(
    sets: Sequence[MappingSet],
    endpoint: str,
    *,
    timeout: float = 30.0,
    retries: int = 2,
    batch_size: int = 200,
) -> LookupReport:
    """Fetch labels and cross-references of the mapped codes from a SPARQL endpoint.

    A code whose label at the endpoint does not fit the row's label is a finding; so is a
    cross-reference (``oboInOwl:hasDbXref``) to a system in which medgraph maps the same entity,
    with the same meaning, to a different code. Codes the endpoint does not know are listed.
    """
    from medgraph.remote import run_remote_query
    from medgraph.sparql_text import term_to_sparql

    rows = [row for row in mapping_rows(sets) if row.asserted]
    iris = sorted({row.object_iri for row in rows})
    labels: dict[URIRef, set[str]] = defaultdict(set)
    xrefs: dict[URIRef, set[str]] = defaultdict(set)
    for start in range(0, len(iris), batch_size):
        batch = " ".join(term_to_sparql(iri) for iri in iris[start : start + batch_size])
        result = run_remote_query(endpoint, LOOKUP_QUERY % batch, timeout=timeout, retries=retries)
        for binding in result.rows:
            code = binding.get("code")
            if not isinstance(code, URIRef):
                continue
            label, xref = binding.get("label"), binding.get("xref")
            if isinstance(label, Literal) and (label.language or "en").lower().startswith("en"):
                labels[code].add(str(label))
            if xref is not None:
                xrefs[code].add(str(xref))
    # Every code an entity is mapped to, per system; and those that mean the same thing.
    mapped: dict[tuple[str, str], set[str]] = defaultdict(set)
    same: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        mapped[(row.subject_id, row.prefix)].add(row.object_id)
        if row.predicate_id in SAME_MEANING:
            same[(row.subject_id, row.prefix)].add(row.object_id)
    findings: list[LookupFinding] = []
    not_found: list[MappingRow] = []
    unmapped: dict[str, set[str]] = defaultdict(set)
    agreements = 0
    found_iris = set(labels) | set(xrefs)
    for row in rows:
        if row.object_iri not in found_iris:
            not_found.append(row)
            continue
        theirs = labels.get(row.object_iri, set())
        if (
            row.object_label
            and theirs
            and normal_label(row.object_label) not in map(normal_label, theirs)
        ):
            findings.append(
                LookupFinding(
                    row,
                    LABEL_MISMATCH,
                    f"medgraph has {row.object_label!r}, the endpoint {sorted(theirs)!r}",
                )
            )
        if row.predicate_id not in SAME_MEANING:
            continue  # a broader, narrower or related code's cross-references say nothing of ours
        for raw in sorted(xrefs.get(row.object_iri, ())):
            standard = _standard_xref(raw)
            if standard is None:
                unmapped[row.object_id].add(raw)
                continue
            key = (row.subject_id, standard.split(":", 1)[0])
            if key[1] == row.prefix:
                continue
            if standard in mapped.get(key, ()):
                agreements += 1
            elif same.get(key):
                findings.append(
                    LookupFinding(
                        row,
                        XREF_CONFLICT,
                        f"the endpoint cross-references {row.object_id} to {standard}; medgraph maps "
                        f"{row.subject_id} to {', '.join(sorted(same[key]))} instead",
                    )
                )
            else:
                unmapped[row.object_id].add(standard)
    return LookupReport(
        endpoint=endpoint,
        looked_up=len(iris),
        found=len(found_iris & set(iris)),
        findings=findings,
        agreements=agreements,
        not_found=not_found,
        unmapped_xrefs={k: sorted(v) for k, v in sorted(unmapped.items())},
    )


def render_lookup_report(report: LookupReport, fmt: str = "text") -> str:
    """The report as text (one line per finding, then totals) or JSON."""
    if fmt == "json":
        import json

        return (
            json.dumps(
                {
                    "endpoint": report.endpoint,
                    "looked_up": report.looked_up,
                    "found": report.found,
                    "agreements": report.agreements,
                    "findings": [
                        {
                            "kind": f.kind,
                            "subject": f.row.subject_id,
                            "object": f.row.object_id,
                            "message": f.message,
                        }
                        for f in report.findings
                    ],
                    "not_found": sorted({row.object_id for row in report.not_found}),
                    "unmapped_xrefs": report.unmapped_xrefs,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    lines = [
        f"{f.kind.upper()}: {f.row.object_id} of {f.row.subject_id}: {f.message}"
        for f in report.findings
    ]
    missing = sorted({row.object_id for row in report.not_found})
    lines.append(
        f"{report.endpoint}: {report.found} of {report.looked_up} codes found; "
        f"{len(report.findings)} mismatches, {report.agreements} cross-references agree, "
        f"{len(missing)} codes unknown there"
    )
    return "\n".join(lines) + "\n"
