"""``/api/gaps``, ``/api/overlaps``, ``/api/engagement``, ``/api/ranking``, ``/api/explain``,
``/api/completeness``, ``/api/ranking/compare``.

Every route takes ``context`` (a decision context; default: the 2024 cluster decision) and
``as_of`` (a date; default: the context's date) and says in ``context`` which it used.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from api.context_views import (
    completeness,
    engagement,
    explanation,
    gaps,
    overlaps,
    ranking,
    ranking_comparison,
)
from api.dependencies import AsOfQuery, ContextQuery, LangDep, StateDep
from api.models import (
    CompletenessOut,
    EngagementOut,
    ExplanationOut,
    GapsOut,
    NotFoundOut,
    OverlapsOut,
    RankingComparisonOut,
    RankingOut,
    ValidationErrorOut,
)
from api.tabular import (
    ENGAGEMENT_COLUMNS,
    GAP_COLUMNS,
    RANKING_COLUMNS,
    TABLE_RESPONSES,
    engagement_rows,
    gap_rows,
    json_or_table,
    ranking_rows,
)
from api.views import MAX_SAMPLES
from brn_graph.alignment.gaps import GapKind

router = APIRouter(prefix="/api", tags=["analytics"])

BAD_INPUT: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Unknown cluster or goal; suggestions listed."},
    422: {"model": ValidationErrorOut, "description": "A parameter is missing or malformed."},
}
BAD_CONTEXT: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Unknown decision context."},
    422: {"model": ValidationErrorOut, "description": "A malformed date or parameter."},
}

AllClustersQuery = Annotated[
    bool, Query(description="All existing clusters, not only the context's long list.")
]
WeightsQuery = Annotated[
    str | None,
    Query(
        description="Criteria weights NAME=VALUE,... summing to 1 (unnamed criteria weigh 0): "
        "alignment, alignment:<document>, engagement, evidence. Default: the configured ones.",
        max_length=2000,
        examples=["alignment=0.6,engagement=0.3,evidence=0.1"],
    ),
]
SamplesQuery = Annotated[
    int | None,
    Query(
        description="Weight vectors drawn for the sensitivity analysis (0 for none).",
        ge=0,
        le=MAX_SAMPLES,
    ),
]


@router.get(
    "/gaps",
    response_class=JSONResponse,
    response_model=GapsOut,
    responses={**BAD_CONTEXT, **TABLE_RESPONSES},
    summary="Goals without (strong) cluster coverage",
)
def get_gaps(
    request: Request,
    state: StateDep,
    lang: LangDep,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
    kind: Annotated[GapKind | None, Query(description="Only gaps of this kind.")] = None,
    all_clusters: AllClustersQuery = False,
) -> GapsOut | Response:
    """Goals of the context's frameworks outside every cluster's remit, with no cluster of the
    long list aligned, or only through inferred or weak evidence; and clusters aligned with no
    goal at all (unanchored)."""
    result = gaps(state, lang, context=context, as_of=as_of, kind=kind, all_clusters=all_clusters)
    return json_or_table(
        request,
        result,
        name="gaps",
        title="brief.sheet.gaps",
        columns=GAP_COLUMNS,
        flatten=gap_rows,
        lang=lang,
    )


@router.get(
    "/overlaps",
    response_model=OverlapsOut,
    responses=BAD_CONTEXT,
    summary="Goals served by several clusters",
)
def get_overlaps(
    state: StateDep, lang: LangDep, context: ContextQuery = None, as_of: AsOfQuery = None
) -> OverlapsOut:
    """Goals that two or more clusters serve strongly (score at or above the threshold),
    against the principle of one national cluster per strength area."""
    return overlaps(state, lang, context=context, as_of=as_of)


@router.get(
    "/completeness",
    response_model=CompletenessOut,
    responses=BAD_CONTEXT,
    summary="Share of assessed (cluster, goal) pairs",
)
def get_completeness(
    state: StateDep,
    lang: LangDep,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
    all_clusters: AllClustersQuery = False,
) -> CompletenessOut:
    """How many (long-list cluster x goal of the context's frameworks) pairs have an explicit
    assessment (``none`` included) on the date, and which are missing."""
    return completeness(state, lang, context=context, as_of=as_of, all_clusters=all_clusters)


@router.get(
    "/engagement",
    response_class=JSONResponse,
    response_model=EngagementOut,
    responses={**BAD_CONTEXT, **TABLE_RESPONSES},
    summary="Engagement in North Jutland",
)
def get_engagement(
    request: Request,
    state: StateDep,
    lang: LangDep,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
    all_clusters: AllClustersQuery = False,
) -> EngagementOut | Response:
    """Each cluster's engagement in North Jutland, metric by metric (offices, members, SMEs,
    partnerships, merged networks, projects), each with its scope, date, sources and
    normalised value, the weighted score and the completeness of the data behind it."""
    result = engagement(state, lang, context=context, as_of=as_of, all_clusters=all_clusters)
    return json_or_table(
        request,
        result,
        name="engagement",
        title="brief.sheet.engagement",
        columns=ENGAGEMENT_COLUMNS,
        flatten=engagement_rows,
        lang=lang,
    )


@router.get(
    "/ranking",
    response_class=JSONResponse,
    response_model=RankingOut,
    responses={**BAD_CONTEXT, **TABLE_RESPONSES},
    summary="Ranking with rank intervals",
)
def get_ranking(
    request: Request,
    state: StateDep,
    lang: LangDep,
    weights: WeightsQuery = None,
    samples: SamplesQuery = None,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
    all_clusters: AllClustersQuery = False,
) -> RankingOut | Response:
    """The context's long list ranked by the weighted sum of their criteria, with the 5-95 %
    interval of their rank when the weights vary (seeded Dirichlet samples around the chosen
    weights), the chance of being in the top k, and conclusions that say what is robust."""
    result = ranking(
        state,
        lang,
        weights=weights,
        samples=samples,
        context=context,
        as_of=as_of,
        all_clusters=all_clusters,
    )
    return json_or_table(
        request,
        result,
        name="ranking",
        title="brief.sheet.ranking",
        columns=RANKING_COLUMNS,
        flatten=ranking_rows,
        lang=lang,
    )


@router.get(
    "/ranking/compare",
    response_model=RankingComparisonOut,
    responses=BAD_CONTEXT,
    summary="Ranking on two dates or in two contexts",
)
def get_ranking_comparison(
    state: StateDep,
    lang: LangDep,
    compare_to: Annotated[
        str | None,
        Query(description="The other date (YYYY-MM-DD).", max_length=10, examples=["2021-06-01"]),
    ] = None,
    compare_context: Annotated[
        str | None, Query(description="The other context (default: the same).", max_length=500)
    ] = None,
    weights: WeightsQuery = None,
    samples: SamplesQuery = None,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
    all_clusters: AllClustersQuery = False,
) -> RankingComparisonOut:
    """Each cluster's rank and score on ``as_of`` and on ``compare_to``, and what changed:
    documents entering or leaving force, assessments counted on one date and not the other."""
    return ranking_comparison(
        state,
        lang,
        compare_to=compare_to,
        compare_context=compare_context,
        weights=weights,
        samples=samples,
        context=context,
        as_of=as_of,
        all_clusters=all_clusters,
    )


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
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
) -> ExplanationOut:
    """The score of one cluster for one goal on the date: the formula with its weights, and
    every piece of evidence counted then (assessments and rule hits) with its sources, the
    chosen one first."""
    return explanation(state, cluster, goal, lang, context=context, as_of=as_of)
