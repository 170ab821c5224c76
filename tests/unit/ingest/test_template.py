"""Authoring workbooks: template -> filled in with openpyxl -> ingest -> explain shows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
from openpyxl import Workbook

from brn_graph.ingest.template import put
from tests.reference import PROJECT

MADE = "https://w3id.org/brn-graph/id/cluster/made"


def cli(imports: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRN_GRAPH_IMPORTS_DIR": str(imports)}
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=300,
        check=False,
    )


def test_assessments_round_trip_shows_in_explain_with_sources(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    template = tmp_path / "assessments.xlsx"
    result = cli(imports, "template", "assessments", "-o", str(template))
    assert result.returncode == 0, result.stderr

    book = openpyxl.load_workbook(template)
    assert book["lists"].sheet_state == "hidden"
    lists = {c.value for c in book["lists"]["A"]}
    assert {"made", "energy-cluster-denmark"} <= lists
    help_text = [c.value for c in book["help"]["B"] if c.value]
    assert any("core area" in str(v) for v in help_text)  # the rubric of the levels
    sheet = book["assessments"]
    assert len(sheet.data_validations.dataValidation) == 5
    sheet.append(
        [
            "made",
            "brn-nordjyllandsstemme-2",
            "medium",
            "MADE arbejder med digital produktion.",
            "MADE works on digital manufacturing.",
            "https://example.org/made-assessment",
            "weak",
            "brn-graph-maintainers",
            "2024-08-01",
            None,
        ]
    )
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    result = cli(imports, "ingest", "assessments", str(filled), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert (report["status"], report["accepted"]) == ("committed", 1)

    result = cli(imports, "explain", "made", "brn-nordjyllandsstemme-2", "--format", "json")
    assert result.returncode == 0, result.stderr
    explained = json.loads(result.stdout)
    # the imported assessment is listed with the ones already in the data
    [evidence] = [
        e
        for e in explained["evidence"]
        if (e["alignment"] or "").endswith(f"--{report['import_id'][-12:]}-r2")
    ]
    assert (evidence["origin"], evidence["level"], evidence["confidence"]) == (
        "assessed",
        "medium",
        "weak",
    )
    assert evidence["text"] == "MADE works on digital manufacturing."
    urls = {s["url"] for s in evidence["sources"]}
    assert "https://example.org/made-assessment" in urls
    assert any(report["sha256"] in (s["citation"] or "") for s in evidence["sources"])


def test_a_bad_assessment_row_names_its_cell(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    template = tmp_path / "assessments.xlsx"
    assert cli(imports, "template", "assessments", "-o", str(template)).returncode == 0
    book = openpyxl.load_workbook(template)
    book["assessments"].append(
        [
            "made",
            "no-such-goal",
            "extreme",
            "x",
            None,
            "ftp://x",
            "stated",
            "brn-graph-maintainers",
            "2024-13-01",
            None,
        ]
    )
    book.save(template)
    result = cli(imports, "ingest", "assessments", str(template), "--format", "json")
    assert result.returncode == 1
    errors = {(e["row"], e["column"], e["code"]) for e in json.loads(result.stdout)["errors"]}
    assert errors == {
        (2, "Goal or strength position", "ingest.row.unknown_goal"),
        (2, "Level", "ingest.row.level"),
        (2, "Source URL", "ingest.row.url"),
        (2, "Evidence date", "ingest.row.date"),
    }
    assert not imports.exists() or not list(imports.glob("*.ttl"))


def test_values_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    put(sheet, 1, 1, '=HYPERLINK("http://x","click")')
    put(sheet, 2, 1, "@SUM(A1)")
    path = tmp_path / "t.xlsx"
    book.save(path)
    read = openpyxl.load_workbook(path)["Sheet"]
    assert read["A1"].data_type == "s"
    assert read["A1"].value == '=HYPERLINK("http://x","click")'
    assert read["A2"].data_type == "s"


def test_members_template_reads_back_with_its_mapping(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    template = tmp_path / "members.xlsx"
    assert cli(imports, "template", "members", "-o", str(template)).returncode == 0
    book = openpyxl.load_workbook(template)
    municipalities = [c.value for c in book["lists"]["A"]][1:]
    assert len(municipalities) == 11
    assert "Aalborg Municipality" in municipalities
    book["members"].append([13585628, "Firma A/S", "Aalborg Municipality", "620100", 12, None])
    book.save(template)
    result = cli(
        imports,
        "ingest",
        "members",
        str(template),
        "--cluster",
        "made",
        "--as-of",
        "2024-06-01",
        "--mapping",
        "brn-template",
        "--dry-run",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert (report["status"], report["accepted"]) == ("dry-run", 1)
    assert report["north_jutland"] == {"members": 1, "smes": 1, "large": 0, "unknown": 0}
