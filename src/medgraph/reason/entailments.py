"""From the reasoner's answer to the entailments a knowledge engineer asks about.

The reasoner returns raw triples: the types and property values it found, and the class
hierarchy it computed. Here they become the entailments, all between named individuals and
named classes, sorted so that every run gives the same answer, and without anything the graph
already asserts:

* class memberships: every named class an individual belongs to, through the classified
  hierarchy and the defined classes;
* property assertions: every object or data property value entailed through sub-properties,
  inverses, symmetric and transitive properties. HermiT's command line prints only the "known"
  values of each property (not those of its super-properties), so these are completed from the
  reasoner's property hierarchy, which is exactly what OWL's semantics entails for those axioms;
* subclass relations the reasoner found that the ontology does not state, and the classes that
  can have no members.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from medgraph.reason.vocab import (
    META_CLASSES,
    SCHEMA_PREDICATES,
    W3C_NAMESPACES,
    closure,
    named,
    property_kinds,
    rdf_list,
)

__all__ = [
    "Membership",
    "PropertyAssertion",
    "class_edges",
    "entailed_assertions",
    "entailed_memberships",
    "inferred_subsumptions",
    "unsatisfiable_classes",
]


@dataclass(frozen=True, order=True)
class Membership:
    """An individual that belongs to a class, entailed but not asserted."""

    individual: URIRef
    cls: URIRef
    from_hierarchy: bool = field(compare=False, default=True)
    """True when the asserted class hierarchy alone gives it (RDFS would find it too); False
    when it needs the OWL axioms: a defined class, a domain or range, a union."""


@dataclass(frozen=True, order=True)
class PropertyAssertion:
    """A property value entailed but not asserted."""

    subject: URIRef
    predicate: URIRef
    object: Node


def class_edges(*graphs: Graph) -> dict[URIRef, set[URIRef]]:
    """Named class -> named superclasses (subClassOf, equivalentClass both ways, and the named
    members of an equivalent intersection)."""
    edges: dict[URIRef, set[URIRef]] = defaultdict(set)
    for graph in graphs:
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            if named(sub) and named(sup):
                edges[sub].add(sup)
        for first, second in graph.subject_objects(OWL.equivalentClass):
            if named(first) and named(second):
                edges[first].add(second)
                edges[second].add(first)
            elif named(first) and isinstance(second, BNode):
                for member in rdf_list(graph, graph.value(second, OWL.intersectionOf)):
                    if named(member):
                        edges[first].add(member)
    return edges


def _individuals_and_types(*graphs: Graph) -> dict[URIRef, set[URIRef]]:
    """Named individual -> its named classes in ``graphs``, leaving out the OWL and RDF
    classes that only say what kind of term a node is."""
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for graph in graphs:
        for individual, cls in graph.subject_objects(RDF.type):
            if (
                named(individual)
                and named(cls)
                and cls not in META_CLASSES
                and not str(cls).startswith(W3C_NAMESPACES)
            ):
                types[individual].add(cls)
    return types


def entailed_memberships(asserted: Graph, reasoned: Graph) -> list[Membership]:
    """Every named class each individual belongs to through the reasoner's types and the
    whole class hierarchy, less its asserted types; each marked with whether the asserted
    hierarchy alone gives it, so the report can set apart what only OWL finds."""
    all_edges = class_edges(asserted, reasoned)
    told_edges = class_edges(asserted)
    asserted_types = _individuals_and_types(asserted)
    reasoned_types = _individuals_and_types(reasoned)
    memberships = []
    for individual in set(asserted_types) | set(reasoned_types):
        told = asserted_types.get(individual, set())
        entailed = closure(told | reasoned_types.get(individual, set()), all_edges)
        from_hierarchy = closure(told, told_edges)
        for cls in entailed - told:
            if cls in META_CLASSES or str(cls).startswith(W3C_NAMESPACES):
                continue
            memberships.append(Membership(individual, cls, cls in from_hierarchy))
    return sorted(memberships)


def entailed_assertions(asserted: Graph, reasoned: Graph) -> list[PropertyAssertion]:
    """Close the asserted and reasoned property values under sub-properties, equivalent and
    inverse properties, symmetry and transitivity."""
    object_props, data_props = property_kinds(asserted)
    properties = object_props | data_props
    supers: dict[URIRef, set[URIRef]] = defaultdict(set)
    inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
    for graph in (asserted, reasoned):
        for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
            if named(sub) and sub in properties and named(sup):
                supers[sub].add(sup)
        for first, second in graph.subject_objects(OWL.equivalentProperty):
            if named(first) and first in properties and named(second):
                supers[first].add(second)
            if named(second) and second in properties and named(first):
                supers[second].add(first)
        for first, second in graph.subject_objects(OWL.inverseOf):
            if named(first) and named(second):
                inverses[first].add(second)
                inverses[second].add(first)
    symmetric = set(asserted.subjects(RDF.type, OWL.SymmetricProperty))
    transitive = set(asserted.subjects(RDF.type, OWL.TransitiveProperty))

    facts: set[tuple[URIRef, URIRef, Node]] = set()
    for graph in (asserted, reasoned):
        for s, p, o in graph:
            if not (named(s) and named(p)) or p in SCHEMA_PREDICATES:
                continue
            is_value = (
                (p in object_props and named(o))
                or (p in data_props and isinstance(o, Literal))
                or (graph is reasoned and named(o))  # what the reasoner found
            )
            if is_value:
                facts.add((s, p, o))

    queue = deque(facts)
    objects_of: dict[tuple[Node, URIRef], set[Node]] = defaultdict(set)
    subjects_of: dict[tuple[Node, URIRef], set[URIRef]] = defaultdict(set)
    for s, p, o in facts:
        objects_of[(s, p)].add(o)
        subjects_of[(o, p)].add(s)

    def add(triple: tuple[URIRef, URIRef, Node]) -> None:
        if triple not in facts:
            facts.add(triple)
            objects_of[(triple[0], triple[1])].add(triple[2])
            subjects_of[(triple[2], triple[1])].add(triple[0])
            queue.append(triple)

    while queue:
        s, p, o = queue.popleft()
        for sup in supers.get(p, ()):
            add((s, sup, o))
        if not named(o):
            continue
        for inverse in inverses.get(p, ()):
            add((o, inverse, s))
        if p in symmetric:
            add((o, p, s))
        if p in transitive:
            for further in list(objects_of.get((o, p), ())):
                add((s, p, further))
            for earlier in list(subjects_of.get((s, p), ())):
                add((earlier, p, o))
    return sorted(PropertyAssertion(s, p, o) for s, p, o in facts if (s, p, o) not in asserted)


def inferred_subsumptions(asserted: Graph, reasoned: Graph) -> list[tuple[URIRef, URIRef]]:
    """Named (sub, super) class pairs the reasoner found that the asserted hierarchy does not
    already give (owl:Thing left out: every class is under it)."""
    told = class_edges(asserted)
    found = []
    for sub, sup in reasoned.subject_objects(RDFS.subClassOf):
        if named(sub) and named(sup) and sup != OWL.Thing and sup not in closure([sub], told):
            found.append((sub, sup))
    return sorted(found)


def unsatisfiable_classes(reasoned: Graph) -> list[URIRef]:
    """The named classes the reasoner made equivalent to owl:Nothing: they can have no members,
    which a consistent graph still must not ship."""
    return sorted(cls for cls in reasoned.subjects(OWL.equivalentClass, OWL.Nothing) if named(cls))
