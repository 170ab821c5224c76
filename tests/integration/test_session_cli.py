"""The command line works on the library's session: non-conforming data is a warning on
stderr, or exit 1 with ``--strict``; ``brn-graph profile`` shows a cluster's profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reference import run_cli

INVALID = Path(__file__).resolve().parents[1] / "fixtures" / "api" / "invalid.ttl"
DATA = Path(__file__).resolve().parents[2] / "data"
#: The bundled data (with its decision context) plus a file that breaks the shapes.
NOT_CONFORMING = ("--data", str(DATA), "--data", str(INVALID))


@pytest.mark.parametrize("command", [("gaps",), ("engagement",), ("network-stats",)], ids=str)
def test_non_conforming_data_is_a_warning_on_stderr(command: tuple[str, ...]) -> None:
    result = run_cli("--lang", "en", *NOT_CONFORMING, *command, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("warning: the data does not conform to the SHACL shapes: ")
    assert "brn-graph validate" in result.stderr
    json.loads(result.stdout)  # the output itself stays clean


def test_strict_stops_on_non_conforming_data_with_exit_1() -> None:
    result = run_cli("--lang", "en", "--strict", *NOT_CONFORMING, "rank")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "does not conform" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_message_is_danish_under_lang_da() -> None:
    result = run_cli("--lang", "da", "--strict", *NOT_CONFORMING, "gaps")
    assert result.returncode == 1
    assert "overholder ikke SHACL-formerne" in result.stderr
    assert "does not conform" not in result.stderr


def test_conforming_data_gives_no_warning_even_with_strict() -> None:
    result = run_cli("--lang", "en", "--strict", "gaps", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_profile_json() -> None:
    result = run_cli("--lang", "en", "profile", "ECD", "--format", "json")
    assert result.returncode == 0, result.stderr
    profile = json.loads(result.stdout)
    assert profile["cluster"]["id"] == "energy-cluster-denmark"
    assert profile["cluster"]["north_jutland"] is True
    assert any(o["primary"] and o["north_jutland"] for o in profile["offices"])
    assert profile["figures"]
    assert all(f["sources"] for f in profile["figures"])
    assert profile["alignments"]
    assert profile["notes"] == []


@pytest.mark.parametrize(
    ("lang", "own", "foreign"),
    [
        ("da", ["Klyngeprofil", "Kontorer", "Nøgletal", "Dækning pr. rammedokument"],
         ["Cluster profile", "Offices", "Figures", "Coverage per"]),
        ("en", ["Cluster profile", "Offices", "Figures", "Coverage per framework document"],
         ["Klyngeprofil", "Kontorer", "Nøgletal", "Dækning"]),
    ],
)  # fmt: skip
def test_profile_text_is_in_one_language(lang: str, own: list[str], foreign: list[str]) -> None:
    result = run_cli("--lang", lang, "profile", "energy-cluster-denmark")
    assert result.returncode == 0, result.stderr
    for word in own:
        assert word in result.stdout
    for word in foreign:
        assert word not in result.stdout


def test_unknown_cluster_is_a_clear_error() -> None:
    result = run_cli("--lang", "en", "profile", "no-such-cluster")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no-such-cluster" in result.stderr
