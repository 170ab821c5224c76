"""The all-or-nothing pipeline: validation with the joined graph, dry run, XLSX, idempotence."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from brn_graph.config import Settings
from brn_graph.graph.loader import LoadedDataset, load_dataset
from brn_graph.ingest.pipeline import ingest_members
from tests.unit.ingest.conftest import write_text

HEADER = "CVR-nummer;Navn;Kommune;Branchekode;Virksomhedsform;Antal ansatte\n"


def fresh(settings: Settings) -> LoadedDataset:
    return load_dataset(settings)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(imports_dir=tmp_path / "imports", lang="en")


def test_a_company_named_differently_by_another_import_is_refused(
    tmp_path: Path, settings: Settings
) -> None:
    first = write_text(tmp_path / "a.csv", HEADER + "13585628;Firma A/S;Aalborg;;;12\n")
    second = write_text(tmp_path / "b.csv", HEADER + "13585628;Andet Navn A/S;Aalborg;;;12\n")
    ok = ingest_members(settings, first, cluster="made", as_of="2024-01-01")
    assert ok.status == "committed"
    refused = ingest_members(settings, second, cluster="energy-cluster-denmark", as_of="2024-01-01")
    assert refused.status == "invalid"
    assert {(v.focus_node, v.shape_id) for v in refused.violations} == {
        ("https://w3id.org/brn-graph/id/company/13585628", "S07-Company-legalName")
    }
    assert [p.name for p in (tmp_path / "imports").glob("*.ttl")] == [f"{ok.import_id}.ttl"]


def test_dry_run_reports_and_writes_nothing(tmp_path: Path, settings: Settings) -> None:
    path = write_text(
        tmp_path / "a.csv", "Medlemsliste 2024\n\n" + HEADER + "\n13585628;Firma A/S;0851;;;12\n"
    )
    report = ingest_members(settings, path, cluster="made", as_of="2024-01-01", dry_run=True)
    assert report.status == "dry-run"
    assert (report.header_row, report.accepted) == (3, 1)
    assert not (tmp_path / "imports").exists() or not list((tmp_path / "imports").glob("*.ttl"))


def test_windows_1252_comma_separated_file_is_read(tmp_path: Path, settings: Settings) -> None:
    text = HEADER.replace(";", ",") + "13585628,Firma Æble A/S,Hjørring,,,12\n"
    path = write_text(tmp_path / "a.csv", text, encoding="cp1252")
    report = ingest_members(settings, path, cluster="made", as_of="2024-01-01")
    assert report.status == "committed", report.render("en")
    turtle = next((tmp_path / "imports").glob("*.ttl")).read_text(encoding="utf-8")
    assert '"Firma Æble A/S"' in turtle
    assert "brn:municipality muni:hjoerring" in turtle


def test_xlsx_in_the_template_layout_is_read(tmp_path: Path, settings: Settings) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "members"
    sheet.append(["CVR", "Name", "Municipality", "Industry code (DB07)", "Employees", "Legal form"])
    sheet.append([13585628, "Firma A/S", "Aalborg", "62.01.00", 300, "Aktieselskab"])
    sheet.append([25313763, "Jens Jensen", "Thisted", None, 2, "Enkeltmandsvirksomhed"])
    path = tmp_path / "members.xlsx"
    book.save(path)
    report = ingest_members(
        settings, path, cluster="made", as_of="2024-01-01", mapping="brn-template"
    )
    assert report.status == "committed", report.render("en")
    assert report.region_counts == {"members": 2, "smes": 1, "large": 1, "unknown": 0}
    assert report.names_dropped == 1
    turtle = next((tmp_path / "imports").glob("*.ttl")).read_text(encoding="utf-8")
    assert "Jens Jensen" not in turtle
    assert '"620100"' in turtle


def test_the_same_file_twice_gives_the_same_graph(tmp_path: Path, settings: Settings) -> None:
    path = write_text(tmp_path / "a.csv", HEADER + "13585628;Firma A/S;Aalborg;;;12\n")
    first = ingest_members(settings, path, cluster="made", as_of="2024-01-01")
    files = {p: p.read_bytes() for p in (tmp_path / "imports").glob("*.ttl")}
    second = ingest_members(settings, path, cluster="made", as_of="2024-01-01")
    assert (first.status, second.status) == ("committed", "unchanged")
    assert first.import_id == second.import_id
    assert {p: p.read_bytes() for p in (tmp_path / "imports").glob("*.ttl")} == files
