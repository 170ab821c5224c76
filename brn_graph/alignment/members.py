"""North Jutland members and SMEs per cluster on a date, for tables (the front page).

Read from an :class:`~brn_graph.alignment.engagement.EngagementReport` computed for the
decision context's date, so a table shows the same numbers, from the same member list or
figure, as engagement and the ranking: the latest list or figure dated on or before the date.
A cluster without either is *unknown* (``members`` is ``None``), never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from brn_graph.alignment.engagement import EngagementReport, Metric
from brn_graph.config import Language
from brn_graph.i18n.catalogue import text


@dataclass(frozen=True, kw_only=True)
class MemberCount:
    """One cluster's North Jutland members and SMEs as display text, with its source."""

    members: str | None  # e.g. "248" or "mindst 222"; None: unknown
    smes: str | None
    date: str | None
    source: str | None  # the source's title in the language (the imported file)
    source_iri: str | None
    note: str | None

    def title(self, lang: Language, as_of: str) -> str:
        """What a reader hovering over the cell should know: the source and its date."""
        if self.members is None:
            return text("members.title.unknown", lang, as_of=as_of)
        return text(
            "members.title.source",
            lang,
            source=self.source or text("members.no_source", lang),
            date=self.date or "",
        )

    def cell(self, lang: Language) -> str:
        """The cell's text: members and SMEs, or unknown."""
        if self.members is None:
            return text("members.unknown", lang)
        if self.smes is None:
            return text("members.value_no_smes", lang, members=self.members)
        return text("members.value", lang, members=self.members, smes=self.smes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "members": self.members,
            "smes": self.smes,
            "date": self.date,
            "source": self.source,
            "source_iri": self.source_iri,
            "note": self.note,
        }


def _detail(metric: Metric) -> str | None:
    if metric.missing:
        return None
    return metric.items[0].detail if metric.items else None


def north_jutland_members(report: EngagementReport, lang: Language) -> Mapping[str, MemberCount]:
    """Every cluster of ``report`` by IRI: its ``members_nj`` and ``smes_nj`` on the date."""
    out: dict[str, MemberCount] = {}
    for engagement in report.clusters:
        members = engagement.metric("members_nj")
        smes = engagement.metric("smes_nj")
        sources = members.sources
        out[engagement.cluster.iri] = MemberCount(
            members=_detail(members),
            smes=_detail(smes),
            date=members.date,
            source=", ".join(s.title.get(lang) for s in sources) or None,
            source_iri=sources[0].iri if sources else None,
            note=members.note,
        )
    return out


__all__ = ["MemberCount", "north_jutland_members"]
