"""The typed networkx projection and the graph analytics, checked by hand on the fixture.

The analytics subgraph (clusters, goals, strength positions, documents; alignment and
defined-in edges, undirected) of the fixture, with E = fx-energy, D = fx-digital,
F = fx-food, O = fx-orphan, S = fx-strategy, C = fx-chapter, A = fx-agreement, w = fx-wind:

    E - s1, E - w, D - s1, D - s2, D - c2, F - s3          (alignments)
    s1 - S, s2 - S, s3 - S, c1 - C, c2 - C, w - C          (defined in)
    O and A have no edge; 13 nodes in all.
"""

from __future__ import annotations

import networkx as nx
import pytest

from brn_graph.network.analytics import (
    EdgeKind,
    NetworkProjection,
    NodeKind,
    analyse_network,
    project_network,
)
from tests.unit.alignment.fixture import (
    BACKENDS,
    C2,
    CHAPTER,
    DIGITAL,
    ENERGY,
    FOOD,
    S1,
    S2,
    STRATEGY,
    load,
)


def projection(store: str = "oxigraph") -> NetworkProjection:
    loaded = load(store)
    return project_network(loaded.queries, loaded.model, loaded.settings)


@pytest.mark.parametrize("store", BACKENDS)
def test_nodes_and_edges_by_kind(store: str) -> None:
    graph = projection(store).to_networkx(lang="en")
    kinds = dict.fromkeys(NodeKind, 0)
    for _, kind in graph.nodes(data="kind"):
        kinds[NodeKind(kind)] += 1
    # 4 clusters; 3 documents; goals s-1..3, c-1..2; 1 strength position; 3 municipalities;
    # offices: energy 2, digital 2, orphan 1 (the hub's office is not a cluster's);
    # companies: 10000009 and 20000007.
    assert kinds == {
        NodeKind.CLUSTER: 4, NodeKind.DOCUMENT: 3, NodeKind.GOAL: 5,
        NodeKind.STRENGTH_POSITION: 1, NodeKind.MUNICIPALITY: 3, NodeKind.OFFICE: 5,
        NodeKind.COMPANY: 2,
    }  # fmt: skip
    edges = dict.fromkeys(EdgeKind, 0)
    for _, _, kind in graph.edges(data="kind"):
        edges[EdgeKind(kind)] += 1
    # alignments: the 6 scored pairs; defined-in: 6 targets; part-of: chapter -> strategy;
    # has-office 5; located-in: 5 offices + 2 companies; member-of: 10000009 -> energy,
    # 20000007 -> energy and digital.
    assert edges == {
        EdgeKind.ALIGNMENT: 6, EdgeKind.DEFINED_IN: 6, EdgeKind.PART_OF: 1,
        EdgeKind.HAS_OFFICE: 5, EdgeKind.LOCATED_IN: 7, EdgeKind.MEMBER_OF: 3,
    }  # fmt: skip
    assert graph.has_edge(CHAPTER, STRATEGY)
    assert isinstance(graph, nx.DiGraph)


def test_alignment_edges_carry_what_the_view_needs() -> None:
    graph = projection().to_networkx(lang="da")
    stated = graph.edges[ENERGY, S1]
    assert (stated["weight"], stated["level"], stated["confidence"], stated["inferred"]) == (
        1.0,
        "high",
        "stated",
        False,
    )
    assert stated["evidence_en"] == "The energy cluster works on the green transition."
    assert stated["evidence"] == "Energiklyngen arbejder med grøn omstilling."
    assert stated["source_url"] == "https://example.org/fixture/web"
    assert stated["passage"] == "Afsnit 2"
    derived = graph.edges[DIGITAL, S2]
    assert (derived["inferred"], derived["rule"], derived["weight"]) == (
        True,
        "skos-exact-match",
        pytest.approx(0.6),
    )
    node = graph.nodes[S1]
    assert (node["kind"], node["label_da"], node["label_en"], node["notation"]) == (
        "goal",
        "Grøn omstilling",
        "Green transition",
        "1",
    )


