"""Alignment scores, inferred alignments, document view, explain, gaps and overlaps.

Every expected number is worked out by hand from ``tests/fixtures/alignment/data/graph.ttl``
with the default weights (``Settings.alignment_weights``):

    level       high 1.0   medium 0.6   low 0.3
    confidence  stated 1.0 inferred 0.6 weak 0.3        s(a) = w_level * w_confidence

Assessments in the fixture:
    fx-energy  -> fx-s-1   high   stated   s = 1.0 * 1.0 = 1.0
    fx-energy  -> fx-wind  medium stated   s = 0.6 * 1.0 = 0.6
    fx-digital -> fx-s-1   medium stated   s = 0.6 * 1.0 = 0.6
    fx-digital -> fx-c-2   low    weak     s = 0.3 * 0.3 = 0.09
Rule hits (confidence inferred):
    same-theme (energy = energy)            fx-energy  -> fx-s-1  high   (superseded)
    skos-broader-focus-broader (wind < energy) fx-energy -> fx-wind low  (superseded)
    skos-exact-match (ict = digital)        fx-digital -> fx-s-2  high   s = 1.0 * 0.6 = 0.6
    skos-close-match (bio ~ food)           fx-food    -> fx-s-3  medium s = 0.6 * 0.6 = 0.36
"""

from __future__ import annotations

import pytest

from brn_graph.alignment.data import Origin
from brn_graph.alignment.explain import explain_alignment
from brn_graph.alignment.gaps import GapKind, analyse_gaps
from brn_graph.alignment.scores import (
    AlignmentWeights,
    build_alignment_model,
    compute_cluster_alignment,
    compute_document_matrix,
    compute_document_view,
    compute_evidence_quality,
    score_alignments,
)
from brn_graph.errors import ConfigError, NotFoundError
from brn_graph.graph.store import open_store
from brn_graph.query.analytics import GraphQueries
from tests.unit.alignment.fixture import (
    BACKENDS,
    C1,
    C2,
    CHAPTER,
    DIGITAL,
    ENERGY,
    FIXTURE,
    FOOD,
    ORPHAN,
    S1,
    S2,
    S3,
    STRATEGY,
    WIND,
    catalog,
    fixture_settings,
    graph_queries,
    load,
)


@pytest.mark.parametrize("store", BACKENDS)
def test_scores_match_the_hand_calculation(store: str) -> None:
    model = load(store).model
    expected = {
        (ENERGY, S1): 1.0,
        (ENERGY, WIND): 0.6,
        (DIGITAL, S1): 0.6,
        (DIGITAL, C2): 0.09,
        (DIGITAL, S2): 0.6,  # rule skos-exact-match, high x inferred
        (FOOD, S3): 0.36,  # rule skos-close-match, medium x inferred
    }
    assert {pair: round(s.score, 6) for pair, s in model.scores.items()} == expected
    assert model.score(ORPHAN, S1) == 0.0


@pytest.mark.parametrize("store", BACKENDS)
def test_rule_hits_are_inferred_name_their_rule_and_never_override_assessments(
    store: str,
) -> None:
    model = load(store).model
    derived = model.scores[(DIGITAL, S2)]
    assert (derived.origin, derived.rule, derived.level, derived.confidence) == (
        Origin.RULE,
        "skos-exact-match",
        "high",
        "inferred",
    )
    assert model.scores[(FOOD, S3)].rule == "skos-close-match"
    # The same-theme hit (high, inferred: 0.6) and the broader hit (low, inferred: 0.18)
    # exist, but the assessments of those pairs stand.
    superseded = {(r.cluster, r.target, r.rule.rule) for r in model.data.superseded if r.rule}
    assert superseded == {
        (ENERGY, S1, "same-theme"),
        (ENERGY, WIND, "skos-broader-focus-broader"),
    }
    assert model.scores[(ENERGY, S1)].origin is Origin.ASSESSED
    assert model.scores[(ENERGY, WIND)].level == "medium"


