"""Reasoning condition by condition: the ontology once, then each condition's module.

A whole-graph run makes HermiT test every individual against all the data it is connected to
(and, with owlready2's flags, classify the class and property hierarchies with all the data
present), which grows much faster than the graph: 10,000 triples took tens of seconds, 100,000
did not finish in minutes. Here the graph is split (:mod:`~medgraph.reason.modules`), the
ontology is classified once through owlready2 (the class and property hierarchies, the
unsatisfiable classes), and the modules are realised by HermiT's command line
(:mod:`~medgraph.reason.batch`) in two Java processes at the same time, while the ontology run
goes on. What comes back has the shape of a whole-graph run's answer, so the same code turns it
into entailments. The graph is consistent when the ontology and every module are; otherwise the
part that is not is handed back, for an explanation of that part.

With Pellet, the ontology and each module are reasoned through owlready2 one after the other.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.term import Node

from medgraph.errors import ReasonerUnavailable
from medgraph.reason.batch import (
    ModuleInconsistent,
    Running,
    collect,
    default_processes,
    spread,
    start,
    stop,
)
from medgraph.reason.modules import Split, split_graph
from medgraph.reason.runner import REASONER_NAMES, Inconsistent, run_owlready, timed_out
from medgraph.reason.values import property_values_needed

__all__ = ["InconsistentPart", "reason_by_condition"]


class InconsistentPart(Exception):
    """The ontology, or one condition's module, is inconsistent: ``graph`` is that part (the
    ontology with the module's data), for the explanation."""

    def __init__(self, graph: Graph) -> None:
        super().__init__()
        self.graph = graph


def _quote(literal: Literal) -> str:
    text = (
        str(literal)
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace('"', '\\"')
        .replace("\r", "\\r")
    )
    if literal.language:
        return f'"{text}"@{literal.language}'
    if literal.datatype:
        return f'"{text}"^^<{literal.datatype}>'
    return f'"{text}"'


def _line(triple: tuple[Node, Node, Node]) -> str:
    s, p, o = triple
    value = _quote(o) if isinstance(o, Literal) else o.n3()
    return f"{s.n3()} {p.n3()} {value} .\n"


def _graph(*parts: list[tuple[Node, Node, Node]]) -> Graph:
    graph = Graph()
    for part in parts:
        for triple in part:
            graph.add(triple)
    return graph


def reason_by_condition(
    graph: Graph,
    reasoner: str,
    java: str,
    memory_mb: int,
    timeout: float | None,
    processes: int | None = None,
) -> tuple[Graph, int]:
    """The reasoner's answer for ``graph``, reasoned module by module, and the number of
    modules. Raises :class:`InconsistentPart` with the part that is inconsistent, and what
    :func:`~medgraph.reason.runner.run_owlready` raises (a time-out as for the whole run)."""
    started = time.monotonic()

    def remaining() -> float | None:
        return None if timeout is None else max(0.001, timeout - (time.monotonic() - started))

    split = split_graph(graph)
    try:
        if reasoner == "hermit":
            reasoned = _hermit(graph, split, java, memory_mb, remaining, processes)
        else:
            reasoned = _one_by_one(split, reasoner, java, memory_mb, remaining)
    except ReasonerUnavailable:
        if timeout is not None and time.monotonic() - started >= timeout:
            raise ReasonerUnavailable(timed_out(REASONER_NAMES[reasoner], timeout)) from None
        raise
    return reasoned, len(split.modules)


def _hermit(
    graph: Graph,
    split: Split,
    java: str,
    memory_mb: int,
    remaining: Callable[[], float | None],
    processes: int | None,
) -> Graph:
    """The modules in HermiT's command line (started first), the ontology through owlready2
    while they run."""
    ontology = _graph(split.ontology, split.shared)
    with tempfile.TemporaryDirectory(prefix="medgraph-reason-") as folder:
        scratch = Path(folder)
        head = "".join(_line(t) for t in split.ontology + split.shared)
        files = []
        for number, module in enumerate(split.modules):
            path = scratch / f"module-{number}.nt"
            path.write_text(head + "".join(_line(t) for t in module.triples), "utf-8")
            files.append(path)
        sizes = [len(m.triples) for m in split.modules]
        values = property_values_needed(graph, split.axioms) is not None
        running: list[Running] = []
        try:
            for number, indexes in enumerate(spread(sizes, processes or default_processes())):
                running.append(start(files, indexes, java, memory_mb, scratch, number, values))
            try:
                reasoned = run_owlready(ontology, "hermit", java, memory_mb, remaining())
            except Inconsistent:
                raise InconsistentPart(ontology) from None
            reasoned += collect(running, java, memory_mb, remaining())
        except ModuleInconsistent as exc:
            module = split.modules[exc.index]
            raise InconsistentPart(_graph(split.ontology, split.shared, module.triples)) from None
        finally:
            stop(running)
    return reasoned


def _one_by_one(
    split: Split,
    reasoner: str,
    java: str,
    memory_mb: int,
    remaining: Callable[[], float | None],
) -> Graph:
    """The ontology and then each module through owlready2 (for Pellet, whose command line
    takes one file)."""
    parts = [_graph(split.ontology, split.shared)]
    parts.extend(_graph(split.ontology, split.shared, m.triples) for m in split.modules)
    reasoned = Graph()
    for part in parts:
        try:
            reasoned += run_owlready(part, reasoner, java, memory_mb, remaining())
        except Inconsistent:
            raise InconsistentPart(part) from None
    return reasoned
