"""Numbers and dates as each language writes them (Danish: 1.234,5 and 20. september 2024)."""

from __future__ import annotations

from datetime import date

from brn_graph.config import Language

_MONTHS: dict[Language, tuple[str, ...]] = {
    "da": (
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def format_number(value: float, lang: Language, *, digits: int = 2) -> str:
    """``value`` with thousands separators and at most ``digits`` decimals (whole numbers plain).

    >>> format_number(12345.678, "da"), format_number(12345.678, "en")
    ('12.345,68', '12,345.68')
    >>> format_number(3.0, "da")
    '3'
    """
    body = f"{int(value):,}" if float(value).is_integer() else f"{value:,.{digits}f}"
    if lang == "da":
        return body.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return body


def format_date(iso: str, lang: Language) -> str:
    """An ISO date (or year, or year-month) written out; other text is returned as it is.

    >>> format_date("2024-09-20", "da"), format_date("2024-09-20", "en")
    ('20. september 2024', '20 September 2024')
    >>> format_date("2022-03", "en")
    'March 2022'
    """
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            d = date.fromisoformat(iso)
            month = _MONTHS[lang][d.month - 1]
            return f"{d.day}. {month} {d.year}" if lang == "da" else f"{d.day} {month} {d.year}"
        if len(parts) == 2:
            return f"{_MONTHS[lang][int(parts[1]) - 1]} {int(parts[0])}"
    except (ValueError, IndexError):
        return iso
    return iso
