"""Words of the network view: node and edge types, tooltip captions, legend rows, the cut report.

Level and confidence words, shared by every door, live in :mod:`brn_graph.i18n.messages.common`.
"""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
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
