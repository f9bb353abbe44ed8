"""Release notes: the section of ``CHANGELOG.md`` that belongs to a version.

The changelog follows Keep a Changelog: one ``## [X.Y.Z] - date`` section per release, newest
first, and an ``## [Unreleased]`` section on top for what has changed since. A release carries
its notes (``medgraph-release-notes.md``, listed in the manifest), so that whoever downloads it
can tell what changed without the repository. A build from a checkout between two releases
also lists the unreleased changes, as they are part of what it ships.
"""

from __future__ import annotations

import re
from pathlib import Path

from medgraph.resources import resource_root

__all__ = ["RELEASE_NOTES_FILE", "changelog_path", "changelog_sections", "release_notes"]

RELEASE_NOTES_FILE = "medgraph-release-notes.md"
"""The name of the release notes in a release folder."""

_HEADING = re.compile(r"^## \[(?P<name>[^\]]+)\](?P<rest>.*)$", re.MULTILINE)


def changelog_path() -> Path:
    """``CHANGELOG.md``: at the root of a checkout, or among the packaged resources."""
    return resource_root() / "CHANGELOG.md"


def changelog_sections(text: str) -> dict[str, tuple[str, str]]:
    """The changelog's sections by name (``Unreleased``, ``0.1.0``): (heading, body).

    The body runs to the next ``## [`` heading and is stripped; an empty body means nothing
    is listed under that heading.
    """
    matches = list(_HEADING.finditer(text))
    sections: dict[str, tuple[str, str]] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        sections[match.group("name").strip()] = (match.group(0), text[match.end() : end].strip())
    return sections


def release_notes(version: str, text: str | None = None) -> str | None:
    """The notes of ``version`` in Markdown, or None when the changelog has no word on it.

    ``text`` is the changelog (read from :func:`changelog_path` when not given). The notes are
    the version's own section, preceded by the Unreleased section when it lists anything.
    """
    if text is None:
        path = changelog_path()
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
    sections = changelog_sections(text)
    parts = []
    own = sections.get(version)
    unreleased = sections.get("Unreleased")
    if unreleased is not None and unreleased[1]:
        after = f" (after {version})" if own is not None else ""
        parts.append(f"## Unreleased{after}\n\n{unreleased[1]}")
    if own is not None:
        parts.append(f"{own[0]}\n\n{own[1]}" if own[1] else own[0])
    if not parts:
        return None
    return f"# medgraph {version}: release notes\n\n" + "\n\n".join(parts) + "\n"
