"""The decision-context fixture (``tests/fixtures/context``) on top of the alignment fixture.

Results are immutable, so datasets and built models are cached per argument.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from brn_graph.config import Settings
from brn_graph.context.view import ContextModel, build_context_model
from brn_graph.query.analytics import GraphQueries
from tests.unit.alignment.fixture import FIXTURE, fixture_settings, graph_queries, iri

CONTEXT_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "context"
ENERGY, DIGITAL, FOOD, ORPHAN = (
    iri("cluster", f"fx-{n}") for n in ("energy", "digital", "food", "orphan")
)
STRATEGY, CHAPTER, CHAPTER_2024, AGREEMENT, PLAN = (
    iri("document", f"fx-{n}") for n in ("strategy", "chapter", "chapter-2024", "agreement", "plan")
)
PLAN_1 = iri("goal", "fx-plan-1")
S3 = iri("goal", "fx-s-3")


def settings(store: str = "oxigraph") -> Settings:
    return fixture_settings(store, data_paths=(FIXTURE / "data", CONTEXT_FIXTURE))


@cache
def queries(store: str = "oxigraph") -> GraphQueries:
    """The analytics' queries on the fixture (one store per backend)."""
    return graph_queries(settings(store))


@cache
def built(
    as_of: date | None = None, *, context: str = "fx-decision", all_clusters: bool = False
) -> ContextModel:
    return build_context_model(
        queries(), settings(), context=context, as_of=as_of, all_clusters=all_clusters
    )
