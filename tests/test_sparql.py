"""SPARQL: the same named queries on the in-memory graph, an on-disk store and a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from medgraph.errors import ExitCode, QueryError
from medgraph.queries import list_queries, run_query
from medgraph.remote import push_graph, run_remote_query
from medgraph.sparql_text import inject_values
from medgraph.store import load_store, open_store, run_store_query
from tests.conftest import misbehaving_endpoint

NAMED = [q for q in list_queries() if not q.is_quality_check]
GRAPH_IRI = "https://w3id.org/medgraph/graph"


def _rows(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Rows as sorted tuples of text, so that engines' row order and term typing do not matter."""
    return sorted(tuple(row[v] or "" for v in result.variables) for row in result.plain_rows())


@pytest.fixture(scope="module")
def pushed(oxigraph_server: str, shipped_graph: Graph) -> str:
    summary = push_graph(f"{oxigraph_server}/update", shipped_graph, GRAPH_IRI)
    assert summary.triples == len(shipped_graph)
    return f"{oxigraph_server}/query"


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("store") / "medgraph"
    load_store(folder)
    return open_store(folder)


@pytest.mark.server
@pytest.mark.parametrize("named", NAMED, ids=[q.name for q in NAMED])
def test_remote_rows_equal_local_rows(named, pushed: str, shipped_graph: Graph) -> None:  # type: ignore[no-untyped-def]
    local = run_query(shipped_graph, named)
    remote = run_remote_query(pushed, named)
    assert local.variables == remote.variables
    assert _rows(remote) == _rows(local)
    assert local.rows, f"{named.name} returned no rows on the shipped graph"


@pytest.mark.server
def test_a_comment_with_an_update_keyword_inside_a_word_stays_a_query(pushed: str) -> None:
    """SPARQLWrapper guesses the form from the text (keywords inside words, every other comment
    kept): "remove" in a header once sent a SELECT to the endpoint as an update (MOVE)."""
    text = (
        "# title: two lines of comment\n"
        "# description: remove, add or load nothing; copy the rows\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/medgraph/ontology/Condition> }"
    )
    assert run_remote_query(pushed, text).plain_rows() == [{"n": "1"}]


@pytest.mark.parametrize("named", NAMED, ids=[q.name for q in NAMED])
def test_store_rows_equal_local_rows(named, disk_store, shipped_graph: Graph) -> None:  # type: ignore[no-untyped-def]
    local = run_query(shipped_graph, named)
    stored = run_store_query(disk_store, named)
    assert _rows(stored) == _rows(local)


@pytest.mark.server
def test_second_push_changes_nothing(
    oxigraph_server: str, pushed: str, shipped_graph: Graph
) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = run_remote_query(pushed, count).rows[0]["n"]
    push_graph(f"{oxigraph_server}/update", shipped_graph, GRAPH_IRI)
    after = run_remote_query(pushed, count).rows[0]["n"]
    assert int(before) == int(after) == len(shipped_graph)


@pytest.mark.server
def test_push_falls_back_to_insert_data(oxigraph_server: str, pushed: str) -> None:
    graph = Graph()
    for i in range(12):
        graph.add(
            (URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"), Literal(i))
        )
    summary = push_graph(
        f"{oxigraph_server}/update",
        graph,
        "https://example.org/fallback",
        graph_store=f"{oxigraph_server}/no-graph-store-here",
        chunk_size=5,
    )
    assert summary.method == "insert-data"
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/fallback> { ?s ?p ?o } }"
    assert int(run_remote_query(pushed, count).rows[0]["n"]) == 12
    push_graph(
        f"{oxigraph_server}/update",
        graph,
        "https://example.org/fallback",
        graph_store=f"{oxigraph_server}/no-graph-store-here",
        chunk_size=5,
    )
    assert int(run_remote_query(pushed, count).rows[0]["n"]) == 12


