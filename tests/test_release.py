"""Release: every format carries the same graph, builds are byte-identical, failures lose nothing."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

from medgraph import atomic, release
from medgraph.errors import OutputError
from medgraph.namespaces import PREFIXES
from medgraph.release import EXPORT_FORMATS, build_release, canonical_graph, serialize

PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "xml": "xml"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, shipped_graph: Graph) -> Path:
    out = tmp_path_factory.mktemp("release") / "dist"
    build_release(out, shipped_graph)
    return out


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_each_format_round_trips_to_the_same_graph(fmt: str, shipped_graph: Graph) -> None:
    data = serialize(shipped_graph, fmt)
    parsed = Graph().parse(data=data, format=PARSERS[fmt])
    assert isomorphic(parsed, canonical_graph(shipped_graph))


def test_release_files_are_isomorphic(built: Path) -> None:
    graphs = {
        fmt: Graph().parse(built / f"medgraph{spec.suffix}", format=PARSERS[fmt])
        for fmt, spec in EXPORT_FORMATS.items()
    }
    reference = graphs.pop("ttl")
    for fmt, graph in graphs.items():
        assert isomorphic(reference, graph), fmt


def test_jsonld_uses_the_shipped_context_and_fetches_nothing(built: Path) -> None:
    document = json.loads((built / "medgraph.jsonld").read_text())
    context = json.loads((built / "medgraph.context.jsonld").read_text())
    assert document["@context"] == context["@context"]
    assert context["@context"]["@version"] == 1.1
    for definition in context["@context"].values():
        # prefixes and term definitions only: no scoped or imported context to fetch
        assert isinstance(definition, (str, float)) or set(definition) <= {
            "@id",
            "@type",
            "@language",
        }
    assert "@import" not in context["@context"]


def test_every_ontology_class_and_property_is_a_term() -> None:
    from rdflib.namespace import OWL

    from medgraph.loader import parse_file
    from medgraph.resources import ontology_files

    ontology = Graph()
    for path in ontology_files():
        parse_file(path, ontology)
    context = release.jsonld_context()["@context"]
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    declared = {
        str(s) for kind in kinds for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)
    }
    own = sorted(iri for iri in declared if iri.startswith("https://w3id.org/medgraph/ontology/"))
    assert len(own) > 50
    for iri in own:
        name = iri.rsplit("/", 1)[1]
        assert context[name]["@id"] == f"mgo:{name}", name
        if (URIRef(iri), RDF.type, OWL.ObjectProperty) in ontology:
            assert context[name]["@type"] == "@id", name
    assert context["hasRiskFactor"] == {"@id": "mgo:hasRiskFactor", "@type": "@id"}
    assert context["position"] == {"@id": "mgo:position", "@type": "xsd:positiveInteger"}
    assert context["statementText"] == {"@id": "mgo:statementText", "@language": "en"}
    assert context["prefLabel"] == {"@id": "skos:prefLabel", "@language": "en"}
    assert "code" not in context or context["code"] == PREFIXES["code"], "prefixes stay prefixes"


def test_the_compacted_release_reads_as_plain_json(built: Path, shipped_graph: Graph) -> None:
    document = json.loads((built / "medgraph.jsonld").read_text())
    (condition,) = [n for n in document["@graph"] if n["@id"] == "condition:cervical-incompetence"]
    # a list: every data node is also declared an owl:NamedIndividual for OWL tools
    assert "Condition" in condition["@type"]
    assert condition["prefLabel"] == "cervical incompetence"
    assert "riskfactor:cone-biopsy" in condition["hasRiskFactor"]
    assert not [key for key in condition if key.startswith("mgo:")]
    mgo_keys = {key for node in document["@graph"] for key in node if key.startswith("mgo:")}
    assert not mgo_keys, "every medgraph property has a term"
    expanded = Graph().parse(data=json.dumps(document), format="json-ld")
    assert isomorphic(expanded, Graph().parse(built / "medgraph.nt", format="nt"))
    assert len(expanded) > len(shipped_graph)  # the release adds the individual declarations


def test_values_that_do_not_fit_a_term_keep_their_curie_and_their_meaning() -> None:
    mgo, mg = "https://w3id.org/medgraph/ontology/", "https://w3id.org/medgraph/id/"
    data = f"""
    @prefix mgo: <{mgo}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <{mg}claim/x> mgo:claimObject [ rdfs:label "a blank node"@en ] ;
        mgo:position "7"^^xsd:integer , 3 ;
        rdfs:label "no language" , "English"@en , "Deutsch"@de ;
        mgo:statementText "plain" .
    """
    graph = Graph().parse(data=data, format="turtle")
    document = json.loads(serialize(graph, "jsonld"))
    assert isomorphic(
        Graph().parse(data=json.dumps(document), format="json-ld"), canonical_graph(graph)
    )
    (claim,) = [n for n in document["@graph"] if n["@id"] == "claim:x"]
    assert claim["label"] == "English"
    assert "rdfs:label" in claim and "mgo:statementText" in claim


def test_manifest_counts_triples_and_checksums_every_file(
    built: Path, shipped_graph: Graph
) -> None:
    manifest = Graph().parse(built / "manifest.ttl")
    dataset = next(manifest.subjects(RDF.type, VOID.Dataset))
    # The files' triples: the graph's and the individuals' declarations the release adds.
    released = Graph().parse(built / "medgraph.nt", format="nt")
    assert manifest.value(dataset, VOID.triples) == Literal(len(released))
    assert len(released) > len(shipped_graph)
    spdx = "http://spdx.org/rdf/terms#"
    checked = {}
    for _, value in manifest.subject_objects(URIRef(spdx + "checksumValue")):
        checked[str(value)] = True
    for path in built.iterdir():
        if path.name == "manifest.ttl":
            continue
        assert hashlib.sha256(path.read_bytes()).hexdigest() in checked, path.name
    assert len(checked) == len(list(built.iterdir())) - 1


def test_release_notes_ship_in_the_release_and_its_manifest(built: Path) -> None:
    from medgraph import __version__
    from medgraph.changelog import RELEASE_NOTES_FILE, release_notes

    notes = (built / RELEASE_NOTES_FILE).read_text(encoding="utf-8")
    assert notes == release_notes(__version__)
    assert f"## [{__version__}]" in notes
    manifest = Graph().parse(built / "manifest.ttl")
    dataset = next(manifest.subjects(RDF.type, VOID.Dataset))
    version_notes = manifest.value(dataset, URIRef("http://www.w3.org/ns/adms#versionNotes"))
    assert version_notes == Literal(notes, lang="en")
    titles = {
        str(title) for title in manifest.objects(None, URIRef("http://purl.org/dc/terms/title"))
    }
    assert RELEASE_NOTES_FILE in titles


def _build_in_subprocess(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = (
        "import sys; from pathlib import Path; from medgraph.loader import load_default_graph;"
        "from medgraph.release import build_release;"
        "build_release(Path(sys.argv[1]), load_default_graph())"
    )
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    # Different hash seeds change set and dict iteration order: the output must not care.
    _build_in_subprocess(tmp_path / "one", "1")
    _build_in_subprocess(tmp_path / "two", "2")
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), (
            name
        )


def test_failed_build_leaves_previous_release_intact(
    tmp_path: Path, shipped_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    build_release(out, shipped_graph)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real_write = atomic.atomic_write

    def failing_write(path: Path, data: bytes, *, force: bool = False) -> Path:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OutputError(f"{path}: cannot write: the disk is full; nothing was changed")
        return real_write(path, data, force=force)

    monkeypatch.setattr(release, "atomic_write", failing_write)
    with pytest.raises(OutputError, match="disk is full"):
        build_release(out, shipped_graph)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["dist"], "staging folder left behind"


def test_atomic_write_refuses_to_replace_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("keep me")
    with pytest.raises(OutputError, match="already exists") as caught:
        atomic.atomic_write(target, b"new")
    assert caught.value.option == "force"  # the CLI words it as "pass --force"
    assert target.read_text() == "keep me"
    atomic.atomic_write(target, b"new", force=True)
    assert target.read_text() == "new"


def test_atomic_write_into_read_only_folder_says_so(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            atomic.atomic_write(folder / "x.ttl", b"data")
    finally:
        folder.chmod(0o700)


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def test_current_umask_reads_the_umask_without_changing_it(umask) -> None:
    for mask in (0o022, 0o077, 0o002):
        umask(mask)
        assert atomic.current_umask() == mask
        assert os.umask(mask) == mask, "reading it left it as it was"


@pytest.mark.parametrize(
    ("mask", "folder_mode", "file_mode"),
    [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600), (0o002, 0o775, 0o664)],
)
def test_release_folder_and_files_follow_the_umask(
    tmp_path: Path, umask, mask: int, folder_mode: int, file_mode: int
) -> None:
    # mkdtemp makes the staging folder 0700, and the swap keeps a folder's mode: without the
    # chmod, dist/ stayed unreadable to everyone else whatever the umask.
    umask(mask)
    out = tmp_path / "dist"
    for _ in range(2):  # a first release, then one swapped in over it
        payloads = {"a.ttl": (b"<urn:a> <urn:b> <urn:c> .\n", "text/turtle")}
        stats = release.GraphStats(1, 1, 1, Literal("2026-12-01"))
        release.write_release(out, payloads, stats, {})
        assert stat.S_IMODE(out.stat().st_mode) == folder_mode
        for path in out.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == file_mode, path.name


def test_any_staged_folder_follows_the_umask(tmp_path: Path, umask) -> None:
    umask(0o022)
    # The site (render) and the on-disk store are staged by the same helper as the release.
    with atomic.staging_directory(tmp_path / "site") as staging:
        (staging / "index.html").write_text("<p>hi</p>")
        atomic.replace_directory(staging, tmp_path / "site")
    assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o755
