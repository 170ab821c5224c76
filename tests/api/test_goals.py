"""``/api/goals/{id}``, ``/api/goals/{id}/clusters``, ``/api/strengths``."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _an_aligned_goal(client: TestClient) -> str:
    body = client.get("/api/clusters/energy-cluster-denmark/alignment").json()
    return str(next(g["goal"]["id"] for g in body["goals"] if g["origin"]))


def test_goal_detail(client: TestClient) -> None:
    goal = _an_aligned_goal(client)
    body = client.get(f"/api/goals/{goal}").json()
    assert body["goal"]["id"] == goal
    assert body["document"]["id"] == body["goal"]["document"]
    assert any(c["cluster"]["id"] == "energy-cluster-denmark" for c in body["clusters"])


def test_goal_clusters_strongest_first(client: TestClient) -> None:
    goal = _an_aligned_goal(client)
    body = client.get(f"/api/goals/{goal}/clusters").json()
    scores = [c["score"] for c in body["clusters"]]
    assert scores == sorted(scores, reverse=True)
    assert all(c["level"] in {"high", "medium", "low"} for c in body["clusters"])


def test_unknown_goal_is_404(client: TestClient) -> None:
    response = client.get("/api/goals/no-such-goal/clusters")
    assert response.status_code == 404
    assert response.json()["kind"] == "goal"


def test_strength_positions(client: TestClient) -> None:
    strengths = client.get("/api/strengths").json()
    assert strengths
    assert {s["kind"] for s in strengths} == {"strength-position"}
    en = client.get("/api/strengths?lang=en").json()
    assert [s["id"] for s in en] == [s["id"] for s in strengths]
