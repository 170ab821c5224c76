"""The choice of language per request; the words themselves are in the message catalogue.

The language is taken from ``?lang=`` first, then from ``Accept-Language`` (by q-value), then
from the settings (``da`` unless configured). Every word of the pages and every API message
comes from :func:`brn_graph.i18n.catalogue.text`; labels from the graph are chosen by the
library functions.
"""

from __future__ import annotations

from brn_graph.config import LANGUAGES, Language


def parse_accept_language(header: str | None) -> list[tuple[str, float]]:
    """Language ranges of an ``Accept-Language`` header, best first (RFC 9110).

    >>> parse_accept_language("en-GB;q=0.8, da, *;q=0.1")
    [('da', 1.0), ('en-gb', 0.8), ('*', 0.1)]
    """
    if not header:
        return []
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        if not tag:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if 0.0 < quality <= 1.0:
            ranges.append((tag, quality, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(tag, quality) for tag, quality, _ in ranges]


def choose_language(
    requested: str | None, accept_language: str | None, default: Language = "da"
) -> Language:
    """``requested`` when given (already validated), else the best match of the header.

    >>> choose_language(None, "en-US,en;q=0.9,da;q=0.5")
    'en'
    >>> choose_language(None, "fr, de;q=0.5")
    'da'
    >>> choose_language("en", "da")
    'en'
    """
    if requested in LANGUAGES:
        return requested
    for tag, _quality in parse_accept_language(accept_language):
        primary = tag.split("-", 1)[0]
        if primary == "*":
            return default
        for lang in LANGUAGES:
            if primary == lang:
                return lang
        if primary in {"nb", "nn", "no", "sv"}:  # Scandinavian readers: Danish is closer
            return "da"
    return default
