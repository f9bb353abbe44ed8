"""`make api` writes the API reference from the docstrings, offline, in seconds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _modules() -> list[str]:
    """Every module of the package but ``__main__``: the pages the reference must have."""
    src = ROOT / "src"
    names = []
    for path in sorted((src / "medgraph").rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_make_api_documents_every_module_offline(tmp_path: Path) -> None:
    pytest.importorskip("pdoc")
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    bin_dir = Path(sys.executable).parent
    out = tmp_path / "api"
    started = time.monotonic()
    done = subprocess.run(
        # -o: use the environment running the tests, never (re)build .venv from here
        [make, "-s", "-o", f"{bin_dir}/medgraph", "api", f"BIN={bin_dir}", f"API_OUT={out}"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 60, "the reference takes seconds to build"
    assert "Warn" not in done.stderr, done.stderr
    for name in _modules():
        page = out / (name.replace(".", "/") + ".html")
        assert page.is_file(), name
    top = (out / "medgraph.html").read_text(encoding="utf-8")
    for name in ("api", "backends", "queries", "release", "link"):
        assert f'href="medgraph/{name}.html"' in top, f"the package page links medgraph.{name}"
    api = (out / "medgraph" / "api.html").read_text(encoding="utf-8")
    assert 'id="load"' in api and 'id="validate"' in api and 'id="query"' in api
    release = (out / "medgraph" / "release.html").read_text(encoding="utf-8")
    # reST roles in docstrings become links to the module they name
    assert '<a href="jsonld_context.html">medgraph.jsonld_context</a>' in release
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")]
    remote = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="https?://')
    assert not any(remote.search(page) for page in pages), "the pages load nothing from afar"
