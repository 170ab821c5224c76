"""The brief through HTTP: every number in the HTML and XLSX is the API's for the same data.

The ranking scores and intervals are read back from the XLSX (openpyxl) and from the HTML
table, and compared with ``/api/ranking``; the matrix levels with ``/api/documents/{id}/matrix``.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from brn_graph.i18n.catalogue import text

LEVEL_WORDS = {lang: {text(f"brief.level.{k}", lang): k for k in ("high", "medium", "low", "none")}
               for lang in ("da", "en")}  # fmt: skip


class _Tables(HTMLParser):
    """Rows of every table body in an HTML page, as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self.tables.append([])
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module", params=["da", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_xlsx_ranking_equals_the_api(client: TestClient, lang: str) -> None:
    api = client.get("/api/ranking", params={"lang": lang}).json()
    response = client.get("/brief.xlsx", params={"lang": lang})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = book[text("brief.sheet.ranking", lang)]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(api["clusters"])
    for row, cluster in zip(rows, api["clusters"], strict=True):
        rank, label, score, low, high, probability, _verdict = row
        assert label == cluster["label"]
        assert (rank, score, [low, high]) == (
            cluster["rank"],
            cluster["score"],
            cluster["rank_interval"],
        )
        assert probability == cluster["top_k_probability"]
        assert isinstance(score, float | int)  # typed cells, not text


def test_xlsx_matrix_levels_equal_the_api(client: TestClient, lang: str) -> None:
    api = client.get("/api/ranking", params={"lang": lang}).json()
    documents = [c["document"] for c in api["criteria"] if c["document"] and c["weight"] > 0]
    book = load_workbook(
        io.BytesIO(client.get("/brief.xlsx", params={"lang": lang}).content), read_only=True
    )
    rows = list(book[text("brief.sheet.matrix", lang)].iter_rows(min_row=2, values_only=True))
    seen = 0
    for document in documents:
        matrix = client.get(f"/api/documents/{document['id']}/matrix", params={"lang": lang})
        assert matrix.status_code == 200
        body = matrix.json()
        goals = {g["id"]: g["label"] for g in body["goals"]}
        ranked = {c["label"] for c in api["clusters"]}  # the brief shows the long list
        for row in (r for r in body["rows"] if r["cluster"]["label"] in ranked):
            for cell in row["cells"]:
                expected = (
                    text(f"brief.level.{cell['level']}", lang)
                    if cell["level"]
                    else text("brief.not_assessed", lang)
                )
                key = (document["label"], row["cluster"]["label"], goals[cell["goal"]])
                found = [r for r in rows if (r[0], r[1], r[2]) == key]
                assert found, key
                assert found[0][3] == expected, key
                seen += 1
    assert seen == len(rows)


def test_html_ranking_table_equals_the_api(client: TestClient, lang: str) -> None:
    api = client.get("/api/ranking", params={"lang": lang}).json()
    response = client.get("/brief", params={"lang": lang})
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'none'" in policy
    assert "unsafe-inline" not in policy
    parser = _Tables()
    parser.feed(response.text)
    table = parser.tables[0]
    assert len(table) == len(api["clusters"])
    decimal = "," if lang == "da" else "."
    for row, cluster in zip(table, api["clusters"], strict=True):
        assert int(row[0]) == cluster["rank"]
        assert row[1] == cluster["label"]
        assert float(row[2].replace(decimal, ".")) == pytest.approx(cluster["score"], abs=0.005)
        assert row[3] == "{}-{}".format(*cluster["rank_interval"])
    assert re.search(r'href="/brief\.pdf\?lang=' + lang, response.text)


def test_bad_weights_are_a_422(client: TestClient) -> None:
    response = client.get("/brief", params={"weights": "alignment=abc"})
    assert response.status_code == 422


def test_the_brief_prints_each_meeting_date_once(client: TestClient, lang: str) -> None:
    """The meeting's label already names its day: the decision sentence must not repeat it
    in brackets ("board meeting 20 September 2024 (20 September 2024)")."""
    page = client.get("/brief", params={"lang": lang}).text
    day = "20. september 2024" if lang == "da" else "20 September 2024"
    assert day in page
    assert f"({day})" not in page
