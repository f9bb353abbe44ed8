"""schema.org JSON-LD for the pages, so that search engines read a page as a MedicalCondition or
a ScholarlyArticle, and the JSON escaped so that data cannot close the ``<script>`` it sits in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from medgraph.render.views import CodeView, ConditionView, ReferenceView, RelationKind, RowView


def json_for_html(document: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped."""
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def reference_json_ld(reference: ReferenceView) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": reference.schema_type,
        "@id": reference.iri,
        "name": reference.title,
        "editor" if reference.edited else "author": [
            {"@type": "Person", "name": name} for name in reference.authors
        ],
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
        if not section.rows or not section.kind.schema_property:
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
    citations = [reference_json_ld(r) for r in references if f"{r.slug}.html" in cited]
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
