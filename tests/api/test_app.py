"""``create_app``: no work at import, the lifespan's start-up gate, the ``serve`` command."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import api.app
from api.app import create_app
from api.state import StartupRefusedError
from brn_graph.cli.app import app as cli_app
from brn_graph.config import Settings

INVALID = Path(__file__).resolve().parent.parent / "fixtures" / "api" / "invalid.ttl"


def test_no_app_or_settings_at_import() -> None:
    from fastapi import FastAPI

    assert not any(isinstance(v, FastAPI | Settings) for v in vars(api.app).values())


def test_each_call_makes_a_new_app() -> None:
    settings = Settings()
    assert create_app(settings) is not create_app(settings)


def test_invalid_data_refuses_to_start(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(data_paths=(INVALID,), refuse_invalid_data=True, lang="en")
    caplog.set_level(logging.ERROR, logger="brn_graph.api")
    with (
        pytest.raises(StartupRefusedError, match="does not conform"),
        TestClient(create_app(settings)),
    ):
        pass
    assert any("refusing to start" in r.getMessage() for r in caplog.records)


def test_the_refusal_is_logged_in_the_settings_language(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(data_paths=(INVALID,), refuse_invalid_data=True, lang="da")
    caplog.set_level(logging.ERROR, logger="brn_graph.api")
    with pytest.raises(StartupRefusedError), TestClient(create_app(settings)):
        pass
    lines = [r.getMessage() for r in caplog.records if r.name == "brn_graph.api"]
    refusals = [line for line in lines if line.startswith("starter ikke: ")]
    assert len(refusals) == 1, lines
    assert "refusing" not in refusals[0]
    assert "Kør `brn-graph validate` for hele listen" in refusals[0]


def test_invalid_data_served_with_a_banner_when_allowed() -> None:
    settings = Settings(data_paths=(INVALID,), refuse_invalid_data=False)
    with TestClient(create_app(settings)) as client:
        health = client.get("/health").json()
        assert health["conforms"] is False
        assert health["violations"] > 0
        page = client.get("/?lang=en", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert 'class="banner"' in page.text
        assert "does not conform" in page.text
        report = client.get("/api/validation").json()
        assert report["conforms"] is False
        assert any(r["source_file"] for r in report["results"])


def test_serve_command_is_registered() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--store"):
        assert option in result.output


def test_serve_refuses_invalid_data_before_listening() -> None:
    result = CliRunner().invoke(cli_app, ["--data", str(INVALID), "serve", "--port", "1"])
    assert isinstance(result.exception, StartupRefusedError)


def test_state_is_swapped_atomically_through_one_reference() -> None:
    from dataclasses import replace

    from api.app import attach_state, service_holder
    from tests.api.support import shared_state

    state = shared_state()
    app = create_app(state.settings, load_graph=False)
    assert attach_state(app, state) is None
    with TestClient(app) as client:
        before = client.get("/health").json()
        assert before["triples"] == state.total_triples
        # A state built from other data (here: the same session under a different count).
        session = replace(state.session, total_triples=state.total_triples + 1)
        newer = replace(state, session=session, memo={})
        assert attach_state(app, newer) is state
        assert service_holder(app).current is newer
        assert client.get("/health").json()["triples"] == state.total_triples + 1


def test_serve_is_added_through_the_entry_point_not_imported_by_the_library() -> None:
    from importlib.metadata import entry_points

    from brn_graph.cli import COMMAND_GROUP

    (entry,) = [e for e in entry_points(group=COMMAND_GROUP) if e.name == "serve"]
    assert entry.value == "api.serve_command:register"
