"""Messages of the decision context and the as-of date (``brn_graph.context``, and the analytics
commands and routes that print them)."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "context.header": {
        "da": "Kontekst: {label} ({id}); skæringsdato {as_of}{source}",
        "en": "Context: {label} ({id}); as of {as_of}{source}",
    },
    "context.as_of.option": {
        "da": " (valgt; kontekstens dato er {date})",
        "en": " (chosen; the context's date is {date})",
    },
    "context.long_list": {
        "da": "Bruttoliste: {count} klynger",
        "en": "Long list: {count} clusters",
    },
    "context.all_clusters": {
        "da": "Alle eksisterende klynger ({count}), ikke kun bruttolisten",
        "en": "All existing clusters ({count}), not only the long list",
    },
    "context.framework.line": {
        "da": "Ramme {notation}: {label}: andel af sammenhængskriteriet {share}; {status}",
        "en": "Framework {notation}: {label}: share of the alignment criterion {share}; {status}",
    },
    "context.framework.in_force": {
        "da": "{document} er i kraft",
        "en": "{document} is in force",
    },
    "context.framework.period_unknown": {
        "da": "{document}: periode ikke registreret; regnet som gældende",
        "en": "{document}: period not recorded; counted as in force",
    },
    "context.framework.stand_in_no_goals": {
        "da": "{document}: ingen mål registreret; erklæret erstatning {stand_in} brugt",
        "en": "{document}: no goals recorded; declared stand-in {stand_in} used",
    },
    "context.framework.stand_in_missing": {
        "da": "dokumentet findes ikke i grafen; erklæret erstatning {stand_in} brugt",
        "en": "the document is not in the graph; declared stand-in {stand_in} used",
    },
    "context.framework.no_goals": {
        "da": "{document}: ingen mål registreret; ikke talt med",
        "en": "{document}: no goals recorded; not counted",
    },
    "context.framework.not_in_force": {
        "da": "{document}: {status} {as_of}; ikke talt med",
        "en": "{document}: {status} on {as_of}; not counted",
    },
    "context.framework.in_force_instead": {
        "da": "{document}: {status} {as_of}; {used} var i kraft og bruges",
        "en": "{document}: {status} on {as_of}; {used} was in force and is used",
    },
    "context.framework.missing": {
        "da": "dokumentet findes ikke i grafen, og der er ingen brugbar erstatning; ikke talt med",
        "en": "the document is not in the graph and there is no usable stand-in; not counted",
    },
    "context.status.not-yet": {"da": "endnu ikke i kraft", "en": "not yet in force"},
    "context.status.expired": {"da": "udløbet", "en": "expired"},
    "context.status.replaced": {"da": "afløst af {by}", "en": "replaced by {by}"},
    "context.status.in-force": {"da": "i kraft", "en": "in force"},
    "context.status.period-unknown": {"da": "periode ukendt", "en": "period unknown"},
    "context.weights.rescaled": {
        "da": "Rammer, der ikke tælles med {as_of}, får vægt 0; de øvrige rammers vægte er "
        "skaleret, så de summerer til 1.",
        "en": "Frameworks not counted on {as_of} get weight 0; the other frameworks' weights "
        "are scaled to sum to 1.",
    },
    "context.stand_in.used": {
        "da": "Erklæret erstatning: {stand_in} i stedet for {framework}. {note}",
        "en": "Declared stand-in: {stand_in} for {framework}. {note}",
    },
    "context.later.assessments": {
        "da": "{count} vurderinger med belæg dateret efter {as_of} er ikke talt med.",
        "en": "{count} assessments with evidence dated after {as_of} are not counted.",
    },
    "context.unknown": {
        "da": "ukendt",
        "en": "unknown",
    },
    "context.completeness": {
        "da": "Vurderede par (klynge på bruttolisten x mål i kontekstens rammer): "
        "{assessed} af {pairs} ({share}). Manglende par:",
        "en": "Assessed pairs (long-list cluster x goal of the context's frameworks): "
        "{assessed} of {pairs} ({share}). Pairs missing:",
    },
    "context.document.no_goals": {
        "da": "{document} har ingen registrerede mål: matricen er tom, ikke nul.",
        "en": "{document} has no recorded goals: the matrix is empty, not zero.",
    },
    "context.document.not_counted": {
        "da": "{document} tælles ikke med i konteksten på denne dato; tallene er kun til "
        "orientering.",
        "en": "{document} is not counted in the context on this date; the figures are for "
        "information only.",
    },
    "context.compare.baseline": {"da": "Sammenlignet med:", "en": "Compared with:"},
    "context.compare.entering": {
        "da": "Dokumenter talt med nu, ikke dengang: {documents}",
        "en": "Documents counted now, not then: {documents}",
    },
    "context.compare.leaving": {
        "da": "Dokumenter talt med dengang, ikke nu: {documents}",
        "en": "Documents counted then, not now: {documents}",
    },
    "context.compare.assessments": {
        "da": "Vurderinger talt med nu, ikke dengang: {added}; dengang, ikke nu: {removed}",
        "en": "Assessments counted now, not then: {added}; then, not now: {removed}",
    },
}
