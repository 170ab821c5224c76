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
