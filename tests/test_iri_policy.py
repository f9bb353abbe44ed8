"""The IRI policy (medgraph.iri): what is not an IRI after unescaping never gets into a graph,
a file medgraph writes, or SPARQL text; control characters never reach the terminal raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from medgraph.errors import ExitCode, InputSyntaxError, QueryError
from medgraph.iri import check_graph_terms, iri_problem, locate_iri
from medgraph.loader import parse_file
from medgraph.queries import QueryResult, format_result
from medgraph.sparql_text import term_to_sparql

HOSTILE = Path(__file__).parent / "hostile" / "files"


@pytest.mark.parametrize(
    ("iri", "words"),
    [
        ("http://example.org/a b", "a space (U+0020)"),
        ("http://example.org/a>b", "'>' (U+003E)"),
        ("http://example.org/a<b", "'<' (U+003C)"),
        ('http://example.org/a"b', "'\"' (U+0022)"),
        ("http://example.org/a{b", "'{'"),
        ("http://example.org/a}b", "'}'"),
        ("http://example.org/a|b", "'|'"),
        ("http://example.org/a^b", "'^'"),
        ("http://example.org/a`b", "'`'"),
        ("http://example.org/a\\b", "(U+005C)"),
        ("http://example.org/a\x00b", "a control character (U+0000)"),
        ("http://example.org/a\x1bb", "a control character (U+001B)"),
        ("http://example.org/a\x85b", "(U+0085)"),
        ("http://example.org/a\nb", "a line break"),
        ("relative/path", "has no scheme"),
        ("", "has no scheme"),
        ("http://example.org/a%zz", "RFC 3987"),
        ("http://example.org:port/", "RFC 3987"),
        ("http://example.org/a#b#c", "RFC 3987"),
    ],
)
def test_what_is_not_an_iri_is_named(iri: str, words: str) -> None:
    problem = iri_problem(iri)
    assert problem is not None and words in problem, problem


@pytest.mark.parametrize(
    "iri",
    [
        "https://w3id.org/medgraph/condition/x",
        "urn:isbn:0451450523",
        "http://example.org/é?q=1#frag",
        "http://[::1]:8080/a",
        "mailto:someone@example.org",
        "http://example.org/a%20b",
    ],
)
def test_iris_are_accepted(iri: str) -> None:
    assert iri_problem(iri) is None


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("iri-injection.nt", ":1:52:"),
        ("iri-escaped-space.ttl", ":3:11:"),
        ("iri-relative-space.ttl", ":3:11:"),
        ("datatype-injection.rdf", ":4:24:"),
    ],
)
def test_both_engines_refuse_escaped_iris_with_file_and_line(
    engine: str,
    name: str,
    where: str,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    result = run_cli("export", "--engine", engine, "--format", "nt", str(HOSTILE / name))
    assert result.exit_code == ExitCode.BAD_INPUT, result.stdout
    assert f"{name}{where} syntax error:" in result.stderr
    assert result.stdout == ""
    assert "DROP ALL" not in result.stdout


def test_the_injected_datatype_never_becomes_a_term() -> None:
    with pytest.raises(InputSyntaxError) as caught:
        parse_file(HOSTILE / "iri-injection.nt")
    assert caught.value.line == 1 and caught.value.column == 52
    assert "the datatype IRI <http://example.org/t\\u003E } } ; DROP ALL" in str(caught.value)


def test_json_ld_blank_node_labels_cannot_break_out() -> None:
    with pytest.raises(InputSyntaxError, match="is not a blank node label") as caught:
        parse_file(HOSTILE / "blank-node-injection.jsonld")
    assert caught.value.line == 2


def test_check_graph_terms_covers_subject_predicate_object_and_datatype(tmp_path: Path) -> None:
    ok = URIRef("http://example.org/ok")
    bad = URIRef("http://example.org/x y")
    for triple in [
        (bad, ok, ok),
        (ok, bad, ok),
        (ok, ok, bad),
        (ok, ok, Literal("v", datatype=bad)),
        (BNode("a b"), ok, ok),
    ]:
        graph = Graph()
        graph.add(triple)
        with pytest.raises(InputSyntaxError) as caught:
            check_graph_terms(graph, tmp_path / "absent.ttl")
        assert caught.value.line is None
        assert str(caught.value).startswith(f"{tmp_path / 'absent.ttl'}: syntax error:")
    fine = Graph()
    fine.add((ok, ok, Literal("a > b } ; DROP ALL", lang="en")))
    check_graph_terms(fine, "fine.ttl", b"")


def test_locate_finds_raw_escaped_and_xml_spellings() -> None:
    iri = "http://example.org/a>b"
    assert locate_iri(b"x\n  <http://example.org/a\\u003eb> .", iri) == (2, 3)
    assert locate_iri(b'{"@id": "http://example.org/a\\u003Eb"}', iri) == (1, 9)
    assert locate_iri(b'<x rdf:about="http://example.org/a&gt;b"/>', iri) == (1, 14)
    assert locate_iri(b"nothing here", iri) is None


@pytest.mark.parametrize(
    "term",
    [
        URIRef("http://example.org/t> } } ; DROP ALL ; INSERT DATA { <x:a> <x:b> <x:c"),
        URIRef("not-absolute"),
        Literal("x", datatype=URIRef("http://example.org/t> ; DROP ALL ; <x:y")),
    ],
)
def test_term_to_sparql_refuses_what_is_not_an_iri(term) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="the IRI <"):
        term_to_sparql(term)


def test_table_output_escapes_terminal_control_sequences() -> None:
    value = "before\x1b[2J\x1b]0;owned\x07after\u202egnp.exe\nnext"
    result = QueryResult(
        kind="SELECT",
        variables=["o", "x\x1b[31m"],
        rows=[{"o": Literal(value), "x\x1b[31m": URIRef("http://example.org/\x1b")}],
    )
    table = format_result(result, "table")
    assert "\x1b" not in table and "\x07" not in table and "\u202e" not in table
    assert "before\\x1b[2J\\x1b]0;owned\\x07after\\u202egnp.exe\\nnext" in table
    assert table.count("\n") == 4, table  # header, rule, one row, count
    csv = format_result(result, "csv")
    assert "\x1b[2J" in csv, "machine formats keep the value as it is"


def test_error_messages_escape_control_characters(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("validate", str(tmp_path / "missing\x1b[2J.ttl"))
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "\x1b" not in result.stderr and "missing\\x1b[2J.ttl" in result.stderr
