"""Messages kept as key and values until a door renders them; errors carry one."""

from __future__ import annotations

from pathlib import Path

import pytest

from brn_graph.errors import (
    NOT_FOUND_KINDS,
    DataLoadError,
    NotFoundError,
    ParameterError,
    QueryTimeoutError,
)
from brn_graph.i18n.catalogue import messages
from brn_graph.i18n.message import Message, message, render


def test_a_message_renders_in_each_language_with_nested_values() -> None:
    note = message("errors.parameter", name="'x'", reason=message("errors.reason.empty"))
    assert note.render("da") == "parameter 'x': må ikke være tom"
    assert note.render("en") == "parameter 'x': must not be empty"


def test_render_joins_sequences_and_localises_fractions() -> None:
    assert render(("a", message("level.low")), "da") == "a, lav"
    assert render(2.5, "da") == "2,5"
    assert render(2.5, "en") == "2.5"


def test_errors_keep_english_for_logs_and_render_any_language() -> None:
    error = NotFoundError("goal", "nix", ["brn-p1", "brn-p2"])
    assert str(error) == "unknown goal 'nix'; did you mean: brn-p1, brn-p2?"
    assert error.render("da") == "ukendt mål 'nix'; mente du: brn-p1, brn-p2?"
    assert isinstance(error.detail, Message)


def test_a_parameter_error_renders_its_reason_alone() -> None:
    error = ParameterError("weights", message("ranking.error.no_share"))
    assert error.render_reason("da") == (
        "alignment har ingen ramme tilbage at fordele sig på: alle er nævnt"
    )
    assert error.render("en").startswith("parameter 'weights': alignment has no framework")


def test_a_data_load_error_names_file_and_line_in_both_languages() -> None:
    error = DataLoadError(Path("data/x.ttl"), message("errors.file.not_utf8"), line=3)
    assert error.render("da") == "data/x.ttl:3: ikke gyldig UTF-8-tekst"
    assert str(error) == "data/x.ttl:3: not valid UTF-8 text"


def test_a_timeout_uses_the_decimal_mark_of_the_language() -> None:
    assert "0,5 s" in QueryTimeoutError(0.5).render("da")
    assert "0.5 s" in str(QueryTimeoutError(0.5))


@pytest.mark.parametrize("kind", NOT_FOUND_KINDS)
def test_every_kind_a_lookup_can_miss_has_a_name(kind: str) -> None:
    assert f"errors.kind.{kind}" in messages()


def test_an_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        message("no.such.key").render("da")


def test_setting_and_weight_errors_render_in_danish() -> None:
    from brn_graph.config import Settings, parse_weights
    from brn_graph.errors import ConfigError
    from brn_graph.i18n.message import reason_of

    with pytest.raises(ConfigError) as refused:
        Settings(query_timeout=0)
    assert refused.value.render("da") == "indstillingen query_timeout skal være positiv, ikke 0"
    with pytest.raises(ValueError, match="expected NAME=VALUE") as malformed:
        parse_weights("alignment")
    reason = reason_of(malformed.value)
    assert isinstance(reason, Message)
    assert reason.render("da") == "ventede NAVN=VÆRDI, fik 'alignment'"
