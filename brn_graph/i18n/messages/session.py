"""Messages of the session builder: the data's SHACL verdict as the doors report it."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "session.not_conforming": {
        "da": "data overholder ikke SHACL-formerne: {count} overtrædelser{first}",
        "en": "the data does not conform to the SHACL shapes: {count} violations{first}",
    },
    "session.first_violation": {
        "da": " (første: {node}: {message} [{shape}])",
        "en": " (first: {node}: {message} [{shape}])",
    },
    "session.warning": {
        "da": "advarsel: {message}. Kør `brn-graph validate` for hele listen; "
        "med --strict stopper kommandoen i stedet.",
        "en": "warning: {message}. Run `brn-graph validate` for the full list; "
        "with --strict the command stops instead.",
    },
    "session.refused": {
        "da": "{message}. Kør `brn-graph validate` for hele listen, eller udelad --strict "
        "for at fortsætte med en advarsel.",
        "en": "{message}. Run `brn-graph validate` for the full list, or leave out --strict "
        "to go on with a warning.",
    },
}
