"""The catalogue joins every area once, refuses a key defined twice and a missing language."""

from __future__ import annotations

import pytest

from brn_graph.config import LANGUAGES
from brn_graph.i18n.catalogue import messages, text


def test_every_message_has_both_languages() -> None:
    for key, texts in messages().items():
        assert set(texts) >= set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_placeholders_are_filled() -> None:
    assert text("lang.name", "en") == "English"


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        text("no.such.message", "da")
