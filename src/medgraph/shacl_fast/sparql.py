"""Running the SPARQL-based constraints on Oxigraph and reading their rows as pySHACL does.

Each constraint runs once over all its focus nodes where :func:`.bulk.bulk_query` can write
it so, otherwise once per focus node with ``$this`` bound, as pySHACL does. Results, values
and messages (``{?var}`` templates) follow pySHACL's rules (see
``pyshacl/constraints/sparql``): a row with ``?failure`` is one failure per focus node, other
rows give one result each, duplicates dropped.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rdflib import Literal
from rdflib.namespace import SH
from rdflib.term import Node

from medgraph.shacl_fast.bulk import bulk_query, prefix_block, target_group
from medgraph.shacl_fast.findings import Finding
from medgraph.shacl_fast.shapes import SparqlConstraint
from medgraph.shacl_fast.support import FastValidationError
from medgraph.sparql_text import rename_variable
from medgraph.terms import to_rdflib

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["FocusNodes", "focus_nodes", "rows", "run_constraint", "sparql_findings"]

Row = dict[str, Any]
"""One solution: variable name to pyoxigraph term (None where unbound)."""


def rows(result: object) -> list[Row]:
    """The solutions of a SELECT, as dictionaries (FastValidationError for another form)."""
    import pyoxigraph as ox

    if not isinstance(result, ox.QuerySolutions):
        raise FastValidationError("a SPARQL constraint that is not a SELECT")
    names = [v.value for v in result.variables]
    return [dict(zip(names, solution, strict=True)) for solution in result]


FEW_FOCUS_NODES = 500
"""Up to this many focus nodes, a constraint may run once per node rather than in bulk..."""

TRIPLES_PER_FOCUS_NODE = 5_000
"""...when they are also this sparse in the graph (at most one per this many triples): the
curated claims beside 270,000 imported ones. Where focus nodes are common (the conditions of a
graph of many curated conditions), one bulk query is much cheaper than one query per node."""


def focus_nodes(store: ox.Store, constraint: SparqlConstraint) -> list[Any]:
    """The constraint's focus nodes in the store, each once."""
    target = target_group(constraint.targets)
    if not target:
        return []
    return [row["this"] for row in rows(store.query(f"SELECT ?this WHERE {{ {target} }}"))]


class FocusNodes:
    """:func:`focus_nodes`, each target looked up once for all the constraints that share it
    (37 constraints have 16 targets; the claims' costs 0.1 s at 1M triples), from any thread."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._found: dict[str, list[Any]] = {}
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._lock = threading.Lock()

    def __call__(self, store: ox.Store, constraint: SparqlConstraint) -> list[Any]:
        if store is not self._store:
            return focus_nodes(store, constraint)
        target = target_group(constraint.targets)
        with self._lock:
            lock = self._locks[target]
        with lock:
            if target not in self._found:
                self._found[target] = focus_nodes(store, constraint)
            return self._found[target]


def run_constraint(
    store: ox.Store, constraint: SparqlConstraint, targets: FocusNodes | None = None
) -> list[Row]:
    """All result rows of one constraint, each with the focus node as ``this`` (``targets``:
    focus nodes shared with other constraints)."""
    import pyoxigraph as ox

    if not constraint.targets:
        return []
    text = bulk_query(constraint)
    nodes = (targets or focus_nodes)(store, constraint)
    sparse = len(nodes) <= FEW_FOCUS_NODES and len(nodes) * TRIPLES_PER_FOCUS_NODE <= len(store)
    if text is not None and not sparse:
        return rows(store.query(text))
    # Pre-binding, exactly as pySHACL does it: once per focus node. Also where few nodes are
    # focus nodes (the curated claims beside 270,000 imported ones): the bulk query would join
    # its target last and evaluate its body for every node that shares the properties.
    select = prefix_block(constraint.prefixes) + rename_variable(constraint.select, "this", "this")
    found: list[Row] = []
    for focus in nodes:
        try:
            answer = store.query(select, substitutions={ox.Variable("this"): focus})
        except Exception as exc:  # noqa: BLE001 - e.g. $this not projected: pySHACL's turn
            raise FastValidationError(f"{constraint.shape}: {exc}") from None
        found.extend({**row, "this": focus} for row in rows(answer))
    return found


def _format_message(message: str, bound: Mapping[str, Node]) -> str:
    """pySHACL's ``{?var}`` substitution (``_format_sparql_based_result_message``)."""
    for name, value in bound.items():
        message = re.sub(f"{{[?$]{name}}}", str(value), message)
    return message


def sparql_findings(
    store: ox.Store, constraint: SparqlConstraint, targets: FocusNodes | None = None
) -> list[Finding]:
    """Run one constraint and turn its rows into pySHACL's results."""
    findings: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    failed: set[Node] = set()
    for row in run_constraint(store, constraint, targets):
        terms = {name: to_rdflib(value) for name, value in row.items() if value is not None}
        focus = terms.pop("this", None)
        if focus is None:
            raise FastValidationError(f"{constraint.shape}: a row without $this")
        if "failure" in terms:
            terms.pop("failure")
            if focus in failed:
                continue
            failed.add(focus)
            findings.append(_finding(constraint, focus, None, focus, terms, None))
            continue
        path = terms.pop("path", None)
        value = terms.pop("value", None)
        key = (focus, path, value, tuple(sorted(terms.items())))
        if key in seen:
            continue
        seen.add(key)
        bound = {"this": focus}
        if path is not None:
            bound["path"] = path
        if value is not None:
            bound["value"] = value
        findings.append(
            _finding(constraint, focus, path, value if value is not None else focus, terms, bound)
        )
    return findings


def _finding(
    constraint: SparqlConstraint,
    focus: Node,
    path: Node | None,
    value: Node | None,
    extra: Mapping[str, Node],
    bound: Mapping[str, Node] | None,
) -> Finding:
    """One result; its messages are the shape's and the constraint's, with ``extra`` and
    ``bound`` (none for a failure) filled into their ``{?var}`` templates."""
    variables = {**extra, **(bound or {})}
    messages: list[Node] = []
    for message in constraint.shape_messages:
        messages.append(Literal(_format_message(str(message), variables)))
    for message in constraint.messages:
        if message in constraint.shape_messages:
            continue
        messages.append(Literal(_format_message(str(message), variables)))
    return Finding(
        focus=focus,
        severity=constraint.severity,
        component=SH.SPARQLConstraintComponent,
        shape=constraint.shape,
        path=path,
        value=value,
        messages=messages,
        constraint=constraint.constraint,
    )
