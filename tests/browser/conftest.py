"""Fixtures for the served site: a real `medgraph serve` process and a real headless Chromium.

Chromium and its driver are the Debian packages ``chromium`` and ``chromium-driver`` (never a
browser download); Selenium is told where they are and never fetches a driver. Without them the
browser tests skip and say why, except in CI (``MEDGRAPH_REQUIRE_BROWSER=1``, set by .ci/run),
where a missing browser is a failure: the tests must not pass by not running.
"""

from __future__ import annotations

import base64
import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def require(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("MEDGRAPH_REQUIRE_BROWSER"):
        pytest.fail(f"{message}; CI installs it in .ci/run")
    pytest.skip(message)


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    stderr: list[str]


def _reader(stream: Any, sink: queue.Queue[str | None], keep: list[str] | None = None) -> None:
    for line in stream:
        sink.put(line)
        if keep is not None:
            keep.append(line)
    sink.put(None)


@contextlib.contextmanager
def serving(*args: str) -> Iterator[Served]:
    """Run `medgraph serve --port 0 ARGS` and yield its address once it prints it."""
    require(shutil.which("dot") is not None, "Graphviz 'dot' is not installed")
    process = subprocess.Popen(
        [sys.executable, "-m", "medgraph", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    errors: list[str] = []
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    threading.Thread(
        target=_reader, args=(process.stderr, queue.Queue(), errors), daemon=True
    ).start()
    try:
        try:
            first = lines.get(timeout=90)
        except queue.Empty:
            first = None
        if not first or not first.startswith("http://127.0.0.1:"):
            process.kill()
            raise RuntimeError(f"medgraph serve did not start: {''.join(errors)}")
        yield Served(first.strip(), process, errors)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def served() -> Iterator[Served]:
    """One `medgraph serve` for the session, with a 2-second query time-out."""
    with serving("--timeout", "2") as site:
        yield site


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium driven by Selenium, with a fresh profile and no network."""
    require(Path(CHROMIUM).exists(), f"Chromium is not installed ({CHROMIUM}; Debian: chromium)")
    require(
        Path(CHROMEDRIVER).exists(),
        f"chromedriver is not installed ({CHROMEDRIVER}; Debian: chromium-driver)",
    )
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path / "profile"
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    # SE_OFFLINE: Selenium Manager must never look for (or download) a driver or a browser.
    os.environ.setdefault("SE_OFFLINE", "true")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[..., Path]:
    """Save a screenshot under the test's output folder; returns its path."""
    folder = tmp_path / "screenshots"
    folder.mkdir(exist_ok=True)

    def take(driver: Any, name: str, *, full: bool = False) -> Path:
        """The window, or with ``full`` the whole page (Chrome DevTools), as PNG."""
        path = folder / f"{name}.png"
        if full:
            shot = driver.execute_cdp_cmd(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
            )
            path.write_bytes(base64.b64decode(shot["data"]))
        else:
            driver.save_screenshot(str(path))
        assert path.stat().st_size > 1000, path
        return path

    return take
