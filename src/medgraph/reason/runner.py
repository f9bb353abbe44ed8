"""Running HermiT or Pellet through owlready2, and nothing else.

The graph (ontology and data) is handed to owlready2 as N-Triples, with ``owl:imports`` and
ontology headers removed so that nothing is ever fetched. owlready2 keeps its quadstore and the
file it writes for the reasoner in a temporary folder that is removed afterwards, even on a
time-out. The reasoner checks consistency, classifies the classes and realises the individuals;
what it returns is a graph of raw inferred triples, which :mod:`medgraph.reason.entailments`
turns into answers. owlready2's Java settings are module-wide, so one run at a time holds a lock
while it changes them.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from medgraph.errors import InputError, ReasonerUnavailable
from medgraph.reason.java import java_failure

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "REASONERS",
    "REASONER_NAMES",
    "Inconsistent",
    "run_owlready",
    "timed_out",
]

REASONERS = ("hermit", "pellet")
"""Reasoners that owlready2 ships, by the name ``--reasoner`` takes."""

REASONER_NAMES = {"hermit": "HermiT", "pellet": "Pellet"}
"""The same reasoners as their authors spell them, for messages and reports."""

DEFAULT_TIMEOUT_SECONDS = 600.0
"""How long the reasoner may run before it is stopped (the shipped graph needs seconds)."""

_INPUT_ONTOLOGY = "urn:medgraph:reasoning:input#"
_INFERRED_ONTOLOGY = "urn:medgraph:reasoning:inferred#"
_OWLREADY_LOCK = threading.Lock()  # owlready2's Java settings are module-wide


def timed_out(name: str, timeout: float) -> str:
    """The message for a reasoner stopped after ``timeout`` seconds."""
    return (
        f"{name} did not finish within {timeout:g} s and was stopped; allow more time with "
        "--timeout (0 for no limit), or reason over a smaller graph"
    )


class Inconsistent(Exception):
    """The reasoner said the graph is inconsistent; the caller explains why, from the graph."""


def _prepare_input(graph: Graph) -> bytes:
    """N-Triples for owlready2, without ``owl:imports`` (never followed) and without ontology
    headers (their annotations are not reasoned over, and a header would rename owlready2's
    ontology)."""
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    prepared = Graph()
    for s, p, o in graph:
        if p == OWL.imports or s in headers:
            continue
        prepared.add((s, p, o))
    return prepared.serialize(format="nt", encoding="utf-8")


@contextlib.contextmanager
def _scratch_folder() -> Iterator[Path]:
    """A private temporary folder for owlready2's quadstore and the file it hands the
    reasoner; owlready2 asks :mod:`tempfile` for the latter, so the default folder is pointed
    here while the reasoner runs, and everything is removed afterwards, even on a time-out."""
    with tempfile.TemporaryDirectory(prefix="medgraph-reason-") as folder:
        saved = tempfile.tempdir
        tempfile.tempdir = folder
        try:
            yield Path(folder)
        finally:
            tempfile.tempdir = saved


@contextlib.contextmanager
def _owlready_settings(java: str, memory_mb: int, timeout: float | None) -> Iterator[None]:
    """Set owlready2's Java executable, heap size and subprocess time-out for one run."""
    import owlready2
    import owlready2.reasoning

    kargs = getattr(owlready2.reasoning, "_subprocess_kargs", None)
    saved = (owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY, dict(kargs or {}))
    owlready2.JAVA_EXE = java
    owlready2.reasoning.JAVA_MEMORY = memory_mb
    if kargs is not None and timeout:
        # owlready2 passes these keyword arguments to subprocess.run / check_output, which stop
        # the Java process when the time-out expires.
        kargs["timeout"] = timeout
    try:
        yield
    finally:
        owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY = saved[0], saved[1]
        if kargs is not None:
            kargs.clear()
            kargs.update(saved[2])


def run_owlready(
    graph: Graph, reasoner: str, java: str, memory_mb: int, timeout: float | None
) -> Graph:
    """Run the reasoner through owlready2; return the triples it inferred (or raise)."""
    import owlready2

    data = _prepare_input(graph)
    name = REASONER_NAMES[reasoner]
    with _OWLREADY_LOCK, _scratch_folder() as scratch:
        world = owlready2.World(filename=str(scratch / "quadstore.sqlite3"))
        try:
            try:
                world.get_ontology(_INPUT_ONTOLOGY).load(
                    fileobj=io.BytesIO(data), format="ntriples"
                )
            except Exception as exc:  # noqa: BLE001 - owlready2 raises many kinds on bad OWL
                raise InputError(f"owlready2 cannot read the graph as OWL: {exc}") from None
            inferred = world.get_ontology(_INFERRED_ONTOLOGY)
            sink = io.StringIO()
            try:
                with (
                    _owlready_settings(java, memory_mb, timeout),
                    contextlib.redirect_stdout(sink),
                    contextlib.redirect_stderr(sink),
                ):
                    if reasoner == "hermit":
                        owlready2.sync_reasoner_hermit(
                            inferred,
                            infer_property_values=True,
                            debug=0,
                            ignore_unsupported_datatypes=True,
                        )
                    else:
                        owlready2.sync_reasoner_pellet(
                            inferred, infer_property_values=True, debug=0
                        )
            except owlready2.OwlReadyInconsistentOntologyError:
                raise Inconsistent() from None
            except owlready2.OwlReadyJavaError as exc:
                raise java_failure(str(exc), name, java, memory_mb) from None
            except subprocess.TimeoutExpired:
                raise ReasonerUnavailable(timed_out(name, timeout or 0)) from None
            except (FileNotFoundError, PermissionError) as exc:
                raise ReasonerUnavailable(f"cannot run Java ({java}): {exc.strerror}") from None
            buffer = io.BytesIO()
            inferred.save(buffer, format="ntriples")
        finally:
            world.close()
    output = Graph()
    output.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    for header in list(output.subjects(RDF.type, OWL.Ontology)):
        output.remove((header, None, None))
    return output
