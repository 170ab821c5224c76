"""Messages of the fair sharing of the query workers (``brn_graph.query.admission``): the
refusals answered 429 with ``Retry-After``."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "admission.queue_full": {
        "da": (
            "for mange forespørgsler fra denne klient: {running} må køre og {waiting} vente "
            "ad gangen; prøv igen senere"
        ),
        "en": (
            "too many queries from this client: {running} may run and {waiting} wait at "
            "once; retry later"
        ),
    },
    "admission.stayed_busy": {
        "da": (
            "alle forespørgselsprocesser, som denne anmodning må bruge, var optaget i "
            "{seconds} s; prøv igen senere"
        ),
        "en": ("every query worker this request may use stayed busy for {seconds} s; retry later"),
    },
}
