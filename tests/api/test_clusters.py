"""``/api/clusters``, ``/api/clusters/{id}``, ``/api/clusters/{id}/alignment``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ECD = "energy-cluster-denmark"


def test_list_clusters(client: TestClient) -> None:
    clusters = client.get("/api/clusters").json()
    assert len(clusters) >= 5
    ids = [c["id"] for c in clusters]
    assert ECD in ids
    assert len(set(ids)) == len(ids)
    ecd = next(c for c in clusters if c["id"] == ECD)
    assert ecd["north_jutland"] is True  # headquarters in Aalborg
    assert ecd["offices_in_north_jutland"]
    assert ecd["focus_areas"]
    assert ecd["aligned_goals"] >= ecd["strong_alignments"] >= 0
    assert all(s["iri"].startswith("https://") for s in ecd["sources"])


def test_list_is_in_danish_order(client: TestClient) -> None:
    from brn_graph.i18n.collation import danish_sort_key

    labels = [c["label"] for c in client.get("/api/clusters?lang=da").json()]
    assert labels == sorted(labels, key=danish_sort_key)


@pytest.mark.parametrize(
    "identifier",
    [
        ECD,
        f"cluster:{ECD}",
        f"https://w3id.org/brn-graph/id/cluster/{ECD}",
        "ECD",
        "Energy Cluster Denmark",
    ],
)
def test_profile_by_any_name(client: TestClient, identifier: str) -> None:
    from urllib.parse import quote

    response = client.get(f"/api/clusters/{quote(identifier, safe='')}")
    assert response.status_code == 200, response.text
    assert response.json()["cluster"]["id"] == ECD


def test_profile_has_offices_figures_memberships_alignments(client: TestClient) -> None:
    profile = client.get(f"/api/clusters/{ECD}").json()
    assert any(o["primary"] and o["north_jutland"] for o in profile["offices"])
    assert profile["figures"], "dated figures of the cluster"
    for figure in profile["figures"]:
        assert figure["date"]
        assert figure["sources"], figure["id"]
    assert profile["memberships"]["members_basis"] in {"memberships", "figure", "unknown"}
    assert profile["alignments"]
    for coverage in profile["alignments"]:
        assert 0 <= coverage["coverage"] <= 1
        assert coverage["served"] <= coverage["goals"]


def test_unknown_cluster_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/clusters/energy-cluster")
    assert response.status_code == 404
    body = response.json()
    assert body["kind"] == "cluster"
    assert body["identifier"] == "energy-cluster"
    assert ECD in body["suggestions"]


def test_alignment_per_goal_with_evidence(client: TestClient) -> None:
    # A date after every assessment in the data, so that all of them count.
    body = client.get(f"/api/clusters/{ECD}/alignment", params={"as_of": "2030-01-01"}).json()
    assert body["cluster"]["id"] == ECD
    assert body["context"]["as_of"] == "2030-01-01"
    scored = [g for g in body["goals"] if g["origin"] and g["level"] != "none"]
    assert scored
    for goal in [g for g in body["goals"] if g["level"] == "none"]:
        assert goal["score"] == 0  # assessed, not aligned
        assert goal["origin"] == "assessed"
    for goal in scored:
        assert 0 < goal["score"] <= 1
        assert goal["level"] in {"high", "medium", "low"}
        assert goal["confidence"] in {"stated", "inferred", "weak"}
        assert goal["evidence"], goal["goal"]["id"]
        chosen = [e for e in goal["evidence"] if e["chosen"]]
        assert len(chosen) == 1
    assessed = [e for g in scored for e in g["evidence"] if e["origin"] == "assessed"]
    assert any(e["sources"] for e in assessed)
    unscored = [g for g in body["goals"] if not g["origin"]]
    assert all(g["score"] == 0 and g["evidence"] == [] for g in unscored)


def test_alignment_for_one_document(client: TestClient) -> None:
    documents = [d for d in client.get("/api/documents").json() if d["goals"]]
    document = documents[0]["id"]
    body = client.get(f"/api/clusters/{ECD}/alignment", params={"document": document}).json()
    assert [d["document"]["id"] for d in body["documents"]] == [document]
    assert {g["goal"]["document"] for g in body["goals"]} == {document}


def test_alignment_unknown_document_is_404(client: TestClient) -> None:
    response = client.get(f"/api/clusters/{ECD}/alignment", params={"document": "no-such-doc"})
    assert response.status_code == 404
    assert response.json()["kind"] == "document"


def test_labels_follow_lang_and_accept_language(client: TestClient) -> None:
    da = client.get(f"/api/clusters/{ECD}?lang=da").json()
    en = client.get(f"/api/clusters/{ECD}?lang=en").json()
    by_header = client.get(f"/api/clusters/{ECD}", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert by_header.json() == en
    assert da["cluster"]["focus_areas"] != en["cluster"]["focus_areas"]
    # ?lang= wins over the header
    assert (
        client.get(f"/api/clusters/{ECD}?lang=da", headers={"Accept-Language": "en"}).json() == da
    )


def test_bad_lang_is_422_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/clusters?lang=fr")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "lang"]
