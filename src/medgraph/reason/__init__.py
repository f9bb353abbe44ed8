"""Reason stage: run an OWL reasoner (HermiT or Pellet, through owlready2) over the graph.

The graph (ontology and data) is handed to owlready2 as N-Triples, with ``owl:imports`` and
ontology headers removed so that nothing is ever fetched. owlready2 keeps its quadstore and the
file it writes for the reasoner in a temporary folder that is removed afterwards. The reasoner
(a Java program) checks consistency, classifies the classes and realises the individuals.

What comes back is turned into the entailments a knowledge engineer asks about, all between
named individuals and named classes, sorted so that every run gives the same answer:

* class memberships: every named class an individual belongs to, through the classified
  hierarchy and the defined classes, that the graph does not assert;
* property assertions: every object or data property value entailed through sub-properties,
  inverses, symmetric and transitive properties that the graph does not assert. HermiT's
  command line prints only the "known" values of each property (not those of its
  super-properties), so these are completed from the reasoner's property hierarchy, which is
  exactly what OWL's semantics entails for those axioms.

An inconsistent graph raises :class:`InconsistentOntologyError` (exit code 1) with an
explanation: which individual, which of its types and where each comes from (an assertion, a
subclass axiom, a property's domain or range), and which disjointness or datatype axiom they
break. A missing Java, a reasoner crash or a time-out raise
:class:`medgraph.errors.ReasonerUnavailable` (exit code 5) with a one-line message.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from medgraph.errors import ExitCode, InputError, MedgraphError, ReasonerUnavailable
from medgraph.namespaces import bind_prefixes

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

REASONERS = ("hermit", "pellet")
"""Reasoners that owlready2 ships, by the name ``--reasoner`` takes."""

REASONER_NAMES = {"hermit": "HermiT", "pellet": "Pellet"}

DEFAULT_TIMEOUT_SECONDS = 600.0
"""How long the reasoner may run before it is stopped (the shipped graph needs seconds)."""

# Classes that say what kind of OWL term a node is, not what it is about.
_META_CLASSES = frozenset(
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
_SCHEMA_PREDICATES = frozenset(
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
_OBJECT_PROPERTY_TYPES = frozenset(
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
_W3C_NAMESPACES = (str(OWL), str(RDFS), str(RDF))
_INPUT_ONTOLOGY = "urn:medgraph:reasoning:input#"
_INFERRED_ONTOLOGY = "urn:medgraph:reasoning:inferred#"
_OWLREADY_LOCK = threading.Lock()  # owlready2's Java settings are module-wide


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Explanation:
    """Why a graph is inconsistent, or a class unsatisfiable: the node, and the facts and
    axioms that together cannot hold, in words."""

    subject: URIRef
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


# ---------------------------------------------------------------------------------------------
# Java and its settings
# ---------------------------------------------------------------------------------------------


def find_java(java: str | Path | None = None) -> str:
    """The Java executable: ``java`` if given, else ``$JAVA_HOME/bin/java``, else ``java`` on
    the PATH. Raises :class:`ReasonerUnavailable` when there is none."""
    if java is not None:
        candidate = shutil.which(str(java))
        if candidate is None:
            raise ReasonerUnavailable(
                f"Java not found at {java}: give the path of a java executable (Java 11 or newer)"
            )
        return candidate
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = shutil.which(str(Path(java_home) / "bin" / "java"))
        if candidate is not None:
            return candidate
    candidate = shutil.which("java")
    if candidate is None:
        where = f" (JAVA_HOME={java_home} has no bin/java)" if java_home else ""
        raise ReasonerUnavailable(
            "Java is not installed: the OWL reasoners (HermiT, Pellet) run on Java 11 or newer"
            f"{where}; install a Java runtime (e.g. apt install default-jre-headless) or set "
            "JAVA_HOME"
        )
    return candidate


def default_java_memory_mb() -> int:
    """Half of this machine's memory, between 512 MB and 2 GB: enough for graphs many times the
    shipped one, without asking a small machine for more than it has."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    except (ValueError, OSError, AttributeError):
        return 2048
    return max(512, min(2048, total // 2))


_MEMORY = re.compile(r"^\s*(\d+)\s*([kmgt]?)b?\s*$", re.IGNORECASE)


def parse_java_memory(value: str | int | None) -> int:
    """Megabytes from ``2048``, ``2048m``, ``2g`` or ``512M``; the default when ``None``."""
    if value is None:
        return default_java_memory_mb()
    if isinstance(value, int):
        megabytes = value
    else:
        match = _MEMORY.match(value)
        if not match:
            raise InputError(
                f"Java memory {value!r} is not a size; give megabytes or a unit, e.g. 2048, "
                "1500m or 2g"
            )
        number, unit = int(match.group(1)), match.group(2).lower()
        megabytes = {"k": number // 1024, "": number, "m": number, "g": number * 1024}.get(
            unit, number * 1024 * 1024
        )
    if megabytes < 64:
        raise InputError(f"Java memory {value!r} is too small; give at least 64 MB (e.g. 512m)")
    return megabytes


def _java_failure(output: str, reasoner: str, java: str, memory_mb: int) -> ReasonerUnavailable:
    """One line that says what went wrong in the Java process and what to do."""
    name = REASONER_NAMES[reasoner]
    if "OutOfMemoryError" in output:
        return ReasonerUnavailable(
            f"{name} ran out of memory (Java heap of {memory_mb} MB); give it more with "
            f"--java-memory, e.g. --java-memory {max(memory_mb * 2, 1024) // 1024 or 1}g"
        )
    versions = re.search(
        r"class file version (\d+)\.\d+\), this version of the Java Runtime only recognizes "
        r"class file versions up to (\d+)",
        output,
    )
    if "UnsupportedClassVersionError" in output and versions:
        needed, have = int(versions.group(1)) - 44, int(versions.group(2)) - 44
        return ReasonerUnavailable(
            f"{name} as bundled with owlready2 needs Java {needed} or newer, and {java} is Java "
            f"{have}; point JAVA_HOME or --java at a newer Java, or use --reasoner hermit"
        )
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    cause = next(
        (line for line in lines if re.search(r"(Exception|Error)\b", line) and "\tat " not in line),
        lines[0] if lines else "no message",
    )
    cause = re.sub(r"^Exception in thread \"main\" ", "", cause)
    if len(cause) > 300:
        cause = cause[:297] + "..."
    return ReasonerUnavailable(f"{name} failed: {cause}")


# ---------------------------------------------------------------------------------------------
# Running owlready2
# ---------------------------------------------------------------------------------------------


def _prepare_input(graph: Graph) -> bytes:
    """N-Triples for owlready2, without ``owl:imports`` (never followed) and without ontology
    headers (their annotations are not reasoned over, and a header would rename owlready2's
    ontology)."""
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    prepared = Graph()
    for s, p, o in graph:
        if p == OWL.imports or s in headers:
            continue
        prepared.add((s, p, o))
    return prepared.serialize(format="nt", encoding="utf-8")


@contextlib.contextmanager
def _scratch_folder() -> Iterator[Path]:
    """A private temporary folder for owlready2's quadstore and the file it hands the
    reasoner; owlready2 asks :mod:`tempfile` for the latter, so the default folder is pointed
    here while the reasoner runs, and everything is removed afterwards, even on a time-out."""
    with tempfile.TemporaryDirectory(prefix="medgraph-reason-") as folder:
        saved = tempfile.tempdir
        tempfile.tempdir = folder
        try:
            yield Path(folder)
        finally:
            tempfile.tempdir = saved


@contextlib.contextmanager
def _owlready_settings(java: str, memory_mb: int, timeout: float | None) -> Iterator[None]:
    """Set owlready2's Java executable, heap size and subprocess time-out for one run."""
    import owlready2
    import owlready2.reasoning

    kargs = getattr(owlready2.reasoning, "_subprocess_kargs", None)
    saved = (owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY, dict(kargs or {}))
    owlready2.JAVA_EXE = java
    owlready2.reasoning.JAVA_MEMORY = memory_mb
    if kargs is not None and timeout:
        # owlready2 passes these keyword arguments to subprocess.run / check_output, which stop
        # the Java process when the time-out expires.
        kargs["timeout"] = timeout
    try:
        yield
    finally:
        owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY = saved[0], saved[1]
        if kargs is not None:
            kargs.clear()
            kargs.update(saved[2])


def _run_owlready(
    graph: Graph, reasoner: str, java: str, memory_mb: int, timeout: float | None
) -> Graph:
    """Run the reasoner through owlready2; return the triples it inferred (or raise)."""
    import owlready2

    data = _prepare_input(graph)
    name = REASONER_NAMES[reasoner]
    with _OWLREADY_LOCK, _scratch_folder() as scratch:
        world = owlready2.World(filename=str(scratch / "quadstore.sqlite3"))
        try:
            try:
                world.get_ontology(_INPUT_ONTOLOGY).load(
                    fileobj=io.BytesIO(data), format="ntriples"
                )
            except Exception as exc:  # noqa: BLE001 - owlready2 raises many kinds on bad OWL
                raise InputError(f"owlready2 cannot read the graph as OWL: {exc}") from None
            inferred = world.get_ontology(_INFERRED_ONTOLOGY)
            sink = io.StringIO()
            try:
                with (
                    _owlready_settings(java, memory_mb, timeout),
                    contextlib.redirect_stdout(sink),
                    contextlib.redirect_stderr(sink),
                ):
                    if reasoner == "hermit":
                        owlready2.sync_reasoner_hermit(
                            inferred,
                            infer_property_values=True,
                            debug=0,
                            ignore_unsupported_datatypes=True,
                        )
                    else:
                        owlready2.sync_reasoner_pellet(
                            inferred, infer_property_values=True, debug=0
                        )
            except owlready2.OwlReadyInconsistentOntologyError:
                raise _Inconsistent() from None
            except owlready2.OwlReadyJavaError as exc:
                raise _java_failure(str(exc), reasoner, java, memory_mb) from None
            except subprocess.TimeoutExpired:
                raise ReasonerUnavailable(
                    f"{name} did not finish within {timeout:g} s and was stopped; allow more "
                    "time with --timeout (0 for no limit), or reason over a smaller graph"
                ) from None
            except (FileNotFoundError, PermissionError) as exc:
                raise ReasonerUnavailable(f"cannot run Java ({java}): {exc.strerror}") from None
            buffer = io.BytesIO()
            inferred.save(buffer, format="ntriples")
        finally:
            world.close()
    output = Graph()
    output.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    for header in list(output.subjects(RDF.type, OWL.Ontology)):
        output.remove((header, None, None))
    return output


class _Inconsistent(Exception):
    """Internal: the reasoner said the graph is inconsistent; explained by the caller."""


# ---------------------------------------------------------------------------------------------
# From the reasoner's answer to entailments
# ---------------------------------------------------------------------------------------------


def _named(node: Node) -> bool:
    return isinstance(node, URIRef)


def _closure(start: Iterable[URIRef], edges: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for parent in edges.get(node, ()):
            if parent not in seen:
                seen.add(parent)
                queue.append(parent)
    return seen


def _class_edges(*graphs: Graph) -> dict[URIRef, set[URIRef]]:
    """Named class -> named superclasses (subClassOf, equivalentClass both ways, and the named
    members of an equivalent intersection)."""
    edges: dict[URIRef, set[URIRef]] = defaultdict(set)
    for graph in graphs:
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            if _named(sub) and _named(sup):
                edges[sub].add(sup)  # type: ignore[index]
        for first, second in graph.subject_objects(OWL.equivalentClass):
            if _named(first) and _named(second):
                edges[first].add(second)  # type: ignore[index]
                edges[second].add(first)  # type: ignore[index]
            elif _named(first) and isinstance(second, BNode):
                for member in _list(graph, graph.value(second, OWL.intersectionOf)):
                    if _named(member):
                        edges[first].add(member)  # type: ignore[index]
    return edges


def _list(graph: Graph, head: Node | None) -> list[Node]:
    if head is None:
        return []
    return list(Collection(graph, head))


def _individuals_and_types(*graphs: Graph) -> dict[URIRef, set[URIRef]]:
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for graph in graphs:
        for individual, cls in graph.subject_objects(RDF.type):
            if (
                _named(individual)
                and _named(cls)
                and cls not in _META_CLASSES
                and not str(cls).startswith(_W3C_NAMESPACES)
            ):
                types[individual].add(cls)  # type: ignore[index]
    return types


def _property_kinds(graph: Graph) -> tuple[set[URIRef], set[URIRef]]:
    objects: set[URIRef] = set()
    data: set[URIRef] = set()
    for prop, kind in graph.subject_objects(RDF.type):
        if not _named(prop):
            continue
        if kind in _OBJECT_PROPERTY_TYPES:
            objects.add(prop)  # type: ignore[arg-type]
        elif kind == OWL.DatatypeProperty:
            data.add(prop)  # type: ignore[arg-type]
    return objects, data - objects


def _entailed_memberships(asserted: Graph, reasoned: Graph) -> list[Membership]:
    all_edges = _class_edges(asserted, reasoned)
    told_edges = _class_edges(asserted)
    asserted_types = _individuals_and_types(asserted)
    reasoned_types = _individuals_and_types(reasoned)
    memberships = []
    for individual in set(asserted_types) | set(reasoned_types):
        told = asserted_types.get(individual, set())
        entailed = _closure(told | reasoned_types.get(individual, set()), all_edges)
        from_hierarchy = _closure(told, told_edges)
        for cls in entailed - told:
            if cls in _META_CLASSES or str(cls).startswith(_W3C_NAMESPACES):
                continue
            memberships.append(Membership(individual, cls, cls in from_hierarchy))
    return sorted(memberships)


def _entailed_assertions(asserted: Graph, reasoned: Graph) -> list[PropertyAssertion]:
    """Close the asserted and reasoned property values under sub-properties, equivalent and
    inverse properties, symmetry and transitivity."""
    object_props, data_props = _property_kinds(asserted)
    properties = object_props | data_props
    supers: dict[URIRef, set[URIRef]] = defaultdict(set)
    inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
    for graph in (asserted, reasoned):
        for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
            if sub in properties and _named(sup):
                supers[sub].add(sup)  # type: ignore[index]
        for first, second in graph.subject_objects(OWL.equivalentProperty):
            if first in properties and _named(second):
                supers[first].add(second)  # type: ignore[index]
            if second in properties and _named(first):
                supers[second].add(first)  # type: ignore[index]
        for first, second in graph.subject_objects(OWL.inverseOf):
            if _named(first) and _named(second):
                inverses[first].add(second)  # type: ignore[index]
                inverses[second].add(first)  # type: ignore[index]
    symmetric = set(asserted.subjects(RDF.type, OWL.SymmetricProperty))
    transitive = set(asserted.subjects(RDF.type, OWL.TransitiveProperty))

    facts: set[tuple[URIRef, URIRef, Node]] = set()
    for graph in (asserted, reasoned):
        for s, p, o in graph:
            if not (_named(s) and _named(p)) or p in _SCHEMA_PREDICATES:
                continue
            is_value = (
                (p in object_props and _named(o))
                or (p in data_props and isinstance(o, Literal))
                or (graph is reasoned and _named(o))  # what the reasoner found
            )
            if is_value:
                facts.add((s, p, o))  # type: ignore[arg-type]

    queue = deque(facts)
    objects_of: dict[tuple[Node, URIRef], set[Node]] = defaultdict(set)
    subjects_of: dict[tuple[Node, URIRef], set[Node]] = defaultdict(set)
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
        if not _named(o):
            continue
        for inverse in inverses.get(p, ()):
            add((o, inverse, s))  # type: ignore[arg-type]
        if p in symmetric:
            add((o, p, s))  # type: ignore[arg-type]
        if p in transitive:
            for further in list(objects_of.get((o, p), ())):
                add((s, p, further))
            for earlier in list(subjects_of.get((s, p), ())):
                add((earlier, p, o))  # type: ignore[arg-type]
    return sorted(PropertyAssertion(s, p, o) for s, p, o in facts if (s, p, o) not in asserted)


def _inferred_subsumptions(asserted: Graph, reasoned: Graph) -> list[tuple[URIRef, URIRef]]:
    told = _class_edges(asserted)
    found = []
    for sub, sup in reasoned.subject_objects(RDFS.subClassOf):
        if _named(sub) and _named(sup) and sup != OWL.Thing and sup not in _closure([sub], told):  # type: ignore[list-item]
            found.append((sub, sup))
    return sorted(found)  # type: ignore[arg-type]


def _unsatisfiable(reasoned: Graph) -> list[URIRef]:
    return sorted(
        cls
        for cls in reasoned.subjects(OWL.equivalentClass, OWL.Nothing)
        if _named(cls)  # type: ignore[misc]
    )


# ---------------------------------------------------------------------------------------------
# Words: labels and CURIEs
# ---------------------------------------------------------------------------------------------


def _labels(graph: Graph) -> dict[Node, str]:
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


def _curie_maker(graph: Graph):  # type: ignore[no-untyped-def]
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


def _words(graph: Graph, nodes: Iterable[Node]) -> tuple[dict[Node, str], dict[Node, str]]:
    labels = _labels(graph)
    curie = _curie_maker(graph)
    wanted = set(nodes)
    return (
        {node: labels[node] for node in wanted if node in labels},
        {node: curie(node) for node in wanted},
    )


# ---------------------------------------------------------------------------------------------
# Explaining an inconsistency
# ---------------------------------------------------------------------------------------------

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
        self.labels = _labels(graph)
        self._curie = _curie_maker(graph)
        self.supers: dict[URIRef, list[tuple[URIRef, str]]] = defaultdict(list)
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            if _named(sub) and _named(sup):
                self.supers[sub].append(
                    (sup, f"{self.name(sub)} is a subclass of {self.name(sup)}")
                )  # type: ignore[index]
        for first, second in graph.subject_objects(OWL.equivalentClass):
            if _named(first) and _named(second):
                text = f"{self.name(first)} is equivalent to {self.name(second)}"
                self.supers[first].append((second, text))  # type: ignore[index]
                self.supers[second].append((first, text))  # type: ignore[index]
        self.object_props, self.data_props = _property_kinds(graph)
        self.prop_supers: dict[URIRef, set[URIRef]] = defaultdict(set)
        for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
            if _named(sub) and _named(sup):
                self.prop_supers[sub].add(sup)  # type: ignore[index]
        self.inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
        for first, second in graph.subject_objects(OWL.inverseOf):
            if _named(first) and _named(second):
                self.inverses[first].add(second)  # type: ignore[index]
                self.inverses[second].add(first)  # type: ignore[index]
        self.disjoint = self._disjoint_pairs()

    def name(self, node: Node) -> str:
        label = self.labels.get(node)
        curie = self._curie(node)
        return f"{label} ({curie})" if label else curie

    def _disjoint_pairs(self) -> dict[frozenset[URIRef], str]:
        graph = self.graph
        pairs: dict[frozenset[URIRef], str] = {}
        for first, second in graph.subject_objects(OWL.disjointWith):
            if _named(first) and _named(second):
                pairs[frozenset((first, second))] = (  # type: ignore[arg-type]
                    f"axiom: {self.name(first)} is disjoint with {self.name(second)}"
                )
        for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = [m for m in _list(graph, graph.value(axiom, OWL.members)) if _named(m)]
            text = "axiom: " + ", ".join(self.name(m) for m in members) + " are pairwise disjoint"
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    pairs.setdefault(frozenset((first, second)), text)  # type: ignore[arg-type]
        for cls, head in graph.subject_objects(OWL.disjointUnionOf):
            members = [m for m in _list(graph, head) if _named(m)]
            text = f"axiom: {self.name(cls)} is the disjoint union of " + ", ".join(
                self.name(m) for m in members
            )
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    pairs.setdefault(frozenset((first, second)), text)  # type: ignore[arg-type]
        return pairs

    def _property_closure(self, prop: URIRef) -> list[URIRef]:
        return sorted(_closure([prop], self.prop_supers))

    def _reasons_for_types(self, individual: URIRef) -> dict[URIRef, list[str]]:
        """Each class the individual is known to belong to, with the chain of reasons."""
        graph = self.graph
        start: dict[URIRef, list[str]] = {}
        who = self.name(individual)
        for cls in graph.objects(individual, RDF.type):
            if _named(cls) and cls not in _META_CLASSES:
                start.setdefault(cls, [f"asserted: {who} is a {self.name(cls)}"])  # type: ignore[arg-type]
        for prop, value in graph.predicate_objects(individual):
            if prop not in self.object_props and prop not in self.data_props:
                continue
            for used in self._property_closure(prop):  # type: ignore[arg-type]
                for domain in graph.objects(used, RDFS.domain):
                    if _named(domain):
                        start.setdefault(
                            domain,  # type: ignore[arg-type]
                            [
                                f"asserted: {who} {self.name(prop)} {self._value(value)}",
                                f"the domain of {self.name(used)} is {self.name(domain)}",
                            ],
                        )
        for subject, prop in graph.subject_predicates(individual):
            if prop not in self.object_props:
                continue
            for used in self._property_closure(prop):  # type: ignore[arg-type]
                for rng in graph.objects(used, RDFS.range):
                    if _named(rng):
                        start.setdefault(
                            rng,  # type: ignore[arg-type]
                            [
                                f"asserted: {self.name(subject)} {self.name(prop)} {who}",
                                f"the range of {self.name(used)} is {self.name(rng)}",
                            ],
                        )
                for inverse in self.inverses.get(used, ()):
                    for domain in graph.objects(inverse, RDFS.domain):
                        if _named(domain):
                            start.setdefault(
                                domain,  # type: ignore[arg-type]
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
            if p == RDF.type and o in _META_CLASSES:
                continue
            if p == RDF.type and _named(s):
                found.add(s)  # type: ignore[arg-type]
            elif p in self.object_props and _named(s) and _named(o):
                found.update((s, o))  # type: ignore[arg-type]
            elif p in self.data_props and _named(s):
                found.add(s)  # type: ignore[arg-type]
        tbox = {
            s
            for s, kind in graph.subject_objects(RDF.type)
            if kind in _META_CLASSES and kind not in (OWL.NamedIndividual,)
        }
        return sorted(found - tbox)  # type: ignore[arg-type]

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
            ranges = [r for r in graph.objects(prop, RDFS.range) if _named(r)]
            values_by_subject: dict[Node, list[Literal]] = defaultdict(list)
            for subject, value in graph.subject_objects(prop):
                if not isinstance(value, Literal):
                    continue
                values_by_subject[subject].append(value)
                for rng in ranges:
                    why = _outside_range(value, rng)  # type: ignore[arg-type]
                    if why:
                        found.append(
                            Explanation(
                                subject,  # type: ignore[arg-type]
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
                    distinct = []
                    for value in values:
                        if not any(value.eq(other) for other in distinct):
                            distinct.append(value)
                    if len(distinct) > 1:
                        shown = ", ".join(v.n3(self.namespaces) for v in sorted(distinct))
                        found.append(
                            Explanation(
                                subject,  # type: ignore[arg-type]
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


def _explain_classes(graph: Graph, classes: Iterable[URIRef]) -> list[Explanation]:
    diagnosis = _Diagnosis(graph)
    return [e for cls in classes for e in diagnosis.explain_class(cls)]


# ---------------------------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------------------------


def reason_graph(
    graph: Graph,
    *,
    reasoner: str = "hermit",
    java: str | Path | None = None,
    java_memory: str | int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
) -> ReasoningResult:
    """Run ``reasoner`` over ``graph`` (ontology and data) and return what it entails.

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
    started = time.perf_counter()
    try:
        reasoned = _run_owlready(graph, reasoner, java_exe, memory_mb, timeout or None)
    except _Inconsistent:
        explanations = explain_inconsistency(graph)
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
    memberships = _entailed_memberships(graph, reasoned)
    assertions = _entailed_assertions(graph, reasoned)
    subsumptions = _inferred_subsumptions(graph, reasoned)
    unsatisfiable = _unsatisfiable(reasoned)
    nodes: set[Node] = set()
    for m in memberships:
        nodes.update((m.individual, m.cls))
    for a in assertions:
        nodes.update((a.subject, a.predicate, a.object))
    for sub, sup in subsumptions:
        nodes.update((sub, sup))
    nodes.update(unsatisfiable)
    labels, curies = _words(graph, nodes)
    return ReasoningResult(
        reasoner=REASONER_NAMES[reasoner],
        seconds=seconds,
        asserted_triples=len(graph),
        memberships=memberships,
        assertions=assertions,
        subsumptions=subsumptions,
        unsatisfiable=unsatisfiable,
        explanations=_explain_classes(graph, unsatisfiable),
        labels=labels,
        curies=curies,
    )


def reason_for_release(graph: Graph, **options: object) -> tuple[ReasoningResult, Graph]:
    """Reason over ``graph`` for a release: the result and its inferred triples, or
    :class:`InconsistentOntologyError` when the graph is inconsistent or a class is
    unsatisfiable (a release never ships either)."""
    result = reason_graph(graph, **options)  # type: ignore[arg-type]
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


# ---------------------------------------------------------------------------------------------
# The report in words
# ---------------------------------------------------------------------------------------------


def _short(value: Node, result: ReasoningResult) -> str:
    if isinstance(value, Literal):
        text = " ".join(str(value).split())
        text = text if len(text) <= 70 else text[:67] + "..."
        return f'"{text}"' + (f"@{value.language}" if value.language else "")
    return result.label(value)


def _named_node(result: ReasoningResult, node: Node) -> str:
    """``label (curie)``, or the CURIE alone for a node without a label."""
    label = result.labels.get(node)
    return f"{label} ({result.curie(node)})" if label else result.curie(node)


def _heading(result: ReasoningResult, node: Node, count: int) -> str:
    return f"  {_named_node(result, node)}: {count}"


def render_text(result: ReasoningResult, *, examples: int | None = 3) -> str:
    """The result for people: consistency, then what was inferred, grouped and in words.

    Memberships that need the OWL axioms are always listed in full; for memberships that the
    class hierarchy gives and for property assertions, each group shows ``examples`` of its
    members (``None``: all of them).
    """
    lines = [
        f"consistent: yes ({result.reasoner}, {result.seconds:.1f} s)",
        f"asserted triples: {result.asserted_triples:,}; inferred triples: "
        f"{len(result.memberships) + len(result.assertions):,} "
        f"({len(result.memberships):,} class memberships, "
        f"{len(result.assertions):,} property assertions)",
    ]
    if result.unsatisfiable:
        lines.append(f"unsatisfiable classes: {len(result.unsatisfiable)}")
        lines.extend(e.render() for e in result.explanations)
    else:
        lines.append("unsatisfiable classes: none")
    if result.subsumptions:
        lines.append("")
        lines.append(f"subclass relations the reasoner found ({len(result.subsumptions)}):")
        for sub, sup in result.subsumptions:
            lines.append(
                f"  {_named_node(result, sub)} is a subclass of {_named_node(result, sup)}"
            )
    hidden = 0
    for from_hierarchy, title in (
        (False, "class memberships from definitions, domains and ranges"),
        (True, "class memberships from the class hierarchy"),
    ):
        chosen = [m for m in result.memberships if m.from_hierarchy == from_hierarchy]
        by_class: dict[URIRef, list[URIRef]] = defaultdict(list)
        for m in chosen:
            by_class[m.cls].append(m.individual)
        lines.append("")
        lines.append(f"{title} ({len(chosen)}):")
        if not chosen:
            lines.append("  none")
        for cls in sorted(by_class, key=lambda c: (result.label(c).casefold(), str(c))):
            members = sorted(by_class[cls], key=lambda i: (result.label(i).casefold(), str(i)))
            lines.append(_heading(result, cls, len(members)))
            rows = [f"    {_named_node(result, individual)}" for individual in members]
            hidden += _append_rows(lines, rows, None if not from_hierarchy else examples)
    by_property: dict[URIRef, list[PropertyAssertion]] = defaultdict(list)
    for assertion in result.assertions:
        by_property[assertion.predicate].append(assertion)
    lines.append("")
    lines.append(f"property assertions ({len(result.assertions)}):")
    if not result.assertions:
        lines.append("  none")
    for prop in sorted(by_property, key=lambda p: (result.label(p).casefold(), str(p))):
        assertions = by_property[prop]
        lines.append(_heading(result, prop, len(assertions)))
        pairs = sorted(
            ((_short(a.subject, result), _short(a.object, result)) for a in assertions),
            key=lambda row: (row[0].casefold(), row[1].casefold(), row),
        )
        hidden += _append_rows(lines, [f"    {s} → {o}" for s, o in pairs], examples)
    if hidden:
        lines.append("")
        lines.append(f"({hidden:,} more not listed; --all lists every inferred triple)")
    return "\n".join(lines) + "\n"


def _append_rows(lines: list[str], rows: list[str], limit: int | None) -> int:
    """Add ``rows`` (at most ``limit``) to ``lines``; return how many were left out."""
    shown = rows if limit is None else rows[:limit]
    lines.extend(shown)
    if len(shown) < len(rows):
        lines.append(f"    ... and {len(rows) - len(shown)} more")
    return len(rows) - len(shown)
