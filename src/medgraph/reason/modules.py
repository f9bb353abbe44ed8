"""Splitting a graph into the ontology and one module of data per condition.

A tableau reasoner's work on the individuals grows faster than their number (HermiT tests each
individual against the whole connected data), so a graph of many conditions is reasoned
condition by condition: the ontology (classes, properties, axioms) once, and each condition's
data with the ontology. This module decides what goes into each module, and only that.

* **The ontology** is every triple about a class, a property or an axiom (and the blank nodes
  of its class expressions and lists). The individuals it names in ``owl:oneOf`` (the statement
  aspects, the comparators) go with it into every module, and so do the other individuals it
  defines (``rdfs:isDefinedBy`` the ontology: the marker exception) when nothing points at
  them in a way a module could learn from.
* **A condition's module** is the condition and everything it reaches by following property
  values, without passing through another condition: its statements, entities, excerpts,
  references, and the shared nodes they point to (websites, journals, persons, codes, source
  kinds) with everything those reach. Nodes that reach a condition's own nodes without being
  reached from it (its claims) join it. Another condition that is reached is included with its
  types and its values of transitive properties only (enough for ranges, disjointness and
  transitivity). Data that reaches no condition forms one more module.
* **A node in several modules** is safe to copy only when no module can learn something about
  it that another needs. Every property value that points at it is checked against the
  ontology: the classes that the value implies for it (ranges, and domains of inverses) must
  follow from its asserted types, and the property must not be inverse-functional,
  functional from its side, symmetric, in a chain or disjoint with another property, nor have
  ``owl:allValuesFrom``, cardinality, ``owl:hasValue`` or ``owl:hasSelf`` restrictions (nor any
  restriction on its inverse, or on itself when the node is another condition). When a check
  fails, the modules that hold the node are merged; the worst case is the whole graph in one
  module, which is exact. With medgraph's ontology and data, no check fails.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from medgraph.reason.entailments import class_edges
from medgraph.reason.vocab import closure, named, property_kinds, rdf_list

__all__ = ["CONDITION", "Module", "PropertyAxioms", "Split", "conditions_in", "split_graph"]

CONDITION = URIRef("https://w3id.org/medgraph/ontology/Condition")
"""The class whose members each get a module."""

Triple = tuple[Node, Node, Node]

# Types that make their subject a term of the ontology rather than an individual.
_SCHEMA_TYPES = frozenset(
    {
        OWL.Class,
        RDFS.Class,
        OWL.Restriction,
        RDFS.Datatype,
        OWL.Ontology,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.OntologyProperty,
        RDF.Property,
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
        OWL.TransitiveProperty,
        OWL.SymmetricProperty,
        OWL.AsymmetricProperty,
        OWL.ReflexiveProperty,
        OWL.IrreflexiveProperty,
        OWL.AllDisjointClasses,
        OWL.AllDisjointProperties,
        OWL.DeprecatedClass,
        OWL.DeprecatedProperty,
        OWL.Axiom,
    }
)
# Predicates whose subject is a class or a property.
_SCHEMA_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.disjointWith,
        OWL.disjointUnionOf,
        OWL.inverseOf,
        OWL.propertyChainAxiom,
        OWL.propertyDisjointWith,
        OWL.hasKey,
        OWL.onProperty,
    }
)
# Property characteristics under which a value pointing at a shared node is not safe to cut.
_UNSAFE_TYPES = frozenset(
    {
        OWL.InverseFunctionalProperty,
        OWL.SymmetricProperty,
        OWL.AsymmetricProperty,
        OWL.ReflexiveProperty,
        OWL.IrreflexiveProperty,
    }
)


@dataclass
class Module:
    """The data reasoned in one run with the ontology: its conditions (none for the data that
    reaches no condition) and its triples."""

    conditions: tuple[URIRef, ...]
    triples: list[Triple] = field(repr=False)


@dataclass
class Split:
    """A graph as the ontology (reasoned once), the individuals every module needs, and the
    modules."""

    ontology: list[Triple] = field(repr=False)
    shared: list[Triple] = field(repr=False)
    """The triples about the individuals the ontology names (``owl:oneOf``), in every module."""
    modules: list[Module]
    axioms: PropertyAxioms = field(repr=False)
    """The ontology's property axioms, as read for the split."""


def _schema_terms(graph: Graph) -> set[Node]:
    """Classes, properties, axioms and the blank nodes of their expressions and lists."""
    terms: set[Node] = set()
    for s, p, o in graph:
        if (p == RDF.type and o in _SCHEMA_TYPES) or p in _SCHEMA_PREDICATES:
            terms.add(s)
    queue = deque(t for t in terms)
    while queue:
        node = queue.popleft()
        for o in graph.objects(node, None):
            if isinstance(o, BNode) and o not in terms:
                terms.add(o)
                queue.append(o)
    return terms


