"""Errors a user can cause, each with a message that says what to do and a distinct exit code.

The CLI prints ``error: <message>`` for these and exits with :attr:`MedgraphError.exit_code`;
anything else is a bug and keeps its traceback (shown with ``--stacktrace``).
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

__all__ = [
    "EndpointError",
    "ExitCode",
    "InputError",
    "InputSyntaxError",
    "MedgraphError",
    "OutputError",
    "OutputExists",
    "QueryError",
    "ReasonerUnavailable",
    "ServiceRefused",
    "UnsafeInputError",
    "UpdateRefused",
]


class ExitCode(IntEnum):
    """Exit codes of the ``medgraph`` command (documented in the README)."""

    OK = 0
    FINDINGS = 1
    """Validation violations, an inconsistent ontology, or a mapping that fails its check."""
    BAD_INPUT = 2
    """Unusable input: a missing file, a syntax error, an unknown format, a bad query or parameter."""
    OUTPUT = 3
    """The output could not be written (exists without --force, read-only, disk full)."""
    ENDPOINT = 4
    """A SPARQL endpoint could not be reached."""
    ENVIRONMENT = 5
    """Something medgraph needs is missing or failed (for example Java for the reasoner)."""
    ENDPOINT_TIMEOUT = 6
    """A SPARQL endpoint did not answer within the time-out."""
    ENDPOINT_HTTP = 7
    """A SPARQL endpoint answered with an HTTP error (4xx or 5xx)."""
    ENDPOINT_GARBAGE = 8
    """A SPARQL endpoint answered with something that is not a SPARQL result."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (SIGINT); the message says what state was left."""
    TERMINATED = 143
    """Stopped by SIGTERM; the message says what state was left."""


class MedgraphError(Exception):
    """Base of every error caused by input, output or environment rather than by a bug."""

    exit_code: ExitCode = ExitCode.BAD_INPUT
    option: str | None = None
    """The keyword argument (and command-line flag) that would let the call go ahead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(MedgraphError):
    """An input file is missing, unreadable, or of an unknown format."""


class InputSyntaxError(InputError):
    """An input file does not parse; names the file, line and column."""

    def __init__(self, path: Path | str, line: int | None, column: int | None, reason: str) -> None:
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: syntax error: {reason}")
        self.path = Path(path)
        self.line = line
        self.column = column
        self.reason = reason


class UnsafeInputError(InputError):
    """Input that would make medgraph reach the network or expand entities, refused by default."""


class QueryError(MedgraphError):
    """A query that cannot run: unknown name, syntax error, bad parameter, or a refused update."""


class ServiceRefused(QueryError):
    """A query with a SERVICE clause, which would contact another server, run without consent."""


class UpdateRefused(QueryError):
    """A SPARQL Update where only queries are run."""


class OutputError(MedgraphError):
    """An output that cannot be written safely."""

    exit_code = ExitCode.OUTPUT


class OutputExists(OutputError):
    """The output is already there and the caller did not ask to replace it.

    ``path`` names it; ``option`` is the keyword argument that allows the replacement
    (``force`` or ``replace``). The CLI words it as flag advice (``pass --force ...``).
    """

    def __init__(
        self, path: Path | str, detail: str = "already exists", option: str = "force"
    ) -> None:
        self.path = Path(path)
        self.option = option
        super().__init__(f"{path}: {detail}")


class EndpointError(MedgraphError):
    """A remote SPARQL endpoint failed."""

    exit_code = ExitCode.ENDPOINT


class ReasonerUnavailable(MedgraphError):
    """The OWL reasoner cannot run here (no Java, a crash, or a time-out)."""

    exit_code = ExitCode.ENVIRONMENT
