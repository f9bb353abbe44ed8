"""Shared fixtures. Tests never touch the network and never write into the repository."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to reach a host other than this machine's loopback."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and not (
            host.startswith("127.") or host in {"localhost", "::1"} or self.family == socket.AF_UNIX
        ):
            raise OSError(f"test tried to reach {host!r}; tests must not use the network")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(scope="session")
def shipped_graph() -> Graph:
    """The shipped knowledge graph (ontology + data + mappings), loaded once."""
    from medgraph.load import load_default_graph

    return load_default_graph()


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture
def run_cli(cli: CliRunner):  # type: ignore[no-untyped-def]
    """Invoke ``medgraph ARGS`` in-process and return click's result (stdout/stderr apart)."""
    from medgraph.cli import main

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return cli.invoke(main, list(args), catch_exceptions=False)

    return invoke
