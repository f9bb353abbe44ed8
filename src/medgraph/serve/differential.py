"""``/differential`` of ``medgraph serve``: the differential as a GET with parameters, in JSON.

``?findings=seizure;HP:0001249&absent=cataract&sex=female&age=3&top=10`` (``finding`` and
``absent`` may also repeat; ``findings`` splits on ``;`` and new lines). Inputs are bounded
before any work: the query string, each finding, their number and ``top``. The index of the
served graph is built at the first request and kept. A user's mistake is a 400 with
``{"error": ...}``; the answer is :meth:`DifferentialResult.as_json`.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from typing import TYPE_CHECKING, Any

from medgraph.errors import MedgraphError
from medgraph.serve.answer import Answer, json_answer

if TYPE_CHECKING:
    from medgraph.differential.index import DifferentialIndex

__all__ = ["MAX_FINDING", "MAX_FINDINGS", "MAX_SEARCH", "MAX_TOP", "DifferentialService"]

MAX_SEARCH = 4096
"""Longest query string accepted (characters, percent-encoded)."""
MAX_FINDING = 200
"""Longest single finding."""
MAX_FINDINGS = 30
"""Most findings, present and absent together."""
MAX_TOP = 50

_SPLIT = re.compile(r"[;\n\r]+")


class DifferentialService:
    """Answers ``/differential`` for one graph; builds its index once, on first use."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self._index: DifferentialIndex | None = None
        self._lock = threading.Lock()

    def index(self) -> DifferentialIndex:
        with self._lock:
            if self._index is None:
                from medgraph.api import _backend
                from medgraph.differential.index import build_index

                self._index = build_index(_backend(self.graph, "rdflib"))
            return self._index

    def answer(self, search: str) -> Answer:
        if len(search) > MAX_SEARCH:
            return json_answer(
                414, {"error": f"the query string must be at most {MAX_SEARCH} characters"}
            )
        fields = urllib.parse.parse_qs(search, keep_blank_values=False)
        findings = [f.strip() for v in fields.get("findings", []) for f in _SPLIT.split(v)]
        findings = [f for f in [*findings, *fields.get("finding", [])] if f.strip()]
        absent = [f.strip() for v in fields.get("absent", []) for f in _SPLIT.split(v) if f.strip()]
        if not findings:
            return json_answer(
                400, {"error": "give at least one finding: ?findings=seizure;HP:0001249"}
            )
        if len(findings) + len(absent) > MAX_FINDINGS:
            return json_answer(
                400, {"error": f"at most {MAX_FINDINGS} findings, present and absent together"}
            )
        if any(len(f) > MAX_FINDING for f in [*findings, *absent]):
            return json_answer(
                400, {"error": f"a finding must be at most {MAX_FINDING} characters"}
            )
        try:
            top = int((fields.get("top") or ["10"])[0])
        except ValueError:
            return json_answer(400, {"error": "top must be a whole number"})
        if not 1 <= top <= MAX_TOP:
            return json_answer(400, {"error": f"top must be between 1 and {MAX_TOP}"})
        from medgraph.differential.run import differential

        try:
            result = differential(
                findings,
                absent,
                sex=(fields.get("sex") or [""])[0],
                age=(fields.get("age") or [""])[0],
                top=top,
                index=self.index(),
            )
        except MedgraphError as exc:
            return json_answer(400, {"error": str(exc)})
        return json_answer(200, result.as_json())
