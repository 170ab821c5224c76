"""Fixtures of the browser tests: Debian's Chromium driven by Playwright, and a live server.

Chromium must be ``/usr/bin/chromium`` (``.ci/run`` installs it with apt-get); Playwright's
own browser downloads are never used. Under CI (``CI=true``) a missing Chromium fails the
tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.state import ServiceState, close_state
from tests.api.support import live_app, serve_in_thread, shared_state

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(apt-get install -y --no-install-recommends chromium)"
        )
        if in_ci():
            pytest.fail(reason + " (CI is set: browser tests must run)")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_state() -> Iterator[ServiceState]:
    state = shared_state()
    yield state
    close_state(state)


@pytest.fixture(scope="module")
def browser_server(browser_state: ServiceState) -> Iterator[str]:
    with serve_in_thread(live_app(browser_state)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Any]:
    # Module scope: Playwright's driver (and asyncio's child-watcher thread) end with the
    # module, so later tests that need a single-threaded process are not affected.
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dev dependency
        if in_ci():
            pytest.fail(f"playwright is not installed: {exc}")
        pytest.skip(f"playwright is not installed: {exc}")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield instance
        finally:
            instance.close()
