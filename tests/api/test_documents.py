"""``/api/documents``, ``/api/documents/{id}``, ``/api/documents/{id}/matrix``."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _a_document(client: TestClient) -> str:
    documents = [d for d in client.get("/api/documents").json() if d["goals"]]
    assert documents
    return str(documents[0]["id"])


def test_list_documents(client: TestClient) -> None:
    documents = client.get("/api/documents").json()
    assert documents
    for d in documents:
        assert d["kinds"]
        assert d["iri"].startswith("https://w3id.org/brn-graph/id/document/")


def test_document_with_goals(client: TestClient) -> None:
    document = _a_document(client)
    body = client.get(f"/api/documents/{document}").json()
    assert body["document"]["id"] == document
    assert len(body["goals"]) == body["document"]["goals"] > 0
    assert all(g["document"] == document for g in body["goals"])
    assert all(g["kind"] in {"goal", "strength-position"} for g in body["goals"])


def test_matrix_is_clusters_by_goals(client: TestClient) -> None:
    document = _a_document(client)
    matrix = client.get(f"/api/documents/{document}/matrix").json()
    goal_ids = [g["id"] for g in matrix["goals"]]
    clusters = client.get("/api/clusters").json()
    assert len(matrix["rows"]) == len(clusters)
    for row in matrix["rows"]:
        assert [c["goal"] for c in row["cells"]] == goal_ids
        assert all(0 <= c["score"] <= 1 for c in row["cells"])


def test_unknown_document_is_404_with_suggestions(client: TestClient) -> None:
    document = _a_document(client)
    response = client.get(f"/api/documents/{document[:-2]}")
    assert response.status_code == 404
    assert document in response.json()["suggestions"]
