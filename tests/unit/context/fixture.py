"""The decision-context fixture (``tests/fixtures/context``) on top of the alignment fixture.

Results are immutable, so datasets and built models are cached per argument.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from rdflib import Dataset

from brn_graph.config import Settings
from brn_graph.context.view import ContextModel, build_context_model
from brn_graph.graph.store import open_store
from tests.unit.alignment.fixture import FIXTURE, fixture_settings, iri

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
def dataset(store: str = "oxigraph") -> Dataset:
    return open_store(settings(store)).dataset


@cache
def built(
    as_of: date | None = None, *, context: str = "fx-decision", all_clusters: bool = False
) -> ContextModel:
    return build_context_model(
        dataset(), settings(), context=context, as_of=as_of, all_clusters=all_clusters
    )
