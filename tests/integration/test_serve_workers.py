"""``brn-graph serve --workers N``: the option's mistakes, a real two-process server, and an
import seen by every process."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import attach_state, create_app
from api.serve_command import worker_count
from api.state import ServiceState, build_state, close_state
from benchmarks.ingest_generate import member_rows, write_csv
from brn_graph.cli import main
from brn_graph.config import Settings
from brn_graph.errors import ConfigError
from tests.reference import PROJECT

ECD = "/api/clusters/energy-cluster-denmark"


def _run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as ended:
        main(args)
    code = ended.value.code
    return (code if isinstance(code, int) else 0), capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_workers_below_one_is_a_usage_error_with_a_hint(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, err = _run(capsys, ["--lang", "en", "serve", "--workers", value])
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[0].startswith("brn-graph: error:")
    assert "--workers" in lines[0]
    assert "help serve" in err  # the hint


def test_several_workers_on_a_store_folder_are_refused_in_both_languages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "never-opened"
    args = ["serve", "--store", f"oxigraph:{folder}", "--workers", "2", "--port", "1"]
    code, err = _run(capsys, ["--lang", "en", *args])
    assert code == 2, err
    assert "Traceback" not in err
    assert "--workers 1" in err
    assert "one process" in err
    code, err = _run(capsys, ["--lang", "da", *args])
    assert code == 2, err
    assert "én proces" in err
    assert not folder.exists()  # refused before anything was opened


def test_the_default_is_the_number_of_cores_and_one_for_a_store_folder() -> None:
    assert worker_count(Settings(store="oxigraph"), None) == max(1, os.cpu_count() or 1)
    assert worker_count(Settings(store="oxigraph:/tmp/x"), None) == 1
    assert worker_count(Settings(store="oxigraph:/tmp/x"), 1) == 1
    with pytest.raises(ConfigError):
        worker_count(Settings(store="oxigraph:/tmp/x"), 2)


@pytest.fixture
def two_workers() -> Iterator[str]:
    """``brn-graph serve --workers 2`` as a real process on a random port."""
    port = random.Random().randint(20000, 29999)
    env = dict(os.environ)
    process = subprocess.Popen(
        [sys.executable, "-m", "brn_graph", "serve", "--workers", "2", "--port", str(port)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a bound on waiting, not an assertion on speed
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def test_serve_with_two_workers_starts_and_answers(two_workers: str) -> None:
    with httpx.Client(base_url=two_workers, timeout=30) as client:
        # Several connections, so both processes answer some of them.
        answers = [client.get(ECD, headers={"Connection": "close"}) for _ in range(6)]
        assert {a.status_code for a in answers} == {200}
        assert len({a.content for a in answers}) == 1  # every process gives the same bytes
        assert len({a.headers["etag"] for a in answers}) == 1
        health = client.get("/health").json()
        assert health["status"] == "ok"
        assert health["conforms"] is True


# -- an import in one process is seen by the other ------------------------------------------

TOKEN = "watch-token-91ab"


@pytest.fixture(scope="module")
def two_processes(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[TestClient, TestClient, Path]]:
    """Two apps over one imports folder, each with its own state, as two workers have."""
    folder = tmp_path_factory.mktemp("watch-imports")
    settings = Settings(imports_dir=folder, write_token=TOKEN, max_upload_bytes=400_000, lang="en")
    states: list[ServiceState] = []
    clients = []
    for _ in range(2):
        state = build_state(settings, workers=1)
        states.append(state)
        app = create_app(settings, load_graph=False, watch_imports=True)
        attach_state(app, state)
        clients.append(app)
    upload = write_csv(tmp_path_factory.mktemp("watch-upload") / "m.csv", member_rows(40, seed=5))
    with TestClient(clients[0]) as first, TestClient(clients[1]) as second:
        try:
            yield first, second, upload
        finally:
            for app in clients:
                current = app.state.service.current
                if current not in states:
                    close_state(current)
            for state in states:
                close_state(state)


def test_an_import_in_one_process_is_served_by_the_other(
    two_processes: tuple[TestClient, TestClient, Path],
) -> None:
    first, second, upload = two_processes
    before = second.get(ECD)
    fingerprint = second.get("/health").json()["fingerprint"]
    with upload.open("rb") as handle:
        posted = first.post(
            "/api/imports/members",
            headers={"Authorization": f"Bearer {TOKEN}"},
            files={"file": ("m.csv", handle, "text/csv")},
            data={"cluster": "energy-cluster-denmark", "as_of": "2024-06-30"},
        )
    assert posted.status_code == 200, posted.text
    assert posted.json()["status"] == "committed"
    after = second.get(ECD)
    assert second.get("/health").json()["fingerprint"] != fingerprint
    assert after.content != before.content
    assert after.content == first.get(ECD).content
