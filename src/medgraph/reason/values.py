"""Whether HermiT must list property values, or the completion finds them all.

HermiT's ``-Y`` lists the values of every object property it holds, and takes about twice as
long as finding the individuals' types. medgraph completes the asserted values under
sub-properties, equivalent and inverse properties, symmetry and transitivity itself
(:mod:`~medgraph.reason.entailments`), which is everything OWL entails for a property value
unless individuals can be merged or values come from elsewhere. So the modules skip ``-Y`` when
the graph has none of what can give a value beyond the completion:

* ``owl:hasValue``, ``owl:hasSelf``, property chains, keys, reflexive properties, SWRL rules;
* ``owl:sameAs`` between individuals, a one-member ``owl:oneOf``, and cardinality restrictions
  of at most (or exactly) some number, which merge individuals;
* an individual with two values of a functional property, or two individuals with the same
  value of an inverse-functional one (through sub-properties and inverses), which merge them.

medgraph's ontology and data have none of these (a test checks that a graph with
``owl:hasValue`` is reasoned with ``-Y``, and gives the whole-graph answer).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from medgraph.reason.modules import PropertyAxioms
from medgraph.reason.vocab import named, rdf_list

__all__ = ["property_values_needed"]

_VALUE_PREDICATES: dict[Node, str] = {
    OWL.hasValue: "owl:hasValue",
    OWL.hasSelf: "owl:hasSelf",
    OWL.propertyChainAxiom: "a property chain",
    OWL.hasKey: "owl:hasKey",
    OWL.sameAs: "owl:sameAs",
    OWL.maxCardinality: "a maximum cardinality",
    OWL.cardinality: "an exact cardinality",
    OWL.maxQualifiedCardinality: "a maximum cardinality",
    OWL.qualifiedCardinality: "an exact cardinality",
}
_SWRL = "http://www.w3.org/2003/11/swrl#"


def property_values_needed(graph: Graph, axioms: PropertyAxioms) -> str | None:
    """Why HermiT must list property values for ``graph`` (``axioms`` read from its ontology),
    or None when the completion finds every value OWL entails."""
    ontology = axioms.ontology
    for _, p, o in graph:
        if p in _VALUE_PREDICATES:
            return f"the graph uses {_VALUE_PREDICATES[p]}"
        if p == RDF.type and o == OWL.ReflexiveProperty:
            return "the graph has a reflexive property"
        if str(p).startswith(_SWRL) or str(o).startswith(_SWRL):
            return "the graph has SWRL rules"
    for head in ontology.objects(None, OWL.oneOf):
        if len(rdf_list(ontology, head)) == 1:
            return "the graph uses a one-member owl:oneOf"
    functional = {p for p, kinds in axioms.typed.items() if OWL.FunctionalProperty in kinds}
    inverse_functional = {
        p for p, kinds in axioms.typed.items() if OWL.InverseFunctionalProperty in kinds
    }
    if not functional and not inverse_functional:
        return None
    forward: dict[URIRef, set[URIRef]] = {}
    backward: dict[URIRef, set[URIRef]] = {}
    values: dict[tuple[Node, URIRef], set[Node]] = defaultdict(set)
    subjects: dict[tuple[Node, URIRef], set[Node]] = defaultdict(set)
    for s, p, o in graph:
        if not named(p) or p not in axioms.objects or isinstance(o, Literal):
            continue
        if p not in forward:
            forward[p] = axioms.supers(p) & (functional | inverse_functional)
            backward[p] = axioms.seen_from_object(p) & (functional | inverse_functional)
        for prop, subject, value in [(f, s, o) for f in forward[p]] + [
            (b, o, s) for b in backward[p]
        ]:
            if prop in functional:
                seen = values[(subject, prop)]
                seen.add(value)
                if len(seen) > 1:
                    return f"{subject} has several values of the functional property {prop}"
            if prop in inverse_functional:
                seen = subjects[(value, prop)]
                seen.add(subject)
                if len(seen) > 1:
                    return f"{value} is the value of the inverse-functional {prop} of several"
    return None
