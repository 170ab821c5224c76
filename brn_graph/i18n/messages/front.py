"""The front page's decision section: the context, the weights form, the downloads."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "front.as_of": {
        "da": "Tallene gælder pr. {date}: kun fakta, der var kendt denne dag, tæller med.",
        "en": "The figures are as of {date}: only facts known on that day count.",
    },
    "front.brief": {"da": "Beslutningsoplæg", "en": "Decision brief"},
    "front.weights": {"da": "Vægte i samlet score", "en": "Weights in the total score"},
    "front.recompute": {"da": "Beregn igen", "en": "Recompute"},
    "front.reset": {"da": "Standardvægte", "en": "Default weights"},
    "front.weights_help": {
        "da": "Vægtene skal summe til 1; et kriterium med vægt 0 tæller ikke. Adressen gemmer "
        "vægtene, så visningen kan deles.",
        "en": "The weights must sum to 1; a criterion weighted 0 does not count. The address "
        "keeps the weights, so the view can be shared.",
    },
    "front.weights_error": {
        "da": "Vægtene kunne ikke bruges ({reason}); standardvægtene vises.",
        "en": "The weights could not be used ({reason}); the default weights are shown.",
    },
}
