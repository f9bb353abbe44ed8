"""IRIs to CURIEs and back, with medgraph's prefixes, in one place.

Several parts of medgraph show IRIs as CURIEs or read CURIEs back; written separately, they
drift (one picks the first namespace that fits, another the longest; one knows the code systems,
another does not). This module holds the one :class:`curies.Converter` they can share.

Its prefix map is medgraph's: the namespaces of :data:`medgraph.namespaces.PREFIXES` plus the code
systems medgraph maps to (:data:`medgraph.codesystems.CODE_SYSTEMS`, bioregistry prefixes),
so that ``mesh:D002581`` expands like ``condition:cervical-incompetence`` does. The code systems'
prefix synonyms (``MESH``, ``SNOMEDCT_US``, ...) are known too: :func:`expand` accepts them and
``converter().standardize_curie`` turns them into the canonical spelling, while :func:`compact`
always writes the canonical prefix. When namespaces nest (``mg:`` holds ``condition:``), the
longest one wins, so a CURIE names the most specific namespace.
"""

from __future__ import annotations

from functools import cache, lru_cache

import curies

from medgraph.codesystems import CODE_SYSTEMS
from medgraph.namespaces import PREFIXES

__all__ = ["compact", "converter", "expand"]


@cache
def converter() -> curies.Converter:
    """The converter for medgraph's prefixes and its code systems' (built once, then shared)."""
    records = [curies.Record(prefix=prefix, uri_prefix=uri) for prefix, uri in PREFIXES.items()]
    records += [
        curies.Record(
            prefix=system.prefix,
            uri_prefix=system.uri_prefix,
            prefix_synonyms=[s for s in system.synonyms if s != system.prefix],
        )
        for system in CODE_SYSTEMS.values()
    ]
    return curies.Converter(records)


def compact(iri: str) -> str:
    """The IRI as a CURIE with the longest medgraph namespace that fits, else the IRI unchanged."""
    return _compact(str(iri))


@lru_cache(maxsize=1 << 18)
def _compact(iri: str) -> str:
    # Remembered: an export compacts the same IRIs many times (155,000 look-ups of 60,000
    # IRIs in the KGX tables of 1M triples), and each costs a trie walk in curies.
    return converter().compress(iri) or iri


def expand(curie: str) -> str | None:
    """The IRI a CURIE stands for, or ``None`` when it is not a CURIE with a known prefix."""
    if ":" not in curie:
        return None
    return converter().expand(curie)
