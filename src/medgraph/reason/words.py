"""Words for nodes: the label a person reads, and the CURIE that says which node it is.

The report, the explanations and :class:`~medgraph.reason.api.ReasoningResult` name classes,
properties and individuals the same way: the English preferred label where there is one, and
a CURIE with medgraph's prefixes (and the graph's own) so that two nodes with one label stay
apart.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from medgraph.namespaces import bind_prefixes

__all__ = ["curie_maker", "preferred_labels", "words_for"]


def preferred_labels(graph: Graph) -> dict[Node, str]:
    """The English preferred label, else rdfs:label, of every node that has one."""
    labels: dict[Node, str] = {}
    for prop in (RDFS.label, SKOS.prefLabel):  # later wins: prefLabel over rdfs:label
        chosen: dict[Node, tuple[int, str]] = {}
        for node, value in graph.subject_objects(prop):
            if not isinstance(value, Literal):
                continue
            rank = 0 if value.language == "en" else 1 if value.language is None else 2
            if node not in chosen or (rank, str(value)) < chosen[node]:
                chosen[node] = (rank, str(value))
        labels.update({node: text for node, (_, text) in chosen.items()})
    return labels


def curie_maker(graph: Graph) -> Callable[[Node], str]:
    """A function that writes a node as a CURIE, with medgraph's prefixes and then the graph's
    own, or as ``<IRI>`` when no prefix fits; built once, as binding prefixes is not free."""
    manager = bind_prefixes(Graph()).namespace_manager
    for prefix, namespace in graph.namespaces():
        with contextlib.suppress(Exception):
            manager.bind(prefix, namespace, override=False)

    def curie(node: Node) -> str:
        if isinstance(node, URIRef):
            try:
                prefix, _, local = manager.compute_qname(str(node), generate=False)
            except Exception:  # noqa: BLE001 - no prefix for it, or not splittable
                return f"<{node}>"
            return f"{prefix}:{local}"
        return node.n3()

    return curie


def words_for(graph: Graph, nodes: Iterable[Node]) -> tuple[dict[Node, str], dict[Node, str]]:
    """The labels and the CURIEs of ``nodes`` only, so that a result carries the words it
    needs and not those of the whole graph."""
    labels = preferred_labels(graph)
    curie = curie_maker(graph)
    wanted = set(nodes)
    return (
        {node: labels[node] for node in wanted if node in labels},
        {node: curie(node) for node in wanted},
    )
