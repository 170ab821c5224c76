"""Settings: explicit, immutable, validated; environment variables only through from_env."""

from __future__ import annotations

from pathlib import Path

import pytest

from brn_graph.config import Settings, parse_weights
from brn_graph.errors import ConfigError


def test_defaults_point_at_the_bundled_data() -> None:
    settings = Settings()
    assert settings.data_paths[0].name == "data"
    assert settings.store == "oxigraph"
    assert settings.query_timeout == 10.0


def test_environment_overrides_defaults_and_arguments_override_environment() -> None:
    env = {
        "BRN_GRAPH_LANG": "en",
        "BRN_GRAPH_DATA_PATHS": "/a:/b",
        "BRN_GRAPH_QUERY_TIMEOUT": "2.5",
    }
    settings = Settings.from_env(env)
    assert settings.lang == "en"
    assert settings.data_paths == (Path("/a"), Path("/b"))
    assert settings.query_timeout == 2.5
    assert Settings.from_env(env, lang="da").lang == "da"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lang": "de"}, "lang"),
        ({"query_timeout": 0}, "query_timeout"),
        ({"result_cap": 0}, "result_cap"),
        ({"base_iri": "https://example.org/x"}, "base_iri"),
    ],
)
def test_bad_settings_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings(**changes)  # type: ignore[arg-type]


def test_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="BRN_GRAPH_RESULT_CAP"):
        Settings.from_env({"BRN_GRAPH_RESULT_CAP": "many"})


@pytest.mark.parametrize("text", ["alignment", "alignment=x", "=1", "alignment=-1"])
def test_parse_weights_rejects_malformed_input(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_weights(text)
