"""Spreadsheet cells are typed, and text that Excel would run as a formula stays text."""

from __future__ import annotations

from datetime import date

from brn_graph.brief.xlsx import _cell


def test_iso_dates_become_dates() -> None:
    assert _cell("2024-09-20") == date(2024, 9, 20)


def test_formula_like_text_is_quoted() -> None:
    for value in ('=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)"):
        assert _cell(value) == "'" + value


def test_numbers_and_plain_text_pass() -> None:
    assert _cell(0.37) == 0.37
    assert _cell("Energy Cluster Denmark") == "Energy Cluster Denmark"
    assert _cell("2024-13-40") == "2024-13-40"