@pytest.mark.parametrize("store", BACKENDS)
def test_document_view_coverage_and_mean_score(store: str) -> None:
    model = load(store).model
    view = {
        (v.cluster.id, v.document.id): (
            v.served,
            v.goals,
            round(v.coverage, 4),
            round(v.mean_score, 4),
        )
        for v in compute_document_view(model, lang="en")
    }
    # fx-strategy has goals s-1, s-2, s-3; fx-chapter has c-1, c-2 and the strength position
    # fx-wind; fx-agreement has no goals and is left out.
    assert view == {
        # fx-energy: serves s-1 (1.0)             -> 1/3, (1.0 + 0 + 0) / 3
        ("fx-energy", "fx-strategy"): (1, 3, 0.3333, 0.3333),
        # fx-energy: serves fx-wind (0.6)         -> 1/3, 0.6 / 3 = 0.2
        ("fx-energy", "fx-chapter"): (1, 3, 0.3333, 0.2),
        # fx-digital: s-1 (0.6) and s-2 (0.6)     -> 2/3, 1.2 / 3 = 0.4
        ("fx-digital", "fx-strategy"): (2, 3, 0.6667, 0.4),
        # fx-digital: c-2 (0.09)                  -> 1/3, 0.09 / 3 = 0.03
        ("fx-digital", "fx-chapter"): (1, 3, 0.3333, 0.03),
        # fx-food: s-3 (0.36)                     -> 1/3, 0.36 / 3 = 0.12
        ("fx-food", "fx-strategy"): (1, 3, 0.3333, 0.12),
        ("fx-food", "fx-chapter"): (0, 3, 0.0, 0.0),
        ("fx-orphan", "fx-strategy"): (0, 3, 0.0, 0.0),
        ("fx-orphan", "fx-chapter"): (0, 3, 0.0, 0.0),
    }


def test_mean_over_assessed_goals_leaves_unassessed_ones_out() -> None:
    """A goal without any assessment or rule hit is unknown, not 0: the reader's mean counts
    only assessed goals and says how many; with none assessed it is None, never 0."""
    model = load().model
    view = {
        (v.cluster.id, v.document.id): (v.assessed, v.goals, v.assessed_mean)
        for v in compute_document_view(model, lang="en")
    }
    # fx-energy: only s-1 (1.0) of three strategy goals -> 1 of 3, mean 1.0 (not 0.3333)
    assert view[("fx-energy", "fx-strategy")] == (1, 3, pytest.approx(1.0))
    # fx-digital: s-1 (0.6) and s-2 (0.6) -> 2 of 3, mean 0.6 (not 0.4)
    assert view[("fx-digital", "fx-strategy")] == (2, 3, pytest.approx(0.6))
    # fx-food has nothing on the chapter: not assessed, not 0
    assert view[("fx-food", "fx-chapter")] == (0, 3, None)
    rows = {r.cluster.id: r for r in compute_document_matrix(model, "fx-chapter", lang="en").rows}
    assert (rows["fx-food"].assessed, rows["fx-food"].assessed_mean) == (0, None)
    assert rows["fx-food"].to_dict()["assessed_mean"] is None
    assert rows["fx-energy"].assessed_mean == pytest.approx(0.6)


def test_document_matrix_lists_every_cluster_against_every_goal() -> None:
    matrix = compute_document_matrix(load().model, "fx-chapter", lang="en")
    assert [t.id for t in matrix.targets] == ["fx-c-1", "fx-c-2", "fx-wind"]  # goals first
    rows = {r.cluster.id: [c.score for c in r.cells] for r in matrix.rows}
    assert rows == {
        "fx-digital": [0.0, pytest.approx(0.09), 0.0],
        "fx-energy": [0.0, 0.0, pytest.approx(0.6)],
        "fx-food": [0.0, 0.0, 0.0],
        "fx-orphan": [0.0, 0.0, 0.0],
    }
    assert matrix.to_dict()["document"]["id"] == "fx-chapter"


def test_one_clusters_alignment_by_name_and_alternative_label() -> None:
    model = load().model
    result = compute_cluster_alignment(model, "FXE", lang="en", document="fx-strategy")
    assert result.cluster.iri == ENERGY
    assert [(c.target.id, c.score) for c in result.cells] == [
        ("fx-s-1", 1.0),
        ("fx-s-2", 0.0),
        ("fx-s-3", 0.0),
    ]


