"""Reading the shapes: the SPARQL-based constraints the fast path runs on Oxigraph, and the
rest, which the core engine runs (:mod:`.core`)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Identifier, Node

__all__ = ["SparqlConstraint", "core_shapes", "sparql_constraints"]


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint of a node shape, ready to run over all focus nodes."""

    shape: Node
    constraint: Node
    select: str
    prefixes: dict[str, str]
    messages: tuple[Node, ...]
    shape_messages: tuple[Node, ...]
    severity: Node
    targets: tuple[tuple[URIRef, Node], ...]  # (target predicate, object)


def _declared_prefixes(shapes: Graph, constraint: Node) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    for holder in shapes.objects(constraint, SH.prefixes):
        for ontology in [holder, *shapes.objects(holder, OWL.imports)]:
            for declaration in shapes.objects(ontology, SH.declare):
                prefix = shapes.value(declaration, SH.prefix)
                namespace = shapes.value(declaration, SH.namespace)
                if prefix is not None and namespace is not None:
                    prefixes[str(prefix)] = str(namespace)
    return prefixes


def _is_active(shapes: Graph, node: Node) -> bool:
    return not any(bool(getattr(v, "value", False)) for v in shapes.objects(node, SH.deactivated))


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _targets(shapes: Graph, shape: Node) -> tuple[tuple[URIRef, Node], ...]:
    found: list[tuple[URIRef, Identifier]] = [
        (kind, obj)
        for kind in _TARGETS
        for obj in shapes.objects(shape, kind)
        if isinstance(obj, Identifier)
    ]
    if isinstance(shape, Identifier) and (
        (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes
    ):
        found.append((SH.targetClass, shape))  # an implicit class target
    return tuple(sorted(found))


def sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
    """Every active ``sh:sparql`` constraint of the shapes, in a stable order."""
    found = []
    pairs = [
        (shape, constraint)
        for shape, constraint in shapes.subject_objects(SH.sparql)
        if isinstance(shape, Identifier) and isinstance(constraint, Identifier)
    ]
    for shape, constraint in sorted(pairs):
        if not (_is_active(shapes, shape) and _is_active(shapes, constraint)):
            continue
        messages = [m for m in shapes.objects(constraint, SH.message) if isinstance(m, Identifier)]
        found.append(
            SparqlConstraint(
                shape=shape,
                constraint=constraint,
                select=str(shapes.value(constraint, SH.select)),
                prefixes=_declared_prefixes(shapes, constraint),
                messages=tuple(sorted(messages)),
                shape_messages=tuple(shapes.objects(shape, SH.message)),
                severity=shapes.value(shape, SH.severity) or SH.Violation,
                targets=_targets(shapes, shape),
            )
        )
    return found


def core_shapes(shapes: Graph) -> Graph:
    """The shapes without their SPARQL-based constraints: what the core engine runs."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core
