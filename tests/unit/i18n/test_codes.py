"""Every code a door shows as a word has that word in the catalogue, in both languages.

A code added on one branch and shown through the catalogue on another failed only at run time
(``KeyError`` in ``brn-graph gaps`` and on the front page); these tests fail first.
"""

from __future__ import annotations

import pytest

from brn_graph.alignment.data import LEVELS
from brn_graph.alignment.gaps import GapKind
from brn_graph.config import LANGUAGES
from brn_graph.i18n.catalogue import messages


@pytest.mark.parametrize("level", LEVELS)
def test_every_level_has_a_word(level: str) -> None:
    texts = messages()[f"level.{level}"]
    assert all(texts[lang] for lang in LANGUAGES)
    assert texts["da"] != texts["en"]


@pytest.mark.parametrize("kind", [k.value for k in GapKind])
def test_every_gap_kind_has_a_finding_word(kind: str) -> None:
    texts = messages()[f"cli.gaps.gap.{kind}"]
    assert texts["da"] != texts["en"]
