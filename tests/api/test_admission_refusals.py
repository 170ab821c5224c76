"""The fair-share refusals (429) reach HTTP clients in their language, with their key."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.state import ServiceState
from brn_graph.query.admission import AdmissionLimits


def test_a_refusal_reads_in_the_clients_language(
    client: TestClient, service_state: ServiceState
) -> None:
    admission = service_state.engine.admission
    saved = admission.limits
    admission.limits = AdmissionLimits(
        workers=saved.workers, client_concurrency=1, client_queue=0, queue_seconds=3
    )
    try:
        # The test client's address is "testclient": hold its one share, then ask again.
        with admission.admit("testclient", catalogue=False, deadline=time.monotonic() + 30):
            answers = {
                lang: client.get(
                    "/sparql",
                    params={"query": "ASK { ?s ?p ?o }", "lang": lang},
                    headers={"Accept": "application/sparql-results+json"},
                )
                for lang in ("da", "en")
            }
            danish = client.get(
                "/sparql",
                params={"query": "ASK { ?s ?p ?o }"},
                headers={"Accept-Language": "da"},
            )
    finally:
        admission.limits = saved
    for answer in (*answers.values(), danish):
        assert answer.status_code == 429
        assert answer.headers["Retry-After"] == "3"
        assert answer.json()["message_key"] == "admission.queue_full"
        assert answer.json()["error"] == "QueryBusyError"
    assert answers["da"].json()["detail"] == (
        "for mange forespørgsler fra denne klient: 1 må køre og 0 vente ad gangen; prøv igen senere"
    )
    assert danish.json()["detail"] == answers["da"].json()["detail"]
    assert answers["en"].json()["detail"] == (
        "too many queries from this client: 1 may run and 0 wait at once; retry later"
    )
