"""The catalogue on Virtuoso Open Source through ``sparql:URL``: the same rows as Oxigraph.

Virtuoso is started on loopback with a private database by :mod:`benchmarks.virtuoso` and
loaded with its bulk loader (the same Turtle files, one named graph each). Every catalogue
query, in both languages, must give the same rows on embedded Oxigraph, on the Oxigraph
server and on Virtuoso. Without ``/usr/bin/virtuoso-t`` the tests are skipped, saying so;
under CI (``CI`` set) they fail instead, since ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from benchmarks import virtuoso
from benchmarks.ingest_generate import member_rows, write_csv
from brn_graph.config import Settings
from brn_graph.graph.terms import QueryResult
from brn_graph.ingest.pipeline import ingest_members
from brn_graph.query.catalog import QueryCatalog, load_catalog
from brn_graph.query.engine import QueryEngine
from tests.integration.test_latest_figures import (
    EXPECTED,
    GENERATED_CLUSTERS,
    data_settings,
    expected_summary,
    run_query,
    summary,
    write_data,
)

pytestmark = [pytest.mark.virtuoso, pytest.mark.server]

Comparable = Callable[[QueryResult], list[tuple[object, ...]]]
MISSING = (
    "Virtuoso is not installed (/usr/bin/virtuoso-t): the Virtuoso comparison did NOT run; "
    "install Debian's virtuoso-opensource to run it"
)


@pytest.fixture(scope="module")
def virtuoso_endpoint(bundled_settings: Settings) -> Iterator[str]:
    if not virtuoso.available():
        if os.environ.get("CI"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    with virtuoso.loaded(bundled_settings, memory_gb=0.5) as (server, _seconds):
        yield server.endpoint


@pytest.fixture(scope="module")
def catalog(bundled_settings: Settings) -> QueryCatalog:
    return load_catalog(bundled_settings.queries_dir)


@pytest.fixture(scope="module")
def engines(
    bundled_settings: Settings, oxigraph_server: str, virtuoso_endpoint: str
) -> Iterator[dict[str, QueryEngine]]:
    embedded = QueryEngine(bundled_settings.with_overrides(store="oxigraph"), workers=1)
    server = QueryEngine(
        bundled_settings.with_overrides(store=f"sparql:{oxigraph_server}", query_timeout=30.0),
        workers=1,
    )
    other = QueryEngine(
        bundled_settings.with_overrides(store=f"sparql:{virtuoso_endpoint}", query_timeout=30.0),
        workers=1,
    )
    with embedded, server, other:
        yield {"oxigraph": embedded, "oxigraph-server": server, "virtuoso": other}


def test_virtuoso_holds_the_named_graphs(engines: dict[str, QueryEngine]) -> None:
    query = "SELECT ?c WHERE { ?c a <https://w3id.org/brn-graph/ontology#Cluster> }"
    local = engines["oxigraph"].run(query)
    remote = engines["virtuoso"].run(query)
    assert len(local.rows) > 5
    assert sorted(r[0].value for r in remote.rows if r[0]) == sorted(
        r[0].value for r in local.rows if r[0]
    )


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_catalogue_query_gives_the_same_rows_on_all_three(
    catalog: QueryCatalog, engines: dict[str, QueryEngine], comparable: Comparable, lang: str
) -> None:
    assert len(list(catalog)) >= 17
    different = []
    for query in catalog:
        bound = query.bind(lang=lang)  # type: ignore[arg-type]
        rows = {
            name: engine.run(bound.checked, bindings=bound.bindings)
            for name, engine in engines.items()
        }
        reference = rows["oxigraph"]
        for name in ("oxigraph-server", "virtuoso"):
            if rows[name].variables != reference.variables or comparable(rows[name]) != comparable(
                reference
            ):
                different.append(f"{query.name} on {name}")
    assert different == []


@pytest.fixture(scope="module")
def latest_figures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, str]]:
    """A second Virtuoso holding only the latest-figures data (and the ontology)."""
    if not virtuoso.available():
        if os.environ.get("CI"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    settings = data_settings(write_data(tmp_path_factory.mktemp("latest-figures")))
    with virtuoso.loaded(settings, memory_gb=0.25) as (server, _seconds):
        yield settings, server.endpoint


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_latest_figure_is_one_row_per_cluster_on_virtuoso(
    latest_figures: tuple[Settings, str], lang: str
) -> None:
    # Regression (issue 15): for the old shape of count_members_per_cluster Virtuoso returned
    # every combination of yearly figures here (10,000 rows instead of 124).
    settings, endpoint = latest_figures
    with QueryEngine(settings.with_overrides(store=f"sparql:{endpoint}"), workers=1) as remote:
        result = run_query(remote, lang)
    assert len(result.rows) == len(EXPECTED) + GENERATED_CLUSTERS
    assert summary(result) == expected_summary()


@pytest.fixture(scope="module")
def member_lists(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, str]]:
    """A third Virtuoso: the bundled data with member lists over time for one cluster."""
    if not virtuoso.available():
        if os.environ.get("CI"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    folder = tmp_path_factory.mktemp("member-lists")
    settings = Settings(imports_dir=folder / "imports")
    old = list(member_rows(120, seed=101))
    new = old[30:] + list(member_rows(20, seed=202))
    # two lists of the same date (the one imported last holds) and one after the default date
    for name, rows, day in (
        ("old", old, "2024-06-01"),
        ("new", new, "2024-09-01"),
        ("fixed", new[:70], "2024-09-01"),
        ("late", new[:50], "2024-10-01"),
    ):
        path = write_csv(folder / f"{name}.csv", rows)
        report = ingest_members(settings, path, cluster="energy-cluster-denmark", as_of=day)
        assert report.status == "committed", report.render("en")
    with virtuoso.loaded(settings, memory_gb=0.25) as (server, _seconds):
        yield settings, server.endpoint


@pytest.mark.parametrize("as_of", ["2024-05-31", "2024-06-01", "2024-09-01", "2024-10-01"])
def test_member_counts_over_time_are_the_same_on_virtuoso(
    member_lists: tuple[Settings, str], comparable: Comparable, as_of: str
) -> None:
    # Regression: Virtuoso 7.2.5 could not compile count_members_per_municipality with member
    # lists over time (SP031); the bundled data has no members in the region, so the
    # catalogue comparison above sees no rows of it.
    settings, endpoint = member_lists
    catalog = load_catalog(settings.queries_dir)
    local = QueryEngine(settings.with_overrides(store="oxigraph"), workers=1)
    remote = QueryEngine(
        settings.with_overrides(store=f"sparql:{endpoint}", query_timeout=30.0), workers=1
    )
    with local, remote:
        for name in ("count_members_per_municipality", "count_members_per_cluster"):
            bound = catalog.get(name).bind({"as_of": as_of}, lang="en")
            expected = local.run(bound.checked, bindings=bound.bindings)
            got = remote.run(bound.checked, bindings=bound.bindings)
            assert got.variables == expected.variables
            assert comparable(got) == comparable(expected), name
            if name == "count_members_per_municipality" and as_of != "2024-05-31":
                assert expected.rows, as_of  # the lists are counted, not only compiled
