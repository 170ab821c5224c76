"""The one message catalogue: every user-visible string of every door, in Danish and English.

Messages live in :mod:`brn_graph.i18n.messages`, one module per area (``pages``, ``view``,
``cli``, ``alignment``, ...), each a ``MESSAGES`` mapping of ``"area.key"`` to its two texts.
Splitting by area keeps each file short and lets the areas grow independently; this module
joins them once and checks that no key is defined twice and every key has both languages.

Texts use :meth:`str.format` placeholders. A missing key is a programming error and raises
:class:`KeyError` (a test renders every door in both languages, so a gap shows up there).

Why Python modules and not gettext catalogues (Babel): the project has exactly two
languages, both maintained by the same people in the same change as the code, and every
message must exist in both (checked when the catalogue is joined, and by
``tests/integration/test_language_leak.py``). A ``.po``/``.mo`` pipeline would add an
extraction and a compile step, English msgids as keys (which change whenever the English
wording does) and a fallback to the msgid that hides a missing translation. Plain mappings
keep one reviewable place per area, typed by mypy, with stable keys.

Library code that cannot know the reader's language keeps a
:class:`~brn_graph.i18n.message.Message` (key and values) and the door renders it; numbers
are formatted by :mod:`brn_graph.i18n.formats`, labels sorted by
:mod:`brn_graph.i18n.collation`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from functools import cache

from brn_graph.config import LANGUAGES, Language

#: message id -> text per language.
Catalogue = Mapping[str, Mapping[Language, str]]


@cache
def messages() -> Catalogue:
    """Every message of every area, joined once (on first use, not at import)."""
    from brn_graph.i18n import messages as package

    joined: dict[str, Mapping[Language, str]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        area: Catalogue = module.MESSAGES
        for key, texts in area.items():
            if key in joined:
                raise ValueError(f"message {key!r} is defined twice (again in {info.name})")
            missing = [lang for lang in LANGUAGES if not texts.get(lang)]
            if missing:
                raise ValueError(f"message {key!r} has no text in {', '.join(missing)}")
            joined[key] = texts
    return joined


def text(key: str, lang: Language, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled into its placeholders.

    >>> text("lang.name", "da")
    'dansk'
    >>> text("lang.name", "en")
    'English'
    """
    template = messages()[key][lang]
    return template.format(**values) if values else template