@pytest.mark.server
def test_insert_data_fallback_keeps_blank_node_structures_whole(
    oxigraph_server: str, pushed: str
) -> None:
    """The ontology's OWL axioms are RDF lists of blank nodes; chunks must not split them."""
    from medgraph.loader import load_ontology

    ontology = load_ontology()
    graph_iri = "https://example.org/ontology-by-insert-data"
    push_graph(
        f"{oxigraph_server}/update",
        ontology,
        graph_iri,
        graph_store=f"{oxigraph_server}/no-graph-store-here",
        chunk_size=7,
    )
    lists = f"""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?axiom (COUNT(?member) AS ?members)
        WHERE {{ GRAPH <{graph_iri}> {{
          ?axiom a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first ?member }} }}
        GROUP BY ?axiom"""
    remote = sorted(int(row["members"]) for row in run_remote_query(pushed, lists).plain_rows())
    local = sorted(
        int(row["members"])
        for row in run_query(ontology, lists.replace(f"GRAPH <{graph_iri}> {{", "{")).plain_rows()
    )
    assert remote == local and local, (remote, local)


@pytest.mark.server
def test_graph_option_reads_the_pushed_graph_on_a_plain_store(
    tmp_path: Path, shipped_graph: Graph, run_cli
) -> None:  # type: ignore[no-untyped-def]
    """A store whose default graph is not the union of its named graphs: --graph reads the
    graph that push wrote, through the protocol's default-graph-uri."""
    from tests.conftest import running_oxigraph

    with running_oxigraph(tmp_path / "plain") as url:
        push_graph(f"{url}/update", shipped_graph, GRAPH_IRI)
        bare = run_cli("query", "outcomes", "--endpoint", f"{url}/query", "--format", "csv")
        assert bare.exit_code == 0, bare.stderr
        assert bare.stdout.strip().count("\n") == 0, "the default graph is empty"
        scoped = run_cli(
            "query",
            "outcomes",
            "--endpoint",
            f"{url}/query",
            "--graph",
            GRAPH_IRI,
            "--format",
            "csv",
        )
        assert scoped.exit_code == 0, scoped.stderr
        assert scoped.stdout.strip().count("\n") == 3, scoped.stdout
    refused = run_cli("query", "outcomes", "--graph", GRAPH_IRI)
    assert refused.exit_code == ExitCode.BAD_INPUT
    assert "--graph goes with --endpoint" in refused.stderr


HOSTILE_STRINGS = [
    '" } ; DROP ALL ; #',
    "'} UNION { ?s ?p ?o }",
    '"""\n} DELETE WHERE { ?s ?p ?o } #',
    '\\" ) } LIMIT 0 #',
    "{ } ; <http://evil/> ",
]


