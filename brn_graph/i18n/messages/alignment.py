"""Words of the alignment analytics: ranking criteria, verdicts and conclusions; engagement
metrics and their notes."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    # Ranking: criteria, verdicts, conclusions.
    "ranking.criterion.alignment": {"da": "sammenhæng: {document}", "en": "alignment: {document}"},
    "ranking.criterion.engagement": {
        "da": "engagement i Nordjylland",
        "en": "engagement in North Jutland",
    },
    "ranking.criterion.alignment_none": {
        "da": "sammenhæng (ingen ramme talt med)",
        "en": "alignment (no framework counted)",
    },
    "ranking.criterion.evidence": {"da": "belæggets kvalitet", "en": "evidence quality"},
    "ranking.no_evidence": {
        "da": "ingen belæg for sammenhæng med noget rammedokument: placeret sidst",
        "en": "no alignment evidence for any framework document: ranked last",
    },
    "ranking.verdict.robust_in": {"da": "robust i top {k}", "en": "robust: in the top {k}"},
    "ranking.verdict.robust_out": {
        "da": "robust uden for top {k}",
        "en": "robust: outside the top {k}",
    },
    "ranking.verdict.hinges": {
        "da": "afhænger af vægtene: i top {k} i {share} af udtrækkene",
        "en": "hinges on the weights: in the top {k} in {share} of samples",
    },
    "ranking.conclusion.no_samples": {
        "da": "Ingen følsomhedsanalyse (0 udtræk).",
        "en": "No sensitivity analysis (0 samples).",
    },
    "ranking.conclusion.robust_in": {
        "da": "Robust i top {k}: {names}.",
        "en": "Robustly in the top {k}: {names}.",
    },
    "ranking.conclusion.hinges": {
        "da": "{cluster}: i top {k} i {share} af udtrækkene (placering {low}-{high}); "
        "afhænger af vægtene.",
        "en": "{cluster}: in the top {k} in {share} of samples (rank {low}-{high}); "
        "hinges on the weights.",
    },
    "ranking.conclusion.pair": {
        "da": "{higher} foran {lower} i kun {share} af udtrækkene.",
        "en": "{higher} above {lower} in only {share} of samples.",
    },
    "ranking.conclusion.no_evidence": {
        "da": "Uden belæg for sammenhæng, placeret sidst: {names}.",
        "en": "No alignment evidence, ranked last: {names}.",
    },
    "ranking.conclusion.dissolved": {
        "da": "Ikke med, ophørt: {names}.",
        "en": "Left out, no longer exists: {names}.",
    },
    "ranking.error.negative": {
        "da": "{name} må ikke være negativ",
        "en": "{name} must not be negative",
    },
    "ranking.error.document": {
        "da": "{reason}; kriterierne er {criteria}",
        "en": "{reason}; criteria are {criteria}",
    },
    "ranking.error.not_counted": {
        "da": "{document} er ikke en ramme, der tælles med her; kriterierne er {criteria}",
        "en": "{document} is not a framework counted here; criteria are {criteria}",
    },
    "ranking.error.sum": {
        "da": "vægtene summerer til {total}, ikke 1; angiv vægte, der summerer til 1, "
        "fx alignment=0.5,engagement=0.3,evidence=0.2",
        "en": "the weights sum to {total}, not 1; name weights that sum to 1, e.g. "
        "alignment=0.5,engagement=0.3,evidence=0.2",
    },
    "ranking.error.no_share": {
        "da": "alignment har ingen ramme tilbage at fordele sig på: alle er nævnt",
        "en": "alignment has no framework left to share it: every one is named",
    },
    "ranking.error.unknown": {
        "da": "ukendt kriterium {name} (kriterier: {criteria})",
        "en": "unknown criterion {name} (criteria: {criteria})",
    },
    "ranking.error.unknown.suggest": {
        "da": "ukendt kriterium {name}; mente du {suggestions}? (kriterier: {criteria})",
        "en": "unknown criterion {name}; did you mean {suggestions}? (criteria: {criteria})",
    },
    # Engagement: metric names and notes.
    "engagement.metric.offices": {
        "da": "kontorpoint i Nordjylland",
        "en": "office points in North Jutland",
    },
    "engagement.metric.members": {"da": "medlemmer i alt", "en": "members, total"},
    "engagement.metric.smes": {"da": "SMV-medlemmer i alt", "en": "SME members, total"},
    "engagement.metric.members_nj": {
        "da": "medlemmer i Nordjylland",
        "en": "members in North Jutland",
    },
    "engagement.metric.smes_nj": {
        "da": "SMV-medlemmer i Nordjylland",
        "en": "SME members in North Jutland",
    },
    "engagement.metric.partnerships": {
        "da": "partnerskaber med nordjyske parter",
        "en": "partnerships with North Jutland",
    },
    "engagement.metric.merged_networks": {
        "da": "nordjyske netværk fusioneret ind",
        "en": "North Jutland networks merged in",
    },
    "engagement.metric.projects": {
        "da": "projekter i Nordjylland",
        "en": "projects in North Jutland",
    },
    "engagement.metric.project_value": {
        "da": "værdi af projekter i Nordjylland",
        "en": "value of projects in North Jutland",
    },
    "engagement.qualifier.approximately": {"da": "ca.", "en": "about"},
    "engagement.qualifier.at_least": {"da": "mindst", "en": "at least"},
    "engagement.office.headquarters": {"da": "hovedkontor", "en": "headquarters"},
    "engagement.office.other": {"da": "kontor", "en": "office"},
    "engagement.detail.partners": {"da": "partnere: {names}", "en": "partners: {names}"},
    "engagement.note.no_offices": {"da": "ingen kontorer i data", "en": "no offices in the data"},
    "engagement.note.offices": {
        "da": "{inside} af {total} kontorer i Nordjylland",
        "en": "{inside} of {total} offices in North Jutland",
    },
    "engagement.note.no_figure": {
        "da": "intet dateret nøgletal i data",
        "en": "no dated figure in the data",
    },
    "engagement.note.latest_figure": {
        "da": "seneste af {count} nøgletal",
        "en": "latest of {count} figures",
    },
    "engagement.note.no_partnerships": {
        "da": "ingen partnerskaber i data",
        "en": "no partnerships in the data",
    },
    "engagement.note.partnerships": {
        "da": "{inside} af {total} partnerskaber",
        "en": "{inside} of {total} partnerships",
    },
    "engagement.note.no_merger": {"da": "ingen fusion i data", "en": "no merger in the data"},
    "engagement.note.merged": {
        "da": "{inside} af {total} fusionerede organisationer",
        "en": "{inside} of {total} merged organisations",
    },
    "engagement.note.no_projects": {
        "da": "ingen projekter i data",
        "en": "no projects in the data",
    },
    "engagement.note.projects": {
        "da": "{inside} af {total} projekter",
        "en": "{inside} of {total} projects",
    },
    "engagement.note.no_regional_projects": {
        "da": "ingen projekter i Nordjylland",
        "en": "no projects in North Jutland",
    },
    "engagement.note.unlocated": {
        "da": "; placering ikke registreret for {count}",
        "en": "; location not recorded for {count}",
    },
    "engagement.note.no_value": {
        "da": "ingen DKK-værdi for projekter med Nordjylland som eget område",
        "en": "no DKK value for projects whose own scope is North Jutland",
    },
    "engagement.note.valued": {
        "da": "{valued} af {total} projekter i Nordjylland med en DKK-værdi "
        "og Nordjylland som eget område",
        "en": "{valued} of {total} projects in North Jutland with a DKK value "
        "and North Jutland as their own scope",
    },
    "engagement.note.not_converted": {
        "da": "; ikke omregnet: {values}",
        "en": "; not converted: {values}",
    },
    # Explain: the formula applied to one cluster and goal.
    "explain.formula.none": {
        "da": "intet belæg for sammenhæng: score = 0",
        "en": "no alignment evidence: score = 0",
    },
    "explain.formula.assessment.one": {
        "da": "score = niveauvægt[{level}] {level_weight} x sikkerhedsvægt[{confidence}] "
        "{confidence_weight} = {score} (bedste af {records} vurdering)",
        "en": "score = w_level[{level}] {level_weight} x w_confidence[{confidence}] "
        "{confidence_weight} = {score} (best of {records} assessment)",
    },
    "explain.formula.assessment.many": {
        "da": "score = niveauvægt[{level}] {level_weight} x sikkerhedsvægt[{confidence}] "
        "{confidence_weight} = {score} (bedste af {records} vurderinger)",
        "en": "score = w_level[{level}] {level_weight} x w_confidence[{confidence}] "
        "{confidence_weight} = {score} (best of {records} assessments)",
    },
    "explain.formula.rule.one": {
        "da": "score = niveauvægt[{level}] {level_weight} x sikkerhedsvægt[{confidence}] "
        "{confidence_weight} = {score} (bedste af {records} regeltræf)",
        "en": "score = w_level[{level}] {level_weight} x w_confidence[{confidence}] "
        "{confidence_weight} = {score} (best of {records} rule hit)",
    },
    "explain.formula.rule.many": {
        "da": "score = niveauvægt[{level}] {level_weight} x sikkerhedsvægt[{confidence}] "
        "{confidence_weight} = {score} (bedste af {records} regeltræf)",
        "en": "score = w_level[{level}] {level_weight} x w_confidence[{confidence}] "
        "{confidence_weight} = {score} (best of {records} rule hits)",
    },
}
