"""``/api/queries`` and ``/api/queries/{name}``: the named catalogue, any result format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from api.state import ServiceState


def test_catalogue_lists_every_query(client: TestClient, service_state: ServiceState) -> None:
    body = client.get("/api/queries?lang=en").json()
    assert [q["name"] for q in body] == list(service_state.catalog.names)
    for query in body:
        assert query["summary"]
        assert query["url"] == f"/api/queries/{query['name']}"
        assert query["query"].lstrip().startswith("#")


def test_run_with_default_parameters(client: TestClient) -> None:
    response = client.get("/api/queries/list_clusters")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    body = response.json()
    assert body["results"]["bindings"]


def test_run_with_a_parameter(client: TestClient) -> None:
    response = client.get(
        "/api/queries/get_cluster_profile", params={"cluster": "cluster:made", "lang": "en"}
    )
    assert response.status_code == 200
    rows = response.json()["results"]["bindings"]
    assert rows
    assert {r["cluster"]["value"] for r in rows} == {"https://w3id.org/brn-graph/id/cluster/made"}


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_any_result_format(client: TestClient, accept: str, content_type: str) -> None:
    response = client.get("/api/queries/list_clusters", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    if content_type == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        as_json = client.get("/api/queries/list_clusters").json()
        assert rows[0] == as_json["head"]["vars"]
        assert len(rows) - 1 == len(as_json["results"]["bindings"])
    elif "json" in content_type:
        json.loads(response.text)


def test_unacceptable_format_is_406(client: TestClient) -> None:
    response = client.get("/api/queries/list_clusters", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_unknown_query_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/queries/list_cluster")
    assert response.status_code == 404
    assert "list_clusters" in response.json()["suggestions"]


def test_unknown_or_bad_parameter_is_422_naming_it(client: TestClient) -> None:
    response = client.get("/api/queries/list_clusters", params={"colour": "blue"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "colour"]
    response = client.get("/api/queries/get_cluster_profile", params={"cluster": "nope:x"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "cluster"]


@pytest.mark.parametrize(
    "name", ["ECD", "energy cluster", "energy-cluster-denmark", "Energy Cluster Denmark"]
)
def test_a_resource_parameter_takes_any_name_of_the_resource(client: TestClient, name: str) -> None:
    response = client.get(
        "/api/queries/get_cluster_profile",
        params={"cluster": name},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    clusters = {b["cluster"]["value"] for b in response.json()["results"]["bindings"]}
    assert clusters == {"https://w3id.org/brn-graph/id/cluster/energy-cluster-denmark"}


@pytest.mark.parametrize("name", ["cluster:energy-cluster", "not a cluster"])
def test_a_resource_parameter_naming_nothing_is_404_not_zero_rows(
    client: TestClient, name: str
) -> None:
    response = client.get("/api/queries/get_cluster_profile", params={"cluster": name})
    assert response.status_code == 404
    assert response.json()["kind"] == "cluster"