@pytest.mark.server
@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_injection_through_a_string_parameter_is_a_harmless_value(
    value: str, pushed: str, shipped_graph: Graph, tmp_path: Path
) -> None:
    query_file = tmp_path / "echo.rq"
    query_file.write_text(
        "# title: echo\n# param: text string hello\n"
        "SELECT ?text (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?text\n"
    )
    from medgraph.queries import get_query

    named = get_query(query_file)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = int(run_remote_query(pushed, count).rows[0]["n"])
    local = run_query(shipped_graph, named, {"text": value})
    remote = run_remote_query(pushed, named, {"text": value})
    assert [str(r["text"]) for r in local.rows] == [value]
    assert [str(r["text"]) for r in remote.rows] == [value]
    assert int(local.rows[0]["n"]) == len(shipped_graph)
    assert int(remote.rows[0]["n"]) == before == int(run_remote_query(pushed, count).rows[0]["n"])


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/a b",
        "https://example.org/a>",
        "<https://example.org/a>",
        "not-an-iri",
        'https://example.org/"}',
    ],
)
def test_bad_iri_parameters_are_refused(value: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("query", "risk-factors", "--param", f"condition={value}")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "condition" in result.stderr


def test_values_block_lands_in_the_where_group() -> None:
    text = (
        "PREFIX ex: <http://example.org/odd#>\n# a comment with { brace\n"
        'CONSTRUCT { ?s ex:p "}" } WHERE { ?s ?p ?o }'
    )
    bound = inject_values(text, {"s": URIRef("http://example.org/x")}, "CONSTRUCT")
    assert bound.endswith("WHERE { VALUES (?s) { (<http://example.org/x>) }  ?s ?p ?o }")


def test_values_block_is_repeated_in_subselects_that_project_the_parameter() -> None:
    """A sub-select is evaluated before the outer join: the binding goes into each one that
    projects the parameter as a plain variable, and nowhere else."""
    text = (
        "SELECT ?x WHERE {\n"
        "  { SELECT ?condition ?x WHERE { ?x ?p ?condition } }\n"
        "  OPTIONAL { SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x ?q ?y } GROUP BY ?x }\n"
        "  { SELECT (?y AS ?condition) ?x WHERE { ?x ?r ?y } }\n"
        '  ?x ?s "SELECT ?condition { }" . # SELECT ?condition {\n'
        "}"
    )
    bound = inject_values(text, {"condition": URIRef("http://example.org/c")}, "SELECT")
    block = " VALUES (?condition) { (<http://example.org/c>) } "
    assert bound.count(block) == 2
    assert bound.startswith("SELECT ?x WHERE {" + block)
    assert "{ SELECT ?condition ?x WHERE {" + block + " ?x ?p ?condition }" in bound
    top_only = inject_values(
        text, {"condition": URIRef("http://example.org/c")}, "SELECT", into_subselects=False
    )
    assert top_only.count(block) == 1


@pytest.mark.parametrize(
    "named",
    [q for q in list_queries() if any(p.name == "condition" for p in q.parameters)],
    ids=lambda q: q.name,
)
def test_every_subselect_of_a_condition_query_projects_the_condition(named) -> None:  # type: ignore[no-untyped-def]
    """So that the condition is bound inside it and an engine answers from the condition, not
    from the whole store (docs/benchmarks.md: constant time per condition on Oxigraph)."""
    from medgraph.sparql_text import _subselects, top_level_groups

    where = top_level_groups(named.text)[0]
    missing = [
        at for at, projected in _subselects(named.text, where) if "condition" not in projected
    ]
    assert not missing, (
        f"{named.name}: a sub-select at character {missing[0]} does not project ?condition; "
        "project it (and join it to the claims or entities of the condition) so that the "
        "binding reaches it"
    )


def test_update_is_refused(run_cli) -> None:  # type: ignore[no-untyped-def]
    for update in ("DROP ALL", "INSERT DATA { <a:b> <a:c> <a:d> }", "CLEAR DEFAULT"):
        result = run_cli("query", "--sparql", update)
        assert result.exit_code == ExitCode.BAD_INPUT
        assert "read-only" in result.stderr


def test_service_is_refused_unless_allowed(shipped_graph: Graph) -> None:
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="--allow-service"):
        run_query(shipped_graph, text)


def test_ask_and_construct(run_cli) -> None:  # type: ignore[no-untyped-def]
    ask = run_cli("query", "--sparql", "ASK { ?s a mgo:Condition }")
    assert ask.stdout.strip() == "true"
    construct = run_cli(
        "query",
        "--sparql",
        "CONSTRUCT { ?s a mgo:Condition } WHERE { ?s a mgo:Condition }",
        "--format",
        "nt",
    )
    assert "<https://w3id.org/medgraph/id/condition/cervical-incompetence>" in construct.stdout


# --------------------------------------------------------------------------------------------
# Endpoints that fail: each gets its own message and exit code.
# --------------------------------------------------------------------------------------------


@pytest.fixture
def bad_endpoint(request: pytest.FixtureRequest) -> Iterator[str]:
    with misbehaving_endpoint(request.param) as url:
        yield url


