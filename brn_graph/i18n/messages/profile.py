"""Messages of the cluster profile (``brn-graph profile``, the cluster page)."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "profile.query_missing": {
        "da": "den navngivne forespørgsel {name} findes ikke i kataloget",
        "en": "the named query {name} is not in the catalogue",
    },
    "profile.query_truncated": {
        "da": "{name}: kun de første {cap} rækker",
        "en": "{name}: only the first {cap} rows",
    },
    "profile.heading": {"da": "Klyngeprofil", "en": "Cluster profile"},
    "profile.names": {"da": "Andre navne", "en": "Other names"},
    "profile.focus_areas": {"da": "Fokusområder", "en": "Focus areas"},
    "profile.north_jutland": {"da": "Kontor i Nordjylland", "en": "Office in North Jutland"},
    "profile.yes": {"da": "ja", "en": "yes"},
    "profile.no": {"da": "nej", "en": "no"},
    "profile.unknown": {"da": "ukendt", "en": "unknown"},
    "profile.none": {"da": "ingen", "en": "none"},
    "profile.aligned": {
        "da": "Mål med en score: {count}, heraf stærke: {strong}",
        "en": "Goals with a score: {count}, strong: {strong}",
    },
    "profile.offices": {"da": "Kontorer", "en": "Offices"},
    "profile.headquarters": {"da": "hovedsæde", "en": "headquarters"},
    "profile.in_north_jutland": {"da": "i Nordjylland", "en": "in North Jutland"},
    "profile.members": {
        "da": "Medlemmer: {members} ({basis}, {date}); heraf SMV'er: {smes} ({smes_basis}, "
        "{smes_date})",
        "en": "Members: {members} ({basis}, {date}); SMEs: {smes} ({smes_basis}, {smes_date})",
    },
    "profile.basis.memberships": {"da": "medlemskaber", "en": "memberships"},
    "profile.basis.figure": {"da": "opgjort tal", "en": "stated figure"},
    "profile.basis.unknown": {"da": "ukendt", "en": "unknown"},
    "profile.figures": {"da": "Nøgletal", "en": "Figures"},
    "profile.coverage": {
        "da": "Dækning pr. rammedokument",
        "en": "Coverage per framework document",
    },
    "profile.col.document": {"da": "dokument", "en": "document"},
    "profile.col.served": {"da": "dækkede", "en": "served"},
    "profile.col.goals": {"da": "mål", "en": "goals"},
    "profile.col.coverage": {"da": "dækning", "en": "coverage"},
    "profile.col.mean_score": {"da": "gns. score", "en": "mean score"},
    "profile.notes": {"da": "Bemærkninger", "en": "Notes"},
    "profile.sources": {"da": "Kilder", "en": "Sources"},
}
