"""An HTTP answer as the front sends it: status, content type, body and extra headers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Answer", "json_answer", "text_answer"]


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def text_answer(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def json_answer(status: int, document: Any) -> Answer:
    return Answer(
        status,
        "application/json; charset=utf-8",
        json.dumps(document, ensure_ascii=False).encode("utf-8"),
    )
