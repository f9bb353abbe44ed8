"""Read medgraph's KGX files with the ``kgx`` package itself, offline; print what it saw as JSON.

Run with the Python of a virtual environment that has ``kgx`` (``make kgx-env``), never the one
medgraph runs in: kgx pins libraries medgraph also uses. ``tests/test_kgx.py`` runs it as

    python tests/kgx_reader.py FOLDER_OR_ARCHIVE

kgx and its Biolink toolkit (bmt) download the Biolink Model and a JSON-LD context from the
web by default; here both come from the ``biolink-model`` package installed beside kgx, and any
attempt to open a network connection fails the run.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any


def _no_network() -> None:
    def refuse(self: socket.socket, address: Any) -> None:
        raise OSError(f"kgx tried to reach {address!r}; this check runs offline")

    socket.socket.connect = refuse  # type: ignore[method-assign,assignment]


def _offline_biolink() -> str:
    """Point bmt and kgx at the Biolink Model the biolink-model package ships."""
    import bmt.toolkit

    package = resources.files("biolink_model")
    schema = str(package.joinpath("schema").joinpath("biolink_model.yaml"))
    bmt.toolkit.Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})

    import kgx.config

    prefixes = json.loads(
        package.joinpath("prefixmaps").joinpath("biolink_model_prefix_map.json").read_text()
    )
    kgx.config.jsonld_context_map["biolink"] = {
        **prefixes,
        "biolink": "https://w3id.org/biolink/vocab/",
    }
    return schema


def _read(source: Path, fmt: str) -> dict[str, Any]:
    from kgx.transformer import Transformer
    from kgx.validator import Validator

    if source.is_dir():
        files = [str(source / f"medgraph_nodes.{fmt}"), str(source / f"medgraph_edges.{fmt}")]
        compression = None
    else:
        files, compression = [str(source)], "tar.gz"
    validator = Validator()
    transformer = Transformer(stream=False)
    transformer.transform({"filename": files, "format": fmt, "compression": compression})
    graph = transformer.store.graph
    validator.validate(graph)
    errors: Counter[str] = Counter()
    for level, types in validator.get_errors().items():
        for error_type, messages in types.items():
            for message in messages:
                errors[f"{level} {error_type} {message}"] += 1
    edges = list(graph.edges(keys=False, data=True))
    nodes = dict(graph.nodes(data=True))
    return {
        "nodes": len(nodes),
        "edges": len(edges),
        "categories": dict(Counter(c for _, d in nodes.items() for c in d.get("category", []))),
        "predicates": dict(Counter(d["predicate"] for _, _, d in edges)),
        "node": {k: v for k, v in nodes.get("condition:cervical-incompetence", {}).items()},
        "edge": next(
            (d for _, _, d in edges if d.get("id") == "claim:treatment-cervical-cerclage"), {}
        ),
        "errors": dict(errors),
    }


def main() -> None:
    _no_network()
    schema = _offline_biolink()
    source = Path(sys.argv[1])
    formats = ["tsv"] if not source.is_dir() else ["tsv", "jsonl"]
    with contextlib.redirect_stdout(sys.stderr):  # kgx prints progress on stdout
        report = {"biolink_schema": schema, **{fmt: _read(source, fmt) for fmt in formats}}
    json.dump(report, sys.stdout, default=sorted, sort_keys=True)


if __name__ == "__main__":
    main()
