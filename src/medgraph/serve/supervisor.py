"""The SPARQL engine behind the endpoint, kept answering: each query is forwarded to it under a
firm deadline, and an engine that misbehaves is replaced by a fresh one.

Oxigraph's ``--timeout-s`` cancels a query only between steps of its evaluation: it does not
cover parsing and planning (a long basic graph pattern plans for minutes), nor a sort that
materialises millions of rows, and a query nested a few thousand levels deep overflows a
thread's stack and aborts the whole process. So:

- the front stops waiting at the time-out plus :data:`Supervisor.GRACE` seconds and answers 503;
- a query still running then is a runaway: the engine is replaced (a fresh Oxigraph over the
  same read-only store is started, new queries go to it, the old process is killed);
- after Oxigraph cancels a query itself, answers 5xx, or cannot be reached, the engine gets a
  health check (``ASK {}`` within :data:`Supervisor.HEALTH_WITHIN` s) and is replaced if it
  fails; a process that has exited is replaced at the next tick (:data:`Supervisor.TICK`);
- a query whose engine was killed or replaced under it is sent once more, to the new engine,
  within its own deadline (queries are read-only, so sending one twice is harmless).

Every replacement writes one line to the log (stderr). Replacements are started by the
supervisor's own thread, which lives as long as the server: the engine's parent-death signal
follows the thread that started it.
"""

from __future__ import annotations

import http.client
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from medgraph.serve.answer import Answer, text_answer
from medgraph.serve.engine import ENGINE_MEMORY, OxigraphServer, ServeError

__all__ = ["CANCELLED_MARKER", "MAX_RESULT", "Supervisor"]

MAX_RESULT = 64 << 20
"""Largest result relayed (64 MiB); the shipped graph is far smaller."""
CANCELLED_MARKER = b"The SPARQL operation has been cancelled"
"""What Oxigraph appends to a streamed result when its time-out stops the query."""


def log_to_stderr(line: str) -> None:
    print(f"medgraph serve: {line}", file=sys.stderr, flush=True)


@dataclass
class _Outcome:
    kind: str  # "answer", "cut" (our deadline), "cancelled" (Oxigraph's), "unreachable"
    answer: Answer | None = None
    detail: str = ""


