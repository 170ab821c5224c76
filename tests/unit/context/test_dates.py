"""Partial dates: the span they stand for, and when a fact is dated after a day."""

from __future__ import annotations

from datetime import date

import pytest

from brn_graph.context.dates import dated_after, earliest, latest, parse_day


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-09-20", date(2024, 9, 20), date(2024, 9, 20)),
        ("2024-09-20T10:00:00Z", date(2024, 9, 20), date(2024, 9, 20)),
    ],
)
def test_a_partial_date_is_a_span(text: str, first: date, last: date) -> None:
    assert earliest(text) == first
    assert latest(text) == last


@pytest.mark.parametrize("text", [None, "", "unknown", "2024-13", "2024-02-30"])
def test_unreadable_dates_are_none(text: str | None) -> None:
    assert earliest(text) is None
    assert latest(text) is None


def test_dated_after_uses_the_first_day_of_the_span() -> None:
    day = date(2024, 9, 20)
    assert not dated_after("2024", day)  # may be before the day: counts
    assert not dated_after("2024-09", day)
    assert not dated_after("2024-09-20", day)  # on the day: counts
    assert dated_after("2024-09-21", day)
    assert dated_after("2024-10", day)
    assert dated_after("2025", day)
    assert not dated_after(None, day)  # undated: counts


@pytest.mark.parametrize("text", ["2024", "2024-9-20", "20-09-2024", "2024-02-30", "tomorrow"])
def test_user_dates_must_be_full_and_valid(text: str) -> None:
    with pytest.raises(ValueError, match=r"date|day|month"):
        parse_day(text)
