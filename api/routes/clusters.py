"""``/api/clusters``: the national clusters, one cluster's profile, and its alignment."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.context_views import cluster_alignment_on
from api.dependencies import AsOfQuery, ContextQuery, LangDep, StateDep
from api.models import (
    ClusterAlignmentOut,
    ClusterProfileOut,
    ClusterSummaryOut,
    NotFoundOut,
    ValidationErrorOut,
)
from api.views import cluster_profile, cluster_summaries

router = APIRouter(prefix="/api/clusters", tags=["clusters"])

ClusterId = Annotated[
    str,
    Path(
        description="Slug (energy-cluster-denmark), prefixed name (cluster:...), IRI or label.",
        min_length=1,
        max_length=500,
    ),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Unknown cluster; suggestions listed."},
    422: {"model": ValidationErrorOut, "description": "A parameter is malformed."},
}


@router.get("", response_model=list[ClusterSummaryOut], summary="All national clusters")
def list_clusters(state: StateDep, lang: LangDep) -> list[ClusterSummaryOut]:
    """Every cluster with its focus areas, its North Jutland presence and how many goals and
    strength positions it is aligned with, in Danish alphabetical order."""
    return cluster_summaries(state, lang)


@router.get(
    "/{cluster_id:path}/alignment",
    response_model=ClusterAlignmentOut,
    responses=NOT_FOUND,
    summary="A cluster's alignment per goal and strength position",
)
def get_cluster_alignment(
    cluster_id: ClusterId,
    state: StateDep,
    lang: LangDep,
    document: Annotated[
        str | None,
        Query(description="Only the goals of this framework document.", max_length=500),
    ] = None,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
) -> ClusterAlignmentOut:
    """Per goal and strength position: score, level, confidence, and the evidence with its
    sources (assessments first; rule-derived links marked as inferred), as it stood in the
    decision context on its date (``context`` says which)."""
    return cluster_alignment_on(
        state, cluster_id, lang, document=document, context=context, as_of=as_of
    )


@router.get(
    "/{cluster_id:path}",
    response_model=ClusterProfileOut,
    responses=NOT_FOUND,
    summary="One cluster's profile",
)
def get_cluster(cluster_id: ClusterId, state: StateDep, lang: LangDep) -> ClusterProfileOut:
    """Focus areas, offices, dated figures with their sources, a summary of memberships and
    the coverage of each framework document."""
    return cluster_profile(state, cluster_id, lang)
