"""The OWL vocabulary as medgraph reads it out of an rdflib graph.

Both the entailments (what the reasoner adds) and the explanations (why a graph cannot hold)
need to tell a graph's own classes, properties and individuals apart from the OWL and RDF terms
that only say what kind of term a node is, and to walk hierarchies and RDF lists. These small
readers live here so that those two modules share them without depending on each other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TypeGuard

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

__all__ = [
    "META_CLASSES",
    "OBJECT_PROPERTY_TYPES",
    "SCHEMA_PREDICATES",
    "W3C_NAMESPACES",
    "closure",
    "named",
    "property_kinds",
    "rdf_list",
]

# Classes that say what kind of OWL term a node is, not what it is about.
META_CLASSES = frozenset(
    {
        OWL.Class,
        OWL.Restriction,
        OWL.Ontology,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
        OWL.TransitiveProperty,
        OWL.SymmetricProperty,
        OWL.AsymmetricProperty,
        OWL.ReflexiveProperty,
        OWL.IrreflexiveProperty,
        OWL.AllDisjointClasses,
        OWL.AllDisjointProperties,
        OWL.AllDifferent,
        OWL.NamedIndividual,
        OWL.Thing,
        OWL.Nothing,
        OWL.DeprecatedClass,
        OWL.DeprecatedProperty,
        OWL.NegativePropertyAssertion,
        OWL.Axiom,
        RDF.Property,
        RDF.List,
        RDFS.Class,
        RDFS.Datatype,
    }
)
# Predicates of axioms, not of facts about individuals: never reported as property values.
SCHEMA_PREDICATES = frozenset(
    {
        RDF.type,
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.inverseOf,
        OWL.disjointWith,
        OWL.sameAs,
        OWL.differentFrom,
    }
)
# Types that make a property an object property (its values are individuals, not literals).
OBJECT_PROPERTY_TYPES = frozenset(
    {
        OWL.ObjectProperty,
        OWL.TransitiveProperty,
        OWL.SymmetricProperty,
        OWL.AsymmetricProperty,
        OWL.ReflexiveProperty,
        OWL.IrreflexiveProperty,
        OWL.InverseFunctionalProperty,
    }
)
# Classes in these namespaces are never reported as what an individual belongs to.
W3C_NAMESPACES = (str(OWL), str(RDFS), str(RDF))


def named(node: Node | None) -> TypeGuard[URIRef]:
    """True for an IRI: a class, property or individual with a name (not a blank node or a
    literal), which is all the entailments and explanations talk about."""
    return isinstance(node, URIRef)


def closure(start: Iterable[URIRef], edges: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    """``start`` and everything reachable from it along ``edges`` (e.g. all superclasses),
    breadth first, so that cycles (equivalent classes) end."""
    seen = set(start)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for parent in edges.get(node, ()):
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return seen


def rdf_list(graph: Graph, head: Node | None) -> list[Node]:
    """The members of the RDF list at ``head`` (owl:intersectionOf, owl:members, ...); empty
    when the axiom has none, so callers need not check."""
    if head is None:
        return []
    return list(Collection(graph, head))


def property_kinds(graph: Graph) -> tuple[set[URIRef], set[URIRef]]:
    """The object properties and the data properties that ``graph`` declares: only their
    values are facts about individuals. A property declared both ways counts as an object
    property."""
    objects: set[URIRef] = set()
    data: set[URIRef] = set()
    for prop, kind in graph.subject_objects(RDF.type):
        if not named(prop):
            continue
        if kind in OBJECT_PROPERTY_TYPES:
            objects.add(prop)
        elif kind == OWL.DatatypeProperty:
            data.add(prop)
    return objects, data - objects
