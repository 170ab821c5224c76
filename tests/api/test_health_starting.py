"""``/health`` while the query engine still starts: the server answers as soon as the data is
loaded (``serve`` does not wait for the engine's zygote), and says honestly that the engine
is starting; a query meanwhile waits for the engine and is answered."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import attach_state, create_app
from api.state import ServiceState, build_state, close_state
from brn_graph.config import Settings
from brn_graph.query.engine import QueryEngine
from tests.api.support import make_test_settings


def _wait(condition: object, seconds: float = 120.0) -> bool:
    """Poll ``condition`` (a bound on waiting, not an assertion on speed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_health_says_starting_until_the_engine_is_ready_and_a_query_waits_for_it(
    service_state: ServiceState,
) -> None:
    engine = QueryEngine(service_state.settings, workers=1)
    state = ServiceState(session=service_state.session, engine=engine)
    app = create_app(state.settings, load_graph=False)
    attach_state(app, state)
    try:
        with TestClient(app) as client:
            before = client.get("/health")
            assert before.status_code == 200
            body = before.json()
            # the data is loaded and described ...
            assert body["triples"] == service_state.total_triples > 0
            assert body["fingerprint"] == service_state.fingerprint
            # ... the engine is not, and /health does not pretend otherwise
            assert body["query_engine"] == "starting"
            assert body["query_workers"] == 0
            assert body["network_isolated"] is None
            assert body["adhoc_sparql"] is None
            engine.start_in_background()
            answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert answer.status_code == 200, answer.text
            assert _wait(lambda: client.get("/health").json()["query_engine"] == "ready")
            after = client.get("/health").json()
            assert after["query_workers"] == 1
            assert after["network_isolated"] is not None
    finally:
        engine.close()


def test_an_engine_that_cannot_start_is_reported_as_failed(
    service_state: ServiceState, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("not a store", encoding="utf-8")
    settings = Settings(store=f"oxigraph:{not_a_folder}", refuse_invalid_data=False)
    engine = QueryEngine(settings, workers=1)
    state = ServiceState(session=service_state.session, engine=engine)
    app = create_app(state.settings, load_graph=False)  # with the memo of answers
    attach_state(app, state)
    try:
        with TestClient(app) as client:
            assert client.get("/health").json()["query_engine"] == "starting"
            engine.start_in_background()
            assert _wait(lambda: engine.status != "starting")
            assert engine.status == "failed"
            # the kept "starting" answer is not served again
            body = client.get("/health").json()
            assert body["query_engine"] == "failed"
            assert body["query_workers"] == 0
    finally:
        engine.close()
    assert engine.status == "closed"


def test_a_start_up_that_does_not_wait_for_the_engine_has_the_whole_session() -> None:
    state = build_state(make_test_settings(), workers=1, wait_for_engine=False)
    try:
        # the session is complete whatever the engine's progress
        assert state.total_triples > 0
        assert state.model is not None
        assert state.engine.status in {"starting", "ready"}
        assert _wait(lambda: state.engine.status == "ready")
        assert state.engine.run("ASK { ?s ?p ?o }").boolean is True
    finally:
        close_state(state)
