"""``/api/imports``: token, limits, the report, and the atomic swap under parallel readers."""

from __future__ import annotations

import csv
import io
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import attach_state, create_app
from api.state import ServiceState, build_state, close_state
from benchmarks.ingest_generate import member_rows, write_csv
from brn_graph.config import Settings
from brn_graph.graph.loader import union_graph
from brn_graph.ingest.workbooks import write_workbook
from tests.unit.ingest.authoring_books import fill_meetings_da

TOKEN = "test-token-4f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ECD = "https://w3id.org/brn-graph/id/cluster/energy-cluster-denmark"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def writable_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceState]:
    folder = tmp_path_factory.mktemp("imports")
    settings = Settings(imports_dir=folder, write_token=TOKEN, max_upload_bytes=400_000, lang="en")
    state = build_state(settings, workers=1)
    yield state
    close_state(state)


@pytest.fixture(scope="module")
def member_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("upload")
    return write_csv(folder / "ecd.csv", member_rows(2000, seed=11))


@pytest.fixture(scope="module")
def base_url(writable_state: ServiceState) -> Iterator[str]:
    app = create_app(writable_state.settings, load_graph=False)
    attach_state(app, writable_state)
    port = random.Random().randint(20000, 29999)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive(), "server did not start"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


def upload(path: Path, **form: str) -> dict[str, object]:
    return {
        "files": {"file": (path.name, path.read_bytes(), "text/csv")},
        "data": {"cluster": "energy-cluster-denmark", "as_of": "2024-06-01", **form},
    }


def test_imports_are_off_without_a_token(client: TestClient, member_file: Path) -> None:
    response = client.post("/api/imports/members", **upload(member_file))  # type: ignore[arg-type]
    assert response.status_code == 404
    assert client.get("/api/imports").status_code == 404


def test_token_is_required_and_checked(base_url: str, member_file: Path) -> None:
    url = f"{base_url}/api/imports/members"
    assert httpx.post(url, **upload(member_file)).status_code == 401  # type: ignore[arg-type]
    wrong = {"Authorization": "Bearer nope"}
    assert httpx.post(url, headers=wrong, **upload(member_file)).status_code == 403  # type: ignore[arg-type]
    assert httpx.get(f"{base_url}/api/imports", headers=wrong).status_code == 403


def test_too_large_an_upload_is_413(base_url: str, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 500_000)
    response = httpx.post(f"{base_url}/api/imports/members", headers=AUTH, **upload(big))  # type: ignore[arg-type]
    assert response.status_code == 413


def test_invalid_rows_are_422_with_the_row_report(base_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("CVR-nummer;Navn;Kommune\n13585627;Firma A/S;Aalborg\n", encoding="utf-8")
    response = httpx.post(f"{base_url}/api/imports/members", headers=AUTH, **upload(bad))  # type: ignore[arg-type]
    assert response.status_code == 422
    report = response.json()
    assert report["status"] == "invalid"
    assert [(e["row"], e["column"], e["code"]) for e in report["errors"]] == [
        (2, "CVR-nummer", "ingest.row.cvr_checksum")
    ]


def members_of_ecd(client: httpx.Client, base_url: str) -> tuple[str, str]:
    response = client.get(
        f"{base_url}/api/queries/count_members_per_cluster",
        params={"lang": "en"},
        headers={"Accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    row = next(r for r in csv.DictReader(io.StringIO(response.text)) if r["cluster"] == ECD)
    return row["members"], row["members_basis"]


def test_upload_commits_and_parallel_readers_see_old_or_new_never_half(
    base_url: str, member_file: Path, writable_state: ServiceState
) -> None:
    with httpx.Client(timeout=120) as reader:
        before = members_of_ecd(reader, base_url)
    assert before[1] == "figure"
    seen: list[tuple[str, str]] = []
    stop = threading.Event()

    def read() -> None:
        with httpx.Client(timeout=120) as client:
            while not stop.is_set():
                seen.append(members_of_ecd(client, base_url))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        dry = httpx.post(
            f"{base_url}/api/imports/members",
            headers=AUTH,
            timeout=300,
            **upload(member_file, dry_run="true"),  # type: ignore[arg-type]
        )
        assert dry.status_code == 200, dry.text
        assert dry.json()["status"] == "dry-run"
        response = httpx.post(
            f"{base_url}/api/imports/members",
            headers=AUTH,
            timeout=300,
            **upload(member_file),  # type: ignore[arg-type]
        )
        time.sleep(1.0)
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["status"], report["accepted"]) == ("committed", 2000)
    after = ("2000", "memberships")
    assert set(seen) <= {before, after}
    assert before in seen
    assert after in seen
    with httpx.Client(timeout=120) as reader:
        assert members_of_ecd(reader, base_url) == after

    listed = httpx.get(f"{base_url}/api/imports", headers=AUTH).json()
    assert [(e["id"], e["status"]) for e in listed] == [(report["import_id"], "active")]
    reverted = httpx.delete(
        f"{base_url}/api/imports/{report['import_id']}", headers=AUTH, timeout=300
    )
    assert reverted.status_code == 200, reverted.text
    assert reverted.json()["status"] == "reverted"
    with httpx.Client(timeout=120) as reader:
        assert members_of_ecd(reader, base_url) == before
    assert not list(Path(writable_state.settings.imports_dir).glob("*.ttl"))


def test_openapi_enumerates_every_import_kind(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    [kind] = [
        p for p in spec["paths"]["/api/imports/{kind}"]["post"]["parameters"] if p["name"] == "kind"
    ]
    schema = kind["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    assert set(schema["enum"]) == {"members", "assessments", "document", "meetings"}


def test_members_without_cluster_and_date_is_422(base_url: str, member_file: Path) -> None:
    files = {"file": (member_file.name, member_file.read_bytes(), "text/csv")}
    response = httpx.post(f"{base_url}/api/imports/members", headers=AUTH, files=files)
    assert response.status_code == 422
    assert "cluster" in response.text


def test_a_meetings_workbook_over_http_commits_and_shows_in_the_timeline(
    base_url: str, writable_state: ServiceState, tmp_path: Path
) -> None:
    template = write_workbook(
        "meetings", union_graph(writable_state.loaded), tmp_path / "m.xlsx", lang="da"
    )
    filled = fill_meetings_da(template, tmp_path / "moeder.xlsx")
    files = {"file": (filled.name, filled.read_bytes(), XLSX)}
    response = httpx.post(
        f"{base_url}/api/imports/meetings", headers=AUTH, files=files, timeout=300
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["kind"], report["status"], report["accepted"]) == ("meetings", "committed", 3)

    def timeline() -> set[str]:
        answer = httpx.get(
            f"{base_url}/api/queries/list_process_timeline",
            params={"lang": "en"},
            headers={"Accept": "text/csv"},
            timeout=120,
        )
        assert answer.status_code == 200, answer.text
        return {r["event"] for r in csv.DictReader(io.StringIO(answer.text))}

    meeting = "https://w3id.org/brn-graph/id/event/test-1to1-made-2024-06-12"
    assert meeting in timeline()
    again = httpx.post(f"{base_url}/api/imports/meetings", headers=AUTH, files=files, timeout=300)
    assert again.json()["status"] == "unchanged"
    reverted = httpx.delete(
        f"{base_url}/api/imports/{report['import_id']}", headers=AUTH, timeout=300
    )
    assert reverted.status_code == 200, reverted.text
    assert meeting not in timeline()
