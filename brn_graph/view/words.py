"""The words of the network view in Danish and English, and its number formatting.

Type names, tooltip captions, legend rows and the cut report of a view are built from these
words; the UI chrome of the HTML page (titles, buttons, menus) lives in
:mod:`brn_graph.view.page`. Every string is plain text: nothing here escapes.
"""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

#: Words of the view in both languages (UI chrome lives in :mod:`brn_graph.view.page`).
WORDS: Mapping[str, Mapping[Language, str]] = {
    "kind.cluster": {"da": "Klynge", "en": "Cluster"},
    "kind.document": {"da": "Rammedokument", "en": "Framework document"},
    "kind.goal": {"da": "Mål og pejlemærker", "en": "Goal or guiding goal"},
    "kind.strength_position": {"da": "Styrkeposition", "en": "Strength position"},
    "kind.municipality": {"da": "Kommune", "en": "Municipality"},
    "kind.office": {"da": "Kontor", "en": "Office"},
    "kind.company": {"da": "Virksomhed", "en": "Company"},
    "kind.other": {"da": "Andet", "en": "Other"},
    "kinds.cluster": {"da": "klynger", "en": "clusters"},
    "kinds.document": {"da": "rammedokumenter", "en": "framework documents"},
    "kinds.goal": {"da": "mål", "en": "goals"},
    "kinds.strength_position": {"da": "styrkepositioner", "en": "strength positions"},
    "kinds.municipality": {"da": "kommuner", "en": "municipalities"},
    "kinds.office": {"da": "kontorer", "en": "offices"},
    "kinds.company": {"da": "virksomheder", "en": "companies"},
    "kinds.other": {"da": "andre knuder", "en": "other nodes"},
    "edge.alignment": {"da": "Sammenhæng", "en": "Alignment"},
    "edge.membership": {"da": "Medlemskab", "en": "Membership"},
    "edge.office": {"da": "Kontor", "en": "Office"},
    "edge.location": {"da": "Beliggenhed", "en": "Location"},
    "edge.part_of": {"da": "Del af", "en": "Part of"},
    "edge.other": {"da": "Forbindelse", "en": "Link"},
    "level.high": {"da": "høj", "en": "high"},
    "level.medium": {"da": "middel", "en": "medium"},
    "level.low": {"da": "lav", "en": "low"},
    "confidence.stated": {"da": "udtalt i kilden", "en": "stated in a source"},
    "confidence.inferred": {"da": "udledt", "en": "inferred"},
    "confidence.weak": {"da": "svagt belagt", "en": "weakly supported"},
    "tip.kind": {"da": "Type", "en": "Type"},
    "tip.id": {"da": "Id", "en": "Id"},
    "tip.other_label.da": {"da": "Dansk", "en": "Danish"},
    "tip.other_label.en": {"da": "Engelsk", "en": "English"},
    "tip.document": {"da": "Dokument", "en": "Document"},
    "tip.level": {"da": "Niveau", "en": "Level"},
    "tip.confidence": {"da": "Sikkerhed", "en": "Confidence"},
    "tip.rule": {"da": "Regel", "en": "Rule"},
    "tip.score": {"da": "Score", "en": "Score"},
    "tip.evidence": {"da": "Begrundelse", "en": "Evidence"},
    "tip.passage": {"da": "Passage", "en": "Passage"},
    "tip.source": {"da": "Kilde", "en": "Source"},
    "legend.level": {"da": "Sammenhæng, niveau {level}", "en": "Alignment, {level}"},
    "legend.confidence": {
        "da": "Sammenhæng, {confidence}",
        "en": "Alignment, {confidence}",
    },
    "cut.summary": {
        "da": "Viser {shown} af {total} knuder (loft: {cap}). Skjult: {hidden}.",
        "en": "Showing {shown} of {total} nodes (cap: {cap}). Hidden: {hidden}.",
    },
    "cut.hint": {
        "da": "Indsnævr visningen: vælg et rammedokument (--document / ?document=), fokusér "
        "på en klynge eller et mål (--focus / ?focus=), skjul virksomheder, kontorer eller "
        "kommuner (--hide-companies / ?companies=false, --hide-offices / ?offices=false, "
        "--hide-municipalities / ?municipalities=false) eller hæv loftet "
        "(--max-nodes / ?max_nodes=).",
        "en": "Narrow the view: choose a framework document (--document / ?document=), focus on "
        "a cluster or a goal (--focus / ?focus=), hide companies, offices or municipalities "
        "(--hide-companies / ?companies=false, --hide-offices / ?offices=false, "
        "--hide-municipalities / ?municipalities=false) or raise the cap "
        "(--max-nodes / ?max_nodes=).",
    },
    "scope.document": {"da": "Dokument: {label}", "en": "Document: {label}"},
    "scope.focus": {"da": "Fokus: {label} og naboer", "en": "Focus: {label} and neighbours"},
    "scope.min_level": {
        "da": "Sammenhænge fra niveau {level}",
        "en": "Alignments of level {level} or higher",
    },
    "scope.hidden_kind": {"da": "{kinds} skjult", "en": "{kinds} hidden"},
}


def word(key: str, lang: Language, **values: object) -> str:
    """A word of the view in ``lang``, placeholders filled in.

    >>> word("level.high", "da")
    'høj'
    >>> word("legend.level", "en", level="low")
    'Alignment, low'
    """
    text = WORDS[key][lang]
    return text.format(**values) if values else text


def format_count(number: int, lang: Language) -> str:
    """A whole number with the thousands separator of the language.

    >>> format_count(12345, "da"), format_count(12345, "en")
    ('12.345', '12,345')
    """
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "da" else text


def format_score(value: float, lang: Language) -> str:
    """A score with two decimals and the decimal mark of the language.

    >>> format_score(0.6, "da")
    '0,60'
    """
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "da" else text
