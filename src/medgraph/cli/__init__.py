"""The ``medgraph`` command: a thin click layer over the stage modules.

Results go to stdout, messages to stderr. A user's mistake ends in one ``error:`` line and a
documented exit code (see :class:`medgraph.errors.ExitCode`); ``--stacktrace`` shows the
traceback for the curious. Heavy libraries are imported inside the commands that need them.
Each public sub-module registers one family of commands on :data:`main`; a new module is
picked up without editing this file.
"""

from __future__ import annotations

import click

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="medgraph", prog_name="medgraph")
def main() -> None:
    """medgraph: a cited, validated knowledge graph of medical conditions.

    \b
    Exit codes: 0 success; 1 findings (SHACL violations, inconsistency,
    failed mapping check); 2 unusable input (missing file, syntax error,
    unknown format, bad query or parameter); 3 output not written;
    4 SPARQL endpoint unreachable; 5 missing tool (e.g. Java for the
    reasoner); 6 endpoint timed out; 7 endpoint answered an HTTP error;
    8 endpoint answered something that is not a SPARQL result.
    """


def _register_commands() -> None:
    """Import every public module of this package; each adds its commands to ``main``."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


_register_commands()
