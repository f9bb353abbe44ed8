"""Reason stage: run an OWL reasoner (HermiT or Pellet, through owlready2) over the graph.

The reasoner (a Java program) checks consistency, classifies the classes and realises the
individuals. What comes back is turned into the entailments a knowledge engineer asks about,
all between named individuals and named classes, sorted so that every run gives the same
answer: the class memberships and property values that the graph does not assert.

An inconsistent graph raises :class:`InconsistentOntologyError` (exit code 1) with an
explanation: which individual, which of its types and where each comes from, and which
disjointness or datatype axiom they break. A missing Java, a reasoner crash or a time-out raise
:class:`medgraph.errors.ReasonerUnavailable` (exit code 5) with a one-line message.

The stage is split by what each part needs to know:

* :mod:`~medgraph.reason.java`: finding Java, sizing its heap, its failures in one line;
* :mod:`~medgraph.reason.runner`: handing the graph to owlready2 and the reasoner, safely;
* :mod:`~medgraph.reason.vocab`: reading OWL terms, hierarchies and lists out of a graph;
* :mod:`~medgraph.reason.entailments`: from the reasoner's triples to what it entails;
* :mod:`~medgraph.reason.modules`: the graph as the ontology and one module per condition;
* :mod:`~medgraph.reason.modular`: the ontology once, then the modules (by condition);
* :mod:`~medgraph.reason.batch`: HermiT's command line over many modules in two processes;
* :mod:`~medgraph.reason.values`: whether HermiT must list property values for a graph;
* :mod:`~medgraph.reason.explain`: why a graph is inconsistent or a class unsatisfiable;
* :mod:`~medgraph.reason.words`: labels and CURIEs for the nodes it names;
* :mod:`~medgraph.reason.api`: :func:`reason_graph` and the result, putting the above together;
* :mod:`~medgraph.reason.report`: the result in words, as ``medgraph reason`` prints it.

This module only re-exports the public names, so ``from medgraph.reason import ...`` keeps
working.
"""

from __future__ import annotations

from medgraph.reason.api import (
    ReasoningResult,
    inferred_turtle,
    reason_for_release,
    reason_graph,
)
from medgraph.reason.entailments import Membership, PropertyAssertion
from medgraph.reason.explain import Explanation, InconsistentOntologyError, explain_inconsistency
from medgraph.reason.java import default_java_memory_mb, find_java, parse_java_memory
from medgraph.reason.report import render_text
from medgraph.reason.runner import DEFAULT_TIMEOUT_SECONDS, REASONERS

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "REASONERS",
    "Explanation",
    "InconsistentOntologyError",
    "Membership",
    "PropertyAssertion",
    "ReasoningResult",
    "default_java_memory_mb",
    "explain_inconsistency",
    "find_java",
    "inferred_turtle",
    "parse_java_memory",
    "reason_for_release",
    "reason_graph",
    "render_text",
]
