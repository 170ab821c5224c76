"""Messages of ``brn-graph serve`` with several server processes."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "serve.workers_on_disk": {
        "da": (
            "--workers {workers} kan ikke bruges med lageret {store}: en lagermappe kan kun "
            "åbnes til skrivning af én proces. Brug --workers 1, eller lageret oxigraph "
            "(i hukommelsen) til flere processer."
        ),
        "en": (
            "--workers {workers} cannot be used with the store {store}: a store folder can be "
            "opened for writing by one process only. Use --workers 1, or the oxigraph store "
            "(in memory) for several processes."
        ),
    },
    # The service's own log lines (in the settings' language, like the query engine's).
    "serve.log.ready": {
        "da": "grafen er klar: {triples} tripler i {files} filer, lager {store}, {seconds} s",
        "en": "graph ready: {triples} triples in {files} files, store {store}, {seconds} s",
    },
    "serve.log.not_conforming": {
        "da": "serverer data, der ikke overholder formerne: {problem}",
        "en": "serving data that does not conform: {problem}",
    },
    "serve.log.refused": {
        "da": (
            "starter ikke: {problem}. Kør `brn-graph validate` for hele listen, eller sæt "
            "BRN_GRAPH_REFUSE_INVALID_DATA=false for at servere dem med en advarsel."
        ),
        "en": (
            "refusing to start: {problem}. Run `brn-graph validate` for the full list, or set "
            "BRN_GRAPH_REFUSE_INVALID_DATA=false to serve it with a warning."
        ),
    },
    "serve.log.processes": {
        "da": "starter {count} serverprocesser",
        "en": "starting {count} server processes",
    },
    "serve.log.imports_changed": {
        "da": "importerne er ændret i en anden proces: serverer {fingerprint}",
        "en": "imports changed in another process: serving {fingerprint}",
    },
    "serve.no_settings": {
        "da": (
            "serverprocessen fik ingen indstillinger ({name} mangler); "
            "start den med brn-graph serve"
        ),
        "en": (
            "the server process got no settings ({name} is not set); start it with brn-graph serve"
        ),
    },
}
