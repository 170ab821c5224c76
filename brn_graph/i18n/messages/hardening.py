"""Messages of the hardening layer: network isolation, memory limits, engine failures,
fair sharing and input limits."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "harden.isolated": {
        "da": "forespørgselsprocesserne har intet netværk: {how}",
        "en": "the query workers have no network: {how}",
    },
    "harden.unisolated": {
        "da": (
            "forespørgselsprocesserne kunne ikke afskæres fra netværket ({why}); ad hoc-SPARQL "
            "afvises (sæt BRN_GRAPH_ALLOW_UNISOLATED_SPARQL=true for at tillade det)"
        ),
        "en": (
            "the query workers could not be cut off from the network ({why}); ad-hoc SPARQL "
            "is refused (set BRN_GRAPH_ALLOW_UNISOLATED_SPARQL=true to allow it)"
        ),
    },
    "harden.unisolated_allowed": {
        "da": (
            "forespørgselsprocesserne kunne ikke afskæres fra netværket ({why}); ad hoc-SPARQL "
            "tillades alligevel af indstillingen allow_unisolated_sparql"
        ),
        "en": (
            "the query workers could not be cut off from the network ({why}); ad-hoc SPARQL "
            "is allowed anyway by the allow_unisolated_sparql setting"
        ),
    },
    "harden.adhoc_refused": {
        "da": (
            "ad hoc-SPARQL er slået fra: forespørgselsprocesserne kunne ikke afskæres fra "
            "netværket ({why}); katalogets forespørgsler virker stadig. Sæt "
            "BRN_GRAPH_ALLOW_UNISOLATED_SPARQL=true for at tillade det"
        ),
        "en": (
            "ad-hoc SPARQL is off: the query workers could not be cut off from the network "
            "({why}); the catalogue queries still work. Set "
            "BRN_GRAPH_ALLOW_UNISOLATED_SPARQL=true to allow it"
        ),
    },
    "harden.memory_limit": {
        "da": (
            "forespørgslen skulle bruge mere hukommelse end grænsen på {limit} MiB pr. "
            "forespørgselsproces (worker_memory_mb); gør forespørgslen snævrere"
        ),
        "en": (
            "the query needed more memory than the limit of {limit} MiB per query worker "
            "(worker_memory_mb); narrow the query"
        ),
    },
    "harden.engine_failed": {
        "da": (
            "forespørgselsmotoren fejlede på denne forespørgsel (forespørgsel {hash}, "
            "proces-afslutning {code}); processen er erstattet. Prøv at omformulere "
            "forespørgslen, fx uden ORDER BY over blandede værdityper"
        ),
        "en": (
            "the engine failed on this query (query {hash}, worker exit {code}); the worker "
            "was replaced. Try rephrasing the query, e.g. without ORDER BY over mixed value "
            "types"
        ),
    },
}
