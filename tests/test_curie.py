"""medgraph.curie: one converter for medgraph's prefixes and its code systems' prefixes."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from medgraph import curie
from medgraph.link import CODE_SYSTEMS
from medgraph.namespaces import PREFIXES

ENTITY = "https://w3id.org/medgraph/id/condition/cervical-incompetence"


def test_the_longest_namespace_wins() -> None:
    # mg: (.../id/) holds condition: (.../id/condition/); the CURIE names the specific one.
    assert PREFIXES["mg"] in ENTITY
    assert curie.compact(ENTITY) == "condition:cervical-incompetence"
    assert curie.compact("https://w3id.org/medgraph/id/elsewhere/x") == "mg:elsewhere/x"


def test_an_iri_no_prefix_fits_comes_back_unchanged() -> None:
    assert curie.compact("http://example.org/thing") == "http://example.org/thing"
    assert curie.compact("") == ""


def test_compact_gives_a_plain_string_for_an_rdflib_term() -> None:
    compacted = curie.compact(URIRef(ENTITY))
    assert compacted == "condition:cervical-incompetence"
    assert type(compacted) is str
    unchanged = curie.compact(URIRef("http://example.org/thing"))
    assert type(unchanged) is str


@pytest.mark.parametrize(
    ("prefix", "namespace"),
    [*PREFIXES.items(), *((s.prefix, s.uri_prefix) for s in CODE_SYSTEMS.values())],
)
def test_every_prefix_goes_both_ways(prefix: str, namespace: str) -> None:
    assert curie.expand(f"{prefix}:x1") == namespace + "x1"
    assert curie.compact(namespace + "x1") == f"{prefix}:x1"


def test_code_system_synonyms_expand_and_standardize_to_the_canonical_prefix() -> None:
    mesh = CODE_SYSTEMS["mesh"].uri_prefix + "D002581"
    assert curie.expand("MESH:D002581") == mesh
    assert curie.compact(mesh) == "mesh:D002581"
    assert curie.converter().standardize_curie("SNOMEDCT_US:17382005") == "snomedct:17382005"


def test_expand_refuses_what_is_not_a_known_curie() -> None:
    assert curie.expand("nosuchprefix:x") is None
    assert curie.expand("no-colon-at-all") is None
    assert curie.expand("") is None


def test_the_converter_is_built_once() -> None:
    assert curie.converter() is curie.converter()
