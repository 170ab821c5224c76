"""Every import keeps its own history: a re-import after a revert is a new import with an id
of its own, an active import's file is still recognised as unchanged, a second revert says so
in the reader's language, and an unknown id is only matched with ids that look like it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brn_graph.config import Settings
from brn_graph.errors import NotFoundError, ParameterError
from brn_graph.graph.loader import LoadedDataset, load_dataset
from brn_graph.ingest.pipeline import IngestReport, ingest_members, parse_as_of
from brn_graph.ingest.write import ImportsFolder
from tests.reference import PROJECT
from tests.unit.ingest.conftest import write_text

HEADER = "CVR-nummer;Navn;Kommune;Branchekode;Virksomhedsform;Antal ansatte\n"


@pytest.fixture(scope="module")
def loaded() -> LoadedDataset:
    return load_dataset(Settings(imports_dir=Path("/nonexistent")))


def cli(imports: Path, lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRN_GRAPH_IMPORTS_DIR": str(imports)}
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", "--lang", lang, *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=300,
        check=False,
    )


def _import(settings: Settings, path: Path, loaded: LoadedDataset) -> IngestReport:
    return ingest_members(settings, path, cluster="made", as_of="2024-06-01", loaded=loaded)


def test_a_reimport_after_a_revert_is_a_new_import_with_its_own_record(
    tmp_path: Path, loaded: LoadedDataset
) -> None:
    settings = Settings(imports_dir=tmp_path / "imports", lang="en")
    folder = ImportsFolder(settings.imports_dir)
    path = write_text(tmp_path / "a.csv", HEADER + "13585628;Firma A/S;Aalborg;;;12\n")

    first = _import(settings, path, loaded)
    assert first.status == "committed"
    again = _import(settings, path, loaded)
    assert (again.status, again.import_id) == ("unchanged", first.import_id)

    folder.revert(first.import_id, agent="ann", when="2024-06-02T10:00:00+00:00")
    second = _import(settings, path, loaded)
    assert second.status == "committed"
    assert second.import_id != first.import_id
    assert second.import_id.startswith(first.import_id)
    # the file is active again under its new id: importing it once more changes nothing
    same = _import(settings, path, loaded)
    assert (same.status, same.import_id) == ("unchanged", second.import_id)

    folder.revert(second.import_id, agent="bob", when="2024-06-03T10:00:00+00:00")
    third = _import(settings, path, loaded)
    assert third.status == "committed"
    assert third.import_id not in (first.import_id, second.import_id)

    listed = [(e.import_id, e.status) for e in folder.entries()]
    assert sorted(listed) == sorted(
        [
            (first.import_id, "reverted"),
            (second.import_id, "reverted"),
            (third.import_id, "active"),
        ]
    )
    # each revert keeps its own record
    assert folder.entry(first.import_id).reverted == {
        "by": "ann",
        "at": "2024-06-02T10:00:00+00:00",
    }
    assert folder.entry(second.import_id).reverted == {
        "by": "bob",
        "at": "2024-06-03T10:00:00+00:00",
    }
    assert folder.entry(third.import_id).status == "active"


def test_reverting_twice_says_the_import_is_reverted_already(tmp_path: Path) -> None:
    folder = ImportsFolder(tmp_path / "imports")
    with folder.lock():
        folder.commit("members-x-2024-06-01-0123456789ab", {"kind": "members"}, b"")
    folder.revert("members-x-2024-06-01-0123456789ab", agent="ann", when="2024-06-02")
    with pytest.raises(NotFoundError) as caught:
        folder.revert("members-x-2024-06-01-0123456789ab", agent="ann", when="2024-06-03")
    danish = caught.value.render("da")
    assert "allerede trukket tilbage" in danish
    assert "ann" in danish
    assert "2024-06-02" in danish
    assert "active" not in danish
    assert "unknown" not in danish
    assert "reverted already" in caught.value.render("en")
    # the first revert's record is untouched
    assert folder.entry("members-x-2024-06-01-0123456789ab").reverted == {
        "by": "ann",
        "at": "2024-06-02",
    }


def test_an_unknown_import_is_only_matched_with_ids_that_look_like_it(tmp_path: Path) -> None:
    folder = ImportsFolder(tmp_path / "imports")
    known = "members-made-2024-06-01-11939fc05003"
    with folder.lock():
        folder.commit(known, {"kind": "members"}, b"")
    with pytest.raises(NotFoundError) as caught:
        folder.entry("nope")
    assert caught.value.suggestions == ()
    with pytest.raises(NotFoundError) as caught:
        folder.entry(known[:-1])
    assert caught.value.suggestions == (known,)


def test_a_malformed_as_of_gets_the_message_of_every_date_option() -> None:
    with pytest.raises(ParameterError) as caught:
        parse_as_of("2024-6-1")
    danish = caught.value.render("da")
    assert "ÅÅÅÅ-MM-DD" in danish
    assert "must be" not in danish
    assert parse_as_of("2024-06-01") == "2024-06-01"


def test_the_report_names_the_kind_in_the_readers_language() -> None:
    report = IngestReport(kind="members", file="a.csv", sha256="0", mapping="cvr-export")
    assert report.render("da").splitlines()[0] == "Import af medlemmer fra a.csv"
    assert report.render("en").splitlines()[0] == "Import of members from a.csv"


def test_imports_show_and_a_second_revert_speak_danish(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    folder = ImportsFolder(imports)
    summary = {"kind": "members", "file": "a.csv", "agent": "ann", "accepted": 1}
    with folder.lock():
        folder.commit("members-made-2024-06-01-0123456789ab", summary, b"")
    reverted = cli(imports, "da", "imports", "revert", "members-made-2024-06-01-0123456789ab")
    assert reverted.returncode == 0, reverted.stderr
    shown = cli(imports, "da", "imports", "show", "members-made-2024-06-01-0123456789ab")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert "Status: trukket tilbage" in lines
    assert "Type: medlemmer" in lines
    assert "Fil: a.csv" in lines
    assert any(line.startswith("Trukket tilbage: ") and " af " in line for line in lines)
    for english in ("status:", "file:", "reverted", "{", "'by'"):
        assert english not in shown.stdout
    as_json = json.loads(
        cli(
            imports,
            "da",
            "imports",
            "show",
            "members-made-2024-06-01-0123456789ab",
            "--format",
            "json",
        ).stdout
    )
    assert (as_json["status"], as_json["file"]) == ("reverted", "a.csv")

    twice = cli(imports, "da", "imports", "revert", "members-made-2024-06-01-0123456789ab")
    assert twice.returncode == 2
    assert "allerede trukket tilbage" in twice.stderr
    assert "active" not in twice.stderr
    assert "Traceback" not in twice.stderr

    nope = cli(imports, "da", "imports", "show", "nope")
    assert nope.returncode == 2
    assert "ukendt import 'nope'" in nope.stderr
    assert "0123456789ab" not in nope.stderr


def test_ingest_with_a_malformed_as_of_speaks_danish(tmp_path: Path) -> None:
    path = write_text(tmp_path / "a.csv", HEADER + "13585628;Firma A/S;Aalborg;;;12\n")
    result = cli(
        tmp_path / "imports",
        "da",
        "ingest",
        "members",
        str(path),
        "--cluster",
        "made",
        "--as-of",
        "2024-6-1",
    )
    assert result.returncode == 2
    assert "'2024-6-1' er ikke en dato på formen ÅÅÅÅ-MM-DD" in result.stderr
    assert "must be" not in result.stderr
