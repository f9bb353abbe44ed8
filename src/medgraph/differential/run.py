"""Ask the differential: findings in, ranked and explained conditions out.

The index of a graph is built once per process and kept (keyed by the backend and the files,
with their sizes and modification times), so that asking again costs only the scoring.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from medgraph.errors import InputError

if TYPE_CHECKING:
    from medgraph.backends.base import Backend
    from medgraph.differential.index import DifferentialIndex
    from medgraph.differential.result import DifferentialResult

__all__ = ["MAX_FINDINGS", "differential", "index_for"]

MAX_FINDINGS = 100
"""More findings than this (present and absent together) is refused."""

_CACHE: dict[tuple[object, ...], DifferentialIndex] = {}
_LOCK = threading.Lock()


def _key(
    backend: str, paths: Sequence[Path | str] | None, extra: Sequence[Path | str]
) -> tuple[object, ...]:
    parts: list[object] = [backend, len(paths or ())]
    for path in [*(paths or ()), *extra]:
        p = Path(path)
        try:
            stat = p.stat()
            parts.append((str(p.resolve()), stat.st_size, stat.st_mtime_ns))
        except OSError:
            parts.append(str(p))
    return tuple(parts)


def index_for(
    backend: str | Backend = "auto",
    paths: Sequence[Path | str] | None = None,
    extra: Sequence[Path | str] = (),
) -> DifferentialIndex:
    """The index of the graph a backend holds: ``paths`` instead of the shipped graph, and
    ``extra`` files (an import's output) alongside either. Built once per backend and files."""
    from medgraph.differential.index import build_index

    if not isinstance(backend, str):
        return build_index(backend)
    key = _key(backend, paths, extra)
    with _LOCK:
        if key not in _CACHE:
            from medgraph.backends import open_backend, parse_descriptor

            if extra and parse_descriptor(backend).in_memory:
                from medgraph.inputs import assemble

                graph_input = assemble(paths, extra=extra)
                opened = open_backend(backend, graph_input=graph_input)
            else:
                opened = open_backend(backend, paths)
            _CACHE[key] = build_index(opened)
        return _CACHE[key]


def _check_sex(sex: str | None) -> str | None:
    if sex is None or sex == "":
        return None
    value = sex.strip().lower()
    if value not in {"male", "female"}:
        raise InputError(f"sex must be male or female; got {sex!r}")
    return value


def _check_age(age: float | str | None) -> float | None:
    if age is None or age == "":
        return None
    try:
        value = float(age)
    except ValueError:
        raise InputError(f"age must be a number of years; got {age!r}") from None
    if not 0 <= value <= 150:
        raise InputError(f"age must be between 0 and 150 years; got {age!r}")
    return value


def differential(
    findings: Sequence[str],
    absent: Sequence[str] = (),
    *,
    sex: str | None = None,
    age: float | str | None = None,
    top: int = 10,
    backend: str | Backend = "auto",
    paths: Sequence[Path | str] | None = None,
    extra: Sequence[Path | str] = (),
    index: DifferentialIndex | None = None,
) -> DifferentialResult:
    """Rank the conditions of a graph for ``findings`` (HP ids, CURIEs, IRIs or words), with
    ``absent`` findings, the patient's ``sex`` (``male``/``female``) and ``age`` in years.
    The graph is ``paths`` (else the shipped one) with ``extra`` files (an HPO import) beside.

    Raises :class:`~medgraph.differential.resolve.UnknownFinding` (an ``InputError``) for
    words that match no term, with close names to try."""
    from medgraph.differential.explain import top_conditions
    from medgraph.differential.resolve import resolve_all
    from medgraph.differential.result import DifferentialResult
    from medgraph.differential.score import score

    if isinstance(findings, str):
        findings = [findings]
    if isinstance(absent, str):
        absent = [absent]
    if not findings:
        raise InputError("give at least one finding")
    if len(findings) + len(absent) > MAX_FINDINGS:
        raise InputError(f"at most {MAX_FINDINGS} findings, present and absent together")
    if top < 1:
        raise InputError(f"top must be at least 1; got {top}")
    checked_sex, checked_age = _check_sex(sex), _check_age(age)
    if index is None:
        index = index_for(backend, paths, extra)
    if not index.names or len(index) == 0:
        raise InputError(
            "the graph holds no phenotype terms or no condition annotated with them; give it "
            "an HPO import (see docs/differential.md)"
        )
    present_found = resolve_all(index, findings)
    absent_found = resolve_all(index, absent)
    started = time.perf_counter()
    scores = score(
        index,
        [f.term for f in present_found],
        [f.term for f in absent_found],
        sex=checked_sex,
        age=checked_age,
    )
    ranked = top_conditions(index, scores, present_found, absent_found, top)
    return DifferentialResult(
        present_found,
        absent_found,
        checked_sex,
        checked_age,
        ranked,
        len(index),
        time.perf_counter() - started,
        index,
    )
