"""The wheel carries ontology/, data/, shapes/ and queries/ and finds them without the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("medgraph-*.whl"))


@pytest.mark.slow
def test_wheel_contains_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in ("ontology", "data", "shapes", "queries"):
        shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / kind).rglob("*") if p.is_file()}
        assert shipped, kind
        for name in shipped:
            assert f"medgraph/_resources/{name}" in names, name
    assert "medgraph/_resources/CHANGELOG.md" in names, "the release notes come from it"
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names), names
    # The report's rules live in the package itself.
    rules = {p.name for p in (ROOT / "src" / "medgraph" / "report_queries").glob("*.rq")}
    assert len(rules) > 20
    assert {f"medgraph/report_queries/{name}" for name in rules} <= names


@pytest.mark.slow
def test_installed_wheel_runs_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    code = (
        "import medgraph, medgraph.resources as r, medgraph.loader as l;"
        "print(medgraph.__file__); print(r.resource_root()); print(len(l.load_default_graph()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, root, triples = done.stdout.split()
    assert module_file.startswith(str(target))
    assert root == str(target / "medgraph" / "_resources")
    assert int(triples) > 1000
