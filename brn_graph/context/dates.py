"""Dates as the data writes them (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``, date-times).

A partial date stands for a span: ``"2024-10"`` is 1 to 31 October 2024. A fact is *dated after*
a day when the earliest day of its span is after it, so a fact dated ``"2024"`` counts on
2024-09-20 (it may be earlier) while one dated ``"2024-10"`` does not.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from brn_graph.errors import ParameterError
from brn_graph.i18n.message import message, reason_of

_DATE = re.compile(r"^\s*(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_day(text: str) -> date:
    """A full ``YYYY-MM-DD`` date from user input; :class:`ValueError` otherwise.

    >>> parse_day("2024-09-20")
    datetime.date(2024, 9, 20)
    """
    wrong = ValueError(message("errors.reason.date", value=repr(text)))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise wrong
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise wrong from None


def earliest(text: str | None) -> date | None:
    """The first day a (partial) date can mean; ``None`` when there is no readable date.

    >>> earliest("2024-10"), earliest("2024")
    (datetime.date(2024, 10, 1), datetime.date(2024, 1, 1))
    """
    parts = _parts(text)
    if parts is None:
        return None
    year, month, day = parts
    return date(year, month or 1, day or 1)


def latest(text: str | None) -> date | None:
    """The last day a (partial) date can mean.

    >>> latest("2023"), latest("2024-02")
    (datetime.date(2023, 12, 31), datetime.date(2024, 2, 29))
    """
    parts = _parts(text)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return date(year, 12, 31)
    if day is None:
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def dated_after(text: str | None, day: date) -> bool:
    """Whether a fact dated ``text`` is certainly after ``day`` (undated facts are not)."""
    first = earliest(text)
    return first is not None and first > day


def _parts(text: str | None) -> tuple[int, int | None, int | None] | None:
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        return None
    try:
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


__all__ = ["dated_after", "earliest", "latest", "parse_day"]


def parse_user_day(value: str | None, name: str) -> date | None:
    """A date the user gave for option or parameter ``name`` (``None`` stays ``None``); a
    malformed one is a :class:`~brn_graph.errors.ParameterError` naming ``name``.

    >>> parse_user_day("2024-09-20", "as_of")
    datetime.date(2024, 9, 20)
    """
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise ParameterError(name, reason_of(exc)) from exc
