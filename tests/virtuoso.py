"""A real Virtuoso Open Source server for the tests (Debian package ``virtuoso-opensource``).

:func:`running_virtuoso` starts ``virtuoso-t +foreground`` on a fresh database in a temporary
folder, with a generated ``virtuoso.ini`` that binds only 127.0.0.1 on free ports (ISQL and
HTTP), waits (bounded) until its SPARQL endpoint answers, lets the ``SPARQL`` user (anonymous
requests to ``/sparql`` and ``/sparql-graph-crud``) update, and kills it afterwards. Without
``virtuoso-t`` the tests skip, unless ``MEDGRAPH_REQUIRE_VIRTUOSO=1`` (CI) makes that a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 60.0  # seconds: a fresh database starts in about 2 s


@dataclass(frozen=True)
class Virtuoso:
    """Addresses of a running server."""

    base: str

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud"


def _missing(reason: str) -> None:
    if os.environ.get("MEDGRAPH_REQUIRE_VIRTUOSO") == "1":
        pytest.fail(f"{reason} (MEDGRAPH_REQUIRE_VIRTUOSO=1)")
    pytest.skip(reason)


def _ini(folder: Path, isql_port: int, http_port: int) -> str:
    return f"""\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
DirsAllowed = {folder}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as answer:
            return bool(answer.status == 200)
    except (OSError, urllib.error.URLError):
        return False


@contextlib.contextmanager
def running_virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """Start Virtuoso on a new database in ``folder`` (removed afterwards); yield its addresses."""
    from medgraph.serve.engine import free_port

    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        _missing("Virtuoso is not installed (Debian package 'virtuoso-opensource')")
    assert server is not None and isql is not None
    folder.mkdir(parents=True, exist_ok=True)
    isql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(_ini(folder, isql_port, http_port), encoding="utf-8")
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [server, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{http_port}"
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(f"{base}/sparql"):
            if process.poll() is not None or time.monotonic() > deadline:
                text = (folder / "stdout.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"Virtuoso did not answer within {START_TIMEOUT:.0f} s:\n{text}")
            time.sleep(0.25)
        # Anonymous SPARQL requests run as the user SPARQL, who may only read by default.
        subprocess.run(
            [isql, f"127.0.0.1:{isql_port}", "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
            check=True,
            capture_output=True,
            timeout=30,
        )
        yield Virtuoso(base)
    finally:
        process.kill()
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
