"""Memoised read-only answers (:mod:`api.memo`): the same bytes as a fresh computation,
ETag and 304, a bound, and a new graph after an import swap."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import attach_state, create_app
from api.memo import MemoMiddleware, ResponseMemo
from api.state import ServiceState, build_state, close_state
from benchmarks.ingest_generate import member_rows, write_csv
from brn_graph.config import Settings

ECD = "/api/clusters/energy-cluster-denmark"
#: Several routes, both languages (by ?lang and by Accept-Language), a context and a date.
LOOKUPS: list[tuple[str, dict[str, str]]] = [
    ("/health", {}),
    ("/api/clusters", {}),
    ("/api/clusters?lang=en", {}),
    ("/api/clusters", {"Accept-Language": "en-GB,en;q=0.8"}),
    (ECD, {}),
    (ECD + "?lang=en", {}),
    (ECD + "/alignment", {}),
    (ECD + "/alignment?lang=en", {}),
    (ECD + "/alignment?context=brn-cluster-decision-2024&as_of=2021-06-01", {}),
    (ECD + "/alignment?lang=en&as_of=2021-06-01", {}),
    ("/api/documents", {"Accept-Language": "en"}),
    ("/api/gaps?as_of=2021-06-01&lang=en", {}),
    ("/api/ranking?lang=da", {}),
]


def memo_of(app: FastAPI) -> ResponseMemo:
    """The memo the app's middleware keeps (built by Starlette on first use)."""
    for layer in app.user_middleware:
        if layer.cls is MemoMiddleware:
            memo = layer.kwargs["memo"]
            assert isinstance(memo, ResponseMemo)
            return memo
    raise AssertionError("no memo middleware")


@pytest.fixture(scope="module")
def plain(service_state: ServiceState) -> Iterator[TestClient]:
    app = create_app(service_state.settings, load_graph=False, memo_bytes=0)
    attach_state(app, service_state)
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def memo_app(service_state: ServiceState) -> FastAPI:
    app = create_app(service_state.settings, load_graph=False)
    attach_state(app, service_state)
    return app


