"""Loading: every syntax error names file, line and column; unsafe input is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from medgraph import resources
from medgraph.errors import ExitCode, InputError, InputSyntaxError, UnsafeInputError
from medgraph.loader import load_default_graph, load_files, parse_file

BAD = Path(__file__).parent / "fixtures" / "bad"


@pytest.mark.parametrize(
    ("name", "line", "column"),
    [
        ("unterminated-literal.ttl", 4, None),
        ("bad-object.nt", 2, 47),
        ("trailing-comma.jsonld", 4, 1),
        ("mismatched-tag.rdf", 4, None),
        ("latin1.ttl", 2, 15),
    ],
)
def test_syntax_error_names_file_line_and_column(name: str, line: int, column: int | None) -> None:
    with pytest.raises(InputSyntaxError) as caught:
        parse_file(BAD / name)
    error = caught.value
    assert error.path == BAD / name
    assert error.line == line
    if column is not None:
        assert error.column == column
    assert str(error).startswith(f"{BAD / name}:{line}:")
    assert error.exit_code == ExitCode.BAD_INPUT


def test_remote_jsonld_context_is_refused_without_fetching() -> None:
    with pytest.raises(UnsafeInputError, match=r"https://schema\.org/"):
        parse_file(BAD / "remote-context.jsonld")


def test_xml_external_entity_is_refused() -> None:
    with pytest.raises(UnsafeInputError, match="external entity"):
        parse_file(BAD / "external-entity.rdf")


def test_byte_order_mark_is_accepted() -> None:
    graph = parse_file(BAD.parent / "bom.ttl")
    assert (
        URIRef("http://example.org/a"),
        URIRef("http://example.org/b"),
        Literal("with a byte-order mark"),
    ) in graph


def test_missing_file_is_a_clear_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "absent.ttl")


def test_unknown_suffix_names_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("a,b\n")
    with pytest.raises(InputError, match=r"\.ttl"):
        parse_file(path)


def test_folder_is_searched_for_rdf_files(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("<http://example.org/a> <http://example.org/b> 1 .\n")
    (tmp_path / "notes.txt").write_text("not RDF")
    assert len(load_files([tmp_path])) == 1


def test_every_shipped_rdf_file_parses() -> None:
    files = resources.ontology_files() + resources.data_files() + resources.shapes_files()
    assert files, "no shipped RDF files found"
    for path in files:
        assert len(parse_file(path)) > 0, path


def test_default_graph_holds_ontology_and_data() -> None:
    graph = load_default_graph()
    ontology = URIRef("https://w3id.org/medgraph/ontology")
    condition = URIRef("https://w3id.org/medgraph/id/condition/cervical-incompetence")
    assert (ontology, None, None) in graph
    assert (condition, None, None) in graph
