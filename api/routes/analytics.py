"""``/api/gaps``, ``/api/overlaps``, ``/api/engagement``, ``/api/ranking``, ``/api/explain``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.dependencies import LangDep, StateDep
from api.models import (
    EngagementOut,
    ExplanationOut,
    GapsOut,
    NotFoundOut,
    OverlapsOut,
    RankingOut,
    ValidationErrorOut,
)
from api.views import MAX_SAMPLES, engagement, explanation, gaps, overlaps, ranking

router = APIRouter(prefix="/api", tags=["analytics"])

BAD_INPUT: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Unknown cluster or goal; suggestions listed."},
    422: {"model": ValidationErrorOut, "description": "A parameter is missing or malformed."},
}


@router.get("/gaps", response_model=GapsOut, summary="Goals without (strong) cluster coverage")
def get_gaps(state: StateDep, lang: LangDep) -> GapsOut:
    """Goals and strength positions no cluster is aligned with, or only through weak or
    inferred evidence; and clusters aligned with no goal at all (unanchored)."""
    return gaps(state, lang)


@router.get("/overlaps", response_model=OverlapsOut, summary="Goals served by several clusters")
def get_overlaps(state: StateDep, lang: LangDep) -> OverlapsOut:
    """Goals that two or more clusters serve strongly (score at or above the threshold),
    against the principle of one national cluster per strength area."""
    return overlaps(state, lang)


@router.get("/engagement", response_model=EngagementOut, summary="Engagement in North Jutland")
def get_engagement(state: StateDep, lang: LangDep) -> EngagementOut:
    """Each cluster's engagement in North Jutland, metric by metric (offices, members, SMEs,
    partnerships, merged networks, projects), each with its date, sources and normalised
    value, the weighted score and the completeness of the data behind it."""
    return engagement(state, lang)


@router.get(
    "/ranking",
    response_model=RankingOut,
    responses={422: {"model": ValidationErrorOut, "description": "Bad weights or samples."}},
    summary="Ranking with rank intervals",
)
def get_ranking(
    state: StateDep,
    lang: LangDep,
    weights: Annotated[
        str | None,
        Query(
            description="Criteria weights NAME=VALUE,... over the configured ones: alignment, "
            "alignment:<document>, engagement, evidence.",
            max_length=2000,
            examples=["alignment=0.6,engagement=0.3,evidence=0.1"],
        ),
    ] = None,
    samples: Annotated[
        int | None,
        Query(
            description="Weight vectors drawn for the sensitivity analysis (0 for none).",
            ge=0,
            le=MAX_SAMPLES,
        ),
    ] = None,
) -> RankingOut:
    """Clusters ranked by the weighted sum of their criteria, with the 5-95 % interval of
    their rank when the weights vary (seeded Dirichlet samples around the chosen weights),
    the chance of being in the top k, and conclusions that say what is robust."""
    return ranking(state, lang, weights=weights, samples=samples)


@router.get(
    "/explain", response_model=ExplanationOut, responses=BAD_INPUT, summary="Why this score?"
)
def get_explanation(
    state: StateDep,
    lang: LangDep,
    cluster: Annotated[
        str,
        Query(
            description="Cluster: slug, prefixed name, IRI or label.", min_length=1, max_length=500
        ),
    ],
    goal: Annotated[
        str,
        Query(
            description="Goal or strength position: slug, prefixed name, IRI or label.",
            min_length=1,
            max_length=500,
        ),
    ],
) -> ExplanationOut:
    """The score of one cluster for one goal: the formula with its weights, and every piece of
    evidence (assessments and rule hits) with its sources, the chosen one first."""
    return explanation(state, cluster, goal, lang)
