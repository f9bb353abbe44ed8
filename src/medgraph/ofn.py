"""OWL 2 functional-style syntax (OFN) written from an RDF graph of an ontology.

This is the reverse of the W3C mapping of OWL 2 to RDF graphs, for the constructs an ontology
written by hand in Turtle uses: declarations, class and property axioms, class expressions
(restrictions, intersections, unions, complements, enumerations), property characteristics,
assertions and annotations. Anything else (axiom annotations, property chains, keys, ...)
raises :class:`OfnError` rather than being dropped, so a release never says less than its RDF.

medgraph writes OFN itself because owlready2 writes only RDF/XML and N-Triples, and
py-horned-owl, which can write OFN, is a compiled package that building a release should not
need; the tests read this output and the RDF/XML release with py-horned-owl (when it is
installed) and expect the same axioms. The output is deterministic: prefixes, declarations
and axioms each in sorted order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

__all__ = ["OfnError", "to_ofn"]


class OfnError(ValueError):
    """The graph uses an OWL construct this writer does not know."""


_ENTITY_KINDS: dict[URIRef, str] = {
    OWL.Class: "Class",
    OWL.ObjectProperty: "ObjectProperty",
    OWL.DatatypeProperty: "DataProperty",
    OWL.AnnotationProperty: "AnnotationProperty",
    OWL.NamedIndividual: "NamedIndividual",
    RDFS.Datatype: "Datatype",
}
_OBJECT_CHARACTERISTICS: dict[URIRef, str] = {
    OWL.InverseFunctionalProperty: "InverseFunctionalObjectProperty",
    OWL.TransitiveProperty: "TransitiveObjectProperty",
    OWL.SymmetricProperty: "SymmetricObjectProperty",
    OWL.AsymmetricProperty: "AsymmetricObjectProperty",
    OWL.ReflexiveProperty: "ReflexiveObjectProperty",
    OWL.IrreflexiveProperty: "IrreflexiveObjectProperty",
}
_BUILTIN_ANNOTATIONS = frozenset(
    {
        RDFS.label,
        RDFS.comment,
        RDFS.seeAlso,
        RDFS.isDefinedBy,
        OWL.versionInfo,
        OWL.deprecated,
        OWL.priorVersion,
        OWL.backwardCompatibleWith,
        OWL.incompatibleWith,
    }
)
_STANDARD_PREFIXES = {
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
_SAFE_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class _Writer:
    def __init__(self, graph: Graph, prefixes: Mapping[str, str]) -> None:
        self.graph = graph
        self.prefixes = {**prefixes, **_STANDARD_PREFIXES}
        self.kinds: dict[Node, set[str]] = {}
        for subject, kind in graph.subject_objects(RDF.type):
            if isinstance(kind, URIRef) and kind in _ENTITY_KINDS:
                self.kinds.setdefault(subject, set()).add(_ENTITY_KINDS[kind])
        self.used_prefixes: set[str] = set()
        self.consumed: set[tuple[Node, Node, Node]] = set()

    # -- terms -----------------------------------------------------------------------------------

    def iri(self, term: Node) -> str:
        if not isinstance(term, URIRef):
            raise OfnError(f"expected an IRI, found {term!r}")
        text = str(term)
        best = ""
        for prefix, namespace in self.prefixes.items():
            longer = len(namespace) > len(self.prefixes.get(best, "")) if best else True
            if text.startswith(namespace) and longer and _SAFE_LOCAL.match(text[len(namespace) :]):
                best = prefix
        if best:
            self.used_prefixes.add(best)
            return f"{best}:{text[len(self.prefixes[best]) :]}"
        return f"<{text}>"

    def literal(self, term: Literal) -> str:
        text = str(term).replace("\\", "\\\\").replace('"', '\\"')
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is None or term.datatype == XSD.string:
            return f'"{text}"'
        return f'"{text}"^^{self.iri(term.datatype)}'

    def value(self, term: Node) -> str:
        if isinstance(term, Literal):
            return self.literal(term)
        return self.iri(term)

    def _take(self, node: Node, predicate: URIRef) -> Node | None:
        found = self.graph.value(node, predicate)
        if found is not None:
            self.consumed.add((node, predicate, found))
        return found

    def _list(self, head: Node) -> list[Node]:
        node = head
        while node != RDF.nil:
            for predicate in (RDF.first, RDF.rest):
                for obj in self.graph.objects(node, predicate):
                    self.consumed.add((node, predicate, obj))
            nxt = self.graph.value(node, RDF.rest)
            if nxt is None:
                raise OfnError(f"an RDF list at {head!r} has no rdf:rest")
            node = nxt
        return list(Collection(self.graph, head))

    def _is_data(self, prop: Node) -> bool:
        return "DataProperty" in self.kinds.get(prop, set())

    # -- class expressions and data ranges -------------------------------------------------------

    def class_expression(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.iri(node)
        if not isinstance(node, BNode):
            raise OfnError(f"a literal where a class is expected: {node!r}")
        types = set(self.graph.objects(node, RDF.type))
        for kind in types & {OWL.Class, OWL.Restriction}:
            self.consumed.add((node, RDF.type, kind))
        if OWL.Restriction in types:
            return self._restriction(node)
        for predicate, name in (
            (OWL.intersectionOf, "ObjectIntersectionOf"),
            (OWL.unionOf, "ObjectUnionOf"),
        ):
            head = self._take(node, predicate)
            if head is not None:
                parts = " ".join(self.class_expression(item) for item in self._list(head))
                return f"{name}({parts})"
        head = self._take(node, OWL.oneOf)
        if head is not None:
            return f"ObjectOneOf({' '.join(self.iri(item) for item in self._list(head))})"
        inner = self._take(node, OWL.complementOf)
        if inner is not None:
            return f"ObjectComplementOf({self.class_expression(inner)})"
        raise OfnError(f"a class expression this writer does not know: {node!r}")

    def _restriction(self, node: Node) -> str:
        prop = self._take(node, OWL.onProperty)
        if prop is None:
            raise OfnError(f"a restriction without owl:onProperty: {node!r}")
        data = self._is_data(prop)
        kind = "Data" if data else "Object"
        filler_of = self.data_range if data else self.class_expression
        for predicate, name in (
            (OWL.someValuesFrom, "SomeValuesFrom"),
            (OWL.allValuesFrom, "AllValuesFrom"),
        ):
            filler = self._take(node, predicate)
            if filler is not None:
                return f"{kind}{name}({self.iri(prop)} {filler_of(filler)})"
        value = self._take(node, OWL.hasValue)
        if value is not None:
            return f"{kind}HasValue({self.iri(prop)} {self.value(value)})"
        for predicate, name in (
            (OWL.minQualifiedCardinality, "MinCardinality"),
            (OWL.maxQualifiedCardinality, "MaxCardinality"),
            (OWL.qualifiedCardinality, "ExactCardinality"),
            (OWL.minCardinality, "MinCardinality"),
            (OWL.maxCardinality, "MaxCardinality"),
            (OWL.cardinality, "ExactCardinality"),
        ):
            number = self._take(node, predicate)
            if number is not None:
                on = self._take(node, OWL.onDataRange if data else OWL.onClass)
                filler_text = f" {filler_of(on)}" if on is not None else ""
                return f"{kind}{name}({int(str(number))} {self.iri(prop)}{filler_text})"
        raise OfnError(f"a restriction this writer does not know: {node!r}")

    def data_range(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.iri(node)
        head = self._take(node, OWL.oneOf)
        self.consumed.add((node, RDF.type, RDFS.Datatype))
        if head is not None:
            return f"DataOneOf({' '.join(self.value(item) for item in self._list(head))})"
        raise OfnError(f"a data range this writer does not know: {node!r}")

    # -- axioms ----------------------------------------------------------------------------------

    def property_axiom(self, name: str, prop: Node, other: str) -> str:
        kinds = self.kinds.get(prop, set())
        for kind, word in (
            ("ObjectProperty", "Object"),
            ("DataProperty", "Data"),
            ("AnnotationProperty", "Annotation"),
        ):
            if kind in kinds:
                return name.format(kind=word) + f"({self.iri(prop)} {other})"
        raise OfnError(f"{prop} has a {name.format(kind='')} axiom but no property declaration")

    def axiom(self, subject: Node, predicate: Node, obj: Node) -> str | None:
        """The axiom of one triple whose subject is an IRI, or None for a declaration."""
        if predicate == RDF.type:
            if obj in _ENTITY_KINDS:
                return None
            if obj == OWL.FunctionalProperty:
                kind = "Data" if self._is_data(subject) else "Object"
                return f"Functional{kind}Property({self.iri(subject)})"
            if isinstance(obj, URIRef) and obj in _OBJECT_CHARACTERISTICS:
                return f"{_OBJECT_CHARACTERISTICS[obj]}({self.iri(subject)})"
            return f"ClassAssertion({self.class_expression(obj)} {self.iri(subject)})"
        s = self.iri(subject)
        if predicate == RDFS.subClassOf:
            return f"SubClassOf({s} {self.class_expression(obj)})"
        if predicate == OWL.equivalentClass:
            return f"EquivalentClasses({s} {self.class_expression(obj)})"
        if predicate == OWL.disjointWith:
            return f"DisjointClasses({s} {self.class_expression(obj)})"
        if predicate == RDFS.subPropertyOf:
            return self.property_axiom("Sub{kind}PropertyOf", subject, self.iri(obj))
        if predicate == OWL.equivalentProperty:
            return self.property_axiom("Equivalent{kind}Properties", subject, self.iri(obj))
        if predicate == OWL.inverseOf:
            return f"InverseObjectProperties({s} {self.iri(obj)})"
        if predicate == RDFS.domain:
            if "AnnotationProperty" in self.kinds.get(subject, set()):
                return f"AnnotationPropertyDomain({s} {self.iri(obj)})"
            return self.property_axiom("{kind}PropertyDomain", subject, self.class_expression(obj))
        if predicate == RDFS.range:
            kinds = self.kinds.get(subject, set())
            if "AnnotationProperty" in kinds:
                return f"AnnotationPropertyRange({s} {self.iri(obj)})"
            if "DataProperty" in kinds:
                return f"DataPropertyRange({s} {self.data_range(obj)})"
            return self.property_axiom("{kind}PropertyRange", subject, self.class_expression(obj))
        if predicate == OWL.sameAs:
            return f"SameIndividual({s} {self.iri(obj)})"
        if predicate == OWL.differentFrom:
            return f"DifferentIndividuals({s} {self.iri(obj)})"
        if isinstance(obj, BNode):
            raise OfnError(f"{subject} {predicate}: a blank node value this writer does not know")
        kinds = self.kinds.get(predicate, set())
        if predicate not in _BUILTIN_ANNOTATIONS and "AnnotationProperty" not in kinds:
            if "ObjectProperty" in kinds and isinstance(obj, URIRef):
                return f"ObjectPropertyAssertion({self.iri(predicate)} {s} {self.iri(obj)})"
            if "DataProperty" in kinds and isinstance(obj, Literal):
                return f"DataPropertyAssertion({self.iri(predicate)} {s} {self.literal(obj)})"
        return f"AnnotationAssertion({self.iri(predicate)} {s} {self.value(obj)})"

    def blank_axiom(self, node: BNode) -> str | None:
        """The axiom a blank-node subject stands for (owl:AllDisjointClasses, ...), if any."""
        types = set(self.graph.objects(node, RDF.type))
        for kind, name, render in (
            (OWL.AllDisjointClasses, "DisjointClasses", self.class_expression),
            (OWL.AllDifferent, "DifferentIndividuals", self.iri),
        ):
            if kind in types:
                self.consumed.add((node, RDF.type, kind))
                head = self._take(node, OWL.members) or self._take(node, OWL.distinctMembers)
                if head is None:
                    raise OfnError(f"{name} without members: {node!r}")
                return f"{name}({' '.join(render(item) for item in self._list(head))})"
        return None


def to_ofn(graph: Graph, prefixes: Mapping[str, str] | None = None) -> str:
    """The ontology in ``graph`` (one ``owl:Ontology``) in OWL functional-style syntax.

    ``prefixes`` (prefix -> namespace) abbreviate IRIs; owl, rdf, rdfs and xsd always do.
    """
    writer = _Writer(graph, prefixes or {})
    ontologies = sorted(graph.subjects(RDF.type, OWL.Ontology), key=str)
    if len(ontologies) != 1 or not isinstance(ontologies[0], URIRef):
        raise OfnError(f"expected one ontology with an IRI, found {len(ontologies)}")
    ontology = ontologies[0]
    header = [writer.iri(ontology)]
    version = graph.value(ontology, OWL.versionIRI)
    if version is not None:
        header.append(writer.iri(version))
    imports, annotations = [], []
    for predicate, obj in sorted(graph.predicate_objects(ontology)):
        if predicate in (RDF.type, OWL.versionIRI):
            continue
        if predicate == OWL.imports:
            imports.append(f"Import({writer.iri(obj)})")
        else:
            annotations.append(f"Annotation({writer.iri(predicate)} {writer.value(obj)})")
    declarations: set[str] = set()
    axioms: set[str] = set()
    for subject, kinds in writer.kinds.items():
        if isinstance(subject, URIRef):
            for kind in kinds:
                declarations.add(f"Declaration({kind}({writer.iri(subject)}))")
    for subject, predicate, obj in sorted(graph):
        if subject == ontology or not isinstance(subject, URIRef):
            continue
        found = writer.axiom(subject, predicate, obj)
        if found is not None:
            axioms.add(found)
    for subject in sorted({s for s in graph.subjects() if isinstance(s, BNode)}):
        found = writer.blank_axiom(subject)
        if found is not None:
            axioms.add(found)
    left = [t for t in graph if isinstance(t[0], BNode) and t not in writer.consumed]
    if left:
        raise OfnError(f"{len(left)} blank-node triples this writer does not know, e.g. {left[0]}")
    body = [*imports, *annotations, *sorted(declarations), *sorted(axioms)]
    lines = [
        f"Prefix({prefix}:=<{writer.prefixes[prefix]}>)" for prefix in sorted(writer.used_prefixes)
    ]
    lines += ["", f"Ontology({' '.join(header)}"]
    lines += [f"    {line}" for line in body]
    lines.append(")")
    return "\n".join(lines) + "\n"