def test_network_is_restricted_by_kind() -> None:
    graph = projection().to_networkx(
        lang="en", edge_kinds=[EdgeKind.ALIGNMENT], node_kinds=[NodeKind.CLUSTER, NodeKind.GOAL]
    )
    # Alignments between clusters and goals (not the strength position fx-wind): 5.
    assert graph.number_of_edges() == 5
    assert graph.number_of_nodes() == 4 + 5


@pytest.mark.parametrize("store", BACKENDS)
def test_analytics_by_hand(store: str) -> None:
    loaded = load(store)
    stats = analyse_network(projection(store), loaded.model, lang="en", seed=3)
    # Most served: s-1 by E (1.0) and D (0.6), total 1.6; least served: c-1, by nobody.
    top = stats.most_served[0]
    assert (top.target.id, top.clusters, top.total_weight) == ("fx-s-1", 2, pytest.approx(1.6))
    low = stats.least_served[0]
    assert (low.target.id, low.clusters, low.total_weight) == ("fx-c-1", 0, 0.0)

    bridges = {b.cluster.iri: b for b in stats.bridges}
    # E reaches fx-strategy (s-1) and fx-chapter (wind); D reaches both (s-1, s-2 / c-2).
    assert {d.iri for d in bridges[ENERGY].documents} == {STRATEGY, CHAPTER}
    assert {d.iri for d in bridges[DIGITAL].documents} == {STRATEGY, CHAPTER}
    assert len(bridges[FOOD].documents) == 1
    # Betweenness of E, by hand: E is inner node only on paths s1 - E - w. Pairs (x, y), x on
    # the strategy side, y on the chapter side, with the share of shortest paths through E
    # (the other way round goes x .. D - c2 .. y):
    #   s1: w 1, C 1/2, c1 1/2                          = 2
    #   S:  w 1, C 1/3, c1 1/3  (S reaches D two ways)   = 5/3
    #   s2: w 2/3 (s2-S-s1 and s2-D-s1 via E, s2-D-c2-C-w not)  = 2/3
    #   s3: w 1, C 1/3, c1 1/3                          = 5/3
    #   F:  w 1, C 1/3, c1 1/3                          = 5/3
    #   D:  w 1/2                                       = 1/2
    #   sum 49/6; normalised by (n - 1)(n - 2) / 2 = 12 * 11 / 2 = 66 for n = 13 nodes.
    assert bridges[ENERGY].betweenness == pytest.approx((49 / 6) / 66)
    assert bridges[FOOD].betweenness == 0.0  # a leaf
    assert bridges[DIGITAL].betweenness > 0
    assert not stats.betweenness_sampled

    # Jaccard: E {s1, wind}, D {s1, s2, c2}: 1 shared of 4 = 0.25; F {s3} shares nothing.
    assert [(s.first.id, s.second.id, s.jaccard, s.shared) for s in stats.similarities] == [
        ("fx-digital", "fx-energy", 0.25, ("fx-s-1",))
    ]

    # F and s-3 are cut off from the other alignments: they form a community of their own.
    groups = [({c.iri for c in g.clusters}, {t.iri for t in g.targets}) for g in stats.communities]
    assert ({FOOD}, {f"{S1.rsplit('/', 1)[0]}/fx-s-3"}) in groups
    members = [m for clusters, targets in groups for m in clusters | targets]
    assert len(members) == len(set(members)) == 4 - 1 + 6 - 1  # O and c-1 have no alignment
    assert C2 in members


def test_communities_are_reproducible_with_a_seed() -> None:
    model = load().model
    first = analyse_network(projection(), model, lang="en", seed=5).to_dict()
    second = analyse_network(projection(), model, lang="en", seed=5).to_dict()
    assert first == second
