"""``/api/goals`` and ``/api/strengths``: goals, strength positions, the clusters serving them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.dependencies import LangDep, StateDep
from api.models import GoalClustersOut, GoalDetailOut, GoalOut, NotFoundOut, ValidationErrorOut
from api.views import goal_clusters, goal_detail, strength_positions

router = APIRouter(prefix="/api", tags=["documents and goals"])

GoalId = Annotated[
    str,
    Path(
        description="Slug, prefixed name (goal:... or sp:...), IRI or label of a goal or "
        "strength position.",
        min_length=1,
        max_length=500,
    ),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Unknown goal; suggestions listed."},
    422: {"model": ValidationErrorOut, "description": "A parameter is malformed."},
}


@router.get(
    "/goals/{goal_id:path}/clusters",
    response_model=GoalClustersOut,
    responses=NOT_FOUND,
    summary="Clusters aligned with a goal",
)
def get_goal_clusters(goal_id: GoalId, state: StateDep, lang: LangDep) -> GoalClustersOut:
    """Every cluster with a score for the goal, strongest first, saying whether any of its
    evidence is stated (not only inferred or weak)."""
    return goal_clusters(state, goal_id, lang)


@router.get(
    "/goals/{goal_id:path}", response_model=GoalDetailOut, responses=NOT_FOUND, summary="One goal"
)
def get_goal(goal_id: GoalId, state: StateDep, lang: LangDep) -> GoalDetailOut:
    """A goal or strength position: its document, themes, sources and the clusters aligned
    with it."""
    return goal_detail(state, goal_id, lang)


@router.get("/strengths", response_model=list[GoalOut], summary="Strength positions")
def list_strengths(state: StateDep, lang: LangDep) -> list[GoalOut]:
    """The national strength positions (styrkepositioner) with their themes and sources."""
    return strength_positions(state, lang)