@pytest.fixture(scope="module")
def memoised(memo_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(memo_app) as client:
        yield client


@pytest.mark.parametrize(("path", "headers"), LOOKUPS)
def test_memo_answers_the_same_bytes_as_a_fresh_computation(
    plain: TestClient, memoised: TestClient, path: str, headers: dict[str, str]
) -> None:
    fresh = plain.get(path, headers=headers)
    assert fresh.status_code == 200, fresh.text
    assert "etag" not in fresh.headers  # memo off: the route's own answer
    first = memoised.get(path, headers=headers)
    again = memoised.get(path, headers=headers)
    assert first.content == fresh.content
    assert again.content == fresh.content
    assert first.headers["etag"] == again.headers["etag"]
    assert again.headers["vary"] == "Accept, Accept-Language"
    for name in ("content-type", "x-content-type-options", "referrer-policy"):
        assert again.headers[name] == fresh.headers[name]


def test_the_second_request_is_served_from_the_memo(
    memo_app: FastAPI, memoised: TestClient
) -> None:
    memo = memo_of(memo_app)
    path = ECD + "/alignment?lang=en&document=brn-nordjyllandsstemme"
    memoised.get(path)
    hits = memo.hits
    assert memoised.get(path).status_code == 200
    assert memo.hits == hits + 1


def test_languages_are_kept_apart(memoised: TestClient) -> None:
    danish = memoised.get(ECD, headers={"Accept-Language": "da"})
    english = memoised.get(ECD, headers={"Accept-Language": "en"})
    assert danish.content != english.content
    assert danish.headers["etag"] != english.headers["etag"]


def test_if_none_match_gets_304_without_a_body(memoised: TestClient) -> None:
    first = memoised.get("/api/clusters?lang=en")
    etag = first.headers["etag"]
    cached = memoised.get("/api/clusters?lang=en", headers={"If-None-Match": etag})
    assert cached.status_code == 304
    assert cached.content == b""
    assert cached.headers["etag"] == etag
    weak = memoised.get("/api/clusters?lang=en", headers={"If-None-Match": f'"x", W/{etag}'})
    assert weak.status_code == 304
    other = memoised.get("/api/clusters?lang=en", headers={"If-None-Match": '"not-it"'})
    assert other.status_code == 200
    assert other.content == first.content


def test_errors_and_write_routes_are_not_memoised(memo_app: FastAPI, memoised: TestClient) -> None:
    missing = memoised.get("/api/clusters/no-such-cluster-anywhere")
    assert missing.status_code == 404
    assert "etag" not in memoised.get("/api/clusters/no-such-cluster-anywhere").headers
    assert "etag" not in memoised.get("/api/imports").headers  # off: 404, never kept
    assert "etag" not in memoised.get("/").headers  # pages are not memoised


def test_the_memo_is_bounded_in_bytes(service_state: ServiceState) -> None:
    app = create_app(service_state.settings, load_graph=False, memo_bytes=200_000)
    attach_state(app, service_state)
    memo = memo_of(app)
    with TestClient(app) as client:
        for lang in ("da", "en"):
            for as_of in ("2021-06-01", "2022-06-01", "2023-06-01", "2024-09-20"):
                response = client.get(f"{ECD}/alignment?lang={lang}&as_of={as_of}")
                assert response.status_code == 200
                assert memo.size_bytes <= 200_000
    assert 0 < len(memo) < 8  # the oldest answers went out


# -- invalidation after an import swap ------------------------------------------------------

TOKEN = "memo-token-7d2e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    folder = tmp_path_factory.mktemp("memo-imports")
    settings = Settings(imports_dir=folder, write_token=TOKEN, max_upload_bytes=400_000, lang="en")
    state = build_state(settings, workers=1)
    app = create_app(settings, load_graph=False)
    attach_state(app, state)
    upload = write_csv(tmp_path_factory.mktemp("memo-upload") / "ecd.csv", member_rows(50, seed=3))
    try:
        with TestClient(app) as client:
            yield client, upload
    finally:
        current = app.state.service.current
        close_state(current)
        if current is not state:
            close_state(state)


def test_an_import_swap_empties_the_memo(writable: tuple[TestClient, Path]) -> None:
    client, upload = writable
    before_health = client.get("/health")
    before = client.get(ECD)
    assert client.get(ECD).headers["etag"] == before.headers["etag"]  # kept
    with upload.open("rb") as handle:
        posted = client.post(
            "/api/imports/members",
            headers=AUTH,
            files={"file": ("ecd.csv", handle, "text/csv")},
            data={"cluster": "energy-cluster-denmark", "as_of": "2024-06-30"},
        )
    assert posted.status_code == 200, posted.text
    assert posted.json()["status"] == "committed"
    after_health = client.get("/health")
    assert after_health.json()["fingerprint"] != before_health.json()["fingerprint"]
    after = client.get(ECD)
    assert after.status_code == 200
    assert after.content != before.content
    assert after.headers["etag"] != before.headers["etag"]
    # The old ETag no longer matches: a client holding it gets the new answer.
    revalidated = client.get(ECD, headers={"If-None-Match": before.headers["etag"]})
    assert revalidated.status_code == 200
    assert revalidated.content == after.content


# -- one computation per key ----------------------------------------------------------------


class _State:
    fingerprint = "fp"


def test_concurrent_requests_for_one_answer_compute_it_once() -> None:
    import asyncio

    calls: list[str] = []

    async def route(scope: Any, receive: Any, send: Any) -> None:
        calls.append(scope["path"])
        await asyncio.sleep(0.01)  # still computing when the other requests arrive
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b'{"n": 1}'})

    served = _State()
    middleware = MemoMiddleware(route, state_of=lambda _scope: served)

    async def one() -> tuple[int, bytes]:
        sent: list[dict[str, Any]] = []

        async def send(message: Any) -> None:
            sent.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        scope = {
            "type": "http",
            "method": "GET",
            "path": "/api/x",
            "query_string": b"",
            "headers": [],
        }
        await middleware(scope, receive, send)
        return sent[0]["status"], sent[1]["body"]

    async def many() -> list[tuple[int, bytes]]:
        return await asyncio.gather(*(one() for _ in range(10)))

    answers = asyncio.run(many())
    assert calls == ["/api/x"]
    assert answers == [(200, b'{"n": 1}')] * 10
