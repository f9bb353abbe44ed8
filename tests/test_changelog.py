"""LICENSE, CHANGELOG and the release notes cut from it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from medgraph.changelog import changelog_path, changelog_sections, release_notes

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = """# Changelog

## [Unreleased]

### Fixed

- a bug

## [0.2.0] - 2027-01-02

### Added

- a feature

## [0.1.0] - 2026-12-01

- the start
"""


def test_license_is_the_mit_text_pyproject_names() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    text = (ROOT / "LICENSE").read_text()
    assert project["license"] == "MIT"
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 medgraph contributors" in text
    assert project["authors"] == [{"name": "medgraph contributors"}]
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_changelog_has_unreleased_and_the_current_version_with_a_date() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert changelog_path() == ROOT / "CHANGELOG.md"
    sections = changelog_sections(changelog_path().read_text())
    assert next(iter(sections)) == "Unreleased", "Unreleased comes first"
    heading, body = sections[version]
    assert re.fullmatch(rf"## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}", heading)
    assert "### Added" in body
    for name in sections:
        assert name == "Unreleased" or re.fullmatch(r"\d+\.\d+\.\d+", name), name


def test_release_notes_are_the_version_section_after_the_unreleased_changes() -> None:
    notes = release_notes("0.2.0", SAMPLE)
    assert notes is not None
    assert notes.startswith("# medgraph 0.2.0: release notes\n")
    assert "## Unreleased (after 0.2.0)\n\n### Fixed\n\n- a bug" in notes
    assert "## [0.2.0] - 2027-01-02\n\n### Added\n\n- a feature\n" in notes
    assert "the start" not in notes, "older releases stay out"
    assert notes.index("a bug") < notes.index("a feature")


def test_release_notes_without_unreleased_changes_or_an_unknown_version() -> None:
    released = SAMPLE.replace("### Fixed\n\n- a bug\n\n", "")
    notes = release_notes("0.1.0", released)
    assert notes == "# medgraph 0.1.0: release notes\n\n## [0.1.0] - 2026-12-01\n\n- the start\n"
    assert release_notes("9.9.9", released) is None
    assert release_notes("9.9.9", SAMPLE) is not None, "unreleased changes are still news"
    assert "(after" not in (release_notes("9.9.9", SAMPLE) or "")
