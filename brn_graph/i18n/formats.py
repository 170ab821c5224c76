"""Numbers and dates as each language writes them: the one place for separators and decimal
marks and month names.

Danish writes ``12.345`` and ``0,60``; English ``12,345`` and ``0.60``. Tables and data keep
dates in ISO 8601 (``2024-09-20``: read the same way in both languages, and they sort); prose
(the brief) writes them out with :func:`format_date` (``20. september 2024``).
"""

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


def _localise(text: str, lang: Language | str) -> str:
    """Swap English separators (``,`` thousands, ``.`` decimals) for Danish ones."""
    if lang != "da":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_count(number: int, lang: Language | str) -> str:
    """A whole number with the thousands separator of the language.

    >>> format_count(12345, "da"), format_count(12345, "en")
    ('12.345', '12,345')
    """
    return _localise(f"{number:,}", lang)


def format_score(value: float, lang: Language | str) -> str:
    """A score with two decimals and the decimal mark of the language.

    >>> format_score(0.6, "da"), format_score(0.6, "en")
    ('0,60', '0.60')
    """
    return _localise(f"{value:.2f}", lang)


def format_number(value: object, lang: Language | str = "da", *, digits: int | None = None) -> str:
    """A figure with thousands separators; ``None`` is empty, other non-numbers pass as text.

    Without ``digits``, at most two decimals with trailing zeros dropped; with ``digits``,
    exactly that many decimals (whole numbers stay plain).

    >>> format_number(32000000, "da"), format_number(1234.5, "en"), format_number("n/a")
    ('32.000.000', '1,234.5', 'n/a')
    >>> format_number(1234.5, "da"), format_number(12345.678, "da", digits=2)
    ('1.234,5', '12.345,68')
    >>> format_number(3.0, "da", digits=3), format_number(0.25, "en", digits=3)
    ('3', '0.250')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(value, int) or value.is_integer():
        text = f"{int(value):,}"
    elif digits is not None:
        text = f"{value:,.{digits}f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return _localise(text, lang)


def format_decimal(value: float, lang: Language | str, *, digits: int = 3) -> str:
    """A measure with up to ``digits`` decimals, trailing zeros dropped.

    >>> format_decimal(0.125, "da"), format_decimal(2.0, "en"), format_decimal(1234.5, "en")
    ('0,125', '2', '1,234.5')
    """
    text = (
        f"{value:,.{digits}f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    )
    return _localise(text, lang)


def format_percent(share: float, lang: Language | str) -> str:
    """A share as a whole percentage: ``42 %`` in Danish (with a space), ``42%`` in English.

    >>> format_percent(0.42, "da"), format_percent(0.42, "en")
    ('42 %', '42%')
    """
    number = f"{share * 100:.0f}"
    return f"{number} %" if lang == "da" else f"{number}%"


def format_share(share: float, lang: Language | str) -> str:
    """A share as a percentage with one decimal: ``93,4 %`` in Danish, ``93.4%`` in English.

    >>> format_share(0.934, "da"), format_share(0.934, "en")
    ('93,4 %', '93.4%')
    """
    number = _localise(f"{share * 100:.1f}", lang)
    return f"{number} %" if lang == "da" else f"{number}%"


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
