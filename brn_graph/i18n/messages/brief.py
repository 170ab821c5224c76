"""The decision brief: headings, sentences, chart axes, spreadsheet headers."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "brief.title": {
        "da": "Beslutningsoplæg: strategiske partnerskaber med nationale klynger",
        "en": "Decision brief: strategic partnerships with national clusters",
    },
    "brief.running_head": {"da": "BRN klyngebeslutning", "en": "BRN cluster decision"},
    "brief.page_of": {"da": "Side {page} af {pages}", "en": "Page {page} of {pages}"},
    "brief.generated": {
        "da": "Udarbejdet med brn-graph {version} den {date}.",
        "en": "Prepared with brn-graph {version} on {date}.",
    },
    "brief.h.summary": {"da": "Resumé", "en": "Summary"},
    "brief.h.decision": {"da": "Beslutningen", "en": "The decision"},
    "brief.h.frameworks": {"da": "Rammedokumenter, der tælles med", "en": "Frameworks counted"},
    "brief.h.recommendation": {"da": "Hvad tallene understøtter", "en": "What the numbers support"},
    "brief.h.charts": {"da": "Figurer", "en": "Charts"},
    "brief.h.ranking": {"da": "Rangordning", "en": "Ranking"},
    "brief.h.matrix": {"da": "Sammenhæng med målene", "en": "Alignment with the goals"},
    "brief.h.engagement": {"da": "Engagement i Nordjylland", "en": "Engagement in North Jutland"},
    "brief.h.clusters": {"da": "Klyngerne én for én", "en": "The clusters one by one"},
    "brief.h.gaps": {"da": "Huller og overlap", "en": "Gaps and overlaps"},
    "brief.h.quality": {"da": "Datakvalitet", "en": "Data quality"},
    "brief.h.sources": {"da": "Kilder", "en": "Sources"},
    "brief.h.presence": {"da": "Tilstedeværelse i Nordjylland", "en": "Presence in North Jutland"},
    "brief.h.alignment": {"da": "Sammenhæng pr. rammedokument", "en": "Alignment per framework"},
    "brief.h.figures": {"da": "Tal", "en": "Figures"},
    "brief.h.overlaps": {"da": "Overlap", "en": "Overlaps"},
    "brief.decision": {
        "da": "Beslutningen træffes på {decided} ({date}).",
        "en": "The decision is taken at the {decided} ({date}).",
    },
    "brief.prepared": {
        "da": "Sagen forberedes på {prepared} ({date}).",
        "en": "It is prepared at the {prepared} ({date}).",
    },
    "brief.as_of": {
        "da": "Tallene gælder pr. {date}: kun fakta, der var kendt denne dag, tæller med.",
        "en": "The figures are as of {date}: only facts known on that day count.",
    },
    "brief.framework.line": {
        "da": "{label}: vægt i samlet score {weight}",
        "en": "{label}: weight in the total score {weight}",
    },
    "brief.framework.stand_in": {
        "da": "indholdet kendes ikke; {stand_in} bruges i stedet",
        "en": "content unknown; {stand_in} stands in",
    },
    "brief.framework.no_goals": {
        "da": "ingen mål registreret; tælles ikke med",
        "en": "no goals recorded; not counted",
    },
    "brief.criterion.engagement": {
        "da": "Engagement i Nordjylland: vægt i samlet score {weight}",
        "en": "Engagement in North Jutland: weight in the total score {weight}",
    },
    "brief.criterion.evidence": {
        "da": "Belæggets kvalitet: vægt i samlet score {weight}",
        "en": "Quality of the evidence: weight in the total score {weight}",
    },
    "brief.reco.top": {
        "da": "{cluster} ligger nr. {rank} med {score} point (placering {low}-{high} når "
        "vægtene varieres); {verdict}.",
        "en": "{cluster} ranks {rank} with {score} points (rank {low}-{high} when the weights "
        "vary); {verdict}.",
    },
    "brief.reco.robust": {
        "da": "Rækkefølgen i toppen er robust over for vægtene.",
        "en": "The order at the top is robust to the weights.",
    },
    "brief.reco.fragile": {
        "da": "Rækkefølgen i toppen afhænger af vægtene: se intervallerne.",
        "en": "The order at the top hinges on the weights: see the intervals.",
    },
    "brief.reco.method": {
        "da": "Point = vægtet sum af sammenhæng pr. rammedokument, engagement og belæggets "
        "kvalitet (0-1). Intervallet er 5.-95. percentil af placeringen over {samples} "
        "udtræk af vægte omkring de valgte.",
        "en": "Points = weighted sum of alignment per framework, engagement and evidence "
        "quality (0-1). The interval is the 5th-95th percentile of the rank over {samples} "
        "draws of weights around the chosen ones.",
    },
    "brief.col.rank": {"da": "Plads", "en": "Rank"},
    "brief.col.cluster": {"da": "Klynge", "en": "Cluster"},
    "brief.col.score": {"da": "Point", "en": "Score"},
    "brief.col.interval_low": {"da": "Interval fra", "en": "Interval from"},
    "brief.col.interval_high": {"da": "Interval til", "en": "Interval to"},
    "brief.col.interval": {"da": "Interval (5-95 %)", "en": "Interval (5-95 %)"},
    "brief.col.top_k": {"da": "Sandsynlighed for top {k}", "en": "Probability of top {k}"},
    "brief.col.verdict": {"da": "Vurdering", "en": "Verdict"},
    "brief.col.top_k_plain": {"da": "Sandsynlighed for top k", "en": "Probability of top k"},
    "brief.col.unit": {"da": "Enhed", "en": "Unit"},
    "brief.col.framework": {"da": "Rammedokument", "en": "Framework"},
    "brief.col.goal": {"da": "Mål", "en": "Goal"},
    "brief.col.level": {"da": "Niveau", "en": "Level"},
    "brief.col.confidence": {"da": "Sikkerhed", "en": "Confidence"},
    "brief.col.evidence": {"da": "Begrundelse", "en": "Evidence"},
    "brief.col.sources": {"da": "Kilder", "en": "Sources"},
    "brief.col.metric": {"da": "Mål for engagement", "en": "Metric"},
    "brief.col.value": {"da": "Værdi", "en": "Value"},
    "brief.col.date": {"da": "Dato", "en": "Date"},
    "brief.col.kind": {"da": "Type", "en": "Kind"},
    "brief.col.clusters": {"da": "Klynger", "en": "Clusters"},
    "brief.col.number": {"da": "Nr.", "en": "No."},
    "brief.col.title": {"da": "Titel", "en": "Title"},
    "brief.col.address": {"da": "Adresse", "en": "Address"},
    "brief.col.completeness": {"da": "Datadækning", "en": "Data coverage"},
    "brief.unknown": {"da": "ukendt", "en": "unknown"},
    "brief.not_assessed": {"da": "ikke vurderet", "en": "not assessed"},
    "brief.level.high": {"da": "høj", "en": "high"},
    "brief.level.medium": {"da": "middel", "en": "medium"},
    "brief.level.low": {"da": "lav", "en": "low"},
    "brief.level.none": {"da": "ingen", "en": "none"},
    "brief.confidence.stated": {"da": "udtalt i kilden", "en": "stated in the source"},
    "brief.confidence.inferred": {"da": "udledt", "en": "inferred"},
    "brief.confidence.weak": {"da": "svagt belagt", "en": "weakly supported"},
    "brief.chart.score": {"da": "Point (0-1)", "en": "Score (0-1)"},
    "brief.chart.rank": {"da": "Placering (5-95 %-interval)", "en": "Rank (5-95 % interval)"},
    "brief.chart.heatmap_legend": {
        "da": "Farve = niveau; skravering = udledt eller svagt belagt; hvid = ikke vurderet",
        "en": "Colour = level; hatching = inferred or weakly supported; white = not assessed",
    },
    "brief.chart.unknown_bar": {"da": "ukendt", "en": "unknown"},
    "brief.chart.ranking_caption": {
        "da": "Figur 1. Point og placeringsinterval pr. klynge.",
        "en": "Figure 1. Score and rank interval per cluster.",
    },
    "brief.chart.heatmap_caption": {
        "da": "Figur 2.{number}. Sammenhæng mellem klynger og mål i {document}.",
        "en": "Figure 2.{number}. Alignment of clusters with the goals of {document}.",
    },
    "brief.chart.engagement_caption": {
        "da": "Figur 3. Engagement i Nordjylland; «ukendt» hvor kilderne intet siger.",
        "en": "Figure 3. Engagement in North Jutland; 'unknown' where the sources are silent.",
    },
    "brief.metric.offices": {"da": "Kontorer i Nordjylland", "en": "Offices in North Jutland"},
    "brief.metric.members": {"da": "Medlemmer i alt", "en": "Members, total"},
    "brief.metric.smes": {"da": "SMV-medlemmer i alt", "en": "SME members, total"},
    "brief.metric.members_nj": {"da": "Medlemmer i Nordjylland", "en": "Members in North Jutland"},
    "brief.metric.smes_nj": {
        "da": "SMV-medlemmer i Nordjylland",
        "en": "SME members in North Jutland",
    },
    "brief.scope.national": {"da": "hele landet", "en": "national"},
    "brief.scope.north-jutland": {"da": "Nordjylland", "en": "North Jutland"},
    "brief.col.scope": {"da": "Omfang", "en": "Scope"},
    "brief.metric.projects": {"da": "Projekter i Nordjylland", "en": "Projects in North Jutland"},
    "brief.gap.kind.no-cluster": {
        "da": "Ingen klynge bidrager",
        "en": "No cluster serves it",
    },
    "brief.gap.kind.only-inferred-or-weak": {
        "da": "Kun udledt eller svagt belagt",
        "en": "Only inferred or weakly supported",
    },
    "brief.gap.kind.outside-remit": {
        "da": "Uden for klyngernes opgave",
        "en": "Outside the clusters' remit",
    },
    "brief.gap.advice.no-cluster": {
        "da": "Spørg klyngerne ved 1:1-møderne, om de kan bidrage, eller løs målet uden for "
        "klyngesamarbejdet.",
        "en": "Ask the clusters at the 1:1 meetings whether they can contribute, or pursue "
        "the goal outside the cluster partnerships.",
    },
    "brief.gap.advice.only-inferred-or-weak": {
        "da": "Find en kilde, der bekræfter sammenhængen, før den bruges i beslutningen.",
        "en": "Find a source that confirms the link before it is used in the decision.",
    },
    "brief.gap.advice.outside-remit": {
        "da": "Ikke en klyngeopgave: ingen handling i klyngestrategien.",
        "en": "Not a cluster task: no action in the cluster strategy.",
    },
    "brief.overlap.advice": {
        "da": "Flere klynger bidrager stærkt: afklar arbejdsdelingen, før der indgås "
        "partnerskaber med dem alle.",
        "en": "Several clusters serve it strongly: settle the division of labour before "
        "partnering with all of them.",
    },
    "brief.gaps.none": {"da": "Ingen.", "en": "None."},
    "brief.quality.assessments": {
        "da": "{total} vurderinger: {stated} udtalt i kilden, {inferred} udledt, {weak} svagt "
        "belagt.",
        "en": "{total} assessments: {stated} stated in the source, {inferred} inferred, "
        "{weak} weakly supported.",
    },
    "brief.quality.fingerprint": {
        "da": "Datafingeraftryk: {fingerprint}",
        "en": "Data fingerprint: {fingerprint}",
    },
    "brief.quality.version": {
        "da": "Værktøjets version: {version}",
        "en": "Tool version: {version}",
    },
    "brief.quality.known_gaps": {
        "da": "Kendte huller i kilderne, som har betydning for beslutningen:",
        "en": "Known gaps in the sources that matter for the decision:",
    },
    "brief.presence.offices": {
        "da": "Kontorer i Nordjylland: {offices}.",
        "en": "Offices in North Jutland: {offices}.",
    },
    "brief.presence.none": {
        "da": "Intet kendt kontor i Nordjylland.",
        "en": "No known office in North Jutland.",
    },
    "brief.presence.unknown": {
        "da": "Kilderne siger intet om kontorer i Nordjylland.",
        "en": "The sources say nothing about offices in North Jutland.",
    },
    "brief.cluster.rank": {
        "da": "Nr. {rank} med {score} point (interval {low}-{high}).",
        "en": "Rank {rank} with {score} points (interval {low}-{high}).",
    },
    "brief.cluster.no_alignment": {
        "da": "Ingen vurderinger mod dette rammedokument.",
        "en": "No assessments against this framework.",
    },
    "brief.downloads": {"da": "Hent som", "en": "Download as"},
    "brief.sheet.ranking": {"da": "Rangordning", "en": "Ranking"},
    "brief.sheet.matrix": {"da": "Vurderinger", "en": "Assessments"},
    "brief.sheet.engagement": {"da": "Engagement", "en": "Engagement"},
    "brief.sheet.gaps": {"da": "Huller", "en": "Gaps"},
    "brief.sheet.sources": {"da": "Kilder", "en": "Sources"},
    "brief.sheet.about": {"da": "Om", "en": "About"},
    "brief.error.suffix": {
        "da": "{path}: filnavnet skal ende på {suffixes} (endelsen vælger formatet)",
        "en": "{path}: the file name must end in {suffixes} (the suffix chooses the format)",
    },
    "brief.error.folder": {
        "da": "{path}: mappen findes ikke",
        "en": "{path}: the folder does not exist",
    },
    "brief.written": {"da": "{path} ({size} byte)", "en": "{path} ({size} bytes)"},
    "brief.pdf_missing": {
        "da": "PDF kræver WeasyPrint og Pango: installer pakken 'weasyprint' (pip) og "
        "'libpango-1.0-0' (apt). Fejl: {error}",
        "en": "PDF needs WeasyPrint and Pango: install the 'weasyprint' package (pip) and "
        "'libpango-1.0-0' (apt). Error: {error}",
    },
}
