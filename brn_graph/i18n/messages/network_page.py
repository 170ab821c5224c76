"""Words of the network page's chrome: title, filters, legend, status line."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "network_page.title": {
        "da": "Netværk: klynger, rammedokumenter og mål",
        "en": "Network: clusters, framework documents and goals",
    },
    "network_page.intro": {
        "da": "Hvordan de nationale klynger hænger sammen med målene i rammedokumenterne. "
        "Stiplede kanter er udledte, prikkede svagt belagte; hold musen over en kant for "
        "begrundelse og kilde.",
        "en": "How the national clusters align with the goals of the framework documents. "
        "Dashed edges are inferred, dotted ones weakly supported; hover over an edge for "
        "the evidence and its source.",
    },
    "network_page.controls": {"da": "Filtre", "en": "Filters"},
    "network_page.document": {"da": "Rammedokument", "en": "Framework document"},
    "network_page.cluster": {"da": "Klynge", "en": "Cluster"},
    "network_page.all": {"da": "Alle", "en": "All"},
    "network_page.min_level": {"da": "Mindste niveau", "en": "Minimum level"},
    "network_page.any_level": {"da": "Alle niveauer", "en": "Any level"},
    "network_page.show": {"da": "Vis", "en": "Show"},
    "network_page.companies": {"da": "Virksomheder", "en": "Companies"},
    "network_page.municipalities": {"da": "Kommuner", "en": "Municipalities"},
    "network_page.offices": {"da": "Kontorer", "en": "Offices"},
    "network_page.focus": {"da": "Fokus (naboskab)", "en": "Focus (neighbourhood)"},
    "network_page.no_focus": {"da": "Intet fokus", "en": "No focus"},
    "network_page.search": {"da": "Søg efter navn", "en": "Search by name"},
    "network_page.search_placeholder": {
        "da": "fx Aalborg, Brønderslev …",
        "en": "e.g. Aalborg, Brønderslev …",
    },
    "network_page.reset": {"da": "Nulstil", "en": "Reset"},
    "network_page.server": {
        "da": "Hent dette udsnit fra serveren",
        "en": "Load this cut from the server",
    },
    "network_page.legend": {"da": "Signaturforklaring", "en": "Legend"},
    "network_page.legend_nodes": {"da": "Knuder", "en": "Nodes"},
    "network_page.legend_edges": {"da": "Kanter", "en": "Edges"},
    "network_page.network": {"da": "Netværkstegning", "en": "Network drawing"},
    "network_page.home": {"da": "Forside", "en": "Home"},
    "network_page.other_language": {"da": "English", "en": "Dansk"},
    "network_page.noscript": {
        "da": "Netværkstegningen kræver JavaScript.",
        "en": "The network drawing needs JavaScript.",
    },
    "network_page.loading": {"da": "Tegner netværket …", "en": "Drawing the network …"},
    "network_page.status": {
        "da": "{nodes} knuder og {edges} kanter vist",
        "en": "{nodes} nodes and {edges} edges shown",
    },
    "network_page.matches": {"da": "{count} træf", "en": "{count} matches"},
    "network_page.no_matches": {"da": "Ingen træf", "en": "No matches"},
    "network_page.empty": {
        "da": "Intet at vise: data har ingen knuder i dette udsnit.",
        "en": "Nothing to show: the data has no nodes in this cut.",
    },
}
