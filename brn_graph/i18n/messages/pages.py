"""Words of the web pages (front page, cluster page, SPARQL editor, error page) and the banner."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "app.title": {
        "da": "brn-graph: klynger og rammedokumenter i Nordjylland",
        "en": "brn-graph: clusters and framework documents in North Jutland",
    },
    "app.tagline": {
        "da": "Hvordan de nationale klynger flugter med BRN's og Nordjyllands mål, med kilder "
        "på hvert faktum.",
        "en": "How the national clusters align with the goals of BRN and North Jutland, with "
        "a source on every fact.",
    },
    "nav.home": {"da": "Forside", "en": "Home"},
    "nav.network": {"da": "Netværk", "en": "Network"},
    "nav.sparql": {"da": "SPARQL-editor", "en": "SPARQL editor"},
    "nav.docs": {"da": "API-dokumentation", "en": "API documentation"},
    "nav.language": {"da": "Sprog", "en": "Language"},
    "nav.other_language": {"da": "English", "en": "Dansk"},
    "banner.invalid_data": {
        "da": "Advarsel: data overholder ikke SHACL-formerne ({count} brud). Se /api/validation.",
        "en": "Warning: the data does not conform to the SHACL shapes ({count} violations). "
        "See /api/validation.",
    },
    "banner.module_missing": {
        "da": "Denne del er ikke tilgængelig endnu: {what}.",
        "en": "This part is not available yet: {what}.",
    },
    "clusters.heading": {"da": "Klynger", "en": "Clusters"},
    "clusters.presence": {"da": "Tilstedeværelse i Nordjylland", "en": "North Jutland presence"},
    "clusters.offices": {"da": "Kontorer", "en": "Offices"},
    "clusters.focus": {"da": "Fokus", "en": "Focus"},
    "clusters.aligned": {"da": "Mål (stærke)", "en": "Goals (strong)"},
    "matrix.mean": {"da": "Gennemsnit", "en": "Mean"},
    "qualifier.at-least": {"da": "mindst", "en": "at least"},
    "qualifier.approximately": {"da": "ca.", "en": "about"},
    "clusters.none": {"da": "Ingen klynger i data.", "en": "No clusters in the data."},
    "clusters.in_nj": {"da": "kontor i Nordjylland", "en": "office in North Jutland"},
    "clusters.not_in_nj": {
        "da": "intet kendt kontor i Nordjylland",
        "en": "no known office in North Jutland",
    },
    "clusters.nj_unknown": {
        "da": "ukendt: ingen kontorer i kilderne",
        "en": "unknown: no offices in the sources",
    },
    "matrix.heading": {"da": "Alignment-matrix", "en": "Alignment matrix"},
    "matrix.document": {"da": "Dokument", "en": "Document"},
    "matrix.choose": {"da": "Vis", "en": "Show"},
    "matrix.legend": {
        "da": "Farven viser scoren (0 = ingen alignment, 1 = høj og dokumenteret).",
        "en": "The colour shows the score (0 = no alignment, 1 = high and stated).",
    },
    "matrix.empty": {
        "da": "Ingen alignment-vurderinger for dette dokument.",
        "en": "No alignment assessments for this document.",
    },
    "gaps.heading": {"da": "Huller", "en": "Gaps"},
    "gaps.intro": {
        "da": "Mål og styrkepositioner uden eller med svag dækning af en klynge.",
        "en": "Goals and strength positions with no or weak coverage by any cluster.",
    },
    "gaps.none": {"da": "Ingen huller fundet.", "en": "No gaps found."},
    "overlaps.heading": {"da": "Overlap", "en": "Overlaps"},
    "overlaps.intro": {
        "da": "Mål som flere klynger dækker.",
        "en": "Goals covered by several clusters.",
    },
    "overlaps.none": {"da": "Ingen overlap fundet.", "en": "No overlaps found."},
    "ranking.heading": {"da": "Rangering", "en": "Ranking"},
    "ranking.intro": {
        "da": "Rang med interval fra en følsomhedsanalyse af vægtene.",
        "en": "Rank with the interval from a sensitivity analysis of the weights.",
    },
    "ranking.rank": {"da": "Rang", "en": "Rank"},
    "ranking.interval": {"da": "Rang-interval", "en": "Rank interval"},
    "ranking.score": {"da": "Score", "en": "Score"},
    "ranking.none": {"da": "Ingen rangering.", "en": "No ranking."},
    "col.cluster": {"da": "Klynge", "en": "Cluster"},
    "col.goal": {"da": "Mål", "en": "Goal"},
    "col.document": {"da": "Dokument", "en": "Document"},
    "col.clusters": {"da": "Klynger", "en": "Clusters"},
    "col.score": {"da": "Score", "en": "Score"},
    "col.level": {"da": "Niveau", "en": "Level"},
    "col.confidence": {"da": "Sikkerhed", "en": "Confidence"},
    "col.evidence": {"da": "Begrundelse", "en": "Evidence"},
    "col.sources": {"da": "Kilder", "en": "Sources"},
    "col.value": {"da": "Værdi", "en": "Value"},
    "col.date": {"da": "Dato", "en": "Date"},
    "col.measure": {"da": "Mål for", "en": "Measure"},
    "col.municipality": {"da": "Kommune", "en": "Municipality"},
    "col.organisation": {"da": "Organisation", "en": "Organisation"},
    "col.role": {"da": "Rolle", "en": "Role"},
    "cluster.figures": {"da": "Nøgletal", "en": "Figures"},
    "members.members": {"da": "Medlemmer", "en": "Members"},
    "members.smes": {"da": "SMV-medlemmer", "en": "SME members"},
    "members.basis.memberships": {
        "da": "optalt fra medlemskaber",
        "en": "counted from memberships",
    },
    "members.basis.figure": {"da": "seneste nøgletal", "en": "latest figure"},
    "members.basis.unknown": {"da": "ukendt", "en": "unknown"},
    "cluster.memberships": {"da": "Medlemskaber", "en": "Memberships"},
    "cluster.alignments": {"da": "Alignment med mål", "en": "Alignment with goals"},
    "cluster.back": {"da": "Tilbage til forsiden", "en": "Back to the front page"},
    "cluster.api": {"da": "Som JSON", "en": "As JSON"},
    "cluster.none": {"da": "Ingen oplysninger.", "en": "No information."},
    "sparql.title": {"da": "SPARQL-forespørgsler", "en": "SPARQL queries"},
    "sparql.intro": {
        "da": "Skriv en SPARQL 1.1-forespørgsel eller vælg en af de navngivne forespørgsler i "
        "fanerne. Endpointet er skrivebeskyttet; SERVICE og LOAD afvises.",
        "en": "Write a SPARQL 1.1 query or pick one of the named queries in the tabs. The "
        "endpoint is read-only; SERVICE and LOAD are refused.",
    },
    "sparql.noscript": {
        "da": "Editoren kræver JavaScript. Endpointet svarer også på GET /sparql?query=...",
        "en": "The editor needs JavaScript. The endpoint also answers GET /sparql?query=...",
    },
    "error.title": {"da": "Fejl", "en": "Error"},
    "error.not_found": {"da": "Ikke fundet", "en": "Not found"},
    "error.suggestions": {"da": "Mente du", "en": "Did you mean"},
    "footer.sources": {
        "da": "Alle fakta har en kilde (prov:wasDerivedFrom) og en sikkerhed.",
        "en": "Every fact has a source (prov:wasDerivedFrom) and a confidence.",
    },
    "views.note.query_missing": {
        "da": "den navngivne forespørgsel {query} findes ikke i kataloget",
        "en": "the named query {query} is not in the catalogue",
    },
    "views.note.truncated": {
        "da": "{query}: kun de første {cap} rækker",
        "en": "{query}: only the first {cap} rows",
    },
}
