"""SHACL core (counts, datatypes, classes, ``sh:in``, patterns, ``sh:or``, ...) by
`shacl-rust <https://pypi.org/project/shacl-rust/>`_, a Rust engine that passes the W3C core
suite. Each finding keeps its focus node, path, value, component, shape and severity; its
message is the shape's ``sh:message``, as pySHACL writes it."""

from __future__ import annotations

import io

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from medgraph.shacl_fast.findings import Finding, parse_term
from medgraph.shacl_fast.shapes import core_shapes

__all__ = ["core_findings"]


def core_findings(data: bytes, data_format: str, shapes: Graph) -> list[Finding]:
    """Validate ``data`` (``data_format``: ``nt`` or ``turtle``) against the shapes' core
    constraints (the SPARQL-based ones are left out)."""
    import shacl_rust

    core = core_shapes(shapes)
    report = shacl_rust.validate_file(
        io.BytesIO(data),
        io.BytesIO(core.serialize(format="nt", encoding="utf-8")),
        data_format=data_format,
        shapes_format="nt",
        experimental_index=True,
    )
    findings = []
    for result in report["results"]:
        shape = parse_term(result["sourceShape"])
        messages: list[Node] = list(shapes.objects(shape, SH.message))
        if not messages:
            # pySHACL writes its own text here; this engine's text is the nearest there is.
            messages = [Literal(m) for m in result.get("messages", [])]
        path = shapes.value(shape, SH.path)
        findings.append(
            Finding(
                focus=parse_term(result["focusNode"]),
                severity=URIRef(result["severity"].strip("<>")),
                component=URIRef(result["sourceConstraintComponent"].strip("<>")),
                shape=shape,
                path=path,
                value=parse_term(result["value"]) if "value" in result else None,
                messages=messages,
            )
        )
    return findings
