"""The reasoning API: run a reasoner over a graph and get back what it entails, in words.

:func:`reason_graph` puts the parts together: it checks the options, finds Java, runs the
reasoner (:mod:`~medgraph.reason.runner`), turns its answer into entailments
(:mod:`~medgraph.reason.entailments`), explains an inconsistency or an unsatisfiable class
(:mod:`~medgraph.reason.explain`) and names every node it mentions
(:mod:`~medgraph.reason.words`). A release calls :func:`reason_for_release`, which also refuses
a class that can have no members; :func:`inferred_turtle` writes the inferred triples as a file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from medgraph.errors import InputError
from medgraph.namespaces import bind_prefixes
from medgraph.reason.entailments import (
    Membership,
    PropertyAssertion,
    entailed_assertions,
    entailed_memberships,
    inferred_subsumptions,
    unsatisfiable_classes,
)
from medgraph.reason.explain import (
    Explanation,
    InconsistentOntologyError,
    explain_classes,
    explain_inconsistency,
)
from medgraph.reason.java import find_java, parse_java_memory
from medgraph.reason.modular import InconsistentPart, reason_by_condition
from medgraph.reason.modules import conditions_in
from medgraph.reason.runner import (
    DEFAULT_TIMEOUT_SECONDS,
    REASONER_NAMES,
    REASONERS,
    Inconsistent,
    run_owlready,
)
from medgraph.reason.words import words_for

__all__ = ["ReasoningResult", "inferred_turtle", "reason_for_release", "reason_graph"]


@dataclass
class ReasoningResult:
    """What the reasoner entails beyond the asserted graph."""

    reasoner: str
    seconds: float
    asserted_triples: int
    memberships: list[Membership]
    assertions: list[PropertyAssertion]
    subsumptions: list[tuple[URIRef, URIRef]]
    """Named class pairs (sub, super) that the reasoner found and the ontology does not state."""
    unsatisfiable: list[URIRef]
    explanations: list[Explanation]
    """Why each unsatisfiable class can have no members (empty when there are none)."""
    labels: dict[Node, str] = field(default_factory=dict, repr=False)
    modules: int = 0
    """How many modules the data was reasoned in, condition by condition (0: the whole graph in
    one run)."""
    curies: dict[Node, str] = field(default_factory=dict, repr=False)

    @property
    def consistent(self) -> bool:
        """Always true: an inconsistent graph raises :class:`InconsistentOntologyError`."""
        return True

    @property
    def satisfiable(self) -> bool:
        return not self.unsatisfiable

    def inferred_graph(self) -> Graph:
        """The inferred triples (memberships and property assertions), nothing asserted."""
        graph = bind_prefixes(Graph())
        for membership in self.memberships:
            graph.add((membership.individual, RDF.type, membership.cls))
        for assertion in self.assertions:
            graph.add((assertion.subject, assertion.predicate, assertion.object))
        return graph

    def label(self, node: Node) -> str:
        return self.labels.get(node) or self.curie(node)

    def curie(self, node: Node) -> str:
        return self.curies.get(node) or str(node)


def reason_graph(
    graph: Graph,
    *,
    reasoner: str = "hermit",
    java: str | Path | None = None,
    java_memory: str | int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    modular: bool | None = None,
) -> ReasoningResult:
    """Run ``reasoner`` over ``graph`` (ontology and data) and return what it entails.

    ``modular``: reason over the ontology once and then condition by condition
    (:mod:`~medgraph.reason.modular`; the same answer, in much less time on a graph of many
    conditions) or, when false, over the whole graph in one run. By default (``None``) the
    graph is reasoned condition by condition when it holds more than one condition.

    Raises :class:`InconsistentOntologyError` when the graph is inconsistent (with
    explanations), :class:`ReasonerUnavailable` when Java is missing, the reasoner fails or
    it runs longer than ``timeout`` seconds (``None`` or 0: no limit), and
    :class:`medgraph.errors.InputError` for a bad ``java_memory`` or a graph owlready2
    cannot read as OWL.
    """
    if reasoner not in REASONERS:
        raise InputError(f"unknown reasoner {reasoner!r}; use one of: {', '.join(REASONERS)}")
    memory_mb = parse_java_memory(java_memory)
    java_exe = find_java(java)
    if modular is None:
        modular = len(conditions_in(graph)) > 1
    started = time.perf_counter()
    modules = 0
    try:
        if modular:
            reasoned, modules = reason_by_condition(
                graph, reasoner, java_exe, memory_mb, timeout or None
            )
        else:
            reasoned = run_owlready(graph, reasoner, java_exe, memory_mb, timeout or None)
    except (Inconsistent, InconsistentPart) as exc:
        # By condition, only the part that is inconsistent is searched for the cause.
        explanations = explain_inconsistency(
            exc.graph if isinstance(exc, InconsistentPart) else graph
        )
        name = REASONER_NAMES[reasoner]
        if explanations:
            message = f"the graph is inconsistent ({name}); the cause:"
        else:
            message = (
                f"the graph is inconsistent ({name}), and medgraph could not trace the cause to "
                "disjoint classes, a value outside a property's range, or a functional property "
                "with several values; check recent changes to the ontology and the data"
            )
        raise InconsistentOntologyError(message, explanations) from None
    seconds = time.perf_counter() - started
    memberships = entailed_memberships(graph, reasoned)
    assertions = entailed_assertions(graph, reasoned)
    subsumptions = inferred_subsumptions(graph, reasoned)
    unsatisfiable = unsatisfiable_classes(reasoned)
    nodes: set[Node] = set()
    for m in memberships:
        nodes.update((m.individual, m.cls))
    for a in assertions:
        nodes.update((a.subject, a.predicate, a.object))
    for sub, sup in subsumptions:
        nodes.update((sub, sup))
    nodes.update(unsatisfiable)
    labels, curies = words_for(graph, nodes)
    return ReasoningResult(
        reasoner=REASONER_NAMES[reasoner],
        seconds=seconds,
        asserted_triples=len(graph),
        memberships=memberships,
        assertions=assertions,
        subsumptions=subsumptions,
        unsatisfiable=unsatisfiable,
        explanations=explain_classes(graph, unsatisfiable),
        labels=labels,
        curies=curies,
        modules=modules,
    )


def reason_for_release(
    graph: Graph,
    *,
    reasoner: str = "hermit",
    java: str | Path | None = None,
    java_memory: str | int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    modular: bool | None = None,
) -> tuple[ReasoningResult, Graph]:
    """Reason over ``graph`` for a release (the options are :func:`reason_graph`'s): the result
    and its inferred triples, or :class:`InconsistentOntologyError` when the graph is
    inconsistent or a class is unsatisfiable (a release never ships either)."""
    result = reason_graph(
        graph,
        reasoner=reasoner,
        java=java,
        java_memory=java_memory,
        timeout=timeout,
        modular=modular,
    )
    if result.unsatisfiable:
        raise InconsistentOntologyError(
            f"{len(result.unsatisfiable)} class(es) can have no members ({result.reasoner}):",
            result.explanations,
            result.unsatisfiable,
        )
    return result, result.inferred_graph()


def inferred_turtle(result: ReasoningResult) -> bytes:
    """The inferred triples as sorted, deterministic Turtle, with a header that says where they
    come from."""
    import owlready2

    from medgraph.release import serialize

    version = getattr(owlready2, "VERSION", "")
    header = (
        f"# Triples inferred by the OWL reasoner {result.reasoner} (owlready2 {version}) from the\n"
        "# asserted graph; no asserted triple is repeated here. Load them together with the\n"
        "# asserted graph, or on their own into a named graph.\n"
    )
    return header.encode("utf-8") + serialize(result.inferred_graph(), "ttl")
