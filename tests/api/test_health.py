"""``/health`` and ``/api/validation``."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.state import ServiceState


def test_health_reports_the_loaded_graph(client: TestClient, service_state: ServiceState) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["triples"] == service_state.total_triples > 0
    assert body["conforms"] is service_state.conforms
    assert body["violations"] == service_state.violation_count
    assert body["fingerprint"] == service_state.fingerprint
    assert body["query_workers"] >= 1


def test_validation_report_matches_the_library(
    client: TestClient, service_state: ServiceState
) -> None:
    body = client.get("/api/validation").json()
    expected = service_state.report.to_dict()
    assert body["conforms"] == expected["conforms"]
    assert body["counts"] == expected["counts"]
    assert len(body["results"]) == len(expected["results"])


def test_validation_report_in_english(client: TestClient, service_state: ServiceState) -> None:
    da = client.get("/api/validation?lang=da").json()
    en = client.get("/api/validation", headers={"Accept-Language": "en"}).json()
    assert da["conforms"] == en["conforms"]
    assert [r["shape_id"] for r in da["results"]] == [r["shape_id"] for r in en["results"]]


def test_json_responses_carry_hardening_headers(client: TestClient) -> None:
    response = client.get("/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in response.headers  # only HTML pages need one
