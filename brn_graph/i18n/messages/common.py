"""Words shared by every door: the language names, alignment levels and confidence tags.

Levels and confidences are stored as codes (``high``, ``stated`` ...) in the graph and in
machine-readable output; wherever a person reads them, they are these words.
"""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "lang.name": {"da": "dansk", "en": "English"},
    "level.high": {"da": "høj", "en": "high"},
    "level.medium": {"da": "middel", "en": "medium"},
    "level.low": {"da": "lav", "en": "low"},
    "level.none": {"da": "ingen", "en": "none"},
    "confidence.stated": {"da": "udtalt i kilden", "en": "stated in a source"},
    "confidence.inferred": {"da": "udledt", "en": "inferred"},
    "confidence.weak": {"da": "svagt belagt", "en": "weakly supported"},
    "origin.assessed": {"da": "vurdering", "en": "assessment"},
    "origin.rule": {"da": "regel", "en": "rule"},
    "answer.yes": {"da": "ja", "en": "yes"},
    "answer.no": {"da": "nej", "en": "no"},
}
