"""Both engines at once: SHACL core by shacl-rust and the SPARQL constraints by Oxigraph, in
worker threads, with findings gathered in a fixed order."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import SH

from medgraph.shacl_fast.core import core_findings
from medgraph.shacl_fast.findings import Finding
from medgraph.shacl_fast.shapes import sparql_constraints
from medgraph.shacl_fast.sparql import FocusNodes, sparql_findings
from medgraph.shacl_fast.spelling import exact_values
from medgraph.shacl_fast.support import FastValidationError, supports

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["iter_constraint_timings", "validate_fast"]


def validate_fast(
    store: ox.Store,
    data: bytes,
    data_format: str,
    shapes: Graph,
    *,
    exact_terms: bytes | None = None,
) -> tuple[bool, list[Finding]]:
    """Validate: SHACL core on ``data`` (N-Triples or Turtle bytes of the whole graph, the
    ontology included) and the SPARQL constraints on ``store`` (the same graph in Oxigraph),
    in parallel. ``exact_terms`` (N-Triples) lets findings report literals as written.
    Returns whether the graph conforms (no violation) and the findings."""
    reason = supports(shapes)
    if reason:
        raise FastValidationError(reason)
    constraints = sparql_constraints(shapes)
    # SHACL core and the SPARQL constraints share the worker threads: both engines release
    # Python's lock while they evaluate. Findings are gathered in constraint order, so the
    # report does not depend on which thread finished first.
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        core = pool.submit(core_findings, data, data_format, shapes)
        targets = FocusNodes(store)
        runs = [
            pool.submit(sparql_findings, store, constraint, targets) for constraint in constraints
        ]
        findings: list[Finding] = [f for run in runs for f in run.result()]
        if exact_terms is not None:
            exact_values(findings, exact_terms)
        findings.extend(core.result())
    return all(f.severity != SH.Violation for f in findings), findings


def iter_constraint_timings(store: ox.Store, shapes: Graph) -> Iterator[tuple[str, float, int]]:
    """(shape, seconds, results) per SPARQL constraint: where bulk validation spends its time."""
    targets = FocusNodes(store)
    for constraint in sparql_constraints(shapes):
        start = time.perf_counter()
        count = len(sparql_findings(store, constraint, targets))
        yield str(constraint.shape), time.perf_counter() - start, count