@pytest.mark.parametrize(
    ("bad_endpoint", "code", "words"),
    [
        ("slow", ExitCode.ENDPOINT_TIMEOUT, "no answer within"),
        ("error", ExitCode.ENDPOINT_HTTP, "HTTP 500"),
        ("garbage", ExitCode.ENDPOINT_GARBAGE, "not SPARQL JSON results"),
    ],
    indirect=["bad_endpoint"],
)
def test_failing_endpoint_gives_clear_message_and_code(
    bad_endpoint: str,
    code: int,
    words: str,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    result = run_cli("query", "synonyms", "--endpoint", bad_endpoint, "--timeout", "1")
    assert result.exit_code == code, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_endpoint_down_exits_4(run_cli) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/sparql"
    result = run_cli("query", "synonyms", "--endpoint", url, "--timeout", "1")
    assert result.exit_code == ExitCode.ENDPOINT
    assert "cannot reach" in result.stderr


def test_terms_cross_between_oxigraph_and_rdflib_unchanged() -> None:
    """A term written into Oxigraph reads back as the same rdflib term; Oxigraph's xsd:string
    reads back plain, as rdflib reads a plain literal."""
    import pyoxigraph as ox
    from rdflib import BNode
    from rdflib.namespace import XSD

    from medgraph.terms import to_oxigraph, to_oxigraph_quad, to_rdflib

    for term in [
        URIRef("http://example.org/a"),
        BNode("b1"),
        Literal("plain"),
        Literal("tagged", lang="en-GB"),
        Literal("01", datatype=XSD.positiveInteger),
    ]:
        assert to_rdflib(to_oxigraph(term)) == term
    assert to_oxigraph(Literal("plain")) == ox.Literal(
        "plain", datatype=ox.NamedNode(str(XSD.string))
    )
    assert to_rdflib(ox.Literal("x", datatype=ox.NamedNode(str(XSD.string)))) == Literal("x")
    assert to_rdflib(None) is None
    with pytest.raises(TypeError):
        to_oxigraph_quad((Literal("s"), URIRef("http://example.org/p"), Literal("o")))
    quad = to_oxigraph_quad((BNode("s"), URIRef("http://example.org/p"), Literal(1)))
    assert quad.graph_name == ox.DefaultGraph()
    assert to_rdflib(quad.object) == Literal(1)


# ----------------------------------------------------------------------------------------------
# The scanner (shared by parameter binding and the SHACL fast path)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A comment runs to its line break, which is code again.
        ("?a # { ?b\n?c", "?a       \n?c"),
        # Escaped quotes stay inside a string; the other quote character is plain text.
        ('?a "x\\"{\'" ?b', "?a         ?b"),
        ("?a 'x\\'{\"' ?b", "?a         ?b"),
        # A long string ends at three quotes that are not escaped, and may hold line breaks.
        ('?a """x\n"{""" ?b', "?a            ?b"),
        ('?a """x\\\\""" ?b', "?a           ?b"),
        ("?a '''x\\'''{''' ?b", "?a              ?b"),
        # An IRI is not code (its "#" starts no comment, its "?" no variable); a comparison is.
        ("<urn:x?y#z> ?a < ?b", "            ?a < ?b"),
        # A string that is never closed runs to the end of the text.
        ('?a "{ ?b', "?a      "),
    ],
)
def test_scanner_blanks_comments_strings_and_iris(text: str, code: str) -> None:
    from medgraph.sparql_text import code_mask, code_text

    assert code_text(text) == code
    assert code_text(text, code_mask(text)) == code


def test_scanner_finds_brackets_groups_and_variables_in_code_only() -> None:
    from medgraph.sparql_text import (
        closing_bracket,
        code_mask,
        rename_variable,
        top_level_groups,
        variables,
    )

    text = 'SELECT ?x WHERE { ?x <urn:p#q> "}" . { $y ?p ?this_too } # }\n} { FILTER(?z) }'
    where = text.index("{")
    assert closing_bracket(text, where) == text.index("\n") + 1
    assert top_level_groups(text) == [
        (where, text.index("\n") + 1),
        (text.rindex("{"), len(text) - 1),
    ]
    assert closing_bracket(text, text.index("("), pair="()") == text.index(")")
    assert code_mask('?a "b"') == [True, True, True, False, False, False]
    assert variables(text) == {"x", "y", "p", "this_too", "z"}
    assert variables('?a "?b" <urn:?c> # ?d') == {"a"}
    with pytest.raises(QueryError, match="unbalanced"):
        closing_bracket("{ { }", 0)
    renamed = rename_variable('$this ?this ?this_too "?this" # $this', "this", "focus")
    assert renamed == '?focus ?focus ?this_too "?this" # $this'


def test_construct_without_where_keyword_gets_its_values_in_the_pattern() -> None:
    """The template of ``CONSTRUCT { t } { p }`` (WHERE is optional) is told from the pattern
    even with a comment between them."""
    text = "CONSTRUCT { ?s ?p ?o } # the pattern:\n{ ?s ?p ?o }"
    bound = inject_values(text, {"s": URIRef("http://example.org/x")}, "CONSTRUCT")
    assert bound.startswith("CONSTRUCT { ?s ?p ?o } # the pattern:\n{ VALUES (?s)")
