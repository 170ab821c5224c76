"""sparql:URL against a real Oxigraph server holding the bundled data: same answers, read-only."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from rdflib import URIRef

from brn_graph.alignment.engagement import compute_engagement
from brn_graph.alignment.scores import build_alignment_model
from brn_graph.config import Settings
from brn_graph.errors import QueryRefusedError, QueryTimeoutError
from brn_graph.graph.store import open_store
from brn_graph.graph.terms import QueryResult, Term
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import QueryCatalog, load_catalog
from brn_graph.query.engine import QueryEngine

pytestmark = pytest.mark.server

ECD = "https://w3id.org/brn-graph/id/cluster/energy-cluster-denmark"
CLUSTERS_GRAPH = "https://w3id.org/brn-graph/graph/data/clusters"
Comparable = Callable[[QueryResult], list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def remote_settings(bundled_settings: Settings, oxigraph_server: str) -> Settings:
    return bundled_settings.with_overrides(store=f"sparql:{oxigraph_server}", query_timeout=10.0)


@pytest.fixture(scope="module")
def engines(
    bundled_settings: Settings, remote_settings: Settings
) -> Iterator[dict[str, QueryEngine]]:
    remote = QueryEngine(remote_settings, workers=2)
    local = QueryEngine(bundled_settings.with_overrides(store="oxigraph"), workers=1)
    with remote, local:
        yield {"sparql": remote, "oxigraph": local}


@pytest.fixture(scope="module")
def catalog(bundled_settings: Settings) -> QueryCatalog:
    return load_catalog(bundled_settings.queries_dir)


def test_the_remote_dataset_answers_and_lists_the_named_graphs(remote_settings: Settings) -> None:
    opened = open_store(remote_settings)
    assert opened.kind == "sparql"
    assert URIRef(CLUSTERS_GRAPH) in opened.graph_iris
    rows = list(
        opened.dataset.query(
            "PREFIX brn: <https://w3id.org/brn-graph/ontology#> "
            "SELECT ?c WHERE { ?c a brn:Cluster }"
        )
    )
    assert URIRef(ECD) in {row[0] for row in rows}  # type: ignore[index]


def test_the_remote_dataset_is_read_only(remote_settings: Settings) -> None:
    opened = open_store(remote_settings)
    with pytest.raises(TypeError, match="read only"):
        opened.dataset.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_catalogue_query_gives_the_same_rows_remotely(
    catalog: QueryCatalog, engines: dict[str, QueryEngine], comparable: Comparable, lang: str
) -> None:
    for query in catalog:
        bound = query.bind(lang=lang)  # type: ignore[arg-type]
        remote = engines["sparql"].run(bound.checked, bindings=bound.bindings)
        local = engines["oxigraph"].run(bound.checked, bindings=bound.bindings)
        assert remote.variables == local.variables, query.name
        assert comparable(remote) == comparable(local), query.name
        assert remote.store.startswith("sparql:")


def test_other_parameter_values_too(
    catalog: QueryCatalog, engines: dict[str, QueryEngine], comparable: Comparable
) -> None:
    cases = [
        ("get_cluster_profile", {"cluster": "cluster:food-bio-cluster-denmark"}),
        ("find_goal_alignments", {"target": "sp:deb-2020-maritime-logistics"}),
        ("search_labels", {"text": 'aal" } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } #'}),
        ("search_labels", {"text": "Nordjylland"}),
    ]
    for name, values in cases:
        bound = catalog.bind(name, values, lang="en")
        remote = engines["sparql"].run(bound.checked, bindings=bound.bindings)
        local = engines["oxigraph"].run(bound.checked, bindings=bound.bindings)
        assert comparable(remote) == comparable(local), name


def test_from_a_local_graph_means_the_same_remotely(engines: dict[str, QueryEngine]) -> None:
    query = (
        "PREFIX brn: <https://w3id.org/brn-graph/ontology#> "
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) FROM <{CLUSTERS_GRAPH}> WHERE {{ ?c a brn:Cluster }}"
    )
    remote = engines["sparql"].run(query)
    local = engines["oxigraph"].run(query)
    assert remote.rows == local.rows
    everything = engines["sparql"].run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    in_file = engines["sparql"].run(
        f"SELECT (COUNT(*) AS ?n) FROM <{CLUSTERS_GRAPH}> WHERE {{ ?s ?p ?o }}"
    )
    assert in_file.rows != everything.rows


def test_remote_refusals_happen_before_the_request(engines: dict[str, QueryEngine]) -> None:
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        engines["sparql"].run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(QueryRefusedError, match="FROM"):
        engines["sparql"].run("SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }")


def test_a_slow_remote_query_is_cut_off(engines: dict[str, QueryEngine]) -> None:
    with pytest.raises(QueryTimeoutError):
        engines["sparql"].run(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
            timeout=1,
        )
    assert engines["sparql"].run("ASK { ?s ?p ?o }").boolean is True


def test_construct_remotely(engines: dict[str, QueryEngine]) -> None:
    query = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f"CONSTRUCT {{ <{ECD}> skos:prefLabel ?l }} WHERE {{ <{ECD}> skos:prefLabel ?l }}"
    )
    remote = engines["sparql"].run(query)
    local = engines["oxigraph"].run(query)
    assert set(remote.triples) == set(local.triples)
    assert Term.literal("Energy Cluster Denmark", lang="en") in {t.object for t in remote.triples}


def test_the_analytics_read_the_same_model_remotely(
    catalog: QueryCatalog, bundled_settings: Settings, remote_settings: Settings
) -> None:
    # LocalEngine on sparql:URL: the analytics' queries go to the endpoint, bindings as VALUES
    models = {
        name: build_alignment_model(GraphQueries.local(open_store(settings), catalog), settings)
        for name, settings in (("local", bundled_settings), ("remote", remote_settings))
    }
    remote, local = models["remote"], models["local"]
    assert remote.scores
    assert {p: s.score for p, s in remote.scores.items()} == {
        p: s.score for p, s in local.scores.items()
    }
    engagement = compute_engagement(
        GraphQueries.local(open_store(remote_settings), catalog), remote, remote_settings
    )
    by_cluster = engagement.by_cluster(ECD)
    assert by_cluster is not None
    assert (
        by_cluster.to_dict()
        == compute_engagement(
            GraphQueries.local(open_store(bundled_settings), catalog), local, bundled_settings
        )
        .by_cluster(ECD)
        .to_dict()
    )  # type: ignore[union-attr]
