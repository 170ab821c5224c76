"""Danish-Excel CSV and typed XLSX: what a spreadsheet user opens."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from brn_graph.tables import _typed, excel_csv, xlsx_table

ROWS = [
    {
        "cluster": "Food & Bio Cluster Denmark",
        "score": 0.2514,
        "members": 200,
        "date": "2023-12-31",
    },
    {"cluster": '=HYPERLINK("http://evil")', "score": 1.5, "members": None, "date": "2024-09-20"},
    {"cluster": 'Ærø; "citat"', "score": 0.1, "members": 12345, "date": None},
]
COLUMNS = ["cluster", "score", "members", "date"]


def test_excel_csv_round_trips_with_semicolons_and_decimal_commas() -> None:
    text = excel_csv(COLUMNS, ROWS)
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == COLUMNS
    parsed = [float(r[1].replace(",", ".")) for r in rows[1:]]
    assert parsed == [0.2514, 1.5, 0.1]
    assert rows[1][0] == "Food & Bio Cluster Denmark"
    assert rows[2][0].startswith("'=")  # never a live formula
    assert rows[3][0] == 'Ærø; "citat"'  # quoted, so the ; stays inside the cell
    assert rows[2][2] == ""  # unknown stays empty, never 0
    assert rows[1][3] == "2023-12-31"  # the date is its own column


def test_windows_1252_cannot_lose_danish_letters() -> None:
    # Excel detects UTF-8 only by the BOM; the letters must survive an encode/decode round trip.
    data = excel_csv(COLUMNS, ROWS).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Ærø" in data.decode("utf-8-sig")


def test_xlsx_cells_are_typed() -> None:
    book = load_workbook(io.BytesIO(xlsx_table("Rangordning", COLUMNS, ROWS)))
    sheet = book["Rangordning"]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet["B2"].value == 0.2514
    assert sheet["C3"].value is None
    assert sheet["D2"].value.date() == date(2023, 12, 31)
    assert sheet["A3"].value.startswith("'=")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"


def test_typed_cells() -> None:
    assert _typed("2024-09-20") == date(2024, 9, 20)
    assert _typed("2024-13-40") == "2024-13-40"
    for value in ("=1", "+1", "-1", "@SUM(A1)"):
        assert _typed(value) == "'" + value
