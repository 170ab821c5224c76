"""``/api/queries`` lists each query's own row limit; the label search stays complete on the
bundled data (it says so: ``"truncated": false``)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_catalogue_lists_the_limits(client: TestClient) -> None:
    limits = {q["name"]: q["limit"] for q in client.get("/api/queries?lang=en").json()}
    assert limits["search_labels"] == 1000
    assert limits["list_clusters"] is None


def test_a_label_search_under_the_limit_is_not_truncated(client: TestClient) -> None:
    response = client.get("/api/queries/search_labels?text=energi")
    assert response.status_code == 200
    body = response.json()
    assert body["results"]["bindings"]
    assert body["truncated"] is False
    assert response.headers["X-BRN-Truncated"] == "false"
