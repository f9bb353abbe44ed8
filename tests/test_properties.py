"""Property-based tests: parameter binding never changes a query's shape, and no input file,
however mangled, crashes the loader or the validator."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from medgraph.errors import InputError, QueryError
from medgraph.loader import parse_file
from medgraph.queries import NamedQuery, QueryParameter, run_query
from medgraph.sparql_text import inject_values

ECHO = "SELECT ?value (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?value"
ECHO_QUERY = NamedQuery(
    name="echo",
    path=Path("echo.rq"),
    text=ECHO,
    parameters=(QueryParameter("value", "string"),),
)
TINY = Graph()
TINY.add((URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal("c")))
TINY.add((URIRef("http://example.org/d"), URIRef("http://example.org/b"), Literal("e")))

VALID_TURTLE = (Path(__file__).parent / "hostile" / "files" / "bom.ttl").read_bytes()[3:] + (
    b"@prefix mgo: <https://w3id.org/medgraph/ontology/> .\n"
    b'<https://example.org/x> a mgo:Condition ; <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n'
)

text_values = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(value=text_values)
def test_a_string_parameter_is_one_value_in_text_and_in_bindings(value: str) -> None:
    """Whatever the string, the VALUES block holds exactly it, and the query still counts all
    triples: nothing was closed, added or dropped."""
    term = QueryParameter("value", "string").to_term(value)
    for rows in (
        list(TINY.query(inject_values(ECHO, {"value": term}, "SELECT"))),
        [tuple(r.values()) for r in run_query(TINY, ECHO_QUERY, {"value": value}).rows],
    ):
        assert len(rows) == 1
        assert str(rows[0][0]) == value
        assert int(rows[0][1]) == len(TINY)


@settings(max_examples=300, deadline=None)
@given(value=text_values)
def test_an_iri_parameter_is_refused_or_bound_whole(value: str) -> None:
    parameter = QueryParameter("value", "iri")
    try:
        term = parameter.to_term(value)
    except QueryError as exc:
        assert "must be an absolute IRI" in str(exc)
        return
    from medgraph.curie import expand

    # A CURIE with one of medgraph's prefixes is bound as the IRI it stands for.
    assert str(term) in (value, expand(value))
    text = inject_values(ECHO, {"value": term}, "SELECT")
    rows = list(TINY.query(text))
    assert len(rows) == 1 and str(rows[0][0]) == str(term)
    assert int(rows[0][1]) == len(TINY)


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=30))
def test_typed_parameters_accept_or_refuse_clearly(value: str) -> None:
    for kind in ("integer", "decimal", "boolean"):
        try:
            term = QueryParameter("v", kind).to_term(value)
        except QueryError as exc:
            assert f"({kind})" in str(exc)
        else:
            assert isinstance(term, Literal)


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, length, insert in edits:
        position %= len(data) + 1
        data = data[:position] + insert + data[position + length :]
    return data


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 5), st.binary(max_size=6)), max_size=4
    ),
    suffix=st.sampled_from([".ttl", ".nt", ".jsonld", ".rdf"]),
)
def test_mangled_files_load_or_fail_with_an_input_error(
    edits: list[tuple[int, int, bytes]], suffix: str, tmp_path: Path
) -> None:
    path = tmp_path / f"mangled{suffix}"
    path.write_bytes(_mutate(VALID_TURTLE, edits))
    try:
        parse_file(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    labels=st.lists(st.text(max_size=20), max_size=3),
    typed=st.sampled_from(["mgo:Condition", "mgo:Claim", "mgo:Excerpt", "mgo:Reference"]),
)
def test_validating_arbitrary_user_data_never_crashes(
    labels: list[str], typed: str, tmp_path: Path
) -> None:
    from medgraph.validation import validate_graph

    lines = ["@prefix mgo: <https://w3id.org/medgraph/ontology/> ."]
    lines.append(f"<https://example.org/thing> a {typed} .")
    for label in labels:
        escaped = (
            label.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
        lines.append(
            f'<https://example.org/thing> <http://www.w3.org/2000/01/rdf-schema#label> "{escaped}" .'
        )
    path = tmp_path / "user.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    try:
        graph = parse_file(path)
    except InputError:
        return
    report = validate_graph(graph)
    assert report.conforms is False or report.results == []