def conditions_in(graph: Graph) -> list[URIRef]:
    """The individuals asserted to be conditions (or of a subclass of condition), sorted."""
    edges = class_edges(graph)
    below = {cls for cls in _all_classes(graph) if CONDITION in closure([cls], edges)}
    below.add(CONDITION)
    return sorted({s for cls in below for s in graph.subjects(RDF.type, cls) if named(s)})


def _all_classes(graph: Graph) -> set[URIRef]:
    return {o for o in graph.objects(None, RDF.type) if named(o)}


class PropertyAxioms:
    """What the ontology says about each object property that matters for cutting a value."""

    def __init__(self, ontology: Graph) -> None:
        self.objects, _ = property_kinds(ontology)
        self.ontology = ontology
        edges: dict[URIRef, set[URIRef]] = defaultdict(set)
        for sub, sup in ontology.subject_objects(RDFS.subPropertyOf):
            if named(sub) and named(sup):
                edges[sub].add(sup)
        for first, second in ontology.subject_objects(OWL.equivalentProperty):
            if named(first) and named(second):
                edges[first].add(second)
                edges[second].add(first)
        self.edges = edges
        self.inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
        for first, second in ontology.subject_objects(OWL.inverseOf):
            if named(first) and named(second):
                self.inverses[first].add(second)
                self.inverses[second].add(first)
        self.typed: dict[URIRef, set[URIRef]] = defaultdict(set)
        for prop, kind in ontology.subject_objects(RDF.type):
            if named(prop) and named(kind):
                self.typed[prop].add(kind)
        # Restrictions: on a property (which kinds), and on an anonymous inverse of it.
        self.restricted: dict[URIRef, set[Node]] = defaultdict(set)
        self.inverse_restricted: set[URIRef] = set()
        for restriction, prop in ontology.subject_objects(OWL.onProperty):
            kinds = {p for p, _ in ontology.predicate_objects(restriction)} - {
                RDF.type,
                OWL.onProperty,
                OWL.onClass,
                OWL.onDataRange,
            }
            if named(prop):
                self.restricted[prop].update(kinds)
            else:
                inverse = ontology.value(prop, OWL.inverseOf)
                if named(inverse):
                    self.inverse_restricted.add(inverse)
        self.unsafe_alone: set[URIRef] = set()
        for chain_owner, head in ontology.subject_objects(OWL.propertyChainAxiom):
            for member in [chain_owner, *rdf_list(ontology, head)]:
                if named(member):
                    self.unsafe_alone.add(member)
        for first, second in ontology.subject_objects(OWL.propertyDisjointWith):
            self.unsafe_alone.update(p for p in (first, second) if named(p))
        for axiom in ontology.subjects(RDF.type, OWL.AllDisjointProperties):
            listed = rdf_list(ontology, ontology.value(axiom, OWL.members))
            self.unsafe_alone.update(p for p in listed if named(p))

        self._transitive: dict[URIRef, bool] = {}
        self._implied: dict[URIRef, list[Node]] = {}
        self._safe: dict[tuple[URIRef, bool], bool] = {}

    def supers(self, prop: URIRef) -> set[URIRef]:
        return closure([prop], self.edges)

    def seen_from_object(self, prop: URIRef) -> set[URIRef]:
        """The properties that hold from the object of a ``prop`` value back to its subject."""
        inverses = {inv for sup in self.supers(prop) for inv in self.inverses.get(sup, ())}
        return closure(inverses, self.edges)

    def transitive(self, prop: URIRef) -> bool:
        if prop not in self._transitive:
            self._transitive[prop] = self._is_transitive(prop)
        return self._transitive[prop]

    def _is_transitive(self, prop: URIRef) -> bool:
        related = self.supers(prop) | self.seen_from_object(prop)
        return any(OWL.TransitiveProperty in self.typed.get(p, ()) for p in related)

    def implied(self, prop: URIRef) -> list[Node]:
        """The class expressions a ``prop`` value implies for its object."""
        if prop in self._implied:
            return self._implied[prop]
        found: list[Node] = []
        for sup in self.supers(prop):
            found.extend(self.ontology.objects(sup, RDFS.range))
        for back in self.seen_from_object(prop):
            found.extend(self.ontology.objects(back, RDFS.domain))
        self._implied[prop] = found
        return found

    def safe_to_cut(self, prop: URIRef, boundary: bool) -> bool:
        """True when a ``prop`` value can point at a node copied into several modules: what it
        tells about the node is no more than its types (checked apart), and nothing it tells
        depends on the other values of the node."""
        if (prop, boundary) not in self._safe:
            self._safe[(prop, boundary)] = self._safe_to_cut(prop, boundary)
        return self._safe[(prop, boundary)]

    def _safe_to_cut(self, prop: URIRef, boundary: bool) -> bool:
        if prop not in self.objects:
            return True  # an annotation: no meaning for the reasoner
        for sup in self.supers(prop):
            if sup in self.unsafe_alone or sup in self.inverse_restricted:
                return False
            if self.typed.get(sup, set()) & _UNSAFE_TYPES:
                return False
            kinds = self.restricted.get(sup, set())
            if kinds - {OWL.someValuesFrom} or (boundary and kinds):
                return False
        for back in self.seen_from_object(prop):
            if back in self.unsafe_alone or self.restricted.get(back):
                return False
            if self.typed.get(back, set()) & (_UNSAFE_TYPES | {OWL.FunctionalProperty}):
                return False
        return True


