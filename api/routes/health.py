"""``GET /health``: is the graph loaded, how big is it, does it conform."""

from __future__ import annotations

from fastapi import APIRouter

from api.dependencies import StateDep
from api.models import HealthOut

router = APIRouter(tags=["service"])


@router.get("/health", response_model=HealthOut, summary="Liveness and graph status")
def get_health(state: StateDep) -> HealthOut:
    """Answers quickly, even while queries run: it reads only what start-up computed."""
    info = state.engine.info
    return HealthOut(
        status="ok",
        store=state.store.label,
        triples=state.total_triples,
        conforms=state.conforms,
        violations=state.violation_count,
        fingerprint=state.fingerprint,
        query_workers=info.live_workers,
        network_isolated=info.network_isolated,
        isolation=info.isolation,
        adhoc_sparql=info.adhoc_sparql,
        worker_memory_mb=info.worker_memory_mb,
    )
