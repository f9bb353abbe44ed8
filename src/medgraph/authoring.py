"""Authoring: a new condition starts as a folder that already validates.

A condition is the unit of authoring: ``data/conditions/<slug>/`` holds its Turtle
(``condition.ttl``: the condition, its entities and claims; ``page.ttl``: its source page, the
page's numbered citations, paragraphs and excerpts) and the text of the page it was modelled
from (``source-page.txt``). :func:`new_condition` writes that folder as a skeleton: everything
the shapes require is there, and every piece of text still to write says ``TO FILL IN``, which
the ``qc-to-fill-in`` check lists as a warning. So the skeleton validates with warnings only,
and the author works through them (``docs/authoring.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from medgraph.errors import InputError, OutputExists

__all__ = [
    "PLACEHOLDER",
    "SLUG",
    "Skeleton",
    "new_condition",
    "skeleton_files",
]

PLACEHOLDER = "TO FILL IN"
"""How every piece of text a skeleton leaves to the author starts (``qc-to-fill-in``)."""
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""A slug: lowercase words and digits joined by hyphens (what the shapes accept in IRIs)."""

_PREFIXES = """@prefix mgo: <https://w3id.org/medgraph/ontology/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix condition: <https://w3id.org/medgraph/id/condition/> .
@prefix pagetext: <https://w3id.org/medgraph/id/page-text/> .
@prefix source: <https://w3id.org/medgraph/id/source/> .
@prefix citation: <https://w3id.org/medgraph/id/citation/> .
@prefix reference: <https://w3id.org/medgraph/id/reference/> .
"""

_CONDITION = """# {label}: the condition, its entities, statements and claims (docs/authoring.md).
# Written by 'medgraph new condition {slug}'. Every "{placeholder}" is text still to write;
# 'medgraph validate' lists each one as a warning (qc-to-fill-in) until it is replaced.

{prefixes}
condition:{slug} a mgo:Condition ;
    rdfs:label {label_literal} ;
    skos:prefLabel {label_literal} ;
    skos:definition {definition_literal} ;
    mgo:hasPageText pagetext:{slug}-summary .

# Next (docs/authoring.md): the page's synonyms as skos:altLabel; each risk factor, sign,
# test, treatment and outcome the page names as a node with its label and definition; a direct
# edge from the condition to each (mgo:hasRiskFactor, ...) with its claim
# (claim:{slug}-{{relation}}-{{object slug}}, mgo:supportedBy the works the page cites for it);
# and mgo:definitionSupportedBy the works the page cites for the definition.
"""

_PAGE = """# The source page of {label}: the page, its numbered reference list (one mgo:Citation per
# [n]), its paragraphs and the excerpts it quotes. The page's text is in source-page.txt,
# beside this file.

{prefixes}
source:{slug}-page a mgo:SourcePage ;
    rdfs:label {page_label} ;
    dcterms:title {title_literal} ;
    # The SHA-256 of source-page.txt: update it when you paste the page (sha256sum).
    mgo:contentSha256 "{sha256}" ;
    mgo:describes condition:{slug} .

pagetext:{slug}-summary a mgo:PageText ;
    rdfs:label {summary_label} ;
    mgo:passageText "{placeholder}: the page's opening paragraph, copied verbatim from source-page.txt." ;
    mgo:pageSection mgo:SummarySection ;
    mgo:fromPage source:{slug}-page .

# The page's reference list, one citation per [n], numbered 1..n as the page prints them:
#
# citation:{slug}-page-1 a mgo:Citation ;
#     mgo:citedBy source:{slug}-page ;
#     mgo:citationNumber "1"^^xsd:positiveInteger ;
#     mgo:citesWork reference:{{first-author}}-{{year}} .
"""

_SOURCE_TEXT = """{placeholder}: paste here the text of the page that {label} is modelled from, as the
page prints it. Everything the graph says about {label} comes from this page or a work it cites.

{placeholder}: the page's opening paragraph, copied verbatim from source-page.txt.
"""


@dataclass(frozen=True)
class Skeleton:
    """A condition folder just written: where, and which files."""

    folder: Path
    files: tuple[Path, ...]


def _checked_slug(slug: str) -> str:
    if not SLUG.fullmatch(slug):
        raise InputError(
            f"{slug!r} is not a slug: use lowercase words and digits joined by hyphens, "
            "for example 'cervical-incompetence'"
        )
    return slug


def _literal(text: str, lang: str | None = None) -> str:
    """A Turtle literal, escaped (labels come from the command line)."""
    return Literal(text, lang=lang).n3()


def skeleton_files(slug: str, label: str | None = None) -> dict[str, str]:
    """The files of a new condition's folder, by name: ``condition.ttl``, ``page.ttl`` and
    ``source-page.txt``."""
    slug = _checked_slug(slug)
    label = " ".join((label or slug.replace("-", " ")).split())
    if not label:
        raise InputError("the condition's label is empty: give --label TEXT")
    values = {
        "slug": slug,
        "label": label,
        "placeholder": PLACEHOLDER,
        "prefixes": _PREFIXES,
        "label_literal": _literal(label, "en"),
        "page_label": _literal(f"{label} (condition page)", "en"),
        "summary_label": _literal(f"summary of the {label} page", "en"),
        "title_literal": _literal(label[:1].upper() + label[1:]),
        "definition_literal": _literal(
            f"{PLACEHOLDER}: one sentence, in your own words, of what the page says {label} is.",
            "en",
        ),
    }
    import hashlib

    source_text = _SOURCE_TEXT.format(**values)
    values["sha256"] = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    return {
        "condition.ttl": _CONDITION.format(**values),
        "page.ttl": _PAGE.format(**values),
        "source-page.txt": source_text,
    }


def new_condition(
    slug: str, label: str | None = None, into: Path | str = Path("data") / "conditions"
) -> Skeleton:
    """Write the skeleton of a new condition to ``into/slug/``; refuse to touch an existing
    folder. The folder appears whole or not at all."""
    from medgraph.atomic import replace_directory, staging_directory

    files = skeleton_files(slug, label)
    folder = Path(into) / slug
    if folder.exists():
        raise OutputExists(folder, "already exists; pick another slug or remove the folder", "")
    with staging_directory(folder) as staging:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        replace_directory(staging, folder)
    return Skeleton(folder, tuple(folder / name for name in files))
