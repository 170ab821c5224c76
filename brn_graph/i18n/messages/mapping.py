"""Messages about the analysts' column mappings (``--mapping``) and workbook kinds."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "mapping.unreadable": {
        "da": "{path}: kortlægningen kan ikke læses: {reason}",
        "en": "{path}: cannot read the mapping: {reason}",
    },
    "mapping.not_toml": {
        "da": "{path}: ikke en gyldig TOML-kortlægning: {reason}",
        "en": "{path}: not a valid TOML mapping: {reason}",
    },
    "mapping.kind": {
        "da": "{path}: [mapping] kind skal være en af {kinds}",
        "en": "{path}: [mapping] kind must be one of {kinds}",
    },
    "mapping.unknown_field": {
        "da": "{path}: [columns] {name} er ikke et felt i {kind} ({known})",
        "en": "{path}: [columns] {name} is not a field of {kind} ({known})",
    },
    "mapping.headers": {
        "da": "{path}: [columns] {name} skal være en kolonneoverskrift eller en liste af dem",
        "en": "{path}: [columns] {name} must be a header or a list of headers",
    },
    "mapping.required": {
        "da": "{path}: [columns] mangler de krævede felter {fields}",
        "en": "{path}: [columns] lacks the required field(s) {fields}",
    },
    "mapping.kind_choice": {
        "da": "skal være en af {kinds}, ikke {given}",
        "en": "must be one of {kinds}, not {given}",
    },
    "mapping.wrong_kind": {
        "da": "{name} kortlægger {mapped}, ikke {kind}",
        "en": "{name} maps {mapped}, not {kind}",
    },
}
