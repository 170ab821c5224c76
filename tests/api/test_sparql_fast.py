"""``GET /sparql`` by the short way in (:mod:`api.sparql_fast`) answers exactly as the route.

``client`` (the conftest's app) injects its state through a dependency override, so its
``/sparql`` is always the FastAPI route; ``fast`` serves the same state attached to the app,
so the middleware answers. Every request is asked of both and the answers compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.datastructures import QueryParams

from api.sparql_fast import SparqlGetMiddleware, protocol_request
from api.state import ServiceState
from tests.api.support import live_app

SELECT = "SELECT ?s WHERE { ?s a ?t } ORDER BY ?s LIMIT 3"
JSON = "application/sparql-results+json"
COMPARED_HEADERS = (
    "content-type",
    "vary",
    "x-brn-truncated",
    "x-brn-result-cap",
    "retry-after",
    "x-content-type-options",
    "referrer-policy",
    "allow",
)


@pytest.fixture(scope="module")
def fast_app(service_state: ServiceState) -> FastAPI:
    return live_app(service_state)


@pytest.fixture(scope="module")
def fast(fast_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(fast_app) as test_client:
        yield test_client


def middleware(app: FastAPI) -> SparqlGetMiddleware:
    layer: Any = app.middleware_stack
    while layer is not None and not isinstance(layer, SparqlGetMiddleware):
        layer = getattr(layer, "app", None)
    assert isinstance(layer, SparqlGetMiddleware), "the middleware is not in the app"
    return layer


def same_answer(route: TestClient, fast: TestClient, path: str, **headers: str) -> int:
    """Ask both; assert the same status, body and headers; return the status."""
    expected = route.get(path, headers=headers)
    answer = fast.get(path, headers=headers)
    assert answer.status_code == expected.status_code, answer.text
    assert answer.content == expected.content
    for name in COMPARED_HEADERS:
        assert answer.headers.get(name) == expected.headers.get(name), name
    return answer.status_code


def q(query: str, extra: str = "") -> str:
    return f"/sparql?query={quote(query)}{extra}"


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        (q(SELECT), {"Accept": JSON}, 200),
        (q(SELECT), {"Accept": "text/csv"}, 200),
        (q(SELECT), {}, 200),
        (q("ASK { ?s ?p ?o }", "&lang=en"), {"Accept": JSON}, 200),
        (q(SELECT), {"Accept": "image/png"}, 406),
        (q("SELEKT nothing", "&lang=da"), {}, 400),
        (q("SELEKT nothing"), {"Accept-Language": "en"}, 400),
        (q("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"), {}, 400),
        (q(SELECT, "&default-graph-uri=" + quote("http://example.org/remote")), {}, 400),
        (q(""), {}, 400),
    ],
    ids=[
        "json",
        "csv",
        "no-accept",
        "ask",
        "not-acceptable",
        "syntax-da",
        "syntax-en",
        "service",
        "remote-graph",
        "empty",
    ],
)
def test_the_short_way_answers_as_the_route(
    client: TestClient,
    fast: TestClient,
    fast_app: FastAPI,
    path: str,
    headers: dict[str, str],
    status: int,
) -> None:
    before = middleware(fast_app).answered if fast_app.middleware_stack else 0
    assert same_answer(client, fast, path, **headers) == status
    assert middleware(fast_app).answered == before + 1


def test_a_local_graph_as_the_default_graph(
    client: TestClient, fast: TestClient, service_state: ServiceState
) -> None:
    graph = service_state.store.graph_iris[0]
    path = q("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "&default-graph-uri=" + quote(graph))
    assert same_answer(client, fast, path, Accept=JSON) == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (q(SELECT, "&lang=xx"), 422),
        (q(SELECT, "&update=x"), 403),
        (q(SELECT, "&query=" + quote("ASK {}")), 400),
        ("/sparql", 200),  # the service description
    ],
    ids=["bad-lang", "update", "two-queries", "no-query"],
)
def test_what_the_route_decides_goes_on_to_the_route(
    client: TestClient, fast: TestClient, fast_app: FastAPI, path: str, status: int
) -> None:
    fast.get("/health")  # the middleware stack is built on the first request
    before = middleware(fast_app).answered
    assert same_answer(client, fast, path, Accept="text/turtle") == status
    assert middleware(fast_app).answered == before


def test_a_refusal_of_the_fair_share_is_the_same_429(
    client: TestClient, fast: TestClient, service_state: ServiceState
) -> None:
    from brn_graph.query.admission import AdmissionLimits

    admission = service_state.engine.admission
    saved = admission.limits
    admission.limits = AdmissionLimits(
        workers=saved.workers, client_concurrency=1, client_queue=0, queue_seconds=2
    )
    try:
        with admission.admit("testclient", catalogue=False, deadline=1e12):
            assert same_answer(client, fast, q("ASK { ?s ?p ?o }", "&lang=da")) == 429
    finally:
        admission.limits = saved


@pytest.mark.parametrize(
    "query_string",
    [
        b"query=SELECT+%2A+%7B%7D&lang=da",
        b"query=%C3%A6%C3%B8%C3%A5&default-graph-uri=a&default-graph-uri=b&named-graph-uri=c",
        b"query=&other=1",
        b"query=caf\xc3\xa9",  # raw bytes, as a careless client sends them
    ],
)
def test_parameters_are_read_as_the_route_reads_them(query_string: bytes) -> None:
    """Starlette's own parsing (what the route's parameters come from) is the reference."""
    params = QueryParams(query_string)
    read = protocol_request({"query_string": query_string, "headers": [], "client": None})
    assert read is not None
    assert read.query == params["query"]
    assert read.default_graphs == tuple(params.getlist("default-graph-uri"))
    assert read.named_graphs == tuple(params.getlist("named-graph-uri"))
    assert read.client == "unknown"


def test_the_first_accept_header_counts_as_in_starlette() -> None:
    scope = {
        "query_string": b"query=x",
        "headers": [(b"accept", b"text/csv"), (b"accept", b"application/json")],
    }
    read = protocol_request(scope)
    assert read is not None
    assert read.accept == "text/csv"
