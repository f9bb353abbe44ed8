"""Conditions as units: a folder per condition, a skeleton that validates, and a guide that
shows a complete condition and names every rule.

The invented test conditions under ``tests/fixtures/conditions/`` are the worked example of
``docs/authoring.md``; the tests with three conditions (build, validate, queries, render) are in
``tests/test_three_conditions.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medgraph.authoring import PLACEHOLDER, new_condition, skeleton_files
from medgraph.errors import ExitCode, InputError, OutputExists

ROOT = Path(__file__).parent.parent
GUIDE = ROOT / "docs" / "authoring.md"
SEED = Path(__file__).parent / "fixtures" / "seed" / "000_4f362a13c7923613.txt"


def test_the_shipped_condition_keeps_its_source_page_beside_it() -> None:
    folder = ROOT / "data" / "conditions" / "cervical-incompetence"
    assert {p.name for p in folder.iterdir()} >= {"condition.ttl", "page.ttl", "source-page.txt"}
    assert (folder / "source-page.txt").read_bytes() == SEED.read_bytes()


def test_a_skeleton_validates_with_only_what_is_to_fill_in(tmp_path: Path) -> None:
    from medgraph import validate

    skeleton = new_condition("placenta-praevia", "placenta praevia", tmp_path)
    assert skeleton.folder == tmp_path / "placenta-praevia"
    assert sorted(p.name for p in skeleton.folder.iterdir()) == [
        "condition.ttl",
        "page.ttl",
        "source-page.txt",
    ]
    assert PLACEHOLDER in (skeleton.folder / "source-page.txt").read_text()
    report = validate(skeleton.folder, backend="rdflib")
    assert report.conforms
    assert report.results, "a skeleton says what is left to do"
    for result in report.results:
        assert result.severity == "Warning", result
        assert "to fill in" in result.message.lower(), result
    found = {(r.shape, r.focus_node) for r in report.results}
    assert found == {
        ("qc-condition-without-relation", "condition:placenta-praevia"),
        ("qc-to-fill-in", "condition:placenta-praevia"),
        ("qc-to-fill-in", "pagetext:placenta-praevia-summary"),
        ("shape:ConditionHasRelationShape", "condition:placenta-praevia"),
        ("shape:Condition-definitionCited", "condition:placenta-praevia"),
    }


def test_a_label_is_written_as_a_turtle_literal() -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDFS

    files = skeleton_files("odd-name", 'an "odd" \\ name')
    graph = Graph().parse(data=files["condition.ttl"], format="turtle")
    condition = URIRef("https://w3id.org/medgraph/id/condition/odd-name")
    assert graph.value(condition, RDFS.label) == Literal('an "odd" \\ name', lang="en")
    Graph().parse(data=files["page.ttl"], format="turtle")
    assert "odd name" in skeleton_files("odd-name")["condition.ttl"]


@pytest.mark.parametrize("slug", ["Bad", "with space", "-lead", "trail-", "under_score", ""])
def test_a_slug_must_be_lowercase_words_and_hyphens(slug: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="slug"):
        new_condition(slug, into=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_touched(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "condition.ttl").write_text("# mine\n")
    with pytest.raises(OutputExists):
        new_condition("mine", into=tmp_path)
    assert (folder / "condition.ttl").read_text() == "# mine\n"


def test_new_condition_command(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    into = tmp_path / "conditions"
    result = run_cli("new", "condition", "placenta-praevia", "--into", str(into))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert f"wrote {into / 'placenta-praevia'}/:" in result.stdout
    assert "placenta praevia" in (into / "placenta-praevia" / "condition.ttl").read_text()
    again = run_cli("new", "condition", "placenta-praevia", "--into", str(into))
    assert again.exit_code == ExitCode.OUTPUT and "already exists" in again.stderr
    bad = run_cli("new", "condition", "Placenta Praevia", "--into", str(into))
    assert bad.exit_code == ExitCode.BAD_INPUT and "slug" in bad.stderr


# ---------------------------------------------------------------------------------------------
# docs/authoring.md
# ---------------------------------------------------------------------------------------------


def _embedded_files(text: str) -> dict[str, str]:
    """``<!-- file: PATH -->`` followed by a fenced block: the block's text, by path."""
    pattern = re.compile(r"<!-- file: (?P<path>\S+) -->\n```[a-z]*\n(?P<body>.*?)```\n", re.S)
    return {m["path"]: m["body"] for m in pattern.finditer(text)}


def test_the_guide_shows_the_worked_example_whole() -> None:
    embedded = _embedded_files(GUIDE.read_text(encoding="utf-8"))
    example = "tests/fixtures/conditions/example-gestational-syndrome"
    assert set(embedded) == {
        f"{example}/source-page.txt",
        f"{example}/page.ttl",
        f"{example}/condition.ttl",
        "tests/fixtures/conditions/shared.ttl",
    }
    for path, body in embedded.items():
        assert body == (ROOT / path).read_text(encoding="utf-8"), f"{path} differs from the guide"


def test_the_guide_names_every_shape() -> None:
    from medgraph.loader import load_shapes
    from tests.test_shapes import shapes_under_test

    guide = GUIDE.read_text(encoding="utf-8")
    missing = sorted(s for s in shapes_under_test(load_shapes()) if f"`{s}`" not in guide)
    assert missing == [], "docs/authoring.md section 8 does not list these shapes"


def test_the_guide_says_what_the_shapes_say() -> None:
    """Section 8 is written from the shapes; a changed shape means rewriting it."""
    from medgraph.loader import load_shapes
    from medgraph.shapes_guide import current_section, section

    guide = GUIDE.read_text(encoding="utf-8")
    assert current_section(guide) == section(load_shapes()), (
        "docs/authoring.md section 8 is stale: run python -m medgraph.shapes_guide --write "
        "docs/authoring.md"
    )


def test_the_guide_names_the_commands_and_queries_it_uses() -> None:
    from medgraph.queries import list_queries

    guide = GUIDE.read_text(encoding="utf-8")
    names = {q.name for q in list_queries()}
    for used in re.findall(r"medgraph query ([a-z-]+) --param", guide):
        assert used in names, f"docs/authoring.md uses an unknown query {used!r}"
