"""SHACL validation for big graphs, with the same findings as pySHACL.

pySHACL runs every SPARQL-based constraint once per focus node, in Python, which is what makes
it take minutes on a graph of a few thousand triples and never finish on a million. This
package splits the work between two engines and gives back pySHACL's report, record for
record:

- **SHACL core** (counts, datatypes, classes, ``sh:in``, patterns, ``sh:or``, ...) by
  `shacl-rust <https://pypi.org/project/shacl-rust/>`_, a Rust engine that passes the W3C core
  suite (:mod:`.core`).
- **SPARQL-based constraints** (``sh:sparql``, SHACL-AF) by Oxigraph, each run *once* over all
  of its focus nodes (``$this`` bound by the shape's targets inside the query) instead of once
  per focus node, wherever that gives what pre-binding gives (:mod:`.bulk`); otherwise once
  per focus node, as pySHACL does (:mod:`.sparql`).

The modules, in the order a validation uses them:

- :mod:`.support`: what the fast path runs exactly (:func:`supports`,
  :func:`spells_out_xsd_string`); the rest goes to pySHACL.
- :mod:`.shapes`: the SPARQL constraints of the shapes, and the core shapes.
- :mod:`.bulk`: a constraint rewritten as one query over all its focus nodes.
- :mod:`.sparql`: the constraints run on Oxigraph, rows read as pySHACL reads them.
- :mod:`.core`: the core constraints run by shacl-rust.
- :mod:`.spelling`: literals Oxigraph folded, given back as the data writes them.
- :mod:`.report`: the findings (:mod:`.findings`) as pySHACL's report graph and as medgraph's
  records.
- :mod:`.run`: both engines at once (:func:`validate_fast`).
"""

from __future__ import annotations

from medgraph.shacl_fast.bulk import bulk_query
from medgraph.shacl_fast.findings import Finding
from medgraph.shacl_fast.report import report_graph, results
from medgraph.shacl_fast.run import iter_constraint_timings, validate_fast
from medgraph.shacl_fast.shapes import SparqlConstraint, core_shapes, sparql_constraints
from medgraph.shacl_fast.support import FastValidationError, spells_out_xsd_string, supports

__all__ = [
    "FastValidationError",
    "Finding",
    "SparqlConstraint",
    "bulk_query",
    "core_shapes",
    "iter_constraint_timings",
    "report_graph",
    "results",
    "sparql_constraints",
    "spells_out_xsd_string",
    "supports",
    "validate_fast",
]
