"""SHACL reports kept on disk: reused while the input is unchanged, recomputed otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import brn_graph.graph.validation_cache as cache
from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset
from brn_graph.graph.validation_cache import validate_cached

INVALID = Path(__file__).resolve().parents[2] / "fixtures" / "api" / "invalid.ttl"


def settings_for(data: Path, cache_dir: Path | None) -> Settings:
    return Settings(data_paths=(data,), store="memory", lang="en", cache_dir=cache_dir)


def forbid_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("validated again although the input did not change")

    monkeypatch.setattr(cache, "validate_loaded", fail)


def test_without_a_cache_dir_nothing_is_written(tmp_path: Path) -> None:
    settings = settings_for(INVALID, None)
    report = validate_cached(load_dataset(settings), settings, "en")
    assert not report.conforms
    assert list(tmp_path.iterdir()) == []


def test_report_is_reused_while_the_input_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(INVALID, tmp_path / "cache")
    loaded = load_dataset(settings)
    first = validate_cached(loaded, settings, "en")
    assert len(list((tmp_path / "cache" / "validation").glob("*.json"))) == 1
    forbid_validation(monkeypatch)
    again = validate_cached(load_dataset(settings), settings, "en")
    assert again == first
    assert not again.conforms
    assert again.violations


def test_a_change_of_data_or_language_is_a_new_report(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    shutil.copy(INVALID, data)
    settings = settings_for(data, tmp_path / "cache")
    english = validate_cached(load_dataset(settings), settings, "en")
    danish = validate_cached(load_dataset(settings), settings, "da")
    assert [r.message for r in english.results] != [r.message for r in danish.results]
    # Mend the data: the cached non-conforming report must not come back.
    data.write_text("", encoding="utf-8")
    mended = validate_cached(load_dataset(settings), settings, "en")
    assert mended.conforms
    assert len(list((tmp_path / "cache" / "validation").glob("*.json"))) == 3


def test_an_unreadable_cache_file_is_recomputed(tmp_path: Path) -> None:
    settings = settings_for(INVALID, tmp_path / "cache")
    loaded = load_dataset(settings)
    first = validate_cached(loaded, settings, "en")
    (path,) = (tmp_path / "cache" / "validation").glob("*.json")
    path.write_text("{not json", encoding="utf-8")
    assert validate_cached(loaded, settings, "en") == first
