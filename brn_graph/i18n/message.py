"""A message not yet put into words: a catalogue key and its values, rendered per language.

Library code that cannot know the reader's language (errors raised deep in the data path,
notes built before a door picks a language) keeps a :class:`Message`; the door renders it
with :func:`render` in the language it serves. Values may themselves be messages, sequences
of values (joined with ", ") or plain text and names, which pass unchanged; fractional
numbers get the decimal mark of the language.

This module imports nothing from the rest of the package at import time, so
:mod:`brn_graph.errors` can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brn_graph.config import Language


@dataclass(frozen=True)
class Message:
    """A catalogue key with the values for its placeholders."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        """The English text (for logs and for errors of code that knows no language)."""
        return self.render("en")

    def render(self, lang: Language) -> str:
        """The message in ``lang``.

        >>> Message("level.high").render("da")
        'høj'
        """
        from brn_graph.i18n.catalogue import text

        return text(self.key, lang, **{k: render(v, lang) for k, v in self.values.items()})


class Count(int):
    """A whole number shown with the thousands separator of the language it is rendered in.

    >>> render(Count(20_000_000), "da"), render(Count(20_000_000), "en")
    ('20.000.000', '20,000,000')
    """

    __slots__ = ()


def message(key: str, /, **values: object) -> Message:
    """Shorthand for :class:`Message` with keyword values.

    >>> message("network_page.matches", count=3).render("en")
    '3 matches'
    """
    return Message(key, values)


def reason_of(exc: BaseException) -> str | Message:
    """The message an exception carries as its argument, else its text.

    >>> reason_of(ValueError(message("errors.reason.empty"))).render("da")
    'må ikke være tom'
    >>> reason_of(ValueError("plain"))
    'plain'
    """
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Message) else str(exc)


def render(value: object, lang: Language) -> str:
    """``value`` as text in ``lang``: messages rendered, sequences joined, the rest as is.

    >>> render([message("level.high"), message("level.low")], "da")
    'høj, lav'
    >>> render("Aalborg", "en"), render(3, "da"), render(0.5, "da")
    ('Aalborg', '3', '0,5')
    """
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, list | tuple):
        return ", ".join(render(v, lang) for v in value)
    if isinstance(value, Count):
        from brn_graph.i18n.formats import format_count

        return format_count(int(value), lang)
    if isinstance(value, float):
        from brn_graph.i18n.formats import format_decimal

        return format_decimal(value, lang)
    return str(value)
