"""``/api/gaps``, ``/api/overlaps``, ``/api/engagement``, ``/api/ranking``, ``/api/explain``,
``/api/completeness``, ``/api/ranking/compare``: each for a decision context on a date."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.context_views import context_model
from api.state import ServiceState
from brn_graph.alignment.explain import explain_alignment
from brn_graph.alignment.gaps import find_gaps, find_overlaps


def test_gaps_match_the_library(client: TestClient, service_state: ServiceState) -> None:
    body = client.get("/api/gaps?lang=en").json()
    expected = find_gaps(context_model(service_state).model, lang="en")
    assert [g["goal"]["id"] for g in body["gaps"]] == [g.target.id for g in expected]
    assert {g["kind"] for g in body["gaps"]} <= {
        "no-cluster",
        "only-inferred-or-weak",
        "outside-remit",
    }
    assert body["context"]["id"] == "brn-cluster-decision-2024"
    assert body["context"]["as_of"] == "2024-09-20"


def test_gaps_filter_by_kind(client: TestClient) -> None:
    body = client.get("/api/gaps", params={"kind": "no-cluster"}).json()
    assert {g["kind"] for g in body["gaps"]} <= {"no-cluster"}
    assert all(g["clusters"] == [] for g in body["gaps"])


def test_every_analytics_route_names_its_context_and_date(client: TestClient) -> None:
    for path in ("/api/gaps", "/api/overlaps", "/api/engagement", "/api/completeness"):
        body = client.get(path, params={"as_of": "2021-06-01", "lang": "en"}).json()
        assert body["context"]["as_of"] == "2021-06-01", path
        assert body["context"]["as_of_chosen"] is True, path
        assert body["context"]["context_date"] == "2024-09-20", path
        assert "2021-06-01" in body["context"]["summary"][0], path


def test_bad_as_of_and_unknown_context(client: TestClient) -> None:
    response = client.get("/api/ranking", params={"as_of": "20 September"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "as_of"]
    response = client.get("/api/gaps", params={"context": "no-such-decision"})
    assert response.status_code == 404


def test_ranking_compare_two_dates(client: TestClient) -> None:
    body = client.get(
        "/api/ranking/compare",
        params={"as_of": "2024-09-20", "compare_to": "2021-06-01", "samples": 0},
    ).json()
    assert body["context"]["as_of"] == "2024-09-20"
    assert body["baseline_context"]["as_of"] == "2021-06-01"
    assert len(body["clusters"]) == len(body["context"]["long_list"])
    for change in body["clusters"]:
        if change["rank"] is not None and change["baseline_rank"] is not None:
            assert change["rank_change"] == change["baseline_rank"] - change["rank"]


def test_overlaps_match_the_library(client: TestClient, service_state: ServiceState) -> None:
    body = client.get("/api/overlaps").json()
    expected = find_overlaps(context_model(service_state).model, lang="da")
    assert [o["goal"]["id"] for o in body["overlaps"]] == [o.target.id for o in expected]
    for overlap in body["overlaps"]:
        assert len(overlap["clusters"]) >= 2
        assert all(c["score"] >= body["threshold"] - 1e-9 for c in overlap["clusters"])


def test_engagement(client: TestClient) -> None:
    body = client.get("/api/engagement").json()
    assert body["clusters"]
    for cluster in body["clusters"]:
        assert 0 <= cluster["score"] <= 1
        assert "offices" in cluster["metrics"]
        for metric in cluster["metrics"].values():
            assert metric["missing"] == (metric["value"] is None)


def test_ranking_with_intervals(client: TestClient) -> None:
    body = client.get("/api/ranking", params={"samples": 200}).json()
    assert body["sensitivity"]["samples"] == 200
    ranks = [c["rank"] for c in body["clusters"]]
    assert ranks == sorted(ranks)
    for cluster in body["clusters"]:
        low, high = cluster["rank_interval"]
        assert cluster["rank_min"] <= low <= high <= cluster["rank_max"]


def test_ranking_weights_change_the_criteria(client: TestClient) -> None:
    body = client.get(
        "/api/ranking", params={"weights": "alignment=0,engagement=1,evidence=0", "samples": 0}
    ).json()
    weights = {c["name"]: c["weight"] for c in body["criteria"]}
    assert weights["engagement"] == 1.0
    assert body["context"]["frameworks"]
    assert all(w == 0 for name, w in weights.items() if name != "engagement")


def test_ranking_bad_weights_name_the_field(client: TestClient) -> None:
    for weights in ("alignment", "alignment=x", "popularity=1", "alignment=-1", "alignment=0.5"):
        response = client.get("/api/ranking", params={"weights": weights})
        assert response.status_code == 422, weights
        assert response.json()["detail"][0]["loc"] == ["query", "weights"], weights


def test_ranking_samples_bounds(client: TestClient) -> None:
    response = client.get("/api/ranking", params={"samples": -1})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "samples"]
    assert client.get("/api/ranking", params={"samples": "many"}).status_code == 422


def test_explain(client: TestClient, service_state: ServiceState) -> None:
    alignment = client.get("/api/clusters/energy-cluster-denmark/alignment").json()
    goal = next(g["goal"]["id"] for g in alignment["goals"] if g["origin"])
    body = client.get(
        "/api/explain", params={"cluster": "energy-cluster-denmark", "goal": goal}
    ).json()
    model = context_model(service_state).model
    expected = explain_alignment(model, "energy-cluster-denmark", goal, lang="da")
    assert body["score"] == round(expected.score, 4)
    assert body["formula"] == expected.formula
    assert body["evidence"][0]["chosen"] is True


def test_explain_needs_both_parameters(client: TestClient) -> None:
    response = client.get("/api/explain", params={"cluster": "energy-cluster-denmark"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "goal"]


def test_explain_unknown_goal_is_404(client: TestClient) -> None:
    response = client.get(
        "/api/explain", params={"cluster": "energy-cluster-denmark", "goal": "nope"}
    )
    assert response.status_code == 404
    assert response.json()["kind"] == "goal"


def test_a_document_matrix_says_whether_the_document_counts(client: TestClient) -> None:
    empty = client.get("/api/documents/deb-2024-2027-nordjylland/matrix").json()
    assert empty["goals"] == []
    assert empty["counted"] is False  # in force, but no goals recorded: its stand-in counts
    assert empty["context"]["as_of"] == "2024-09-20"
    strategy = client.get("/api/documents/brn-nordjyllandsstemme/matrix").json()
    assert strategy["counted"] is True
    early = client.get(
        "/api/documents/deb-2020-2023-nordjylland/matrix", params={"as_of": "2021-06-01"}
    ).json()
    assert early["counted"] is True
    assert early["context"]["as_of"] == "2021-06-01"
