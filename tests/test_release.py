"""Release: every format carries the same graph, builds are byte-identical, failures lose nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

from medgraph import atomic, release
from medgraph.errors import OutputError
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
    assert all(isinstance(v, (str, float)) for v in context["@context"].values())


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
