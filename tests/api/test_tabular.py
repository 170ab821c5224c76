"""List routes answer as CSV and XLSX with the JSON's numbers (issue 11: exports)."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from brn_graph.tables import XLSX_MEDIA_TYPE


def test_ranking_as_csv_has_the_json_numbers(client: TestClient) -> None:
    api = client.get("/api/ranking", params={"lang": "en"}).json()
    response = client.get("/api/ranking", params={"lang": "en"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["Cluster"] for r in rows] == [c["label"] for c in api["clusters"]]
    assert [float(r["Score"]) for r in rows] == [c["score"] for c in api["clusters"]]
    assert [[int(r["Interval from"]), int(r["Interval to"])] for r in rows] == [
        c["rank_interval"] for c in api["clusters"]
    ]


def test_danish_excel_csv_round_trips(client: TestClient) -> None:
    api = client.get("/api/ranking", params={"lang": "da"}).json()
    response = client.get("/api/ranking", params={"lang": "da", "format": "csv", "excel": "true"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert [float(r["Point"].replace(",", ".")) for r in rows] == [
        c["score"] for c in api["clusters"]
    ]


def test_json_stays_the_default(client: TestClient) -> None:
    response = client.get("/api/ranking", headers={"Accept": "application/json, text/csv;q=0.5"})
    assert response.headers["content-type"].startswith("application/json")


def test_engagement_as_xlsx_keeps_unknown_empty(client: TestClient) -> None:
    api = client.get("/api/engagement", params={"lang": "en"}).json()
    response = client.get(
        "/api/engagement", params={"lang": "en"}, headers={"Accept": XLSX_MEDIA_TYPE}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = [
        (c["cluster"]["label"], m["label"], m["value"])
        for c in api["clusters"]
        for m in c["metrics"].values()
    ]
    assert [(r[0], r[1], r[3]) for r in rows] == expected
    assert any(r[3] is None for r in rows)  # unknown stays an empty cell, never 0


def test_gaps_as_csv(client: TestClient) -> None:
    api = client.get("/api/gaps", params={"lang": "en"}).json()
    response = client.get("/api/gaps", params={"lang": "en", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(api["gaps"])
    assert {r["Kind"] for r in rows} <= {"no-cluster", "only-inferred-or-weak", "outside-remit"}
