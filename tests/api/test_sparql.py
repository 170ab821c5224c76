"""``/sparql`` in-process: the protocol's three request kinds, negotiation, refusals, limits."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.state import ServiceState

SELECT = "SELECT ?cluster WHERE { ?cluster a <https://w3id.org/brn-graph/ontology#Cluster> }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = (
    "CONSTRUCT { ?c a <https://w3id.org/brn-graph/ontology#Cluster> } "
    "WHERE { ?c a <https://w3id.org/brn-graph/ontology#Cluster> }"
)
JSON = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"


def triple_count(client: TestClient) -> int:
    body = client.get("/sparql", params={"query": COUNT}, headers={"Accept": JSON}).json()
    return int(body["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_body_agree(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": SELECT}, headers={"Accept": JSON})
    by_form = client.post(
        "/sparql", data={"query": SELECT}, headers={"Accept": JSON, "Content-Type": FORM}
    )
    by_body = client.post(
        "/sparql",
        content=SELECT.encode(),
        headers={"Accept": JSON, "Content-Type": "application/sparql-query"},
    )
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(JSON)
    assert by_get.json() == by_form.json() == by_body.json()
    assert by_get.json()["results"]["bindings"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (JSON, JSON),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", JSON),
        (None, JSON),
    ],
)
def test_select_formats(client: TestClient, accept: str | None, expected: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": SELECT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(expected)
    assert response.headers["vary"] == "Accept"


@pytest.mark.parametrize(
    "accept",
    ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"],
)
def test_construct_formats(client: TestClient, accept: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert "energy-cluster-denmark" in response.text


def test_ask(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON})
    assert response.json()["boolean"] is True


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_syntax_error_is_400_with_the_parser_message(client: TestClient) -> None:
    query = {"query": "SELECT ?x WHERE { ?x ?y }"}
    response = client.get("/sparql", params=query, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "(line 1, column " in detail
    danish = client.get("/sparql", params=query).json()["detail"]  # the default language
    assert danish.startswith("forespørgslen kan ikke læses: ")
    assert "(linje 1, kolonne " in danish


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "PREFIX x: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE x:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://169.254.169.254/> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
    ],
)
def test_remote_access_is_refused_before_evaluation(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400, response.text


def test_update_is_refused_and_changes_nothing(client: TestClient) -> None:
    before = triple_count(client)
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    attempts = [
        client.post("/sparql", data={"update": insert}, headers={"Content-Type": FORM}),
        client.post(
            "/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}
        ),
        client.get("/sparql", params={"update": "DROP ALL"}),
        client.get("/sparql", params={"query": insert}),
        client.post("/sparql", data={"query": "CLEAR ALL"}, headers={"Content-Type": FORM}),
    ]
    for response in attempts:
        assert 400 <= response.status_code < 500, response.text
    assert [r.status_code for r in attempts[:3]] == [403, 403, 403]
    assert triple_count(client) == before


def test_unsupported_content_type_is_415(client: TestClient) -> None:
    response = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_form_without_query_is_400(client: TestClient) -> None:
    response = client.post("/sparql", data={"q": SELECT}, headers={"Content-Type": FORM})
    assert response.status_code == 400


def test_body_over_the_limit_is_413(client: TestClient, service_state: ServiceState) -> None:
    limit = service_state.settings.max_body_bytes
    padding = "#" + "x" * limit + "\n"
    response = client.post(
        "/sparql",
        content=(padding + SELECT).encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 413


def test_streamed_body_over_the_limit_is_413(
    client: TestClient, service_state: ServiceState
) -> None:
    limit = service_state.settings.max_body_bytes

    def chunks() -> Iterator[bytes]:
        sent = 0
        while sent <= limit:
            yield b"#" + b"x" * 65_535
            sent += 65_536

    response = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413


def test_row_cap_is_explicit(client: TestClient, service_state: ServiceState) -> None:
    cap = service_state.settings.result_cap
    response = client.get(
        "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": JSON}
    )
    assert response.status_code == 200
    assert response.headers["x-brn-truncated"] == "true"
    assert response.headers["x-brn-result-cap"] == str(cap)
    body = response.json()
    assert len(body["results"]["bindings"]) == cap
    assert body["truncated"] is True
    small = client.get("/sparql", params={"query": SELECT}, headers={"Accept": JSON})
    assert small.headers["x-brn-truncated"] == "false"


def test_timeout_is_503_and_frees_the_worker(
    client: TestClient, service_state: ServiceState
) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    limit = service_state.settings.query_timeout
    started = time.perf_counter()
    response = client.get("/sparql", params={"query": runaway})
    elapsed = time.perf_counter() - started
    assert response.status_code == 503
    assert response.json()["timeout_seconds"] == limit
    assert elapsed < limit + 2
    # The stuck worker was killed and replaced: the pool is whole and answers at once.
    health = client.get("/health").json()
    assert health["query_workers"] == service_state.engine.size
    assert client.get("/sparql", params={"query": SELECT}).status_code == 200


def test_named_graphs_from_the_protocol(client: TestClient, service_state: ServiceState) -> None:
    clusters_graph = next(str(g) for g in service_state.store.graph_iris if "clusters" in str(g))
    response = client.get(
        "/sparql",
        params={"query": SELECT, "default-graph-uri": clusters_graph},
        headers={"Accept": JSON},
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"]
    named = client.get(
        "/sparql",
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": clusters_graph,
        },
        headers={"Accept": JSON},
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [clusters_graph]


def test_remote_graph_uri_is_refused(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": SELECT, "default-graph-uri": "http://127.0.0.1:9/graph"},
    )
    assert response.status_code == 400


def test_service_description(client: TestClient, service_state: ServiceState) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    text = response.text
    assert "sparql-service-description#" in text
    assert "SPARQL11Query" in text
    as_jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    json.loads(as_jsonld.text)
    # every named graph is described
    for graph in service_state.store.graph_iris:
        assert str(graph) in text


def test_browser_gets_the_editor(client: TestClient, service_state: ServiceState) -> None:
    response = client.get(
        "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "/static/vendor/yasgui/yasgui.min.js" in html
    assert "cdn" not in html.lower()
    assert "unpkg" not in html.lower()
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-eval" not in csp
    for name in service_state.catalog.names:
        assert f'"name": "{name}"' in html


def test_editor_examples_run_like_the_named_queries(
    client: TestClient, service_state: ServiceState
) -> None:
    """Each YASGUI tab carries its defaults (as VALUES) and gives the catalogue's rows.

    The editor runs the query text as an ad-hoc query, so the parts of its aggregated lists
    come in the engine's order; the catalogue sorts them (``brn_graph.query.lists``).
    """
    from api.views import editor_examples
    from brn_graph.i18n.collation import danish_sort_key

    def rows(response: Any, lists: tuple[tuple[str, str], ...] = ()) -> list[str]:
        assert response.status_code == 200, response.text
        body = response.json()
        for binding in body["results"]["bindings"]:
            for column, separator in lists:
                if column in binding:
                    parts = binding[column]["value"].split(separator)
                    parts.sort(key=lambda p: (danish_sort_key(p), p))
                    binding[column]["value"] = separator.join(parts)
        return sorted(json.dumps(b, sort_keys=True) for b in body["results"]["bindings"])

    examples = editor_examples(service_state, "en")
    assert [e["name"] for e in examples] == list(service_state.catalog.names)
    for example in examples:
        query = service_state.catalog.get(example["name"])
        if query.form != "SELECT":
            continue
        from_editor = client.post(
            "/sparql", data={"query": example["query"]}, headers={"Accept": JSON}
        )
        from_api = client.get(f"/api/queries/{example['name']}?lang=en", headers={"Accept": JSON})
        assert rows(from_editor, query.checked.lists) == rows(from_api), example["name"]
