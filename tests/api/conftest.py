"""Fixtures of the API tests: one graph per run, served in-process and over loopback.

The graph is the bundled data (``data/``), loaded and validated once. In-process routes get
it through ``app.dependency_overrides[get_state]``, so no test loads it again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.dependencies import get_state
from api.state import ServiceState, close_state
from tests.api.support import live_app, serve_in_thread, shared_state


@pytest.fixture(scope="session")
def service_state() -> Iterator[ServiceState]:
    state = shared_state()
    yield state
    close_state(state)


@pytest.fixture(scope="session")
def app(service_state: ServiceState) -> FastAPI:
    application = create_app(service_state.settings, load_graph=False)
    application.dependency_overrides[get_state] = lambda: service_state
    return application


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    # Module scope: the client's portal thread ends with each module, so later tests that
    # need a single-threaded process (fork) are not affected.
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live_server(service_state: ServiceState) -> Iterator[str]:
    """Base URL of a uvicorn server on 127.0.0.1 serving the session's graph."""
    with serve_in_thread(live_app(service_state)) as url:
        yield url
