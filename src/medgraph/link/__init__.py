"""Link stage: mappings from medgraph's entities to the codes of other terminologies.

The mappings live in SSSOM tables (``data/mappings/*.sssom.tsv``). The package is cut along the
stages a mapping goes through, each in its own module:

- :mod:`~medgraph.codesystems`: the code systems medgraph knows (:data:`CODE_SYSTEMS`,
  bioregistry prefixes and IRI formats) and the releases that ship in packages (:data:`RELEASES`),
  some of them read from data files ``make code-systems`` installs
  (:mod:`~medgraph.packaged_releases`);
- :mod:`~medgraph.link.sssom`: reading the tables (:func:`load_mappings`) and writing the asserted
  mappings back out as one SSSOM table (:func:`export_sssom`);
- :mod:`~medgraph.link.triples`: every asserted mapping as SKOS triples and a schema.org
  ``MedicalCode`` node that says how it was verified (:func:`mappings_to_graph`);
- :mod:`~medgraph.link.check`: each code checked against the releases shipped in packages, and
  a release's cross-references that contradict a row flagged (:func:`check_mappings`);
- :mod:`~medgraph.link.lookup`: the codes looked up at a SPARQL endpoint
  (:func:`lookup_mappings`).

Rows whose status is ``mgo:Unverified`` never become triples and are never exported. This module
re-exports the names the rest of medgraph and its tests use, so that callers write
``from medgraph import link`` and need not know the layout. ``medgraph.loader`` imports it only
inside the functions that need it: building the graph without the mappings must not pay for it.
"""

from __future__ import annotations

from medgraph.codesystems import CODE_SYSTEMS, RELEASES
from medgraph.link.check import check_mappings, render_check_report
from medgraph.link.lookup import lookup_mappings, render_lookup_report
from medgraph.link.sssom import (
    ASSERTED_STATUSES,
    MATCH_PREDICATES,
    STATUSES,
    UNVERIFIED_SUFFIX,
    export_sssom,
    load_mappings,
    mapping_rows,
)
from medgraph.link.triples import code_iri, mappings_to_graph

__all__ = [
    "ASSERTED_STATUSES",
    "CODE_SYSTEMS",
    "MATCH_PREDICATES",
    "RELEASES",
    "STATUSES",
    "UNVERIFIED_SUFFIX",
    "check_mappings",
    "code_iri",
    "export_sssom",
    "load_mappings",
    "lookup_mappings",
    "mapping_rows",
    "mappings_to_graph",
    "render_check_report",
    "render_lookup_report",
]
