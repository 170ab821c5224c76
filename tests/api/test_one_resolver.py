"""The same sloppy names reach the same resources through every door: REST, named-query
parameters and the network's focus; a mistyped id is 404 everywhere."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ID = "https://w3id.org/brn-graph/id/cluster/"
NAMES = {
    "energy cluster": "energy-cluster-denmark",
    "ECD": "energy-cluster-denmark",
    "food and bio": "food-bio-cluster-denmark",
    "Life science": "danish-life-science-cluster",
    "DLSC": "danish-life-science-cluster",
    # a network merged into the cluster: its old name still finds the cluster
    "Lifescience Innovation North Denmark": "danish-life-science-cluster",
}


@pytest.mark.parametrize(("name", "slug"), NAMES.items())
def test_rest_cluster_door(client: TestClient, name: str, slug: str) -> None:
    response = client.get(f"/api/clusters/{name}")
    assert response.status_code == 200, response.text
    assert response.json()["cluster"]["id"] == slug


@pytest.mark.parametrize(("name", "slug"), NAMES.items())
def test_named_query_parameter(client: TestClient, name: str, slug: str) -> None:
    response = client.get(
        "/api/queries/list_cluster_alignments",
        params={"cluster": name},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    bindings = response.json()["results"]["bindings"]
    assert bindings
    assert {b["cluster"]["value"] for b in bindings if "cluster" in b} <= {ID + slug}


@pytest.mark.parametrize(
    ("name", "slug"),
    [*NAMES.items(), ("Lifescience Innovation North Denmark", "danish-life-science-cluster")],
)
def test_network_focus(client: TestClient, name: str, slug: str) -> None:
    response = client.get("/network", params={"focus": name})
    assert response.status_code == 200, name
    assert ID + slug in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/clusters/energy-clustr",
        "/api/municipalities/laesoee",
        "/api/organisations/brn-bestyrelsen",
        "/api/documents/deb-2024-2028",
        "/network?focus=energy-clustr",
    ],
)
def test_a_mistyped_id_is_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_an_ambiguous_goal_lists_each_candidate_with_its_document(client: TestClient) -> None:
    response = client.get("/api/goals/kvalificeret arbejdskraft/clusters")
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "AmbiguousError"
    documents = {c["document"] for c in body["candidates"]}
    assert len(body["candidates"]) >= 3
    assert {"brn-nordjyllandsstemme", "deb-2019"} <= documents
    assert all(c["type"] for c in body["candidates"])
