"""The differential: which conditions fit these findings, and why (docs/differential.md).

=================  =============================================================
module             what it does
=================  =============================================================
:mod:`.index`      the in-memory index, read once from a backend (three queries)
:mod:`.hpofiles`   the same index straight from ``hp.obo`` and ``phenotype.hpoa``
:mod:`.names`      how names are compared
:mod:`.resolve`    findings (ids, CURIEs, IRIs, words) to HP terms
:mod:`.score`      the likelihood-ratio score of every condition
:mod:`.explain`    each condition's matches, frequencies, claims and references
:mod:`.result`     the answer as JSON or a table
:mod:`.run`        :func:`differential`, with the index kept per graph
=================  =============================================================

``medgraph.differential(...)`` is the public API function; this package is callable so that
the name works whether or not one of its modules has been imported (importing a sub-module
makes ``medgraph.differential`` this package). Nothing heavy is imported here.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from medgraph.differential.result import DifferentialResult

__all__ = ["differential"]


def differential(*args: Any, **kwargs: Any) -> DifferentialResult:
    """See :func:`medgraph.differential.run.differential`."""
    from medgraph.differential.run import differential as run

    return run(*args, **kwargs)


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> DifferentialResult:
        return differential(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
