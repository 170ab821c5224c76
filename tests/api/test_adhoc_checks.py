"""The ad-hoc SPARQL check remembered by query text (:mod:`brn_graph.query.adhoc_checks`):
the same checked query as a fresh check, refusals never kept, the answer over HTTP unchanged."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.state import ServiceState
from brn_graph.errors import QueryRefusedError, QuerySyntaxError
from brn_graph.query.check import check_query

SMALL = "SELECT ?c WHERE { ?c a <https://w3id.org/brn-graph/ontology#Cluster> } LIMIT 3"
#: Codepoint escapes: the check expands them once; the kept text is the expanded one.
ESCAPED = 'SELECT ?x WHERE { BIND("caf\\u00E9" AS ?x) }'


@pytest.mark.parametrize("text", [SMALL, ESCAPED, "ASK { ?s ?p ?o }"])
def test_a_kept_check_is_the_check_of_the_text(service_state: ServiceState, text: str) -> None:
    engine = service_state.engine
    first = engine.check(text)
    hits = engine.checked.hits
    again = engine.check(text)
    assert engine.checked.hits == hits + 1
    assert again is first
    fresh = check_query(
        text,
        allowed_graphs=engine.info.graph_iris,
        base_iri=service_state.settings.base_iri,
    )
    assert again == fresh  # what runs is exactly what the check read


def test_the_expanded_text_is_what_is_kept(service_state: ServiceState) -> None:
    assert "café" in service_state.engine.check(ESCAPED).text


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", QueryRefusedError),
        ("SELECT * FROM <http://example.org/remote> WHERE { ?s ?p ?o }", QueryRefusedError),
        ("SELEKT ?s WHERE { ?s ?p ?o }", QuerySyntaxError),
    ],
)
def test_refusals_are_checked_every_time(
    service_state: ServiceState, text: str, error: type[Exception]
) -> None:
    engine = service_state.engine
    for _ in range(2):
        with pytest.raises(error):
            engine.check(text)
    assert (
        engine.checked.get((text, engine.info.graph_iris, service_state.settings.base_iri)) is None
    )


def test_a_repeated_query_over_http_gives_the_same_answer(client: TestClient) -> None:
    headers = {"Accept": "application/sparql-results+json"}
    first = client.get("/sparql", params={"query": SMALL}, headers=headers)
    again = client.get("/sparql", params={"query": SMALL}, headers=headers)
    assert first.status_code == 200, first.text
    assert again.json()["results"] == first.json()["results"]
    assert len(first.json()["results"]["bindings"]) == 3
    refused = client.get(
        "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://x.org/s> { ?s ?p ?o } }"}
    )
    assert refused.status_code == 400
