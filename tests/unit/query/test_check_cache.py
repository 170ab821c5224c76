"""The catalogue's check cache: an unchanged query is not parsed again, a changed one is.

The reference is the catalogue checked without a cache: the cached checks must equal it,
field by field, and anything that does not match its entry (other text, damaged JSON, another
format) is checked again from the text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from brn_graph.config import PROJECT_ROOT, Settings
from brn_graph.errors import QuerySyntaxError
from brn_graph.query import catalog as catalog_module
from brn_graph.query.catalog import load_catalog

QUERIES = PROJECT_ROOT / "queries"


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    folder = tmp_path / "queries"
    shutil.copytree(QUERIES, folder)
    return folder


def _checks(folder: Path, cache: Path | None) -> dict[str, object]:
    return {q.name: q.checked for q in load_catalog(folder, cache_dir=cache).all()}


def _parse_forbidden(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every real check fail loudly, recording the texts it was asked to parse."""
    asked: list[str] = []

    def refuse(text: str, **_: object) -> object:
        asked.append(text)
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(catalog_module, "check_query", refuse)
    return asked


def test_cached_checks_equal_fresh_ones_and_skip_the_parser(
    queries: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh = _checks(queries, None)
    assert len(fresh) > 17
    assert _checks(queries, cache) == fresh  # fills the cache
    assert len(list(cache.glob("*.json"))) == len(fresh)
    asked = _parse_forbidden(monkeypatch)
    assert _checks(queries, cache) == fresh
    assert asked == []


def test_a_changed_query_is_checked_again(
    queries: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _checks(queries, cache)
    target = queries / "list_clusters.rq"
    target.write_text(target.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    asked = _parse_forbidden(monkeypatch)
    with pytest.raises(AssertionError, match="parsed although cached"):
        _checks(queries, cache)
    assert len(asked) == 1
    assert asked[0].endswith("# changed\n")


def test_a_broken_query_fails_even_when_an_older_text_passed(queries: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _checks(queries, cache)
    target = queries / "list_clusters.rq"
    target.write_text(target.read_text(encoding="utf-8").replace("WHERE", "WHERE {{", 1))
    with pytest.raises(QuerySyntaxError, match="list_clusters"):
        load_catalog(queries, cache_dir=cache)


def test_damaged_entries_are_checked_again_and_rewritten(queries: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = _checks(queries, cache)
    entries = sorted(cache.glob("*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_text('{"format": "brn-query-check/0"}', encoding="utf-8")
    text = entries[2].read_text(encoding="utf-8")
    entries[2].write_text(text.replace('"SELECT"', '"UPDATE"'), encoding="utf-8")
    assert _checks(queries, cache) == fresh
    assert json.loads(entries[0].read_text(encoding="utf-8"))["format"] == "brn-query-check/1"
    assert _checks(queries, cache) == fresh


def test_an_empty_cache_dir_setting_switches_the_startup_cache_off() -> None:
    assert Settings.from_env({"BRN_GRAPH_CACHE_DIR": ""}).startup_cache is False
    assert Settings.from_env({"BRN_GRAPH_STARTUP_CACHE": "0"}).startup_cache is False
    assert Settings.from_env({}).startup_cache is True
