"""HermiT's command line over many module files, in a few Java processes.

HermiT's command line reasons over each ontology it is given in turn, in one Java process, so
Java starts (and compiles HermiT's hot code) once for many modules instead of once per module.
Each module is realised (``-I``: the types of its individuals) and, where the completion
would not find them all, its property values listed (``-Y``); the class and property hierarchies come from the one run over the ontology, so they
are not classified again here. The modules are spread over up to two processes, which run at
the same time on a machine with two cores; their output goes to files (no pipe can fill up and
stall one process while the other is read).

HermiT stops at the first inconsistent ontology; with ``-v`` it names each file as it starts on
it, which tells which module was inconsistent.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from medgraph.errors import ReasonerUnavailable
from medgraph.reason.java import java_failure
from medgraph.reason.runner import timed_out

__all__ = [
    "ModuleInconsistent",
    "Running",
    "collect",
    "default_processes",
    "hermit_classpath",
    "spread",
    "start",
    "stop",
]

_TYPE = re.compile(r"^Type\( <([^>]+)> <([^>]+)> \)$", re.MULTILINE)
_VALUES = re.compile(r"^<([^>]+)> \(known instances:(.*?)\|\s*possible instances:", re.MULTILINE)
_PAIR = re.compile(r"\(<([^>]+)>, <([^>]+)>\)")
_STARTED = re.compile(r"^Processing file:", re.MULTILINE)


class ModuleInconsistent(Exception):
    """HermiT found the module at ``index`` (in the list it was given) inconsistent."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


def hermit_classpath() -> str:
    """The class path of the HermiT that owlready2 ships."""
    import owlready2.reasoning

    return str(owlready2.reasoning._HERMIT_CLASSPATH)


def spread(sizes: list[int], processes: int) -> list[list[int]]:
    """Indexes of ``sizes`` in ``processes`` lists of about equal total size (largest first,
    each to the lightest list), each list in its original order."""
    lists: list[list[int]] = [[] for _ in range(max(1, min(processes, len(sizes))))]
    totals = [0] * len(lists)
    for index in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        lightest = totals.index(min(totals))
        lists[lightest].append(index)
        totals[lightest] += sizes[index]
    return [sorted(indexes) for indexes in lists if indexes]


@dataclass
class Running:
    """A Java process started by :func:`start`: the modules it reasons over, and where its
    output goes."""

    indexes: list[int]
    popen: subprocess.Popen[bytes]
    out: Path
    err: Path


def start(
    files: list[Path],
    indexes: list[int],
    java: str,
    memory_mb: int,
    scratch: Path,
    number: int,
    values: bool,
) -> Running:
    """Start one Java process that realises the modules ``files[i]`` for ``i`` in ``indexes``
    (and lists their property values when ``values``: :mod:`~medgraph.reason.values`)."""
    command = [
        java,
        f"-Xmx{memory_mb}M",
        "-cp",
        hermit_classpath(),
        "org.semanticweb.HermiT.cli.CommandLine",
        "-v",  # names each file as it starts on it, on stderr
        "-I",
        *(["-Y"] if values else []),
        "--ignoreUnsupportedDatatypes",
        *(files[i].resolve().as_uri() for i in indexes),
    ]
    out, err = scratch / f"hermit-{number}.out", scratch / f"hermit-{number}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        try:
            popen = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        except (FileNotFoundError, PermissionError) as exc:
            raise ReasonerUnavailable(f"cannot run Java ({java}): {exc.strerror}") from None
    return Running(indexes, popen, out, err)


def collect(running: list[Running], java: str, memory_mb: int, timeout: float | None) -> Graph:
    """Wait for the processes of :func:`start` (all of them within ``timeout`` seconds of
    now) and read what they found; stop the others when one fails."""
    deadline = None if timeout is None else time.monotonic() + timeout
    found = Graph()
    try:
        for process in running:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                code = process.popen.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                raise ReasonerUnavailable(timed_out("HermiT", timeout or 0)) from None
            output = process.out.read_text("utf-8", errors="replace")
            if code != 0:
                errors = process.err.read_text("utf-8", errors="replace")
                started = _STARTED.findall(errors)
                if "InconsistentOntologyException" in errors and started:
                    raise ModuleInconsistent(process.indexes[len(started) - 1])
                raise java_failure(errors or output, "HermiT", java, memory_mb)
            _read(output, found)
    finally:
        stop(running)
    return found


def stop(running: list[Running]) -> None:
    """Stop the processes that are still running."""
    for process in running:
        if process.popen.poll() is None:
            process.popen.kill()
            process.popen.wait()


def _read(output: str, into: Graph) -> None:
    """HermiT's types (``Type( <individual> <class> )``) and property values (``<property>
    (known instances: (<a>, <b>)...``) as triples; anything else it prints is left out."""
    for individual, cls in _TYPE.findall(output):
        into.add((URIRef(individual), RDF.type, URIRef(cls)))
    for prop, known in _VALUES.findall(output):
        predicate = URIRef(prop)
        for subject, value in _PAIR.findall(known):
            into.add((URIRef(subject), predicate, URIRef(value)))


def default_processes() -> int:
    """Two Java processes where there are two cores or more, else one."""
    return max(1, min(2, os.cpu_count() or 1))
