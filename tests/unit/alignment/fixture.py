"""The hand-built alignment fixture (``tests/fixtures/alignment``), loaded once per backend.

Shared by ``test_alignment``, ``test_engagement``, ``test_ranking`` and ``test_network``. The
fixture has its own theme scheme (``ontology/themes.ttl`` there), so the hand-worked values do
not move when the project's theme scheme changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from brn_graph.alignment.scores import AlignmentModel, build_alignment_model
from brn_graph.config import Settings
from brn_graph.graph.store import open_store
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import QueryCatalog, load_catalog

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "alignment"
ID = "https://w3id.org/brn-graph/id/"
BACKENDS = ("memory", "oxigraph")


def iri(kind: str, slug: str) -> str:
    """``iri("cluster", "fx-energy")`` -> the full IRI of the fixture resource."""
    return f"{ID}{kind}/{slug}"


# The fixture's resources by short name (see the header of data/graph.ttl).
ENERGY = iri("cluster", "fx-energy")
DIGITAL = iri("cluster", "fx-digital")
FOOD = iri("cluster", "fx-food")
ORPHAN = iri("cluster", "fx-orphan")
STRATEGY = iri("document", "fx-strategy")
CHAPTER = iri("document", "fx-chapter")
S1, S2, S3 = (iri("goal", f"fx-s-{n}") for n in (1, 2, 3))
C1, C2 = (iri("goal", f"fx-c-{n}") for n in (1, 2))
WIND = iri("strength", "fx-wind")


@dataclass(frozen=True)
class Loaded:
    settings: Settings
    queries: GraphQueries
    model: AlignmentModel


def fixture_settings(store: str = "oxigraph", **changes: object) -> Settings:
    return Settings(
        data_paths=(FIXTURE / "data",),
        ontology_dir=FIXTURE / "ontology",
        store=store,
        lang="en",
    ).with_overrides(**changes)


@cache
def load(store: str = "oxigraph") -> Loaded:
    """The fixture on one backend, with the default weights (cached: results are immutable)."""
    settings = fixture_settings(store)
    queries = graph_queries(settings)
    return Loaded(settings, queries, build_alignment_model(queries, settings))


@cache
def catalog(folder: Path) -> QueryCatalog:
    """The query library of ``folder``, read once per test run (checked on first use)."""
    return load_catalog(folder, check=False)


def graph_queries(settings: Settings) -> GraphQueries:
    """The analytics' queries on a new store opened with ``settings``."""
    return GraphQueries.local(open_store(settings), catalog(settings.queries_dir))
