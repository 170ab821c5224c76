"""Weighted ranking and its sensitivity, against values worked out by hand from the fixture.

Criteria per cluster (hand-worked in test_alignment.py and test_engagement.py):

               alignment:fx-strategy  alignment:fx-chapter  engagement        evidence
  fx-energy    1/3                    0.2                   0.90              1.6/6
  fx-digital   0.4                    0.03                  e_D (see below)   1.9/6
  fx-food      0.12                   0                     0.10              0.6/6
  fx-orphan    0                      0                     0                 0  (no evidence)

Evidence is the mean over the six goals of the best confidence weight of each pair (test_scores).

  e_D = 0.25 * log 2 / log 3 + 0.05 * log 101 / log 501

fx-energy and fx-digital both beat fx-food on every criterion, so fx-food is third under any
positive weights; fx-orphan has no alignment evidence and is always last.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from brn_graph.alignment.engagement import compute_engagement
from brn_graph.alignment.ranking import (
    ClusterRank,
    Ranking,
    _ranks,
    rank_clusters,
    rank_with_settings,
    resolve_criteria,
)
from brn_graph.alignment.scores import build_alignment_model
from brn_graph.errors import ParameterError
from tests.unit.alignment.fixture import FIXTURE, fixture_settings, graph_queries, load

E_DIGITAL = 0.25 * math.log(2) / math.log(3) + 0.05 * math.log(101) / math.log(501)


def ranking(
    weights: dict[str, float], *, samples: int = 1000, seed: int = 7, top_k: int = 3
) -> Ranking:
    loaded = load()
    engagement = compute_engagement(loaded.queries, loaded.model, loaded.settings, lang="en")
    return rank_clusters(
        loaded.model,
        engagement,
        weights=weights,
        samples=samples,
        seed=seed,
        concentration=50.0,
        top_k=top_k,
        lang="en",
    )


def by_id(result: Ranking) -> dict[str, ClusterRank]:
    return {c.cluster.id: c for c in result.clusters}


def test_default_weights_rank_by_hand() -> None:
    loaded = load()
    engagement = compute_engagement(loaded.queries, loaded.model, loaded.settings, lang="en")
    result = rank_with_settings(loaded.model, engagement, loaded.settings, lang="en")
    # alignment 0.5 is shared by the two documents (0.25 each), engagement 0.3, evidence 0.2.
    assert {c.name: round(c.weight, 6) for c in result.criteria} == {
        "alignment:fx-chapter": 0.25,
        "alignment:fx-strategy": 0.25,
        "engagement": 0.3,
        "evidence": 0.2,
    }
    energy = 0.25 * (1 / 3) + 0.25 * 0.2 + 0.3 * 0.90 + 0.2 * (1.6 / 6)  # = 0.4567
    digital = 0.25 * 0.4 + 0.25 * 0.03 + 0.3 * E_DIGITAL + 0.2 * (1.9 / 6)  # = 0.2293
    food = 0.25 * 0.12 + 0.3 * 0.10 + 0.2 * (0.6 / 6)  # = 0.08
    assert [(c.cluster.id, c.rank) for c in result.clusters] == [
        ("fx-energy", 1),
        ("fx-digital", 2),
        ("fx-food", 3),
        ("fx-orphan", 4),
    ]
    scores = [c.score for c in result.clusters]
    assert scores == pytest.approx([energy, digital, food, 0.0])
    orphan = result.clusters[-1]
    assert not orphan.has_evidence
    assert orphan.note is not None
    assert "ranked last" in orphan.note


def test_a_cluster_without_evidence_is_last_whatever_its_engagement() -> None:
    # Only the chapter counts: fx-food (0) and fx-orphan (0) tie on the total, but fx-food
    # has alignment evidence and fx-orphan has none.
    result = ranking({"alignment:fx-chapter": 1.0}, samples=0)
    assert [(c.cluster.id, c.score, c.rank) for c in result.clusters][-2:] == [
        ("fx-food", 0.0, 3),
        ("fx-orphan", 0.0, 4),
    ]


def test_the_alignment_budget_is_shared_by_documents_without_their_own_weight() -> None:
    model = load().model
    criteria = resolve_criteria(
        model, {"alignment": 0.6, "alignment:fx-strategy": 0.2, "engagement": 0.2}, lang="en"
    )
    # fx-chapter takes the whole budget 0.6; evidence is not named, so 0. Sum 1.0.
    assert {c.name: round(c.weight, 6) for c in criteria} == {
        "alignment:fx-chapter": 0.6,
        "alignment:fx-strategy": 0.2,
        "engagement": 0.2,
        "evidence": 0.0,
    }


def test_command_line_weights_replace_the_settings_exactly() -> None:
    loaded = load()
    engagement = compute_engagement(loaded.queries, loaded.model, loaded.settings, lang="en")
    result = rank_with_settings(
        loaded.model,
        engagement,
        loaded.settings,
        weights={"alignment": 0.5, "engagement": 0.5},
        samples=0,
    )
    # exactly what is named: alignment 0.5 split over the two documents, engagement 0.5, and
    # evidence (not named) 0, not the settings' 0.2; nothing rescaled.
    assert {c.name: round(c.weight, 6) for c in result.criteria} == {
        "alignment:fx-chapter": 0.25,
        "alignment:fx-strategy": 0.25,
        "engagement": 0.5,
        "evidence": 0.0,
    }
    assert sum(c.weight for c in result.criteria) == pytest.approx(1.0)


def test_weights_that_do_not_sum_to_one_are_refused_not_rescaled() -> None:
    loaded = load()
    engagement = compute_engagement(loaded.queries, loaded.model, loaded.settings, lang="en")
    with pytest.raises(ParameterError, match=r"sum to 0\.8, not 1"):
        rank_with_settings(
            loaded.model, engagement, loaded.settings, weights={"evidence": 0.8}, samples=0
        )


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"engagment": 1.0}, "did you mean 'engagement'"),
        ({"alignment:no-such-document": 1.0}, "unknown document"),
        ({"alignment": 0.0, "engagement": 0.0, "evidence": 0.0}, "sum to 0, not 1"),
        ({"evidence": -1.0}, "negative"),
    ],
)
def test_bad_weights_are_parameter_errors(weights: dict[str, float], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        ranking(weights, samples=0)


def test_dominated_and_evidence_less_clusters_are_robust() -> None:
    result = ranking({"alignment": 0.5, "engagement": 0.3, "evidence": 0.2})
    clusters = by_id(result)
    food, orphan = clusters["fx-food"], clusters["fx-orphan"]
    # fx-food is beaten on every criterion by fx-energy and fx-digital and beats fx-orphan,
    # which is forced last: rank 3 in every sample.
    assert (food.rank_min, food.rank_max, food.rank_interval) == (3, 3, (3, 3))
    assert food.top_k_probability == 1.0
    assert (orphan.rank_min, orphan.rank_max, orphan.top_k_probability) == (4, 4, 0.0)
    assert food.robust
    assert orphan.robust


def test_a_close_call_is_reported_as_hinging_on_the_weights() -> None:
    weights = {"alignment:fx-strategy": 0.72, "alignment:fx-chapter": 0.28}
    result = ranking(weights, top_k=1)
    # energy  = 0.72 * 1/3 + 0.28 * 0.2  = 0.296
    # digital = 0.72 * 0.4 + 0.28 * 0.03 = 0.2964
    first, second = result.clusters[:2]
    assert (first.cluster.id, first.score) == ("fx-digital", pytest.approx(0.2964, abs=1e-6))
    assert (second.cluster.id, second.score) == ("fx-energy", pytest.approx(0.296, abs=1e-6))
    for close in (first, second):
        assert 0.05 < close.top_k_probability < 0.95
        assert not close.robust
        assert close.rank_interval == (1, 2)
        assert "hinges on the weights" in close.verdict
    assert first.top_k_probability + second.top_k_probability == pytest.approx(1.0)
    pair = result.pairs[0]
    assert (pair.higher.id, pair.lower.id, pair.robust) == ("fx-digital", "fx-energy", False)
    assert any("hinges on the weights" in line for line in result.conclusions)
    assert "No alignment evidence, ranked last: Fixture Tourism Cluster." in result.conclusions


def test_sensitivity_is_reproducible_with_a_seed() -> None:
    weights = {"alignment:fx-strategy": 0.72, "alignment:fx-chapter": 0.28}
    assert ranking(weights, seed=11).to_dict() == ranking(weights, seed=11).to_dict()


def test_no_samples_means_no_sensitivity() -> None:
    result = ranking({"alignment": 1.0}, samples=0)
    # alignment only, 0.5 per document: energy 0.5/3 + 0.1 = 0.2667, digital 0.2 + 0.015 =
    # 0.215, food 0.06, orphan 0.
    assert [round(c.score, 4) for c in result.clusters] == [0.2667, 0.215, 0.06, 0.0]
    assert all(c.rank_interval == (c.rank, c.rank) for c in result.clusters)
    assert result.conclusions[0] == "No sensitivity analysis (0 samples)."


def test_json_of_a_ranking_has_what_the_api_promises() -> None:
    entry = ranking({"alignment": 1.0}, samples=10).to_dict()["clusters"][0]
    assert {"id", "label", "score", "rank", "rank_interval", "top_k_probability"} <= set(entry)


def test_competition_ranks_share_places() -> None:
    assert _ranks(np.array([0.5, 0.7, 0.5, 0.1])).tolist() == [2, 1, 2, 4]


def test_a_document_without_goals_is_no_criterion() -> None:
    with pytest.raises(ParameterError, match="not a framework counted here"):
        ranking({"alignment:fx-agreement": 1.0}, samples=0)


def test_a_dissolved_cluster_is_left_out_and_listed() -> None:
    settings = fixture_settings(data_paths=(FIXTURE / "data", FIXTURE / "extra"))
    queries = graph_queries(settings)
    model = build_alignment_model(queries, settings)
    engagement = compute_engagement(queries, model, settings, lang="en")
    result = rank_with_settings(model, engagement, settings, samples=0, lang="en")
    assert [c.cluster.id for c in result.clusters] == [
        "fx-energy",
        "fx-digital",
        "fx-food",
        "fx-orphan",
    ]
    assert [(e.cluster.id, e.dissolved) for e in result.excluded] == [("fx-old", "2022-03")]
    assert result.conclusions[-1] == (
        "Left out, no longer exists: Fixture Dissolved Cluster (2022-03)."
    )
    everything = rank_with_settings(
        model, engagement, settings, samples=0, lang="en", include_dissolved=True
    )
    assert "fx-old" in {c.cluster.id for c in everything.clusters}
    assert everything.excluded == ()
