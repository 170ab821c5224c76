"""query.analytics: the analytics ask the parsed library, never the disk, through one engine API."""

from __future__ import annotations

import builtins
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from brn_graph.alignment.engagement import compute_engagement
from brn_graph.alignment.scores import build_alignment_model
from brn_graph.config import PROJECT_ROOT
from brn_graph.errors import NotFoundError, StoreError
from brn_graph.graph.store import open_store
from brn_graph.graph.terms import QueryResult, Term
from brn_graph.network.analytics import project_network
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import load_catalog
from brn_graph.query.check import CheckedQuery
from tests.unit.alignment.fixture import ENERGY, fixture_settings, load


def test_the_analytics_read_no_query_file_after_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "queries"
    shutil.copytree(PROJECT_ROOT / "queries", folder)
    settings = fixture_settings("oxigraph", queries_dir=folder)
    store = open_store(settings)
    queries = GraphQueries.local(store, load_catalog(folder, check=False))
    reference = load("oxigraph").model  # the same fixture, read the usual way

    # start-up is over: the folder is gone, and any attempt to open a .rq file fails loudly
    shutil.rmtree(folder)
    real_open = builtins.open
    opened: list[str] = []

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith(".rq"):
            opened.append(str(file))
            raise AssertionError(f"read {file} after start-up")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)

    model = build_alignment_model(queries, settings)
    engagement = compute_engagement(queries, model, settings, lang="en")
    projection = project_network(queries, model, settings)
    assert opened == []
    assert model.scores.keys() == reference.scores.keys()
    assert engagement.by_cluster(ENERGY) is not None
    assert {n.iri for n in projection.nodes} >= {c.iri for c in model.data.clusters}


def test_rows_are_the_catalogue_rows() -> None:
    queries = load("memory").queries
    rows = queries.select("alignment/list_focus_areas")
    assert rows
    assert all(isinstance(v, Term) for row in rows for v in row.values())
    region = Term.iri("https://w3id.org/brn-graph/id/region/nordjylland")
    bound = queries.select("alignment/list_region_municipalities", region=region)
    assert {r["region"] for r in bound} <= {region}


def test_unknown_queries_and_cut_results_are_errors() -> None:
    queries = load("memory").queries
    with pytest.raises(NotFoundError, match="list_focus_area"):
        queries.select("alignment/list_focus_area")

    class Capped:
        def run(self, query: str | CheckedQuery, *, bindings: Any = None) -> QueryResult:
            return QueryResult(
                form="SELECT", variables=("x",), rows=((None,),), truncated=True, cap=1
            )

    capped = GraphQueries(queries.catalog, Capped())
    with pytest.raises(StoreError, match="first 1 rows"):
        capped.select("alignment/list_focus_areas")