def _entailed(ontology: Graph, expression: Node, types: set[URIRef]) -> bool:
    """Whether a node of the named classes ``types`` (closed upwards) is in ``expression``."""
    if named(expression):
        return expression in types or expression == OWL.Thing
    members = rdf_list(ontology, ontology.value(expression, OWL.unionOf))
    if members:
        return any(_entailed(ontology, m, types) for m in members)
    members = rdf_list(ontology, ontology.value(expression, OWL.intersectionOf))
    if members:
        return all(_entailed(ontology, m, types) for m in members)
    return False


class _Finder:
    """Union-find over hashable keys, for merging modules."""

    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, key: object) -> object:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, keys: Iterable[object]) -> None:
        roots = [self.find(k) for k in keys]
        for other in roots[1:]:
            self.parent[other] = roots[0]


_REST = "rest"  # the unit of the data that reaches no condition


def _unsafe_copies(
    contents: dict[object, tuple[set[Node], set[Node]]],
    incoming: dict[Node, list[URIRef]],
    ontology: Graph,
    props: PropertyAxioms,
    told_types: Callable[[Node], set[URIRef]],
) -> list[set[object]]:
    """The sets of modules to merge: for each node copied into several modules and pointed at
    by a value that is not safe to cut, the modules that hold it."""
    holders: dict[Node, set[object]] = defaultdict(set)
    at_border: set[Node] = set()
    for key, (full, border) in contents.items():
        for node in full:
            holders[node].add(key)
        for node in border:
            holders[node].add(key)
            at_border.add(node)
    merge = []
    for node, keys in holders.items():
        if len(keys) < 2:
            continue
        boundary = node in at_border
        for prop in set(incoming.get(node, ())):
            implied = props.implied(prop)
            if not props.safe_to_cut(prop, boundary) or not all(
                _entailed(ontology, expression, told_types(node)) for expression in implied
            ):
                merge.append(keys)
                break
    return merge


def _declared_individuals(
    out: dict[Node, list[Triple]],
    ontology: Graph,
    props: PropertyAxioms,
    told_types: Callable[[Node], set[URIRef]],
) -> set[Node]:
    """The named individuals the ontology itself defines (``rdfs:isDefinedBy`` an ontology in
    the graph, such as a closed list's members that no ``owl:oneOf`` enumerates), which may go
    into every module like the enumerated ones: only those whose every incoming value is safe to
    cut and tells no type beyond their asserted ones, so no module learns about them what
    another would need."""
    ontologies = set(ontology.subjects(RDF.type, OWL.Ontology))
    candidates = {
        node
        for node, triples in out.items()
        if named(node)
        and any(p == RDF.type and o == OWL.NamedIndividual for _, p, o in triples)
        and any(p == RDFS.isDefinedBy and o in ontologies for _, p, o in triples)
    }
    if not candidates:
        return set()
    pointing: dict[Node, set[URIRef]] = defaultdict(set)
    for triples in out.values():
        for _, p, o in triples:
            if o in candidates and isinstance(p, URIRef) and p != RDF.type:
                pointing[o].add(p)
    return {
        node
        for node in candidates
        if all(
            props.safe_to_cut(prop, False)
            and all(_entailed(ontology, e, told_types(node)) for e in props.implied(prop))
            for prop in pointing.get(node, ())
        )
    }


