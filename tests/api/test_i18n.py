"""``api.i18n``: the language chosen per request (the words are in the message catalogue)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.i18n import choose_language, parse_accept_language


@pytest.mark.parametrize(
    ("requested", "header", "expected"),
    [
        (None, None, "da"),
        (None, "en", "en"),
        (None, "en-GB,en;q=0.9,da;q=0.8", "en"),
        (None, "da-DK,da;q=0.9,en;q=0.8", "da"),
        (None, "de-DE,de;q=0.9", "da"),
        (None, "en;q=0, da;q=0.1", "da"),
        (None, "nb-NO", "da"),
        ("en", "da", "en"),
        ("da", "en", "da"),
    ],
)
def test_choose_language(requested: str | None, header: str | None, expected: str) -> None:
    assert choose_language(requested, header) == expected


def test_parse_accept_language_ignores_garbage() -> None:
    assert parse_accept_language(";;, ,en;q=abc,da;q=2") == []


def test_the_module_holds_no_string_table() -> None:
    import api.i18n

    assert not hasattr(api.i18n, "MESSAGES")
    assert not hasattr(api.i18n, "translate")


@pytest.mark.parametrize(
    ("header", "expected"),
    [("da", "Ikke fundet"), ("en", "Not Found")],
)
def test_an_unknown_route_answers_in_the_negotiated_language(
    client: TestClient, header: str, expected: str
) -> None:
    response = client.get("/api/no-such-route", headers={"Accept-Language": header})
    assert response.status_code == 404
    assert response.json()["detail"] == expected


def test_a_library_error_answers_in_the_requested_language(client: TestClient) -> None:
    danish = client.get("/api/clusters/no-such-cluster?lang=da").json()
    english = client.get("/api/clusters/no-such-cluster?lang=en").json()
    assert danish["detail"].startswith("ukendt klynge 'no-such-cluster'")
    assert english["detail"].startswith("unknown cluster 'no-such-cluster'")
    assert danish["message_key"] == english["message_key"]
