"""``GET /health``: is the graph loaded, how big is it, does it conform."""

from __future__ import annotations

from fastapi import APIRouter

from api.dependencies import StateDep
from api.models import HealthOut

router = APIRouter(tags=["service"])


@router.get("/health", response_model=HealthOut, summary="Liveness and graph status")
def get_health(state: StateDep) -> HealthOut:
    """Answers quickly, even while queries run: it reads only what start-up computed.

    The data is loaded whenever this answers 200 (before that it is 503). The query engine
    may still be starting right after the start: ``query_engine`` says so, with no live
    workers and the isolation not yet known (``null``); this never waits for it.
    """
    engine = state.engine
    status = engine.status
    health = HealthOut(
        status="ok",
        store=state.store.label,
        triples=state.total_triples,
        conforms=state.conforms,
        violations=state.violation_count,
        fingerprint=state.fingerprint,
        query_workers=engine.live_workers(),
        query_engine="starting" if status == "starting" else "failed",
        network_isolated=None,
        adhoc_sparql=None,
        worker_memory_mb=state.settings.worker_memory_mb,
    )
    if status != "ready":
        return health
    info = engine.info
    return health.model_copy(
        update={
            "query_engine": "ready",
            "query_workers": info.live_workers,
            "network_isolated": info.network_isolated,
            "isolation": info.isolation,
            "adhoc_sparql": info.adhoc_sparql,
        }
    )
