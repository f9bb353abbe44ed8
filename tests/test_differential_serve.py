"""``/differential`` on a real ``medgraph serve`` of the contract-following test graph."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from medgraph.serve.differential import MAX_FINDING, MAX_SEARCH
from tests.browser.conftest import Served, serving

FIXTURE = Path(__file__).parent / "fixtures" / "differential" / "hpo-contract.ttl"

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def site() -> Iterator[Served]:
    with serving("--timeout", "5", "--data", str(FIXTURE)) as served:
        yield served


def _get(served: Served, target: str) -> tuple[int, dict[str, object], str]:
    parts = urllib.parse.urlsplit(served.url)
    assert parts.hostname == "127.0.0.1" and parts.port
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        kind = response.getheader("Content-Type") or ""
        return response.status, (json.loads(body) if "json" in kind else {}), body
    finally:
        connection.close()


def test_the_endpoint_ranks_and_explains(site: Served) -> None:
    query = urllib.parse.urlencode(
        {"findings": "fits; learning disability", "absent": "cataract", "sex": "female", "top": "2"}
    )
    status, answer, _ = _get(site, "/differential?" + query)
    assert status == 200
    conditions = answer["conditions"]
    assert isinstance(conditions, list) and len(conditions) == 2
    first = conditions[0]
    assert first["label"] == "Alpha epilepsy syndrome"
    assert first["findings"][0]["relation"] == "feature below finding"
    assert first["findings"][0]["claims"][0]["references"]


def test_the_front_page_has_the_form(site: Served) -> None:
    status, _, body = _get(site, "/")
    assert status == 200
    assert '<form action="differential" method="get">' in body


@pytest.mark.parametrize(
    ("target", "status", "words"),
    [
        ("/differential", 400, "at least one finding"),
        ("/differential?findings=catarct", 400, "did you mean Cataract"),
        ("/differential?findings=" + "a" * (MAX_FINDING + 1), 400, "at most"),
        ("/differential?findings=" + "a;" * (MAX_SEARCH // 2 + 10), 414, "at most"),
        ("/differential?findings=fits&top=1000", 400, "top"),
        ("/differential?findings=fits&sex=robot", 400, "sex"),
    ],
)
def test_bad_requests_are_refused(site: Served, target: str, status: int, words: str) -> None:
    got, answer, _ = _get(site, target)
    assert got == status
    assert words in str(answer["error"])
