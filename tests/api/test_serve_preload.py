"""``serve`` with several processes: the supervisor builds the session once and forks the
server processes, which take it over only while it still describes the files on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import api.serve_command as serve_command
from api.imports_watch import generation
from brn_graph.config import Settings
from brn_graph.graph.session import build_session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loader"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "one.ttl", data / "one.ttl")
    imports = tmp_path / "imports"
    imports.mkdir()
    return Settings(
        data_paths=(data,), imports_dir=imports, cache_dir=tmp_path / "cache", store="oxigraph"
    )


def test_a_server_process_takes_the_preloaded_session_while_nothing_changed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = build_session(settings)
    monkeypatch.setattr(serve_command, "_PRELOADED", (session, generation(settings.imports_dir)))
    assert serve_command.preloaded_session(settings) is session
    # other settings: build anew
    other = settings.with_overrides(lang="en" if settings.lang == "da" else "da")
    assert serve_command.preloaded_session(other) is None


def test_a_changed_data_file_means_building_anew(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = build_session(settings)
    monkeypatch.setattr(serve_command, "_PRELOADED", (session, generation(settings.imports_dir)))
    data_file = settings.data_paths[0] / "one.ttl"
    data_file.write_text(data_file.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
    assert serve_command.preloaded_session(settings) is None


def test_an_import_committed_meanwhile_means_building_anew(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = build_session(settings)
    seen = generation(settings.imports_dir)
    monkeypatch.setattr(serve_command, "_PRELOADED", (session, seen))
    moved = settings.imports_dir.with_name("imports-old")
    settings.imports_dir.rename(moved)
    settings.imports_dir.mkdir()  # a new folder entry: another inode, as a commit makes
    assert generation(settings.imports_dir) != seen
    assert serve_command.preloaded_session(settings) is None


def test_without_a_preloaded_session_each_process_builds_its_own() -> None:
    assert serve_command._PRELOADED is None
    assert serve_command.preloaded_session(Settings()) is None


def test_uvicorn_server_processes_are_forked_while_the_hook_is_open() -> None:
    # Guards the speed-up against a uvicorn upgrade that drops the hook (the server would
    # then spawn, correct but about 1 s of CPU per process slower to start).
    from uvicorn.config import Config
    from uvicorn.supervisors import multiprocess

    config = Config("api.serve_command:worker_app", factory=True)
    with serve_command.forked_workers():
        forked = multiprocess.get_subprocess(config, target=lambda **_: None, sockets=[])
    spawned = multiprocess.get_subprocess(config, target=lambda **_: None, sockets=[])
    assert forked._start_method == "fork"  # type: ignore[attr-defined]
    assert spawned._start_method == "spawn"  # type: ignore[attr-defined]
