"""``api.i18n``: every UI string in both languages; the language chosen per request."""

from __future__ import annotations

import pytest

from api.i18n import MESSAGES, choose_language, parse_accept_language, translate


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"da", "en"}, key
        assert all(t.strip() for t in texts.values()), key


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


def test_translate_fills_placeholders() -> None:
    assert "3" in translate("banner.invalid_data", "en", count=3)
    assert translate("no.such.key", "da") == "no.such.key"
