"""Options, error handling and output helpers shared by the ``medgraph`` commands.

Results go to stdout, messages to stderr. A user's mistake ends in one ``error:`` line and a
documented exit code (see :class:`medgraph.errors.ExitCode`); ``--stacktrace`` shows the
traceback for the curious. Heavy libraries are imported inside the commands that need them.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from rdflib import Graph

from medgraph import formats
from medgraph.errors import MedgraphError

F = TypeVar("F", bound=Callable[..., Any])

# Choices are spelled out here so that ``--help`` needs no heavy import; a test checks that
# they match the registries in the stage modules.
EXPORT_FORMAT_NAMES = (*formats.EXPORT_FORMAT_NAMES, "sssom", "kgx")
REPORT_FORMAT_NAMES = ("text", "json", "turtle")
RESULT_FORMAT_NAMES = ("table", "csv", "tsv", "json", "sparql-json", "sparql-xml")
GRAPH_FORMAT_NAMES = formats.EXPORT_FORMAT_NAMES

stacktrace_option = click.option(
    "--stacktrace", is_flag=True, help="Show the Python traceback of an error (for bug reports)."
)
force_option = click.option("--force", is_flag=True, help="Replace an existing output file.")
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (atomically) instead of stdout.",
)
export_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (atomically) instead of stdout; for kgx, a folder or a .tar.gz file.",
)
allow_remote_option = click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow input that fetches remote documents (JSON-LD contexts, DTDs). Off by default.",
)
ENGINE_NAMES = ("auto", "rdflib", "oxigraph")


class BackendDescriptor(click.ParamType):
    """``auto``, ``rdflib``, ``oxigraph``, ``store:PATH`` or ``sparql:URL``, checked at parse time."""

    name = "backend"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from medgraph.backends import parse_descriptor
        from medgraph.errors import InputError

        try:
            return parse_descriptor(str(value))
        except InputError as exc:
            self.fail(str(exc), param, ctx)


engine_option = click.option(
    "--backend",
    "--engine",
    "backend",
    type=BackendDescriptor(),
    default="auto",
    show_default=True,
    metavar="BACKEND",
    help="oxigraph (Oxigraph with a Rust SHACL engine; what auto picks), rdflib (rdflib and "
    "pySHACL, the reference: same results, slower), store:PATH (an on-disk store) or "
    "sparql:URL (an endpoint).",
)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def fail(message: str, code: int) -> None:
    # A message quotes user input (paths, IRIs, parser errors): escape control characters so
    # that it cannot drive the terminal.
    shown = _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        message,
    )
    click.echo(f"error: {shown}", err=True)
    sys.exit(code)


_FLAG_ADVICE = {"force": "pass --force to replace it", "replace": "pass --replace to reload it"}


def _worded(exc: MedgraphError) -> str:
    """The library's message, with the command-line flag that lets the call go ahead."""
    advice = _FLAG_ADVICE.get(exc.option or "")
    return f"{exc}; {advice}" if advice else str(exc)


def handle_errors(func: F) -> F:
    """Turn medgraph's errors into one clear line and their exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        stacktrace = kwargs.pop("stacktrace", False)
        try:
            return func(*args, **kwargs)
        except MedgraphError as exc:
            if stacktrace:
                raise
            fail(_worded(exc), int(exc.exit_code))
        except KeyboardInterrupt:
            fail("interrupted; no output was left half-written", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)

    return cast(F, stacktrace_option(wrapper))


def emit(data: bytes | str, output: Path | None, force: bool) -> None:
    from medgraph.atomic import atomic_write

    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        atomic_write(output, payload, force=force)
        click.echo(f"wrote {output} ({len(payload):,} bytes)", err=True)


def load_graph(paths: Sequence[Path], allow_remote: bool = False) -> Graph:
    """The user's files (checked, without the ontology) or the shipped graph, in rdflib."""
    from medgraph.backends import open_backend

    backend = open_backend("rdflib", paths, allow_remote=allow_remote, with_ontology=False)
    return backend.to_rdflib()


@contextmanager
def step(label: str, *, always: bool = True) -> Iterator[None]:
    """Say on stderr what a slow step is doing and how long it took.

    On a terminal the line reads ``label … done (1.2 s)``; otherwise (logs, CI) one line is
    written when the step ends. ``always=False`` keeps quiet off a terminal, for commands whose
    stderr tools read.
    """
    interactive = sys.stderr.isatty()
    if not (always or interactive):
        yield
        return
    if interactive:
        click.echo(f"{label} …", err=True, nl=False)
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        if interactive:
            click.echo(" stopped", err=True)
        raise
    seconds = time.perf_counter() - started
    if interactive:
        click.echo(f" done ({seconds:.1f} s)", err=True)
    else:
        click.echo(f"{label}: done ({seconds:.1f} s)", err=True)


__all__ = [
    "ENGINE_NAMES",
    "EXPORT_FORMAT_NAMES",
    "GRAPH_FORMAT_NAMES",
    "REPORT_FORMAT_NAMES",
    "RESULT_FORMAT_NAMES",
    "BackendDescriptor",
    "allow_remote_option",
    "emit",
    "engine_option",
    "export_output_option",
    "fail",
    "force_option",
    "handle_errors",
    "load_graph",
    "output_option",
    "step",
]
