"""What the endpoint checks in a query before Oxigraph sees it: its size, its nesting, and that
it has no SERVICE clause (which would make the server contact another host).

The SERVICE verdict comes from Oxigraph's own SPARQL parser (pyoxigraph), not from a pattern:
a query that mentions ``service`` anywhere (case-insensitively) is parsed again with every such
word turned into an unused word of the same length and case (``service`` -> ``zzzzzzz``). A
string, comment, IRI, prefixed name or variable stays valid under that change; the SERVICE
keyword does not, since no other keyword or token is a bare word. So the query is passed on
only if that variant parses; if it does not, it is refused: 403 when the variant with GRAPH in
place of SERVICE parses (the query has a SERVICE clause), 400 otherwise (it cannot be parsed, so
it cannot be shown to be free of SERVICE; Oxigraph accepts SPARQL 1.2 and LATERAL, which
rdflib, the previous judge, did not parse, and let through).

The parse runs in a short-lived child process, bounded in time (:data:`CHECK_WITHIN`) and
memory: pyoxigraph plans the query as it parses it, which can take minutes for a long basic
graph pattern, and its recursive parser overflows the stack on deep nesting. A child can be
killed; a thread cannot. At most :data:`CONCURRENT_CHECKS` run at once, and queries that do not
mention the word (nearly all) skip the child altogether.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from dataclasses import dataclass

from medgraph.serve.engine import limit_memory

__all__ = ["MAX_DEPTH", "MAX_QUERY", "Refusal", "check_query"]

MAX_QUERY = 128 << 10
"""Largest query text accepted (128 KiB, UTF-8): the shipped queries are under 4 KiB."""
MAX_DEPTH = 200
"""Deepest nesting of brackets accepted: Oxigraph's parser recurses on it and a few thousand
levels overflow its stack, which ends the whole engine."""
CHECK_WITHIN = 5.0
CHECK_MEMORY = 1 << 30
CONCURRENT_CHECKS = 4

_WORD = re.compile(r"service", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FILLERS = "zqxjkw"  # none of them is a letter of "service"
_GRAPH = re.compile(r"service(\s+silent)?", re.IGNORECASE)
_SLOTS = threading.BoundedSemaphore(CONCURRENT_CHECKS)

# The child: parse each text in turn (over an empty store) and print "ok INDEX" for the first
# that parses, else the first syntax error. Any other failure proves nothing: "fail".
_CHILD = r"""
import json, sys
import pyoxigraph
texts = json.loads(sys.stdin.buffer.read())
first = None
for index, text in enumerate(texts):
    try:
        pyoxigraph.Store().query(text)
    except SyntaxError as exc:
        first = first or str(exc)
        continue
    except Exception as exc:
        print(f"fail {type(exc).__name__}")
        break
    print(f"ok {index}")
    break
else:
    print("error " + (first or ""))
"""


@dataclass(frozen=True)
class Refusal:
    """Why a query is not passed on: an HTTP status and a message for the client."""

    status: int
    message: str


def check_query(text: str) -> Refusal | None:
    """``None`` if the query may go to Oxigraph, else why not (see the module's docstring)."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return Refusal(400, "the query is not valid UTF-8")
    if size > MAX_QUERY:
        return Refusal(413, f"the query is longer than {MAX_QUERY >> 10} KiB")
    if _depth(text) > MAX_DEPTH:
        return Refusal(400, f"the query nests brackets more than {MAX_DEPTH} deep")
    mentions = len(_WORD.findall(text))
    unescaped = _ESCAPE.sub(_unescape, text)
    if len(_WORD.findall(unescaped)) > mentions:
        return Refusal(400, "write SERVICE-like words without \\u escapes")
    if not mentions:
        return None
    return _parse_verdict(text)


def _depth(text: str) -> int:
    """The deepest nesting of ( [ { in the text, strings and comments included (an upper bound
    of what the parser sees)."""
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(0, depth - 1)
    return deepest


def _unescape(match: re.Match[str]) -> str:
    try:
        return chr(int(match.group(1) or match.group(2), 16))
    except (ValueError, OverflowError):
        return match.group(0)


def without_word(text: str) -> str:
    """``text`` with every ``service`` (any case) as a same-length, same-case word the text
    does not contain: every token stays what it was, but the SERVICE keyword is gone."""
    lowered = text.lower()
    filler = next((f for f in _FILLERS if f * 7 not in lowered), None)
    if filler is None:  # every filler occurs: the word cannot be proven absent this way
        return text
    return _WORD.sub(
        lambda m: "".join(filler.upper() if c.isupper() else filler for c in m.group(0)), text
    )


def _parse_verdict(text: str) -> Refusal | None:
    variant = without_word(text)
    if variant == text:
        return Refusal(400, "the query cannot be checked for SERVICE; reword it")
    as_graph = _GRAPH.sub("GRAPH", text)
    if not _SLOTS.acquire(timeout=CHECK_WITHIN):
        return Refusal(503, "the server is busy checking other queries; try again")
    try:
        outcome = _run_child([variant, as_graph])
    finally:
        _SLOTS.release()
    if outcome == "ok 0":
        return None
    if outcome == "ok 1":
        return Refusal(
            403, "SERVICE is refused: this endpoint does not make requests to other hosts"
        )
    if outcome.startswith("error "):
        detail = outcome[6:].strip()
        return Refusal(
            400,
            "the query cannot be parsed, so it cannot be shown to have no SERVICE clause: "
            + (detail or "syntax error"),
        )
    if outcome.startswith("fail "):
        return Refusal(
            400, f"the query could not be checked for SERVICE ({outcome[5:]}); simplify it"
        )
    return Refusal(400, outcome)


def _run_child(texts: list[str]) -> str:
    """Parse ``texts`` in a child process; its one-line answer, or why there is none."""
    import json

    process = subprocess.Popen(
        [sys.executable, "-I", "-c", _CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    limit_memory(process.pid, CHECK_MEMORY)
    try:
        out, _ = process.communicate(json.dumps(texts).encode("utf-8"), timeout=CHECK_WITHIN)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return f"the query could not be checked for SERVICE within {CHECK_WITHIN:g} s; simplify it"
    answer = out.decode("utf-8", "replace").strip()
    if process.returncode != 0 or not answer:
        return "the query could not be checked for SERVICE (the parser failed on it); simplify it"
    return answer