class Supervisor:
    """Starts the engine over ``store``, forwards queries to it, replaces it when needed."""

    GRACE = 1.0
    HEALTH_WITHIN = 3.0
    TICK = 0.5

    def __init__(
        self,
        store: Path,
        timeout: float,
        *,
        memory: int | None = ENGINE_MEMORY,
        executable: str | None = None,
        log: Callable[[str], None] = log_to_stderr,
    ) -> None:
        self.store = store
        self.timeout = max(1, round(timeout))
        self.memory = memory
        self.executable = executable
        self.log = log
        self.restarts = 0
        self._engine: OxigraphServer | None = None
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._wake = threading.Event()
        self._condemned: tuple[OxigraphServer, str] | None = None
        self._suspect: tuple[OxigraphServer, str] | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None

    # -- life cycle ------------------------------------------------------------------------

    def _new_engine(self) -> OxigraphServer:
        return OxigraphServer(
            self.store,
            read_only=True,
            timeout=self.timeout,
            memory=self.memory,
            executable=self.executable,
        ).start()

    def start(self) -> Supervisor:
        """Start the engine (in this thread, which must outlive it) and the supervisor thread."""
        self._engine = self._new_engine()
        self._thread = threading.Thread(target=self._watch, name="engine-supervisor", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            engine, self._engine = self._engine, None
            self._changed.notify_all()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=self.HEALTH_WITHIN + 2)
        if engine is not None:
            engine.stop()

    @property
    def engine(self) -> OxigraphServer | None:
        """The engine new queries go to."""
        with self._lock:
            return self._engine

    # -- forwarding ------------------------------------------------------------------------

    def query(self, body: bytes, content_type: str, accept: str, search: str = "") -> Answer:
        """Forward one query (POST ``body`` or GET ``search``) and return the engine's answer,
        or 503 at the deadline, or 502 if no engine can be reached."""
        started = time.monotonic()
        deadline = started + self.timeout + self.GRACE
        detail = "no engine is running"
        for _ in range(2):
            engine = self._current(deadline)
            if engine is None:
                break
            outcome = self._forward(engine, body, content_type, accept, search, deadline)
            if outcome.kind == "answer":
                assert outcome.answer is not None
                if outcome.answer.status >= 500:
                    self._note(engine, f"it answered HTTP {outcome.answer.status}", replace=False)
                return outcome.answer
            if outcome.kind == "cut":
                self._note(engine, "a query ran past the time-out", replace=True)
                return self._cut(started)
            if outcome.kind == "cancelled":
                self._note(engine, "it cancelled a query at the time-out", replace=False)
                return self._cut(started)
            detail = outcome.detail
            if engine is self.engine and not engine.ended_within(0.3):
                self._note(engine, f"a connection to it failed ({detail})", replace=False)
                break
            if not engine.running():  # it crashed (or was replaced and killed): send it again
                self._note(engine, f"it stopped (exit code {engine.exit_code()})", replace=True)
        if time.monotonic() >= deadline:
            return self._cut(started)
        return text_answer(502, f"the SPARQL engine cannot be reached: {detail}")

    def _cut(self, started: float) -> Answer:
        return text_answer(
            503,
            f"the query ran longer than the server's time-out ({self.timeout:g} s) and was "
            f"stopped after {time.monotonic() - started:.1f} s; narrow it down or add a LIMIT",
        )

    def _current(self, deadline: float) -> OxigraphServer | None:
        """The running engine; waits (until ``deadline``) while a dead one is being replaced."""
        with self._changed:
            while not self._stopping:
                engine = self._engine
                if engine is not None and engine.running():
                    return engine
                self._wake.set()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(min(remaining, self.TICK))
        return None

    def _forward(
        self,
        engine: OxigraphServer,
        body: bytes,
        content_type: str,
        accept: str,
        search: str,
        deadline: float,
    ) -> _Outcome:
        path = "/query" + (f"?{search}" if search else "")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return _Outcome("cut")
        connection = http.client.HTTPConnection("127.0.0.1", engine.port, timeout=remaining)
        try:
            headers = {"Accept": accept or "application/sparql-results+json"}
            if body:
                headers["Content-Type"] = content_type
                connection.request("POST", path, body=body, headers=headers)
            else:
                connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            kind = response.getheader("Content-Type", "application/octet-stream")
            chunks: list[bytes] = []
            size = 0
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return _Outcome("cut")
                if connection.sock is not None:
                    connection.sock.settimeout(remaining)
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_RESULT:
                    return _Outcome(
                        "answer",
                        text_answer(
                            507, f"the result is larger than {MAX_RESULT >> 20} MiB; add a LIMIT"
                        ),
                    )
            data = b"".join(chunks)
        except TimeoutError:
            return _Outcome("cut")
        except (OSError, http.client.HTTPException) as exc:
            return _Outcome("unreachable", detail=str(exc) or type(exc).__name__)
        finally:
            connection.close()
        if data.endswith(CANCELLED_MARKER) or (
            response.status >= 400 and b"cancelled" in data.lower()
        ):
            return _Outcome("cancelled")
        return _Outcome("answer", Answer(response.status, kind, data))

    # -- supervision -----------------------------------------------------------------------

    def _note(self, engine: OxigraphServer, reason: str, *, replace: bool) -> None:
        """Ask the supervisor thread to replace ``engine`` (or only to check its health)."""
        with self._lock:
            if engine is not self._engine:
                return  # already replaced
            if replace:
                self._condemned = (engine, reason)
            elif self._suspect is None:
                self._suspect = (engine, reason)
        self._wake.set()

    def _watch(self) -> None:
        while True:
            self._wake.wait(self.TICK)
            self._wake.clear()
            with self._lock:
                if self._stopping:
                    return
                engine = self._engine
                condemned, self._condemned = self._condemned, None
                suspect, self._suspect = self._suspect, None
            if engine is None:
                continue
            reason = None
            if condemned is not None and condemned[0] is engine:
                reason = condemned[1]
            elif not engine.running():
                reason = f"it stopped (exit code {engine.exit_code()})"
            elif (
                suspect is not None
                and suspect[0] is engine
                and not engine.answers(self.HEALTH_WITHIN)
            ):
                reason = f"it failed a health check after {suspect[1]}"
            if reason is not None:
                self._replace(engine, reason)

    def _replace(self, old: OxigraphServer, reason: str) -> None:
        try:
            fresh = self._new_engine()
        except ServeError as exc:
            self.log(f"the SPARQL engine could not be restarted ({reason}): {exc}")
            with self._lock:
                if self._condemned is None:
                    self._condemned = (old, reason)  # try again at the next tick
            return
        with self._changed:
            if self._stopping:
                fresh.stop()
                return
            self._engine = fresh
            self.restarts += 1
            count = self.restarts
            self._changed.notify_all()
        old.kill()
        self.log(
            f"restarted the SPARQL engine: {reason} (pid {old.pid} -> {fresh.pid}, restart {count})"
        )
