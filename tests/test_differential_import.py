"""The differential on the HPO import of the test slice (tests/fixtures/hpo/), beside the
shipped graph: the index from the imported RDF equals the index from the files themselves,
and the curated condition takes part through its checked mappings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import medgraph
from medgraph.differential.hpofiles import index_from_files
from medgraph.differential.index import DifferentialIndex
from medgraph.differential.run import index_for
from medgraph.opendata import import_hpo

SLICE = Path(__file__).parent / "fixtures" / "hpo"
CONDITION = "https://w3id.org/medgraph/id/condition/"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("hpo")
    source = folder / "source"
    source.mkdir()
    shutil.copy(SLICE / "hp-slice.obo", source / "hp.obo")
    shutil.copy(SLICE / "phenotype-slice.hpoa", source / "phenotype.hpoa")
    import_hpo(folder / "out", source)
    yield folder


@pytest.fixture(scope="module")
def index(imported: Path) -> DifferentialIndex:
    return index_for("oxigraph", None, [imported / "out" / "hpo.nt"])


def _annotations(index: DifferentialIndex, imported_only: bool) -> set[tuple[str, str, float]]:
    rows = set()
    for cid, features in enumerate(index.features):
        for f in features:
            if imported_only and f.mapping is not None:
                continue
            rows.add((index.conditions[cid], index.terms[f.term], f.negated, f.frequency))
    return rows  # type: ignore[return-value]


def test_the_import_and_the_files_give_the_same_index(
    imported: Path, index: DifferentialIndex
) -> None:
    files = index_from_files(imported / "source" / "hp.obo", imported / "source" / "phenotype.hpoa")
    curated = {
        c
        for c in index.conditions
        if not c.startswith(tuple(CONDITION + p for p in ("omim", "orpha", "decipher")))
    }
    assert CONDITION + "cervical-incompetence" in curated
    from_rdf = {r for r in _annotations(index, True) if r[0] not in curated}
    assert from_rdf == _annotations(files, True)
    assert len(from_rdf) > 150
    assert set(files.conditions) == set(index.conditions) - curated
    shared = set(files.terms) & set(index.terms)
    for term in sorted(shared)[:200]:
        a, b = files.term_ids[term], index.term_ids[term]
        assert {files.terms[x] for x in files.ancestor_sets[a]} == {
            index.terms[x] for x in index.ancestor_sets[b]
        }


def test_cervical_insufficiency_ranks_ehlers_danlos_and_the_curated_condition(
    index: DifferentialIndex,
) -> None:
    result = medgraph.differential(["Cervical insufficiency"], index=index, top=5)
    ranked = [c.iri for c in result.conditions]
    assert CONDITION + "omim-130050" in ranked and CONDITION + "orpha-287" in ranked
    for condition in result.conditions:
        assert condition.claims or condition.matches[0].mapping == "condition"
    curated = next(c for c in result.conditions if c.iri.endswith("cervical-incompetence"))
    assert curated.matches[0].mapping == "condition"
    eds = next(c for c in result.conditions if c.iri == CONDITION + "omim-130050")
    claim = eds.matches[0].claims[0]
    assert claim.iri and claim.iri.startswith("https://w3id.org/medgraph/id/claim/hpo-")
    assert claim.references and claim.evidence


def test_a_curated_sign_mapped_to_hpo_is_matched_with_its_claim(index: DifferentialIndex) -> None:
    result = medgraph.differential(["Abdominal pain", "Cervical insufficiency"], index=index, top=3)
    curated = next(c for c in result.conditions if c.iri.endswith("cervical-incompetence"))
    pain = curated.matches[0]
    assert pain.relation == "exact" and pain.mapping == "exactMatch"
    assert pain.source == "https://w3id.org/medgraph/id/sign/abdominal-pain"
    assert pain.claims and pain.claims[0].references
