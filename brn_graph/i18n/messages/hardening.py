"""Messages of the hardening layer: network isolation, memory limits, engine failures,
fair sharing and input limits."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    # How the query workers were cut off from the network, or why they could not be.
    "harden.isolation.remote": {
        "da": "gælder ikke: lageret er et fjernt endepunkt, der nås over netværket",
        "en": "not applicable: the store is a remote endpoint, reached over the network",
    },
    "harden.isolation.platform": {
        "da": "ingen netværksnavnerum på {platform}",
        "en": "no network namespaces on {platform}",
    },
    "harden.isolation.libc": {
        "da": "libc blev ikke fundet: {reason}",
        "en": "libc not found: {reason}",
    },
    "harden.isolation.net": {"da": "eget netværksnavnerum", "en": "network namespace"},
    "harden.isolation.user_net": {
        "da": "eget bruger- og netværksnavnerum",
        "en": "user and network namespace",
    },
    "harden.isolation.unshare_failed": {
        "da": "unshare mislykkedes ({errors})",
        "en": "unshare failed ({errors})",
    },
    "harden.isolation.probe_reachable": {
        "da": "{how} oprettet, men prøveporten på loopback kunne stadig nås",
        "en": "{how} set up, but the loopback probe was still reachable",
    },
    "harden.isolation.verified": {
        "da": "{how} (intet netværkskort oppe), bekræftet af en prøve på loopback",
        "en": "{how} of its own (no interface up), verified by a loopback probe",
    },
    "harden.isolation.probe_reached": {
        "da": "prøveporten blev nået",
        "en": "the probe was reached",
    },
    "harden.start_failed": {
        "da": "forespørgselsmotoren startede ikke: {reason}",
        "en": "the query engine did not start: {reason}",
    },
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
