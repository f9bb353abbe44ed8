"""The fast path (Oxigraph, shacl-rust) gives what the reference (rdflib, pySHACL) gives.

Small graphs only: the shipped graph, and the generator's graph of one condition with a
violation of every kind injected (``benchmarks/generate.py``). Speed is measured by
``make bench``, never here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH, VOID

from medgraph import backends, shacl_fast
from medgraph.backends.fast import OxigraphBackend, open_graph
from medgraph.loader import load_files, load_shapes
from medgraph.queries import list_queries, run_query
from medgraph.release import EXPORT_FORMATS, build_release, canonical_graph, serialize
from medgraph.shacl_fast import sparql, spelling
from medgraph.shacl_fast.bulk import prefix_block
from medgraph.validation import validate_graph

from .conftest import benchmark_generator

ROOT = Path(__file__).resolve().parent.parent
PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "xml": "xml"}
MGO = "https://w3id.org/medgraph/ontology/"


@pytest.fixture(scope="module")
def generate():  # type: ignore[no-untyped-def]
    return benchmark_generator()


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory, generate) -> Path:  # type: ignore[no-untyped-def]
    """One condition, every kind of injected violation (sh:in on a plain literal and on an
    IRI, sh:datatype, sh:minCount, SPARQL rules), as a Turtle file."""
    path = tmp_path_factory.mktemp("fastpath") / "injected.ttl"
    generate.write_graph(path, 1, inject=True)
    return path


@pytest.fixture(scope="module")
def two_conditions(tmp_path_factory: pytest.TempPathFactory, generate) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fastpath") / "two.ttl"
    generate.write_graph(path, 2)
    return path


@pytest.fixture(scope="module")
def reference_report(injected: Path):  # type: ignore[no-untyped-def]
    return validate_graph(load_files([injected]))


@pytest.fixture(scope="module")
def fast_report(injected: Path):  # type: ignore[no-untyped-def]
    return open_graph([injected]).validate()


def _keys(report) -> set[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {(r.focus_node, r.path, r.rule, r.shape, r.severity) for r in report.results}


def _report_terms(graph: Graph) -> set[tuple[str, ...]]:
    """Each result of a SHACL report graph as the terms it names (values with datatype)."""
    out = set()
    for result in graph.subjects(RDF.type, SH.ValidationResult):
        fields = []
        for prop in (
            SH.focusNode,
            SH.sourceConstraintComponent,
            SH.sourceShape,
            SH.resultSeverity,
            SH.value,
        ):
            value = graph.value(result, prop)
            fields.append("" if value is None else value.n3())
        path = graph.value(result, SH.resultPath)
        if path is not None and not isinstance(path, URIRef):
            path = graph.value(path, SH.inversePath)  # the shapes use inverse paths only
            fields.append(f"^{path.n3()}")
        else:
            fields.append("" if path is None else path.n3())
        fields.append(" ".join(sorted(str(m) for m in graph.objects(result, SH.resultMessage))))
        out.add(tuple(fields))
    return out


# ----------------------------------------------------------------------------------------------
# Validation
# ----------------------------------------------------------------------------------------------


def test_the_injected_graph_breaks_every_kind_of_constraint(reference_report) -> None:  # type: ignore[no-untyped-def]
    """The agreement below means something: pySHACL finds each injected kind."""
    found = {(r.rule, r.shape) for r in reference_report.violations}
    for expected in [
        ("In", "shape:IdentifierCheck-scheme"),  # plain literal "orcid"
        ("In", "shape:Threshold-comparator"),  # IRI
        ("Datatype", "shape:Threshold-numericValue"),
        ("MinCount", "shape:label"),
        ("MinCount", "shape:Claim-hasEvidence"),
        ("SPARQL", "shape:ClaimHasDirectEdgeShape"),
        ("SPARQL", "shape:ClaimNotFromPatientNarrativeShape"),
        ("SPARQL", "shape:ExcerptPositionUniqueShape"),
        ("SPARQL", "shape:ExcerptPositionGapShape"),
        ("SPARQL", "shape:ClaimObjectInRangeShape"),
    ]:
        assert expected in found, expected
    assert not reference_report.conforms


def test_fast_validation_finds_exactly_what_pyshacl_finds(reference_report, fast_report) -> None:  # type: ignore[no-untyped-def]
    assert fast_report.conforms == reference_report.conforms
    assert _keys(fast_report) == _keys(reference_report)
    # ... and says the same about each: value, message, in the same order.
    assert fast_report.results == reference_report.results


def test_no_false_sh_in_on_plain_literals(fast_report) -> None:  # type: ignore[no-untyped-def]
    """The trap the issue warns of: plain "doi", "pmid", ... must not come back typed
    xsd:string and fail sh:in ("doi" "pmid" "pmcid" "isbn"). Only the injected "orcid" fails."""
    scheme = [r for r in fast_report.results if r.shape == "shape:IdentifierCheck-scheme"]
    assert [r.value for r in scheme] == ['"orcid"']


def test_report_graphs_name_the_same_terms(reference_report, injected: Path) -> None:  # type: ignore[no-untyped-def]
    """Values keep their datatype (Oxigraph's store folds xsd:positiveInteger into
    xsd:integer; the report gives back the term as written)."""
    fast = open_graph([injected]).validate(with_report_graph=True)
    assert _report_terms(fast.report_graph) == _report_terms(reference_report.report_graph)
    positions = {
        value
        for value in fast.report_graph.objects(None, SH.value)
        if isinstance(value, Literal) and value.datatype is not None
    }
    assert Literal("1", datatype=URIRef("http://www.w3.org/2001/XMLSchema#positiveInteger")) in (
        positions
    )


def test_the_shipped_graph_gets_the_same_report(shipped_graph: Graph) -> None:
    """Valid, with its warnings and notes, on both paths (the benchmark compares graphs of
    several conditions too, where pySHACL can finish)."""
    reference = validate_graph(shipped_graph)
    fast = open_graph().validate()
    assert reference.conforms and fast.conforms
    assert fast.results == reference.results
    assert reference.results  # notes and warnings to agree on


def test_typed_xsd_string_is_left_to_pyshacl(tmp_path: Path, generate) -> None:  # type: ignore[no-untyped-def]
    """rdflib (so pySHACL) tells "pmid"^^xsd:string from "pmid" and fails sh:in on it; RDF 1.1
    and Oxigraph do not. Such input goes to pySHACL, so the finding is not lost."""
    lines = [
        line
        for line in generate.copy_lines(0)
        if "identifier-check/anum-2010-pmid>" in line.split(" ")[0]
    ]
    lines = generate.TYPED_STRING.edit(lines, 0)
    path = tmp_path / "typed.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    graph = open_graph([path])
    assert any(
        shacl_fast.spells_out_xsd_string(source.data, source.rdf_format) for source in graph.sources
    )
    report = graph.validate()
    assert ("In", '"pmid"') in {(r.rule, r.value) for r in report.results}
    assert report.results == validate_graph(load_files([path])).results


def test_every_bulk_query_returns_the_rows_of_pre_binding(injected: Path) -> None:
    """Each SPARQL constraint run once over all focus nodes (with FILTER NOT EXISTS turned
    into an anti-join) gives exactly the rows of running it once per focus node with $this
    pre-bound, as pySHACL does."""
    import pyoxigraph as ox

    store = open_graph([injected]).prepare().store
    checked = 0
    for constraint in shacl_fast.sparql_constraints(load_shapes()):
        text = shacl_fast.bulk_query(constraint)
        assert text is not None, constraint.shape
        bulk = {
            tuple(sorted((k, str(v)) for k, v in row.items() if v is not None))
            for row in sparql.rows(store.query(text))
        }
        prefixes = prefix_block(constraint.prefixes)
        select = prefixes + constraint.select.replace("$this", "?this")
        per_focus = set()
        for focus in sparql.focus_nodes(store, constraint):
            for row in sparql.rows(store.query(select, substitutions={ox.Variable("this"): focus})):
                row = {**row, "this": focus}
                per_focus.add(tuple(sorted((k, str(v)) for k, v in row.items() if v is not None)))
        assert bulk == per_focus, constraint.shape
        checked += bool(bulk)
    assert checked >= 5  # the injected graph makes several constraints return rows


def test_not_exists_rewrite_keeps_filters_on_outer_variables() -> None:
    store = _store(
        """
        <urn:a> <urn:n> 1 . <urn:b> <urn:n> 3 . <urn:c> <urn:n> 2 .
        <urn:a> a <urn:T> . <urn:b> a <urn:T> . <urn:c> a <urn:T> .
        """
    )
    constraint = _constraint(
        """SELECT $this ?value WHERE {
             $this <urn:n> ?value . FILTER(?value > 1) BIND(?value - 1 AS ?missing)
             FILTER NOT EXISTS { ?other <urn:n> ?number . FILTER(?number = ?missing) }
           }""",
    )
    text = shacl_fast.bulk_query(constraint)
    assert text is not None and "OPTIONAL" in text and "NOT EXISTS" not in text
    rows = {(row["this"].value, row["value"].value) for row in sparql.rows(store.query(text))}
    assert rows == set()  # 3 has 2 before it, 2 has 1
    store.remove(next(iter(store.quads_for_pattern(None, None, _literal(1)))))
    rows = {(row["this"].value, row["value"].value) for row in sparql.rows(store.query(text))}
    assert rows == {("urn:c", "2")}


@pytest.mark.parametrize(
    ("pattern", "rewritten"),
    [
        ("?subject ?predicate ?value", False),
        ("?subject <urn:p> ?o ; ?predicate ?value", False),
        ('?subject <urn:p> "a ; ?x b" , ?value', True),
        ("?subject <urn:p>/<urn:q>* ?value FILTER(?value != ?predicate)", True),
    ],
)
def test_not_exists_with_a_variable_predicate_is_left_as_written(
    pattern: str, rewritten: bool
) -> None:
    """A NOT EXISTS whose pattern has a variable predicate stays a NOT EXISTS (as an OPTIONAL,
    Oxigraph would read every triple of the store); others become the anti-join. IRIs and
    strings are terms, whatever they hold. Either way the rows are those of pre-binding."""
    constraint = _constraint(
        f"""SELECT $this ?value WHERE {{
             $this <urn:s> ?subject ; <urn:r> ?predicate ; <urn:o> ?value .
             FILTER NOT EXISTS {{ {pattern} }}
           }}"""
    )
    text = shacl_fast.bulk_query(constraint)
    assert text is not None
    assert ("OPTIONAL" in text, "NOT EXISTS" in text) == (rewritten, not rewritten)
    store = _store(
        """
        <urn:a> a <urn:T> ; <urn:s> <urn:x> ; <urn:r> <urn:p> ; <urn:o> <urn:y> .
        <urn:b> a <urn:T> ; <urn:s> <urn:x> ; <urn:r> <urn:p> ; <urn:o> <urn:z> .
        <urn:x> <urn:p> <urn:y> .
        """
    )
    bulk = {(row["this"].value, row["value"].value) for row in sparql.rows(store.query(text))}
    assert bulk == _pre_bound(store, constraint, "value")
    if pattern == "?subject ?predicate ?value":
        assert bulk == {("urn:b", "urn:z")}  # <urn:x> <urn:p> <urn:y> is there for urn:a


def test_term_cache_gives_the_terms_to_rdflib_gives() -> None:
    """The fast backend's remembered conversion is exact, for every kind of term."""
    import pyoxigraph as ox

    from medgraph.terms import TermCache, to_rdflib

    cache = TermCache(limit=3)
    terms = [
        ox.NamedNode("urn:a"),
        ox.BlankNode("b1"),
        ox.Literal("x"),
        ox.Literal("x", language="en"),
        ox.Literal("01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ]
    for _ in range(2):  # the second round is read from the cache (cleared past its limit)
        for term in terms:
            converted = cache(term)
            assert converted == to_rdflib(term) and type(converted) is type(to_rdflib(term))
    assert cache(None) is None


def test_this_only_in_a_filter_of_a_union_branch_is_run_per_focus_node() -> None:
    """A UNION branch is evaluated on its own: a FILTER there would see ?this unbound, so
    such a constraint is not run in bulk (pySHACL's pre-binding is then the only exact way)."""
    constraint = _constraint(
        "SELECT $this WHERE { { BIND(1 AS ?x) FILTER(isIRI($this)) } UNION { BIND(2 AS ?x) } }"
    )
    assert shacl_fast.bulk_query(constraint) is None
    store = _store("<urn:a> a <urn:T> . ")
    rows = sparql.run_constraint(store, constraint)
    assert len(rows) == 2  # both branches, as with $this pre-bound


def test_an_exists_block_after_a_long_string_is_told_from_a_group() -> None:
    """What precedes a group is read from the scanned query, not from a window of text that
    may start inside a string: the EXISTS block sees the row, so the query runs in bulk, with
    the rows of pre-binding."""
    constraint = _constraint(
        'SELECT $this ?x WHERE { $this <urn:p> ?x . FILTER(?x != "a string long enough to '
        'reach far back") FILTER EXISTS { FILTER(?x = $this) } }'
    )
    text = shacl_fast.bulk_query(constraint)
    assert text is not None
    store = _store("<urn:a> a <urn:T> ; <urn:p> <urn:a>, <urn:b> . <urn:b> a <urn:T> ; <urn:p> 1 .")
    bulk = {(row["this"].value, row["x"].value) for row in sparql.rows(store.query(text))}
    assert bulk == _pre_bound(store, constraint, "x") == {("urn:a", "urn:a")}


def test_a_constraint_that_is_not_a_select_is_left_to_pyshacl() -> None:
    """An ``sh:select`` holding another query form stops the fast path with the error that
    sends validation to pySHACL, not with an error of its own."""
    store = _store("<urn:a> a <urn:T> . ")
    with pytest.raises(shacl_fast.FastValidationError, match="not a SELECT"):
        sparql.sparql_findings(store, _constraint("ASK WHERE { $this ?p ?o }"))


def _literal(value: int):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def _store(turtle: str):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    store = ox.Store()
    store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
    return store


def _pre_bound(
    store: object, constraint: shacl_fast.SparqlConstraint, column: str
) -> set[tuple[str, str]]:
    """(focus node, ``column``) of each row of the constraint run once per focus node with
    ``$this`` pre-bound, as pySHACL runs it."""
    import pyoxigraph as ox

    assert isinstance(store, ox.Store)
    return {
        (focus.value, row[column].value)
        for focus in sparql.focus_nodes(store, constraint)
        for row in sparql.rows(
            store.query(
                constraint.select.replace("$this", "?this"),
                substitutions={ox.Variable("this"): focus},
            )
        )
    }


def _constraint(select: str) -> shacl_fast.SparqlConstraint:
    return shacl_fast.SparqlConstraint(
        shape=URIRef("urn:S"),
        constraint=URIRef("urn:C"),
        select=select,
        prefixes={},
        messages=(),
        shape_messages=(),
        severity=SH.Violation,
        targets=((SH.targetClass, URIRef("urn:T")),),
    )


# ----------------------------------------------------------------------------------------------
# Queries, exports, release
# ----------------------------------------------------------------------------------------------


def _rows(result) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    if result.kind == "ASK":
        return [(str(result.boolean),)]
    return sorted(
        tuple("" if row[v] is None else str(row[v]) for v in result.variables)
        for row in result.rows
    )


@pytest.fixture(scope="module")
def query_graphs(two_conditions: Path) -> tuple[Graph, OxigraphBackend]:
    return load_files([two_conditions]), open_graph([two_conditions])


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_every_named_query_gives_the_same_rows(named, query_graphs) -> None:  # type: ignore[no-untyped-def]
    """Rows as sorted text tuples: the store may type a number xsd:integer where the file
    says xsd:positiveInteger (see :mod:`medgraph.backends.fast`), the text is the same."""
    if any(p.default is None for p in named.parameters):
        pytest.skip(f"{named.name} has a parameter without a default")
    reference, fast = query_graphs
    assert _rows(fast.query(named)) == _rows(run_query(reference, named))


@pytest.mark.parametrize(
    "named",
    [q for q in list_queries() if any(p.name == "condition" for p in q.parameters)],
    ids=lambda q: q.name,
)
def test_binding_inside_subselects_keeps_the_rows(named, query_graphs) -> None:  # type: ignore[no-untyped-def]
    """On two conditions, the query with the condition bound inside its sub-selects too gives
    the rows of the query bound at the top only (the standard join)."""
    from medgraph.queries import bind_parameters
    from medgraph.sparql_text import inject_values

    if any(p.default is None for p in named.parameters):
        pytest.skip(f"{named.name} has a parameter without a default")
    store = query_graphs[1].store
    bindings = bind_parameters(named, {})

    def rows(text: str) -> list[tuple[str, ...]]:
        return sorted(
            tuple(str(v) if v is not None else "" for v in row) for row in store.query(text)
        )

    pushed = rows(inject_values(named.text, bindings, "SELECT"))
    assert pushed
    assert pushed == rows(inject_values(named.text, bindings, "SELECT", into_subselects=False))


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_every_export_format_holds_the_reference_graph(fmt: str, shipped_graph: Graph) -> None:
    fast = open_graph()
    data = fast.serialize(fmt)
    parsed = Graph().parse(data=data, format=PARSERS[fmt])
    reference = Graph().parse(data=serialize(shipped_graph, fmt), format=PARSERS[fmt])
    assert isomorphic(parsed, reference)
    assert isomorphic(parsed, canonical_graph(shipped_graph))
    # A second load (new blank-node labels from the parser) writes the same bytes.
    assert open_graph().serialize(fmt) == data


def test_export_of_user_files_keeps_datatypes(two_conditions: Path) -> None:
    """The store folds xsd:positiveInteger; exports read the exact triples instead."""
    data = open_graph([two_conditions]).serialize("nt")
    assert b"^^<http://www.w3.org/2001/XMLSchema#positiveInteger>" in data
    parsed = Graph().parse(data=data, format="nt")
    assert isomorphic(parsed, canonical_graph(load_files([two_conditions])))


def test_fast_release_is_the_reference_release(tmp_path: Path, shipped_graph: Graph) -> None:
    reference = build_release(tmp_path / "reference", shipped_graph)
    fast = open_graph().release(tmp_path / "fast")
    assert set(fast.files) == set(reference.files)
    for fmt, spec in EXPORT_FORMATS.items():
        name = f"medgraph{spec.suffix}"
        a = Graph().parse(tmp_path / "reference" / name, format=PARSERS[fmt])
        b = Graph().parse(tmp_path / "fast" / name, format=PARSERS[fmt])
        assert isomorphic(a, b), name
    manifests = [Graph().parse(tmp_path / d / "manifest.ttl") for d in ("reference", "fast")]
    for prop in (VOID.triples, VOID.distinctSubjects, VOID.properties, VOID.entities):
        assert sorted(manifests[0].objects(None, prop)) == sorted(manifests[1].objects(None, prop))
    assert fast.class_counts == reference.class_counts
    again = open_graph().release(tmp_path / "again")
    assert again.files == fast.files  # byte-identical builds


# ----------------------------------------------------------------------------------------------
# Choosing the engine, and the command line
# ----------------------------------------------------------------------------------------------


def test_auto_is_the_fast_backend_and_the_reference_stays_on_request(tmp_path: Path) -> None:
    from medgraph.backends.reference import ReferenceBackend
    from medgraph.cli._common import ENGINE_NAMES

    assert ENGINE_NAMES == backends.IN_MEMORY
    small = tmp_path / "small.ttl"
    small.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert isinstance(backends.open_backend("auto"), OxigraphBackend)  # the shipped graph
    assert isinstance(backends.open_backend("auto", [small]), OxigraphBackend)
    assert isinstance(backends.open_backend("rdflib", [small]), ReferenceBackend)


def test_small_graphs_are_released_in_the_reference_bytes(tmp_path: Path) -> None:
    """Up to REFERENCE_WRITERS_UP_TO triples the fast backend writes the reference's bytes,
    so a release does not depend on the backend that built it."""
    reference = backends.open_backend("rdflib").release(tmp_path / "reference")
    fast = backends.open_backend("oxigraph").release(tmp_path / "fast")
    assert fast.files == reference.files


def test_cli_validate_with_oxigraph_prints_the_reference_report(
    run_cli, injected: Path, reference_report
) -> None:  # type: ignore[no-untyped-def]
    from medgraph import quality
    from medgraph.backends import open_backend
    from medgraph.validation import render_report

    result = run_cli("validate", "--engine", "oxigraph", "--format", "json", str(injected))
    assert result.exit_code == 1
    # The shapes' findings and the quality checks' rows, as the reference engine gives them.
    checks = quality.run_checks(open_backend("rdflib", [injected]))
    expected = quality.with_checks(reference_report, checks)
    assert json.loads(result.stdout) == json.loads(render_report(expected, "json"))


def test_cli_query_and_export_with_oxigraph(run_cli, two_conditions: Path) -> None:  # type: ignore[no-untyped-def]
    fast = run_cli(
        "query",
        "risk-factors",
        "--engine",
        "oxigraph",
        "--data",
        str(two_conditions),
        "--format",
        "csv",
    )
    slow = run_cli(
        "query",
        "risk-factors",
        "--engine",
        "rdflib",
        "--data",
        str(two_conditions),
        "--format",
        "csv",
    )
    assert fast.exit_code == slow.exit_code == 0
    assert sorted(fast.stdout.splitlines()) == sorted(slow.stdout.splitlines())
    exported = run_cli("export", "--engine", "oxigraph", "--format", "nt", str(two_conditions))
    assert exported.exit_code == 0
    assert isomorphic(
        Graph().parse(data=exported.stdout, format="nt"),
        canonical_graph(load_files([two_conditions])),
    )


def test_fast_path_refuses_what_the_loader_refuses(tmp_path: Path) -> None:
    from medgraph.errors import InputError, InputSyntaxError, UnsafeInputError

    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://example.org/ctx.jsonld", "@id": "urn:a"}')
    with pytest.raises(UnsafeInputError):
        backends.open_backend("oxigraph", [remote])
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(InputSyntaxError) as caught:
        backends.open_backend("oxigraph", [broken])
    assert caught.value.line == 1
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <urn:x> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="no RDF triples"):
        backends.open_backend("oxigraph", [empty])


def test_folded_values_get_the_spelling_of_their_own_triple() -> None:
    """Oxigraph folds "01"^^xsd:positiveInteger to "1"^^xsd:integer; the report gives each
    finding the term its focus node's triple writes, even where the data writes the same value
    in two ways."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    data = (
        f'<http://example.org/a> <http://example.org/p> "01"^^<{xsd}positiveInteger> .\n'
        f'<http://example.org/b> <http://example.org/p> "1"^^<{xsd}positiveInteger> .\n'
    ).encode()
    folded = Literal("1", datatype=URIRef(f"{xsd}integer"))
    findings = [
        shacl_fast.Finding(
            URIRef(f"http://example.org/{name}"),
            SH.Violation,
            SH.DatatypeConstraintComponent,
            SH.NodeShape,
        )
        for name in ("a", "b")
    ]
    for finding in findings:
        finding.value = folded
    spelling.exact_values(findings, data)
    # Globally the value has two spellings; each focus node's own triple has one.
    assert [f.value.datatype for f in findings] == [URIRef(f"{xsd}positiveInteger")] * 2
    assert [f.value for f in findings] == [
        Literal("01", datatype=URIRef(f"{xsd}positiveInteger"))
    ] * 2


def test_formats_written_in_worker_processes_are_the_bytes_of_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large graph's formats are written in parallel processes; the bytes must not change."""
    from medgraph.backends import fast

    lines = sorted(set(open_graph().canonical_lines()))
    formats = [fmt.name for fmt in EXPORT_FORMATS.values()]
    serial = fast.serialize_formats(lines, formats)
    assert len(lines) < fast.PARALLEL_WRITERS_FROM  # the shipped graph: written in-process
    monkeypatch.setattr(fast, "PARALLEL_WRITERS_FROM", 1)
    parallel = fast.serialize_formats(lines, formats)
    assert list(parallel) == formats
    for fmt in formats:
        assert parallel[fmt] == serial[fmt] == fast.serialize_lines(lines, fmt), fmt
