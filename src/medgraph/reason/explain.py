"""Why a graph cannot hold: explanations of an inconsistency or of an unsatisfiable class.

The reasoner only says *that* the graph is inconsistent, or that a class is equivalent to
owl:Nothing. A knowledge engineer needs *why*: which individual, which of its types and where
each comes from (an assertion, a subclass axiom, a property's domain or range), and which
disjointness or datatype axiom they break. This module derives that from the asserted graph
alone, with sound steps only, so it needs no Java and what it reports is a real contradiction;
when it finds no cause, the caller reports the reasoner's verdict without one.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from medgraph.errors import ExitCode, MedgraphError
from medgraph.namespaces import bind_prefixes
from medgraph.reason.vocab import META_CLASSES, closure, named, property_kinds, rdf_list
from medgraph.reason.words import curie_maker, preferred_labels

__all__ = [
    "Explanation",
    "InconsistentOntologyError",
    "explain_classes",
    "explain_inconsistency",
]


@dataclass(frozen=True)
class Explanation:
    """Why a graph is inconsistent, or a class unsatisfiable: the node, and the facts and
    axioms that together cannot hold, in words."""

    subject: Node
    """The individual or class; a blank node when the data gives one a value its property does
    not allow."""
    summary: str
    steps: tuple[str, ...] = ()

    def render(self) -> str:
        lines = [self.summary]
        lines.extend(f"  - {step}" for step in self.steps)
        return "\n".join(lines)


class InconsistentOntologyError(MedgraphError):
    """The graph contradicts its ontology, or defines a class that can have no members."""

    exit_code = ExitCode.FINDINGS

    def __init__(
        self,
        message: str,
        explanations: Iterable[Explanation] = (),
        unsatisfiable: Iterable[URIRef] = (),
    ) -> None:
        self.explanations = tuple(explanations)
        self.unsatisfiable = tuple(unsatisfiable)
        text = message
        if self.explanations:
            text += "\n" + "\n".join(e.render() for e in self.explanations)
        super().__init__(text)


_NUMERIC = {
    XSD.decimal,
    XSD.integer,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.nonPositiveInteger,
    XSD.negativeInteger,
    XSD.long,
    XSD.int,
    XSD.short,
    XSD.byte,
    XSD.unsignedLong,
    XSD.unsignedInt,
    XSD.unsignedShort,
    XSD.unsignedByte,
    XSD.double,
    XSD.float,
    OWL.real,
    OWL.rational,
}
_INTEGER_BOUNDS: dict[URIRef, tuple[int | None, int | None]] = {
    XSD.integer: (None, None),
    XSD.nonNegativeInteger: (0, None),
    XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0),
    XSD.negativeInteger: (None, -1),
    XSD.long: (-(2**63), 2**63 - 1),
    XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1),
    XSD.byte: (-128, 127),
    XSD.unsignedLong: (0, 2**64 - 1),
    XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1),
    XSD.unsignedByte: (0, 255),
}
_STRINGS = {XSD.string, XSD.normalizedString, XSD.token, None}


def _outside_range(value: Literal, datatype: URIRef) -> str | None:
    """Why ``value`` cannot be in ``datatype``'s value space, or None when it can (or when this
    check does not know the datatype)."""
    if getattr(value, "ill_typed", False):
        return f"{str(value)!r} is not a valid {value.datatype}"
    if datatype in (RDFS.Literal,):
        return None
    own = value.datatype
    if datatype == RDF.PlainLiteral:
        return None if own in _STRINGS or value.language else "it is not a string"
    if datatype in (XSD.string, XSD.normalizedString, XSD.token):
        if value.language:
            return "it has a language tag, and a language-tagged string is not an xsd:string"
        return None if own in _STRINGS else "it is not a string"
    if datatype == XSD.boolean:
        return None if own == XSD.boolean else "it is not a boolean"
    if datatype in _NUMERIC:
        if own not in _NUMERIC:
            return "it is not a number"
        floating = {XSD.double, XSD.float}
        if (own in floating) != (datatype in floating):
            return "floating-point numbers and decimal numbers are different datatypes in OWL 2"
        if datatype in _INTEGER_BOUNDS:
            number = value.toPython()
            if number != int(number):
                return "it is not a whole number"
            low, high = _INTEGER_BOUNDS[datatype]
            if (low is not None and number < low) or (high is not None and number > high):
                return f"{number} is outside the value space of xsd:{datatype.split('#')[-1]}"
        return None
    return None


class _Diagnosis:
    """Derives types of individuals and superclasses of classes from the asserted graph, keeping
    for each the reason it holds, to find pairs that disjointness axioms forbid.

    Every step is a sound entailment, so what it reports is a real contradiction; it may miss
    causes that need more of OWL (then the reasoner's verdict is reported without one)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.namespaces = bind_prefixes(Graph()).namespace_manager
        self.labels = preferred_labels(graph)
        self._curie = curie_maker(graph)
        self.supers: dict[URIRef, list[tuple[URIRef, str]]] = defaultdict(list)
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            if named(sub) and named(sup):
                self.supers[sub].append(
                    (sup, f"{self.name(sub)} is a subclass of {self.name(sup)}")
                )
        for first, second in graph.subject_objects(OWL.equivalentClass):
            if named(first) and named(second):
                text = f"{self.name(first)} is equivalent to {self.name(second)}"
                self.supers[first].append((second, text))
                self.supers[second].append((first, text))
        self.object_props, self.data_props = property_kinds(graph)
        self.prop_supers: dict[URIRef, set[URIRef]] = defaultdict(set)
        for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
            if named(sub) and named(sup):
                self.prop_supers[sub].add(sup)
        self.inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
        for first, second in graph.subject_objects(OWL.inverseOf):
            if named(first) and named(second):
                self.inverses[first].add(second)
                self.inverses[second].add(first)
        self.disjoint = self._disjoint_pairs()

    def name(self, node: Node) -> str:
        label = self.labels.get(node)
        curie = self._curie(node)
        return f"{label} ({curie})" if label else curie

    def _disjoint_pairs(self) -> dict[frozenset[URIRef], str]:
        graph = self.graph
        pairs: dict[frozenset[URIRef], str] = {}
        for first, second in graph.subject_objects(OWL.disjointWith):
            if named(first) and named(second):
                pairs[frozenset((first, second))] = (
                    f"axiom: {self.name(first)} is disjoint with {self.name(second)}"
                )
        for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = [m for m in rdf_list(graph, graph.value(axiom, OWL.members)) if named(m)]
            text = "axiom: " + ", ".join(self.name(m) for m in members) + " are pairwise disjoint"
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    pairs.setdefault(frozenset((first, second)), text)
        for cls, head in graph.subject_objects(OWL.disjointUnionOf):
            members = [m for m in rdf_list(graph, head) if named(m)]
            text = f"axiom: {self.name(cls)} is the disjoint union of " + ", ".join(
                self.name(m) for m in members
            )
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    pairs.setdefault(frozenset((first, second)), text)
        return pairs

    def _property_closure(self, prop: URIRef) -> list[URIRef]:
        return sorted(closure([prop], self.prop_supers))

    def _reasons_for_types(self, individual: URIRef) -> dict[URIRef, list[str]]:
        """Each class the individual is known to belong to, with the chain of reasons."""
        graph = self.graph
        start: dict[URIRef, list[str]] = {}
        who = self.name(individual)
        for cls in graph.objects(individual, RDF.type):
            if named(cls) and cls not in META_CLASSES:
                start.setdefault(cls, [f"asserted: {who} is a {self.name(cls)}"])
        for prop, value in graph.predicate_objects(individual):
            if not named(prop) or (prop not in self.object_props and prop not in self.data_props):
                continue
            for used in self._property_closure(prop):
                for domain in graph.objects(used, RDFS.domain):
                    if named(domain):
                        start.setdefault(
                            domain,
                            [
                                f"asserted: {who} {self.name(prop)} {self._value(value)}",
                                f"the domain of {self.name(used)} is {self.name(domain)}",
                            ],
                        )
        for subject, prop in graph.subject_predicates(individual):
            if not named(prop) or prop not in self.object_props:
                continue
            for used in self._property_closure(prop):
                for rng in graph.objects(used, RDFS.range):
                    if named(rng):
                        start.setdefault(
                            rng,
                            [
                                f"asserted: {self.name(subject)} {self.name(prop)} {who}",
                                f"the range of {self.name(used)} is {self.name(rng)}",
                            ],
                        )
                for inverse in self.inverses.get(used, ()):
                    for domain in graph.objects(inverse, RDFS.domain):
                        if named(domain):
                            start.setdefault(
                                domain,
                                [
                                    f"asserted: {self.name(subject)} {self.name(prop)} {who}",
                                    f"{self.name(inverse)} is the inverse of {self.name(used)}, "
                                    f"and its domain is {self.name(domain)}",
                                ],
                            )
        return self._expand(start)

    def _expand(self, start: dict[URIRef, list[str]]) -> dict[URIRef, list[str]]:
        reasons = dict(start)
        queue = deque(start)
        while queue:
            cls = queue.popleft()
            for sup, text in self.supers.get(cls, ()):
                if sup not in reasons:
                    reasons[sup] = [*reasons[cls], text]
                    queue.append(sup)
        return reasons

    def _value(self, value: Node) -> str:
        if isinstance(value, Literal):
            text = str(value)
            return repr(text if len(text) <= 60 else text[:57] + "...")
        return self.name(value)

    def _clashes(
        self, subject: URIRef, reasons: dict[URIRef, list[str]], kind: str
    ) -> list[Explanation]:
        found = []
        for pair, axiom in sorted(self.disjoint.items(), key=lambda item: sorted(item[0])):
            first, second = sorted(pair)
            if first in reasons and second in reasons:
                steps = list(dict.fromkeys([*reasons[first], *reasons[second], axiom]))
                found.append(
                    Explanation(
                        subject,
                        f"{self.name(subject)} {kind} both {self.name(first)} and "
                        f"{self.name(second)}, which the ontology declares disjoint:",
                        tuple(steps),
                    )
                )
        return found

    def individuals(self) -> list[URIRef]:
        graph = self.graph
        found: set[URIRef] = set()
        for s, p, o in graph:
            if p == RDF.type and o in META_CLASSES:
                continue
            if p == RDF.type and named(s):
                found.add(s)
            elif p in self.object_props and named(s) and named(o):
                found.update((s, o))
            elif p in self.data_props and named(s):
                found.add(s)
        tbox = {
            s
            for s, kind in graph.subject_objects(RDF.type)
            if kind in META_CLASSES and kind not in (OWL.NamedIndividual,)
        }
        return sorted(found - tbox)

    def explain_individuals(self) -> list[Explanation]:
        found = []
        for individual in self.individuals():
            found.extend(
                self._clashes(individual, self._reasons_for_types(individual), "belongs to")
            )
        found.extend(self._data_problems())
        return found

    def explain_class(self, cls: URIRef) -> list[Explanation]:
        reasons = self._expand({cls: [f"{self.name(cls)} itself"]})
        found = self._clashes(cls, reasons, "would belong to")
        if found:
            return [
                Explanation(
                    e.subject,
                    e.summary.replace(
                        " would belong to both", ": every member would belong to both"
                    ),
                    tuple(step for step in e.steps if not step.endswith(" itself")),
                )
                for e in found
            ]
        return [
            Explanation(
                cls,
                f"{self.name(cls)} can have no members (it is equivalent to owl:Nothing); "
                "check its superclasses and its definition against the disjointness axioms",
            )
        ]

    def _data_problems(self) -> list[Explanation]:
        graph = self.graph
        found = []
        functional = set(graph.subjects(RDF.type, OWL.FunctionalProperty))
        for prop in sorted(self.data_props):
            ranges = [r for r in graph.objects(prop, RDFS.range) if named(r)]
            values_by_subject: dict[Node, list[Literal]] = defaultdict(list)
            for subject, value in graph.subject_objects(prop):
                if not isinstance(value, Literal):
                    continue
                values_by_subject[subject].append(value)
                for rng in ranges:
                    why = _outside_range(value, rng)
                    if why:
                        found.append(
                            Explanation(
                                subject,
                                f"{self.name(subject)} has a {self.name(prop)} value that its "
                                "range does not allow:",
                                (
                                    f"asserted: {self.name(subject)} {self.name(prop)} "
                                    f"{value.n3(self.namespaces)}",
                                    f"the range of {self.name(prop)} is {self.name(rng)}, and {why}",
                                ),
                            )
                        )
            if prop in functional:
                for subject, values in sorted(values_by_subject.items()):
                    distinct: list[Literal] = []
                    for value in values:
                        if not any(value.eq(other) for other in distinct):
                            distinct.append(value)
                    if len(distinct) > 1:
                        shown = ", ".join(v.n3(self.namespaces) for v in sorted(distinct))
                        found.append(
                            Explanation(
                                subject,
                                f"{self.name(subject)} has {len(distinct)} different values of "
                                f"{self.name(prop)}, which is functional (at most one value):",
                                (f"asserted: {self.name(subject)} {self.name(prop)} {shown}",),
                            )
                        )
        return found


def explain_inconsistency(graph: Graph) -> list[Explanation]:
    """Explanations of why ``graph`` (ontology and data) is inconsistent, as far as medgraph
    can trace them: disjoint types of one individual, values outside a property's range, and
    several values of a functional data property."""
    return _Diagnosis(graph).explain_individuals()


def explain_classes(graph: Graph, classes: Iterable[URIRef]) -> list[Explanation]:
    """Why each of ``classes`` (unsatisfiable, says the reasoner) can have no members: the
    disjoint classes it falls under, or a note to check its definition when none are found."""
    diagnosis = _Diagnosis(graph)
    return [e for cls in classes for e in diagnosis.explain_class(cls)]
