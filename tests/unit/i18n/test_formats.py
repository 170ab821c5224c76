"""Numbers as each language writes them."""

from __future__ import annotations

import pytest

from brn_graph.i18n.formats import (
    format_count,
    format_decimal,
    format_number,
    format_percent,
    format_score,
    format_share,
)


@pytest.mark.parametrize(
    ("value", "da", "en"),
    [(0, "0", "0"), (999, "999", "999"), (1000, "1.000", "1,000"), (-12345, "-12.345", "-12,345")],
)
def test_counts_use_the_thousands_separator_of_the_language(value: int, da: str, en: str) -> None:
    assert (format_count(value, "da"), format_count(value, "en")) == (da, en)


def test_numbers_swap_both_separators_in_danish() -> None:
    assert format_number(1234567.891, "da") == "1.234.567,89"
    assert format_number(1234567.891, "en") == "1,234,567.89"
    assert format_number(None, "da") == ""
    assert format_number(True, "da") == "True"


def test_scores_and_decimals() -> None:
    assert format_score(1 / 3, "da") == "0,33"
    assert format_decimal(0.1, "da") == "0,1"
    assert format_decimal(3.0, "da") == "3"
    assert format_decimal(0.1234, "en") == "0.123"


def test_percentages_follow_the_language() -> None:
    assert format_percent(0.42, "da") == "42 %"
    assert format_percent(1.0, "en") == "100%"
    assert format_share(0.5, "da") == "50,0 %"
