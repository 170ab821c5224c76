"""Words shared by every door."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "lang.name": {"da": "dansk", "en": "English"},
}
