"""Member lists over time: which list engagement used, and the front page's members column."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "engagement.note.member_list": {
        "da": "fra medlemslisten pr. {date} ({source})",
        "en": "from the member list as of {date} ({source})",
    },
    "engagement.note.later_list": {
        "da": "en medlemsliste pr. {date} er dateret efter {as_of} og tæller ikke her",
        "en": "a member list as of {date} is dated after {as_of} and does not count here",
    },
    "members.column": {
        "da": "Medlemmer i Nordjylland (heraf SMV)",
        "en": "Members in North Jutland (of which SMEs)",
    },
    "members.unknown": {"da": "ukendt", "en": "unknown"},
    "members.value": {"da": "{members} ({smes} SMV)", "en": "{members} ({smes} SMEs)"},
    "members.value_no_smes": {
        "da": "{members} (SMV ukendt)",
        "en": "{members} (SMEs unknown)",
    },
    "members.title.unknown": {
        "da": "Ingen medlemsliste og intet nøgletal for Nordjylland dateret {as_of} eller før",
        "en": "No member list and no figure for North Jutland dated {as_of} or earlier",
    },
    "members.title.source": {
        "da": "Kilde: {source}, pr. {date}",
        "en": "Source: {source}, as of {date}",
    },
    "members.no_source": {"da": "ingen kilde angivet", "en": "no source given"},
    "members.column_help": {
        "da": "Medlemmer og SMV-medlemmer i Nordjylland pr. {as_of}: fra den seneste "
        "medlemsliste eller det seneste nøgletal dateret samme dag eller før; ukendt, hvor "
        "ingen af delene findes.",
        "en": "Members and SME members in North Jutland as of {as_of}: from the latest member "
        "list or figure dated on or before that day; unknown where there is neither.",
    },
}
