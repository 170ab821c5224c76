"""Words of the network view's decision-context cut and of its grouped member companies."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "network_context.caption": {
        "da": "Beslutningskontekst: {label} ({id}); skæringsdato {as_of}",
        "en": "Decision context: {label} ({id}); as of {as_of}",
    },
    "network_context.intro": {
        "da": "Klyngerne på den lange liste til venstre, målene i de rammer, der gælder på "
        "skæringsdatoen, til højre, samlet under hver ramme. Tykkere og mørkere kanter er "
        "stærkere sammenhænge; stiplede er udledte, prikkede svagt belagte.",
        "en": "The long-list clusters on the left, the goals of the frameworks in force on the "
        "as-of date on the right, grouped under each framework. Thicker, darker edges are "
        "stronger alignments; dashed ones are inferred, dotted ones weakly supported.",
    },
    "network_context.frameworks": {"da": "Rammer, der tæller", "en": "Frameworks counted"},
    "network_context.header": {
        "da": "{framework}: {document}",
        "en": "{framework}: {document}",
    },
    "network_context.header.stand_in": {
        "da": "{framework}: {document} (stedfortræder)",
        "en": "{framework}: {document} (stand-in)",
    },
    "network_context.node": {"da": "{framework}", "en": "{framework}"},
    "network_context.node.stand_in": {
        "da": "{framework} (stedfortræder)",
        "en": "{framework} (stand-in)",
    },
    "network_context.none": {
        "da": "Ingen ramme tæller på skæringsdatoen: der er ingen mål at vise.",
        "en": "No framework counts on the as-of date: there are no goals to show.",
    },
    "network_context.focus_outside": {
        "da": "{label_da} er ikke i beslutningskonteksten (den lange liste og målene i de "
        "rammer, der tæller); vis hele grafen med --view full (?view=full)",
        "en": "{label} is not in the decision context (the long list and the goals of the "
        "frameworks counted); show the full graph with --view full (?view=full)",
    },
    "network_context.document_outside": {
        "da": "{label_da} tæller ikke i beslutningskonteksten på skæringsdatoen {as_of} "
        "(det gør: {counted_da}); vis hele grafen med --view full (?view=full)",
        "en": "{label} does not count in the decision context on the as-of date {as_of} "
        "(these do: {counted}); show the full graph with --view full (?view=full)",
    },
    "network_context.to_full": {"da": "Hele grafen", "en": "Full graph"},
    "network_context.to_context": {
        "da": "Tilbage til beslutningskonteksten",
        "en": "Back to the decision context",
    },
    "network_context.full_caption": {
        "da": "Hele grafen: alle klynger, dokumenter, mål, kommuner, kontorer og medlemmer.",
        "en": "The full graph: every cluster, document, goal, municipality, office and member.",
    },
    "network_context.full_caption_dated": {
        "da": "Hele grafen: alle klynger, dokumenter, mål, kommuner, kontorer og medlemmer; "
        "sammenhænge som i beslutningskonteksten {label} ({id}) på skæringsdatoen {as_of}",
        "en": "The full graph: every cluster, document, goal, municipality, office and member; "
        "alignments as in the decision context {label} ({id}) on the as-of date {as_of}",
    },
    "network_context.file_hint_full": {
        "da": "Hele grafen: brn-graph network --view full -o FIL.html",
        "en": "The full graph: brn-graph network --view full -o FILE.html",
    },
    "network_context.file_hint_context": {
        "da": "Beslutningskonteksten: brn-graph network -o FIL.html",
        "en": "The decision context: brn-graph network -o FILE.html",
    },
    "network_context.expand": {
        "da": "Vis virksomhederne enkeltvis",
        "en": "Show the companies one by one",
    },
    "network_context.collapse": {
        "da": "Saml virksomhederne pr. kommune",
        "en": "Group the companies per municipality",
    },
    "network_context.grouped_note": {
        "da": "Medlemsvirksomheder er samlet i én knude pr. kommune.",
        "en": "Member companies are grouped in one node per municipality.",
    },
    "network_context.file_hint_expand": {
        "da": "Virksomhederne enkeltvis: brn-graph network --view full --companies expanded "
        "-o FIL.html",
        "en": "The companies one by one: brn-graph network --view full --companies expanded "
        "-o FILE.html",
    },
    "network_context.company_group.one": {
        "da": "{count} virksomhed i {municipality}",
        "en": "{count} company in {municipality}",
    },
    "network_context.company_group.many": {
        "da": "{count} virksomheder i {municipality}",
        "en": "{count} companies in {municipality}",
    },
    "network_context.company_group_unplaced.one": {
        "da": "{count} virksomhed uden for de kommuner, grafen kender",
        "en": "{count} company outside the municipalities the graph knows",
    },
    "network_context.company_group_unplaced.many": {
        "da": "{count} virksomheder uden for de kommuner, grafen kender",
        "en": "{count} companies outside the municipalities the graph knows",
    },
    "kind.company_group": {
        "da": "Medlemsvirksomheder i en kommune",
        "en": "Member companies in a municipality",
    },
    "kinds.company_group": {"da": "virksomhedsgrupper", "en": "company groups"},
}