def test_other_weights_give_other_scores_without_reading_the_graph_again() -> None:
    model = load().model
    weights = AlignmentWeights.from_mapping(
        {
            "level.high": 1.0,
            "level.medium": 0.5,
            "level.low": 0.25,
            "confidence.stated": 1.0,
            "confidence.inferred": 0.5,
            "confidence.weak": 0.2,
        }
    )
    rescored = score_alignments(model.data, weights)
    # medium stated = 0.5 * 1.0; low weak = 0.25 * 0.2; medium inferred = 0.5 * 0.5
    assert rescored.score(ENERGY, WIND) == pytest.approx(0.5)
    assert rescored.score(DIGITAL, C2) == pytest.approx(0.05)
    assert rescored.score(FOOD, S3) == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"level.hihg": 1.0}, "level.high"),
        ({"level.high": 1.0}, "lack"),
    ],
)
def test_bad_alignment_weights_are_refused(weights: dict[str, float], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        AlignmentWeights.from_mapping(weights)


def test_alignment_weights_above_one_are_refused() -> None:
    weights = {
        "level.high": 2.0,
        "level.medium": 0.6,
        "level.low": 0.3,
        "confidence.stated": 1.0,
        "confidence.inferred": 0.6,
        "confidence.weak": 0.3,
    }
    with pytest.raises(ConfigError, match="between 0 and 1"):
        AlignmentWeights.from_mapping(weights)


@pytest.mark.parametrize("store", BACKENDS)
def test_explain_gives_every_piece_of_evidence_with_its_source(store: str) -> None:
    explanation = explain_alignment(load(store).model, "fx-energy", "fx-s-1", lang="en")
    assert explanation.score == 1.0
    assert "1 x w_confidence[stated in a source] 1 = 1" in explanation.formula
    danish = explain_alignment(load(store).model, "fx-energy", "fx-s-1", lang="da").formula
    assert "1 x sikkerhedsvægt[udtalt i kilden] 1 = 1 (bedste af" in danish
    first, second = explanation.evidence
    assert first.chosen
    assert first.counted
    assert first.origin is Origin.ASSESSED
    assert first.text == "The energy cluster works on the green transition."
    assert first.passage == "Afsnit 2"
    assert [s.url for s in first.sources] == ["https://example.org/fixture/web"]
    assert first.assessor is not None
    assert first.assessor.label == "Fixture analysts"
    assert first.created == "2024-08-01"
    # The superseded same-theme hit is shown, marked as not counted.
    assert (second.origin, second.rule, second.counted) == (Origin.RULE, "same-theme", False)
    data = explanation.to_dict()
    assert data["evidence"][0]["stated_or_inferred"] == "stated"
    assert data["evidence"][1]["inferred"] is True


def test_explain_a_rule_hit_names_the_rule_and_the_themes() -> None:
    explanation = explain_alignment(load().model, "fx-food", "fx-s-3", lang="da")
    (item,) = explanation.evidence
    assert item.rule == "skos-close-match"
    assert item.matched_themes is not None
    assert [t.label for t in item.matched_themes] == ["Bioressourcer", "Fødevarer"]
    assert "skos-close-match" in item.text
    assert item.sources[0].is_web  # the cluster's and the goal's sources


def test_explain_a_pair_without_evidence_scores_zero() -> None:
    explanation = explain_alignment(load().model, "fx-orphan", "fx-s-1", lang="en")
    assert explanation.score == 0.0
    assert explanation.evidence == ()


def test_explain_an_unknown_goal_suggests_close_matches() -> None:
    with pytest.raises(NotFoundError) as caught:
        explain_alignment(load().model, "fx-energy", "fx-s-9", lang="en")
    assert "fx-s-1" in caught.value.suggestions


@pytest.mark.parametrize("store", BACKENDS)
def test_gaps_overlaps_and_unanchored_clusters(store: str) -> None:
    report = analyse_gaps(load(store).model, lang="en")
    gaps = {(g.target.id, g.kind) for g in report.gaps}
    assert gaps == {
        ("fx-c-1", GapKind.NO_CLUSTER),  # no alignment at all
        ("fx-c-2", GapKind.ONLY_INFERRED_OR_WEAK),  # only fx-digital, weak
        ("fx-s-2", GapKind.ONLY_INFERRED_OR_WEAK),  # only the exact-match rule hit
        ("fx-s-3", GapKind.ONLY_INFERRED_OR_WEAK),  # only the close-match rule hit
    }
    # fx-s-1: fx-energy 1.0 and fx-digital 0.6, both >= the strong threshold 0.6.
    # fx-wind (0.6) and fx-s-2 (0.6) have one strong cluster each: no overlap.
    assert [(o.target.id, [s.cluster.id for s in o.clusters]) for o in report.overlaps] == [
        ("fx-s-1", ["fx-energy", "fx-digital"])
    ]
    assert [u.cluster.id for u in report.unanchored] == ["fx-orphan"]
    assert report.unanchored[0].focus_areas[0].id == "fx-tourism"


def test_a_higher_strong_threshold_removes_the_overlap() -> None:
    model = load().model
    strict = score_alignments(
        model.data,
        AlignmentWeights(
            level=model.weights.level, confidence=model.weights.confidence, strong_threshold=0.7
        ),
    )
    assert analyse_gaps(strict, lang="en").overlaps == ()


@pytest.mark.parametrize("store", BACKENDS)
def test_evidence_quality(store: str) -> None:
    quality = compute_evidence_quality(load(store).model)
    # The mean over the six goals (s-1..3, c-1..2, wind) of each pair's best confidence weight.
    # fx-energy: s-1 stated with a web source (1.0); fx-wind stated but its only source has no
    # web address, so weak (0.3), while the superseded broader-focus rule hit on fx-wind is
    # inferred from web-sourced facts (0.6), and the best counts: (1.0 + 0.6) / 6
    assert quality[ENERGY].value == pytest.approx(1.6 / 6)
    # fx-digital: s-1 stated (1.0), s-2 rule hit inferred (0.6), c-2 weak (0.3): 1.9 / 6
    assert quality[DIGITAL].value == pytest.approx(1.9 / 6)
    # fx-food: one rule hit, inferred: 0.6 / 6
    assert quality[FOOD].value == pytest.approx(0.6 / 6)
    assert quality[ORPHAN].value == 0.0
    assert not quality[ORPHAN].has_evidence


def test_reading_the_model_leaves_the_dataset_unchanged() -> None:
    settings = fixture_settings("memory")
    store = open_store(settings)
    before = len(store.dataset)
    model = build_alignment_model(
        GraphQueries.local(store, catalog(settings.queries_dir)), settings
    )
    score_alignments(model.data, model.weights)
    assert len(store.dataset) == before


def test_documents_are_ordered_and_the_empty_one_left_out() -> None:
    documents = [d.iri for d in load().model.data.scored_documents]
    assert documents == [CHAPTER, STRATEGY]


def test_the_goal_c1_really_has_no_rule_hit() -> None:
    # fx-labour is linked to nothing: guards the no-cluster gap above against a rule change.
    pairs = {r.pair for r in load().model.data.alignments}
    assert not any(target == C1 for _, target in pairs)


def test_a_dissolved_cluster_closes_no_gap() -> None:
    settings = fixture_settings(data_paths=(FIXTURE / "data", FIXTURE / "extra"))
    model = build_alignment_model(graph_queries(settings), settings)
    old = "https://w3id.org/brn-graph/id/cluster/fx-old"
    # fx-old (dissolved 2022-03) is aligned with fx-c-1 by the same-theme rule (medium,
    # inferred: 0.6 x 0.6) ...
    assert model.score(old, C1) == pytest.approx(0.36)
    assert model.data.cluster_by_iri[old].dissolved == "2022-03"
    # ... but gaps and overlaps are about clusters that still exist.
    report = analyse_gaps(model, lang="en")
    assert ("fx-c-1", GapKind.NO_CLUSTER) in {(g.target.id, g.kind) for g in report.gaps}
    assert [c.iri for c in model.data.active_clusters] == [DIGITAL, ENERGY, FOOD, ORPHAN]


@pytest.mark.parametrize(
    ("weights", "danish"),
    [
        ({"level.hihg": 1.0}, "ukendt vægt for tilpasning 'level.hihg'; mente du: level.high"),
        ({"level.high": 1.0}, "vægtene for tilpasning mangler level.medium"),
    ],
)
def test_bad_alignment_weights_are_refused_in_danish_too(
    weights: dict[str, float], danish: str
) -> None:
    with pytest.raises(ConfigError) as info:
        AlignmentWeights.from_mapping(weights)
    assert danish in info.value.render("da")
    assert "weight" not in info.value.render("da")
