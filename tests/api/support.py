"""Shared by the API and browser tests: the test settings, one service state per test run, and
a real uvicorn server on 127.0.0.1 with a free port, in a background thread, for clients that
must talk HTTP (SPARQLWrapper, rdflib's SPARQLStore, headless Chromium)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from api.app import attach_state, create_app
from api.state import ServiceState, build_state
from brn_graph.config import Settings

_SHARED: dict[str, ServiceState] = {}


def make_test_settings() -> Settings:
    """The bundled data, served even while it does not conform (validity is tested elsewhere),
    with small limits so the limit tests stay fast."""
    return Settings(refuse_invalid_data=False, query_timeout=3.0, result_cap=1000)


def shared_state() -> ServiceState:
    """One loaded and validated graph (and one query engine) for the whole test run."""
    if "state" not in _SHARED:
        _SHARED["state"] = build_state(make_test_settings(), workers=2)
    return _SHARED["state"]


def live_app(state: ServiceState) -> FastAPI:
    """An app serving ``state`` without loading anything itself."""
    app = create_app(state.settings, load_graph=False)
    attach_state(app, state)
    return app


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_in_thread(app: FastAPI, *, timeout: float = 60.0) -> Iterator[str]:
    """Run ``app`` until the block ends; yields its base URL (``http://127.0.0.1:PORT``)."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the test server did not start (see the log above)")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the test server did not start within {timeout:g} s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
