"""Protocol details and limits of the hardening issue, through the HTTP routes."""

from __future__ import annotations

import time
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from api.errors import status_for
from api.sparql_protocol import TRUNCATED_LINK
from api.state import ServiceState
from brn_graph.errors import EngineFailedError, QueryBusyError, QueryLimitError
from brn_graph.query.admission import AdmissionLimits
from tests.reference import MIXED_ORDER

ALL_TRIPLES = "SELECT * WHERE { ?s ?p ?o }"
ALL_AS_GRAPH = "CONSTRUCT WHERE { ?s ?p ?o }"


def test_a_get_with_two_query_parameters_is_400(client: TestClient) -> None:
    answer = client.get(
        "/sparql", params=[("query", "ASK {}"), ("query", "ASK { ?s ?p ?o }"), ("lang", "en")]
    )
    assert answer.status_code == 400
    assert "exactly one query" in answer.json()["detail"]


def test_truncation_is_marked_in_the_body_of_sparql_xml(client: TestClient) -> None:
    answer = client.get(
        "/sparql",
        params={"query": ALL_TRIPLES},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert answer.headers["X-BRN-Truncated"] == "true"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ElementTree.fromstring(answer.content)
    links = [e.get("href") for e in root.findall("r:head/r:link", ns)]
    assert links == [TRUNCATED_LINK]
    assert len(root.findall("r:results/r:result", ns)) == 1000


@pytest.mark.parametrize(
    ("media_type", "marker"),
    [
        ("text/turtle", "# truncated: only the first 1000 results"),
        ("application/n-triples", "# truncated: only the first 1000 results"),
        ("application/rdf+xml", "<!-- truncated: only the first 1000 results"),
    ],
)
def test_truncation_is_marked_in_graph_bodies(
    client: TestClient, media_type: str, marker: str
) -> None:
    answer = client.get("/sparql", params={"query": ALL_AS_GRAPH}, headers={"Accept": media_type})
    assert answer.status_code == 200
    assert answer.headers["X-BRN-Truncated"] == "true"
    assert marker in answer.text


def test_an_untruncated_result_carries_no_marker(client: TestClient) -> None:
    answer = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 3"},
        headers={"Accept": "text/turtle"},
    )
    assert answer.headers["X-BRN-Truncated"] == "false"
    assert "truncated" not in answer.text


@pytest.mark.parametrize(
    "weights",
    [
        "alignment=1e308,engagement=1e308",
        "alignment=nan",
        "alignment=inf",
        "alignment=0,engagement=0,evidence=0",
    ],
)
def test_unusable_ranking_weights_are_422(client: TestClient, weights: str) -> None:
    answer = client.get("/api/ranking", params={"weights": weights, "samples": 0})
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == ["query", "weights"]


def test_an_engine_crash_is_a_500_naming_it_and_the_next_query_runs(client: TestClient) -> None:
    answer = client.get("/sparql", params={"query": MIXED_ORDER})
    assert answer.status_code == 500
    body = answer.json()
    assert body["error"] == "EngineFailedError"
    assert len(body["query_hash"]) == 16
    assert "out of memory" not in body["detail"]
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_a_client_over_its_share_gets_429_with_retry_after(
    client: TestClient, service_state: ServiceState
) -> None:
    admission = service_state.engine.admission
    saved = admission.limits
    admission.limits = AdmissionLimits(
        workers=saved.workers, client_concurrency=1, client_queue=0, queue_seconds=2
    )
    try:
        # The test client's address is "testclient": hold its one share, then ask again.
        with admission.admit("testclient", catalogue=False, deadline=time.monotonic() + 30):
            answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert answer.status_code == 429
            assert int(answer.headers["Retry-After"]) >= 1
            # catalogue routes are not ad-hoc SPARQL: they still answer
            assert client.get("/api/queries/list_clusters").status_code == 200
    finally:
        admission.limits = saved
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


def test_relative_iris_resolve_against_the_service_base(
    client: TestClient, service_state: ServiceState
) -> None:
    answer = client.get(
        "/sparql",
        params={"query": "SELECT ?i WHERE { BIND(<relative/x> AS ?i) }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200, answer.text
    value = answer.json()["results"]["bindings"][0]["i"]["value"]
    assert value == service_state.settings.base_iri + "relative/x"


def test_health_reports_the_isolation_and_memory_limit(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["network_isolated"] is True
    assert health["adhoc_sparql"] is True
    assert health["worker_memory_mb"] > 0


def test_limit_errors_map_to_statuses() -> None:
    assert status_for(QueryLimitError("x")) == 503
    assert status_for(QueryBusyError("x", retry_after=5)) == 429
    assert status_for(EngineFailedError("x", "abc")) == 500
