"""KGX export: Biolink nodes and edges from the alignment, checked against the Biolink Model,
and read by ``kgx`` itself when a virtual environment with it is at hand."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import tarfile
from collections import Counter
from functools import partial
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from medgraph import kgx
from medgraph.backends import open_backend
from medgraph.biolink import model
from medgraph.errors import ExitCode, InputError
from medgraph.namespaces import MGO
from medgraph.queries import run_query
from medgraph.release import build_release

BIOLINK = "https://w3id.org/biolink/vocab/"
CONDITION = "condition:cervical-incompetence"
READER = Path(__file__).parent / "kgx_reader.py"


@pytest.fixture(scope="module")
def exported(shipped_graph: Graph) -> kgx.KgxGraph:
    return kgx.build(partial(run_query, shipped_graph))


def _by_id(rows: list[kgx.Row]) -> dict[str, kgx.Row]:
    return {str(row["id"]): row for row in rows}


def _with(shipped_graph: Graph, turtle: str) -> Graph:
    graph = Graph()
    for triple in shipped_graph:
        graph.add(triple)
    prefixes = "@prefix mgo: <https://w3id.org/medgraph/ontology/> .\n"
    prefixes += f"@prefix biolink: <{BIOLINK}> .\n"
    prefixes += "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    return graph.parse(data=prefixes + turtle, format="turtle")


# ------------------------------------------------------------------------------------------------
# What is exported
# ------------------------------------------------------------------------------------------------


def test_every_claim_between_clinical_entities_is_an_edge(
    exported: kgx.KgxGraph, shipped_graph: Graph
) -> None:
    claims = Counter(str(p) for p in shipped_graph.objects(None, MGO.claimPredicate))
    statements = claims.pop(str(MGO.hasClinicalStatement))
    assert len(exported.edges) == sum(claims.values()) == 40
    assert exported.left_out == {"mgo:hasClinicalStatement": statements}
    originals = Counter(str(edge["original_predicate"]) for edge in exported.edges)
    assert originals == Counter({k.replace(str(MGO), "mgo:"): v for k, v in claims.items()})


@pytest.mark.parametrize(
    ("claim", "predicate", "subject", "obj"),
    [
        # aligned to the inverse's canonical predicate: the edge runs from the entity
        (
            "claim:risk-factor-polycystic-ovary-syndrome",
            "biolink:predisposes_to_condition",
            "riskfactor:polycystic-ovary-syndrome",
            CONDITION,
        ),
        (
            "claim:treatment-vaginal-progesterone",
            "biolink:treats",
            "treatment:vaginal-progesterone",
            CONDITION,
        ),
        (
            "claim:diagnostic-history-taking",
            "biolink:diagnoses",
            "diagnostic:history-taking",
            CONDITION,
        ),
        # what the page calls a cause and a predictor, never a risk factor or a diagnosis
        (
            "claim:cause-gynecologic-trauma",
            "biolink:causes",
            "riskfactor:gynecologic-trauma",
            CONDITION,
        ),
        (
            "claim:predictor-fetal-fibronectin-test",
            "biolink:biomarker_for",
            "diagnostic:fetal-fibronectin-test",
            CONDITION,
        ),
        # aligned in its own direction (sub-property of has_phenotype)
        (
            "claim:sign-cervical-shortening",
            "biolink:has_phenotype",
            CONDITION,
            "sign:cervical-shortening",
        ),
        # no Biolink alignment: the documented fallback
        ("claim:outcome-miscarriage", "biolink:related_to", CONDITION, "outcome:miscarriage"),
    ],
)
def test_predicates_come_from_the_alignment_in_canonical_direction(
    exported: kgx.KgxGraph, claim: str, predicate: str, subject: str, obj: str
) -> None:
    edge = _by_id(exported.edges)[claim]
    assert (edge["subject"], edge["predicate"], edge["object"]) == (subject, predicate, obj)
    assert edge["original_subject"] == CONDITION
    assert edge["original_object"] in (subject, obj)
    assert edge["original_object"] != CONDITION
    assert str(edge["original_predicate"]).startswith("mgo:has")


@pytest.mark.parametrize(
    ("node", "category"),
    [
        (CONDITION, "biolink:DiseaseOrPhenotypicFeature"),  # sub-class, not the close Disease
        ("sign:vaginal-bleeding", "biolink:PhenotypicFeature"),
        ("diagnostic:transvaginal-ultrasonography", "biolink:DiagnosticAid"),  # close match
        ("treatment:cervical-cerclage", "biolink:Treatment"),  # through mgo:Treatment
        ("drug:progesterone", "biolink:Drug"),
        ("riskfactor:cone-biopsy", "biolink:NamedThing"),  # not aligned: the fallback
        ("outcome:preterm-birth", "biolink:NamedThing"),
    ],
)
def test_categories_come_from_the_alignment(
    exported: kgx.KgxGraph, node: str, category: str
) -> None:
    assert _by_id(exported.nodes)[node]["category"] == [category]


def test_only_clinical_entities_are_nodes(exported: kgx.KgxGraph) -> None:
    prefixes = {str(row["id"]).split(":")[0] for row in exported.nodes}
    assert prefixes == {
        "condition",
        "riskfactor",
        "sign",
        "diagnostic",
        "treatment",
        "drug",
        "outcome",
    }
    assert len(exported.nodes) == 41


def test_nodes_carry_labels_and_exact_codes_in_biolink_spelling(exported: kgx.KgxGraph) -> None:
    node = _by_id(exported.nodes)[CONDITION]
    assert node["name"] == "cervical incompetence"
    assert "cervical insufficiency" in node["synonym"]
    assert str(node["description"]).startswith("The inability of the cervix")
    assert node["iri"] == "https://w3id.org/medgraph/id/condition/cervical-incompetence"
    assert node["provided_by"] == ["infores:medgraph"]
    # exact matches only: HP:0030009 is a close match, the ICD codes narrow or related, and
    # UMLS C0007871 close (seen only as a cross-reference of HPO and DOID)
    assert node["xref"] == [
        "DOID:9681",
        "MESH:D002581",
        "MONDO:0005698",
        "NCIT:C50607",
        "SNOMEDCT:17382005",
    ]
    pcos = _by_id(exported.nodes)["riskfactor:polycystic-ovary-syndrome"]
    assert "PCOS" in pcos["synonym"], "abbreviations are synonyms"


def test_edges_carry_provenance_publications_and_supporting_text(
    exported: kgx.KgxGraph, shipped_graph: Graph
) -> None:
    edges = _by_id(exported.edges)
    cerclage = edges["claim:treatment-cervical-cerclage"]
    assert cerclage["knowledge_level"] == "knowledge_assertion"
    assert cerclage["agent_type"] == "manual_agent"
    assert cerclage["primary_knowledge_source"] == "infores:medgraph"
    assert cerclage["category"] == ["biolink:Association"]
    assert cerclage["publications"] == [], "excerpts only: their texts are the supporting text"
    claim = URIRef("https://w3id.org/medgraph/id/claim/treatment-cervical-cerclage")
    passages = {
        *shipped_graph.objects(claim, MGO.statedIn),
        *shipped_graph.objects(claim, MGO.supportedBy),
    }
    texts = sorted(str(t) for t in shipped_graph.objects(claim, MGO.quote))
    assert cerclage["supporting_text"] == texts and len(texts) == 3
    assert all(
        any(t in str(shipped_graph.value(p, MGO.passageText)) for p in passages) for t in texts
    )
    # what the page only suggests is a prediction, in the claim's own words
    fibronectin = edges["claim:predictor-fetal-fibronectin-test"]
    assert fibronectin["knowledge_level"] == "prediction"
    # a PMID before the DOI, a reference with a DOI only, and one with no identifier at all
    # (medgraph's own CURIE)
    pcos = edges["claim:risk-factor-polycystic-ovary-syndrome"]["publications"]
    assert "doi:10.1186/1471-2393-7-S1-S17" in pcos
    assert "PMID:20643692" in pcos and "doi:10.1093/humrep/deq177" not in pcos
    assert "reference:porter-2011" in pcos


def test_external_curies_use_biolink_prefixes() -> None:
    assert kgx.external_curie("http://purl.obolibrary.org/obo/MONDO_0005698") == "MONDO:0005698"
    assert kgx.external_curie("http://purl.uniprot.org/uniprot/P05231") == "UniProtKB:P05231"
    umls = "https://uts.nlm.nih.gov/uts/umls/concept/C0007871"
    assert kgx.external_curie(umls) == "UMLS:C0007871"  # medgraph's namespace, Biolink's spelling
    assert kgx.external_curie("https://example.org/x") == "https://example.org/x"


# ------------------------------------------------------------------------------------------------
# The alignment drives it, and the Biolink Model checks it
# ------------------------------------------------------------------------------------------------


def test_an_alignment_in_the_data_is_used(shipped_graph: Graph) -> None:
    graph = _with(
        shipped_graph,
        "mgo:Outcome skos:closeMatch biolink:DiseaseOrPhenotypicFeature .\n"
        "mgo:isOutcomeOf skos:closeMatch biolink:related_condition .\n"
        "mgo:hasOutcome skos:closeMatch biolink:related_condition .\n",
    )
    exported = kgx.build(partial(run_query, graph))
    assert _by_id(exported.nodes)["outcome:miscarriage"]["category"] == [
        "biolink:DiseaseOrPhenotypicFeature"
    ]
    edge = _by_id(exported.edges)["claim:outcome-miscarriage"]
    assert (edge["subject"], edge["predicate"]) == (CONDITION, "biolink:related_condition")


def test_an_alignment_to_a_term_biolink_lacks_fails_the_export(shipped_graph: Graph) -> None:
    graph = _with(shipped_graph, "mgo:hasOutcome skos:exactMatch biolink:has_sad_ending .\n")
    with pytest.raises(InputError, match=r"biolink:has_sad_ending is not a predicate of Biolink"):
        kgx.kgx_files(partial(run_query, graph))


def test_the_shipped_export_passes_the_biolink_check(exported: kgx.KgxGraph) -> None:
    assert model().version  # the model the package ships, read offline
    assert kgx.check(exported) == []


def test_the_check_catches_what_biolink_does_not_allow(exported: kgx.KgxGraph) -> None:
    nodes = [dict(row) for row in exported.nodes]
    edges = [dict(row) for row in exported.edges]
    nodes[0]["category"] = ["biolink:Outcome"]  # a mixin
    nodes[1]["category"] = ["biolink:Sickness"]
    edges[0]["predicate"] = "biolink:treated_by"  # exists, but not the canonical direction
    edges[1]["knowledge_level"] = "gut_feeling"
    edges[2]["object"] = "outcome:nowhere"
    problems = kgx.check(kgx.KgxGraph(nodes, edges))
    assert any("biolink:Outcome is a mixin" in p for p in problems)
    assert any("biolink:Sickness is not a class" in p for p in problems)
    assert any("biolink:treated_by is not the canonical direction" in p for p in problems)
    assert any("'gut_feeling' is not a value of KnowledgeLevelEnum" in p for p in problems)
    assert any("outcome:nowhere is not a node" in p for p in problems)
    assert len(problems) == 5, problems


def test_every_column_is_a_biolink_slot_with_the_right_cardinality() -> None:
    biolink = model()
    for column in (*kgx.NODE_COLUMNS, *kgx.EDGE_COLUMNS):
        if column == "id":
            continue
        slot = biolink.slot(column)
        assert slot is not None, column
        assert slot.multivalued == (column in kgx.LIST_COLUMNS), column


# ------------------------------------------------------------------------------------------------
# Files
# ------------------------------------------------------------------------------------------------


def _tsv_rows(data: bytes) -> list[dict[str, str | list[str]]]:
    header, *lines = data.decode("utf-8").splitlines()
    columns = header.split("\t")
    rows = []
    for line in lines:
        cells = line.split("\t")
        assert len(cells) == len(columns)
        row: dict[str, str | list[str]] = {}
        for column, cell in zip(columns, cells, strict=True):
            if cell:
                row[column] = cell.split("|") if column in kgx.LIST_COLUMNS else cell
        rows.append(row)
    return rows


def test_tsv_and_json_lines_hold_the_same_rows(exported: kgx.KgxGraph) -> None:
    files = kgx.render(exported)
    assert sorted(files) == sorted(kgx.FILE_NAMES)
    for kind in ("nodes", "edges"):
        tsv = _tsv_rows(files[f"medgraph_{kind}.tsv"])
        jsonl = [json.loads(line) for line in files[f"medgraph_{kind}.jsonl"].splitlines()]
        assert tsv == jsonl
        assert len(jsonl) == len(getattr(exported, kind))


def test_tsv_cells_keep_tabs_line_breaks_and_bars_out() -> None:
    row: kgx.Row = {"id": "x:1", "name": "a\tb\nc | d", "synonym": ["e|f", "g"]}
    files = kgx.render(kgx.KgxGraph(nodes=[row]))
    header, line = files["medgraph_nodes.tsv"].decode().splitlines()
    cells = dict(zip(header.split("\t"), line.split("\t"), strict=True))
    assert (cells["name"], cells["synonym"]) == ("a b c ¦ d", "e¦f|g")
    assert json.loads(files["medgraph_nodes.jsonl"])["name"] == "a\tb\nc | d", "JSON keeps it"


def test_the_archive_is_byte_identical_and_holds_the_four_files(exported: kgx.KgxGraph) -> None:
    files = kgx.render(exported)
    first, second = kgx.archive(files), kgx.archive(dict(reversed(list(files.items()))))
    assert first == second
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(first))) as tar:
        assert tar.getnames() == sorted(kgx.FILE_NAMES)
        assert {member.mtime for member in tar.getmembers()} == {0}
        member = tar.extractfile("medgraph_edges.tsv")
        assert member is not None and member.read() == files["medgraph_edges.tsv"]


def test_every_backend_gives_the_same_files() -> None:
    reference = kgx.kgx_files(open_backend("rdflib", with_ontology=False).query)
    assert kgx.kgx_files(open_backend("oxigraph", with_ontology=False).query) == reference


def test_the_release_holds_the_kgx_files_from_either_engine(
    tmp_path: Path, shipped_graph: Graph
) -> None:
    build_release(tmp_path / "rdflib", shipped_graph)
    open_backend("oxigraph").release(tmp_path / "oxigraph")
    manifest = (tmp_path / "rdflib" / "manifest.ttl").read_text()
    for name in kgx.FILE_NAMES:
        assert (tmp_path / "rdflib" / name).read_bytes() == (
            tmp_path / "oxigraph" / name
        ).read_bytes()
        assert f"{name}#sha256" in manifest
    assert (tmp_path / "rdflib" / "medgraph_edges.tsv").read_bytes().count(b"\n") == 41


# ------------------------------------------------------------------------------------------------
# The command
# ------------------------------------------------------------------------------------------------


def test_export_kgx_to_a_folder_and_an_archive(run_cli, tmp_path: Path) -> None:
    result = run_cli("export", "--format", "kgx", "-o", str(tmp_path / "kgx"))
    assert result.exit_code == 0, result.stderr
    assert "41 nodes, 40 edges" in result.stderr
    assert "left out 20 claim(s) of mgo:hasClinicalStatement" in result.stderr
    assert sorted(p.name for p in (tmp_path / "kgx").iterdir()) == sorted(kgx.FILE_NAMES)
    result = run_cli("export", "--format", "kgx", "-o", str(tmp_path / "kgx.tar.gz"))
    assert result.exit_code == 0, result.stderr
    with tarfile.open(tmp_path / "kgx.tar.gz") as tar:
        member = tar.extractfile("medgraph_nodes.tsv")
        assert member is not None
        assert member.read() == (tmp_path / "kgx" / "medgraph_nodes.tsv").read_bytes()


def test_export_kgx_replaces_only_its_own_folder_and_only_with_force(
    run_cli, tmp_path: Path
) -> None:
    folder = tmp_path / "kgx"
    assert run_cli("export", "--format", "kgx", "-o", str(folder)).exit_code == 0
    again = run_cli("export", "--format", "kgx", "-o", str(folder))
    assert again.exit_code == ExitCode.OUTPUT and "--force" in again.stderr
    assert run_cli("export", "--format", "kgx", "-o", str(folder), "--force").exit_code == 0
    (folder / "notes.txt").write_text("mine")
    refused = run_cli("export", "--format", "kgx", "-o", str(folder), "--force")
    assert refused.exit_code == ExitCode.OUTPUT
    assert "not medgraph's KGX files" in refused.stderr
    assert (folder / "notes.txt").read_text() == "mine"


def test_export_kgx_to_stdout_is_the_archive(run_cli) -> None:
    result = run_cli("export", "--format", "kgx")
    assert result.exit_code == 0
    with tarfile.open(fileobj=io.BytesIO(result.stdout_bytes)) as tar:
        assert sorted(tar.getnames()) == sorted(kgx.FILE_NAMES)


# ------------------------------------------------------------------------------------------------
# kgx itself reads the files
# ------------------------------------------------------------------------------------------------


def _kgx_python() -> str:
    python = os.environ.get("MEDGRAPH_KGX_PYTHON")
    if not python:
        pytest.skip(
            "MEDGRAPH_KGX_PYTHON is not set: `make kgx-env` makes a virtual environment with "
            "kgx (.kgx-venv); `make test` then sets it"
        )
    if not Path(python).exists():
        pytest.fail(f"MEDGRAPH_KGX_PYTHON={python} does not exist")
    return python


def _kgx_read(python: str, source: Path) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [python, str(READER), str(source)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.slow
def test_kgx_reads_the_files(exported: kgx.KgxGraph, tmp_path: Path) -> None:
    python = _kgx_python()
    files = kgx.render(exported)
    kgx.write(files, tmp_path / "kgx")
    kgx.write(files, tmp_path / "kgx.tar.gz")
    predicates = dict(Counter(str(edge["predicate"]) for edge in exported.edges))
    categories = dict(Counter(c for node in exported.nodes for c in node["category"]))
    folder = _kgx_read(python, tmp_path / "kgx")
    archived = _kgx_read(python, tmp_path / "kgx.tar.gz")
    for seen in (folder["tsv"], folder["jsonl"], archived["tsv"]):
        assert (seen["nodes"], seen["edges"]) == (41, 40)
        assert seen["predicates"] == predicates
        assert seen["categories"] == categories
        assert seen["node"]["xref"] == _by_id(exported.nodes)[CONDITION]["xref"]
        edge = seen["edge"]
        assert edge.get("publications", []) == []  # it rests on excerpts only
        assert len(edge["supporting_text"]) == 3  # the claim's three quotes
        # kgx's validator finds nothing wrong but medgraph's own prefixes, which Biolink's
        # JSON-LD context cannot know (docs/kgx.md)
        own = {str(row["id"]).split(":")[0] for row in exported.nodes}
        for error in seen["errors"]:
            assert "not represented in Biolink Model JSON-LD context" in error, error
            assert any(f"CURIE prefix '{prefix}'" in error for prefix in own), error
