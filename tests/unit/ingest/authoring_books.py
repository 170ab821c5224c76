"""Filling in the ``document`` and ``meetings`` authoring workbooks, as an analyst would.

Rows are given by header (as written in the template, in either language), so the tests do
not depend on the order of the columns.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

CHAPTER = "deb-2024-2027-nordjylland"
CHAPTER_URL = "https://example.org/deb-2024-2027-nordjylland.pdf"


def append(sheet: Worksheet, row: dict[str, object]) -> int:
    """Append ``row`` (header -> value) to ``sheet``; returns its row number."""
    headers = [c.value for c in sheet[1]]
    unknown = set(row) - set(headers)
    assert not unknown, f"no such column in {sheet.title}: {unknown}"
    sheet.append([row.get(str(h)) for h in headers])
    return sheet.max_row


def fill_chapter(template: Path, target: Path) -> Path:
    """The 2024-2027 Nordjylland chapter's goals, a strength position and a target (English
    template): the test content of an analyst's workbook, not a claim about the chapter."""
    book = openpyxl.load_workbook(template)
    append(
        book["Document"],
        {
            "Document id": CHAPTER,
            "Period start": "2024",
            "Period end": "2027",
            "Source URL": CHAPTER_URL,
            "Confidence": "stated",
        },
    )
    append(
        book["Goals"],
        {
            "Goal id": "deb-2024-2027-nj-test-1",
            "Number": "1",
            "Goal (da)": "Grøn omstilling (testmål)",
            "Goal (en)": "Green transition (test goal)",
            "Theme": "green-transition",
            "Description (da)": "Testbeskrivelse.",
            "Description (en)": "Test description.",
        },
    )
    append(
        book["Goals"],
        {
            "Goal id": "deb-2024-2027-nj-test-1-1",
            "Number": "1.1",
            "Goal (da)": "Energieffektivisering (testmål)",
            "Goal (en)": "Energy efficiency (test goal)",
            "Parent goal (id)": "deb-2024-2027-nj-test-1",
        },
    )
    append(
        book["Strength positions"],
        {
            "Strength position id": "deb-2024-2027-nj-test-energy",
            "Strength position (da)": "Energi (test)",
            "Strength position (en)": "Energy (test)",
            "Theme": "energy",
        },
    )
    append(
        book["Targets"],
        {
            "Goal id": "deb-2024-2027-nj-test-1",
            "Target (da)": "500 virksomheder (test)",
            "Target (en)": "500 companies (test)",
            "Indicator (da)": "Antal virksomheder",
            "Indicator (en)": "Number of companies",
            "Value": "500",
            "Unit": "companies",
            "Year": "2027",
        },
    )
    book.save(target)
    return target


def fill_meetings_da(template: Path, target: Path) -> Path:
    """A held 1:1 meeting with MADE in the 2024 process (Danish template): test content."""
    book = openpyxl.load_workbook(template)
    meeting = "test-1to1-made-2024-06-12"
    append(
        book["Møder"],
        {
            "Møde-id": meeting,
            "Dato": "2024-06-12",
            "Titel (da)": "1:1-møde med MADE (test)",
            "Titel (en)": "1:1 meeting with MADE (test)",
            "Status": "held",
            "Proces": "brn-cluster-process-2024",
            "Dagsorden (da)": "Samarbejde om automatisering.",
            "Dagsorden (en)": "Cooperation on automation.",
            "Kilde-URL": "https://example.org/referat-made",
            "Sikkerhed": "stated",
        },
    )
    append(book["Deltagere"], {"Møde-id": meeting, "Organisation": "brn-sekretariat"})
    append(book["Deltagere"], {"Møde-id": meeting, "Organisation": "made"})
    append(
        book["Udfald"],
        {
            "Møde-id": meeting,
            "Udfald (da)": "Sekretariatet indstiller et samarbejde med MADE (test).",
            "Udfald (en)": "The secretariat recommends cooperation with MADE (test).",
            "Beslutning": "ja",
            "Berørt klynge": "made",
        },
    )
    append(
        book["Udfald"],
        {
            "Møde-id": meeting,
            "Udfald (da)": "MADE vil bidrage til et forløb (test).",
            "Udfald (en)": "MADE will contribute to a programme (test).",
            "Beslutning": "nej",
        },
    )
    book.save(target)
    return target
