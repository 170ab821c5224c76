"""Another decision context or date is computed from the data read at start-up: the graph is
not read again (at 10M synthetic triples that read took 35 s per new context or date)."""

from __future__ import annotations

from datetime import date

import pytest

import brn_graph.context.view as view_module
from api.context_views import context_model
from api.state import ServiceState


def test_another_date_restricts_the_start_up_data_with_the_same_result(
    service_state: ServiceState, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = view_module.build_context_model(
        service_state.queries, service_state.settings, as_of=date(2022, 2, 2)
    )

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read the graph again for another date")

    monkeypatch.setattr(view_module, "load_alignment_data", refuse)
    built = context_model(service_state, None, "2022-02-02")
    assert built.view == fresh.view
    assert built.model.scores == fresh.model.scores
    assert built.model.data == fresh.model.data


def test_an_unknown_context_is_a_quick_404(
    service_state: ServiceState, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.dependencies import get_state

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read the graph for a context that does not exist")

    monkeypatch.setattr(view_module, "load_alignment_data", refuse)
    app = create_app(service_state.settings, load_graph=False)
    app.dependency_overrides[get_state] = lambda: service_state
    with TestClient(app) as client:
        answer = client.get(
            "/api/clusters/energy-cluster-denmark/alignment?context=no-such-context&lang=en"
        )
    assert answer.status_code == 404
    assert answer.json()["kind"] == "context"
