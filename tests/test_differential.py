"""The differential on a small graph in the HPO import's RDF contract (fixtures/differential)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

import medgraph
from medgraph.backends import open_backend
from medgraph.cli import main
from medgraph.differential.index import DifferentialIndex, build_index
from medgraph.differential.resolve import UnknownFinding, resolve
from medgraph.differential.result import DifferentialResult

FIXTURE = Path(__file__).parent / "fixtures" / "differential" / "hpo-contract.ttl"
CONDITION = "https://w3id.org/medgraph/id/condition/"
ALPHA, BETA, GAMMA, DELTA = (
    CONDITION + "omim-100001",
    CONDITION + "omim-100002",
    CONDITION + "orpha-100003",
    CONDITION + "decipher-4",
)


@pytest.fixture(scope="module")
def index() -> DifferentialIndex:
    return build_index(open_backend("oxigraph", [FIXTURE]))


def ask(index: DifferentialIndex, findings: list[str], **kwargs: object) -> DifferentialResult:
    return medgraph.differential(findings, index=index, **kwargs)  # type: ignore[arg-type]


def ranked(result: DifferentialResult) -> list[str]:
    return [c.iri for c in result.conditions]


def test_index_reads_the_contract(index: DifferentialIndex) -> None:
    assert len(index) == 4
    assert index.condition_labels[index.condition_ids[ALPHA]] == "Alpha epilepsy syndrome"
    seizure = index.term_ids["http://purl.obolibrary.org/obo/HP_0001250"]
    focal = index.term_ids["http://purl.obolibrary.org/obo/HP_0007359"]
    assert index.is_ancestor(seizure, focal) and not index.is_ancestor(focal, seizure)
    # Two positive annotations per condition; NOT annotations are kept apart.
    assert len(index.pos_term) == 8 and len(index.neg_term) == 2
    # A term annotated to more conditions is less informative.
    assert index.information_content[seizure] < index.information_content[focal]


def test_both_engines_build_the_same_index(index: DifferentialIndex) -> None:
    reference = build_index(open_backend("rdflib", [FIXTURE]))
    assert reference.conditions == index.conditions
    assert reference.pos_term.tolist() == index.pos_term.tolist()
    assert reference.pos_freq.tolist() == index.pos_freq.tolist()


def test_exact_terms_put_the_right_condition_first(index: DifferentialIndex) -> None:
    assert ranked(ask(index, ["HP:0007359", "HP:0001249"]))[0] == ALPHA
    assert ranked(ask(index, ["HP:0000518", "HP:0000505"]))[0] == BETA
    assert ranked(ask(index, ["HP:0001631"]))[0] == GAMMA


def test_ancestor_match_is_explained(index: DifferentialIndex) -> None:
    result = ask(index, ["Seizure"])
    first = result.conditions[0]
    assert first.iri == ALPHA  # annotated with focal-onset seizure (1/1), below Seizure
    match = first.matches[0]
    assert match.relation == "feature below finding"
    assert (match.feature, match.via) == ("HP:0007359", "HP:0001250")
    assert match.frequency == 1.0
    claim = match.claims[0]
    assert claim.iri and claim.iri.endswith("hpo-omim-100001-has-0007359")
    assert claim.references == ("https://identifiers.org/pubmed:10000001",)
    assert claim.evidence == "http://purl.obolibrary.org/obo/ECO_0006017"
    # The finding below the feature: a focal seizure matches Gamma's "Seizure" annotation.
    gamma = next(c for c in ask(index, ["HP:0007359"]).conditions if c.iri == GAMMA)
    assert gamma.matches[0].relation == "finding below feature"
    assert gamma.matches[0].via == "HP:0001250"


def test_every_returned_condition_rests_on_a_claim_with_a_reference(
    index: DifferentialIndex,
) -> None:
    for findings in (["Seizure"], ["HP:0001249", "cataract"], ["HP:0000478"]):
        for condition in ask(index, findings).conditions:
            assert any(c.references for c in condition.claims), condition.iri


def test_absent_findings_lower_a_condition(index: DifferentialIndex) -> None:
    before = ask(index, ["Intellectual disability"])
    assert ranked(before)[0] == DELTA  # 2/2 against Alpha's "frequent"
    after = ask(index, ["Intellectual disability"], absent=["Cataract"])
    assert ranked(after)[0] == ALPHA  # annotated NOT cataract
    score = {c.iri: c.score for c in before.conditions}
    lowered = {c.iri: c.score for c in after.conditions}
    assert lowered[DELTA] == pytest.approx(score[DELTA] + math.log10(0.8))
    delta = next(c for c in after.conditions if c.iri == DELTA)
    assert delta.absent[0].effect == "lowered"
    alpha = next(c for c in after.conditions if c.iri == ALPHA)
    assert alpha.absent[0].effect == "not annotated"


def test_not_annotations_never_count_as_positive(index: DifferentialIndex) -> None:
    # Alpha is annotated NOT cataract, Beta NOT seizure.
    result = ask(index, ["Cataract"])
    assert ALPHA not in ranked(result)
    assert ranked(result)[0] == BETA
    for findings, excluded in ((["Seizure"], BETA), (["HP:0002069"], BETA)):
        assert excluded not in ranked(ask(index, findings, top=10))


def test_sex_and_age_are_soft_evidence(index: DifferentialIndex) -> None:
    plain = {c.iri: c.score for c in ask(index, ["Seizure"]).conditions}
    female = {c.iri: c for c in ask(index, ["Seizure"], sex="female").conditions}
    assert GAMMA not in female  # its annotations hold for males only
    child = {c.iri: c for c in ask(index, ["Seizure"], age=3).conditions}
    assert child[GAMMA].score < plain[GAMMA]  # adult onset, a 3-year-old
    assert "onset" in child[GAMMA].notes[0]
    assert child[ALPHA].score == pytest.approx(plain[ALPHA])  # congenital onset


@pytest.mark.parametrize(
    ("query", "curie", "how"),
    [
        ("HP:0030009", "HP:0030009", "id"),
        ("hp_0030009", "HP:0030009", "id"),
        ("http://purl.obolibrary.org/obo/HP_0030009", "HP:0030009", "id"),
        ("HP:0002279", "HP:0001250", "alternative id"),
        ("HP:0000999", "HP:0001250", "id, replaced obsolete HP:0000999"),
        ("  ATRIAL septal-defect. ", "HP:0001631", "label"),
        ("fits", "HP:0001250", "lay synonym"),
        ("Clouding of the lens", "HP:0000518", "lay synonym"),
        ("incompetent cervix", "HP:0030009", "exact synonym"),
    ],
)
def test_findings_resolve(index: DifferentialIndex, query: str, curie: str, how: str) -> None:
    found = resolve(index, query)
    assert (found.curie, found.how) == (curie, how)


def test_unknown_words_get_suggestions(index: DifferentialIndex) -> None:
    with pytest.raises(UnknownFinding) as caught:
        resolve(index, "catarct")
    assert "Cataract (HP:0000518)" in caught.value.unknown["catarct"]
    assert "did you mean" in str(caught.value)
    with pytest.raises(UnknownFinding, match="HP:9999999"):
        ask(index, ["HP:9999999"])


def test_api_refuses_bad_arguments(index: DifferentialIndex) -> None:
    with pytest.raises(medgraph.errors.InputError, match="sex"):
        ask(index, ["fits"], sex="other")
    with pytest.raises(medgraph.errors.InputError, match="age"):
        ask(index, ["fits"], age=-1)
    with pytest.raises(medgraph.errors.InputError, match="at least one"):
        ask(index, [])


def test_cli_json_and_exit_codes() -> None:
    runner = CliRunner()
    args = ["differential", "fits", "learning disability", "--data", str(FIXTURE)]
    done = runner.invoke(main, [*args, "--format", "json", "--top", "2"])
    assert done.exit_code == 0, done.output
    answer = json.loads(done.stdout)
    assert answer["conditions"][0]["condition"] == ALPHA
    assert len(answer["conditions"]) == 2
    assert answer["findings"][0]["curie"] == "HP:0001250"
    assert answer["conditions"][0]["findings"][0]["claims"][0]["references"]
    table = runner.invoke(main, [*args, "--absent", "cataract", "--sex", "female"])
    assert table.exit_code == 0 and "1. Alpha epilepsy syndrome" in table.stdout
    unknown = runner.invoke(main, ["differential", "catarct", "--data", str(FIXTURE)])
    assert unknown.exit_code == 2
    assert "error: 'catarct' matches no HPO term" in unknown.stderr
    assert "Traceback" not in unknown.output
    shipped = runner.invoke(main, ["differential", "fits"])
    assert shipped.exit_code == 2 and "HPO import" in shipped.stderr