def split_graph(graph: Graph) -> Split:
    """The ontology, the individuals every module needs, and one module per condition (merged
    where the data or the axioms tie conditions together), plus one for the data that reaches
    no condition."""
    schema = _schema_terms(graph)
    ontology_triples: list[Triple] = []
    out: dict[Node, list[Triple]] = defaultdict(list)
    for triple in graph:
        if triple[0] in schema:
            ontology_triples.append(triple)
        else:
            out[triple[0]].append(triple)
    ontology = Graph()
    for triple in ontology_triples:
        ontology.add(triple)
    nominals: set[Node] = set()
    for head in ontology.objects(None, OWL.oneOf):
        nominals.update(rdf_list(ontology, head))
    nominals.update(o for o in ontology.objects(None, OWL.hasValue) if not isinstance(o, Literal))
    shared = [t for n in sorted(nominals, key=str) for t in out.get(n, ())]

    def links(node: Node) -> Iterable[tuple[URIRef, Node]]:
        for _, p, o in out.get(node, ()):
            if (
                isinstance(p, URIRef)
                and p != RDF.type
                and not isinstance(o, Literal)
                and o not in schema
                and o not in nominals
            ):
                yield p, o

    edges = class_edges(ontology)
    told: dict[Node, set[URIRef]] = {}

    def told_types(node: Node) -> set[URIRef]:
        if node not in told:
            start = [o for _, p, o in out.get(node, ()) if p == RDF.type and named(o)]
            told[node] = closure(start, edges)
        return told[node]

    props = PropertyAxioms(ontology)
    declared = _declared_individuals(out, ontology, props, told_types)
    nominals.update(declared)
    shared.extend(t for n in sorted(declared, key=str) for t in out.get(n, ()))
    conditions: list[URIRef] = sorted(
        (n for n in out if named(n) and n not in nominals and CONDITION in told_types(n)),
        key=str,
    )
    condition_set = set(conditions)

    def reach(seeds: Iterable[Node], own: set[Node]) -> tuple[set[Node], set[Node]]:
        """Nodes reached in full from ``seeds`` without passing through a condition outside
        ``own``, and the conditions (and their transitive values) reached at the border."""
        full: set[Node] = set(seeds)
        queue = deque(full)
        border: set[Node] = set()
        while queue:
            node = queue.popleft()
            for _, target in links(node):
                if target in full:
                    continue
                if target in condition_set and target not in own:
                    border.add(target)
                else:
                    full.add(target)
                    queue.append(target)
        queue = deque(border)
        while queue:
            node = queue.popleft()
            for p, target in links(node):
                if props.transitive(p) and target not in full and target not in border:
                    border.add(target)
                    queue.append(target)
        return full, border - full

    incoming: dict[Node, list[URIRef]] = defaultdict(list)
    for node in out:
        for p, target in links(node):
            incoming[target].append(p)

    # 1. What each condition reaches, and who owns each node.
    owners: dict[Node, set[URIRef]] = defaultdict(set)
    for condition in conditions:
        for node in reach([condition], {condition})[0]:
            owners[node].add(condition)
    # 2. Data not reached from any condition joins the condition(s) whose own nodes it reaches.
    units = _Finder()
    for condition in conditions:
        units.find(condition)
    loose = _Finder()
    touched: dict[Node, set[object]] = defaultdict(set)
    loose_nodes: list[Node] = []
    for node in out:
        if node in owners or node in nominals:
            continue
        loose.find(node)
        loose_nodes.append(node)
        for _, target in links(node):
            if target in condition_set:
                touched[node].add(target)
            elif target in owners:
                if len(owners[target]) == 1:
                    touched[node].update(owners[target])
            elif target in out:
                loose.union([node, target])
    components: dict[object, list[Node]] = defaultdict(list)
    for node in loose_nodes:
        components[loose.find(node)].append(node)
    seeds: dict[object, list[Node]] = defaultdict(list)
    for members in components.values():
        reached = set().union(*(touched.get(m, set()) for m in members))
        if len(reached) > 1:
            units.union(reached)
        key = next(iter(reached)) if reached else _REST
        seeds[units.find(key)].extend(members)
    # 3. Build the modules; merge those that share a node that is not safe to copy.
    while True:
        groups: dict[object, list[Node]] = defaultdict(list)
        for condition in conditions:
            groups[units.find(condition)].append(condition)
        for key, members in seeds.items():
            groups[units.find(key)].extend(members)
        contents = {
            key: reach(members, {m for m in members if m in condition_set})
            for key, members in groups.items()
        }
        merge = _unsafe_copies(contents, incoming, ontology, props, told_types)
        if not merge:
            break
        for keys in merge:
            units.union(keys)
    modules = []
    for key in sorted(contents, key=str):
        full, border = contents[key]
        triples = [t for n in full for t in out.get(n, ())]
        for node in border:
            for t in out.get(node, ()):
                if t[1] == RDF.type or (
                    isinstance(t[1], URIRef) and t[1] in props.objects and props.transitive(t[1])
                ):
                    triples.append(t)
        modules.append(Module(tuple(c for c in conditions if c in full), triples))
    modules.sort(key=lambda m: [str(c) for c in m.conditions] or ["~"])
    return Split(ontology_triples, shared, modules, props)
