"""Engagement in North Jutland: metrics from the fixture, missing shown as missing, the score.

Hand-worked from ``tests/fixtures/alignment/data/graph.ttl`` (North Jutland municipalities:
fx-aalborg and fx-hjoerring; fx-odense is in Syddanmark):

fx-energy   offices: HQ in fx-aalborg (2 points) + fx-odense (not NJ)   -> 2
            members: 400 (2023) and 500 (2024) -> latest 500 (2024); SMEs 300 (2024)
            members in NJ (scope nordjylland): 60 (2024); SMEs in NJ: missing
            partnerships: with fx-nj-hub (office in fx-aalborg) and fx-national (nowhere) -> 1
            merged: fx-nj-network (fx-aalborg) and fx-south-network (fx-odense)          -> 1
            projects: fx-p1 in fx-hjoerring -> 1, budget 10,000,000 DKK (2023);
                      fx-programme has no place and no partner in NJ other than clusters -> no
fx-digital  offices: HQ fx-odense (not NJ) + fx-hjoerring (1 point)    -> 1
            members 100 (2024-06); everything else about figures missing
            partnerships, mergers: none in the data -> missing
            projects: fx-p2 in fx-odense (outside NJ) and fx-programme, which has no place
            and no NJ partner other than clusters (fx-energy's NJ office does not make a
            project North Jutland's): its place is unknown, none is known to be in NJ ->
            projects and project value unknown (None), not 0
fx-food     no offices, figures, partnerships or mergers: missing
            projects: fx-p3 has no place, but partner fx-nj-hub has an office in fx-aalborg
                      -> 1; it has no value figure -> project value missing
fx-orphan   one office, in fx-odense -> 0 points (known zero); everything else missing
"""

from __future__ import annotations

import math

import pytest

from brn_graph.alignment.engagement import EngagementReport, EngagementWeights, compute_engagement
from brn_graph.errors import ConfigError
from tests.unit.alignment.fixture import BACKENDS, DIGITAL, ENERGY, FOOD, ORPHAN, load


def report(store: str = "oxigraph", **kwargs: object) -> EngagementReport:
    loaded = load(store)
    return compute_engagement(loaded.queries, loaded.model, loaded.settings, lang="en", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("store", BACKENDS)
def test_metric_values_missing_and_known_zero(store: str) -> None:
    result = report(store)
    values = {c.cluster.iri: {m.name: m.value for m in c.metrics} for c in result.clusters}
    assert values[ENERGY] == {
        "offices": 2.0, "members": 500.0, "smes": 300.0, "members_nj": 60.0, "smes_nj": None,
        "partnerships": 1, "merged_networks": 1, "projects": 1, "project_value": 10_000_000.0,
    }  # fmt: skip
    assert values[DIGITAL] == {
        "offices": 1.0, "members": 100.0, "smes": None, "members_nj": None, "smes_nj": None,
        "partnerships": None, "merged_networks": None, "projects": None, "project_value": None,
    }  # fmt: skip
    assert values[FOOD] == {
        "offices": None, "members": None, "smes": None, "members_nj": None, "smes_nj": None,
        "partnerships": None, "merged_networks": None, "projects": 1, "project_value": None,
    }  # fmt: skip
    assert values[ORPHAN]["offices"] == 0.0
    assert values[ORPHAN]["projects"] is None


def test_each_metric_has_its_date_and_sources() -> None:
    energy = report().by_cluster(ENERGY)
    assert energy is not None
    members = energy.metric("members")
    assert members.date == "2024"
    assert members.note == "latest of 2 figures"
    # The 2024 figure comes from the process plan, which has a citation and no web address.
    assert [s.citation for s in members.sources] == ["Fixture process plan, 2024 (no web address)"]
    assert energy.metric("partnerships").date == "2021-03"
    assert [i.ref.id for i in energy.metric("partnerships").items] == ["fx-partnership-energy-hub"]
    assert energy.metric("merged_networks").items[0].ref.id == "fx-nj-network"
    assert energy.metric("merged_networks").date == "2020-07-01"
    assert energy.metric("project_value").date == "2023"
    # fx-programme has no place and no NJ partner: the count is a floor, and says so
    assert energy.metric("projects").note == "1 of 2 projects; location not recorded for 1"
    food = report().by_cluster(FOOD)
    assert food is not None
    assert food.metric("projects").items[0].detail == "partners: Fixture Business Hub"
    assert food.metric("project_value").note == (
        "no DKK value for projects whose own scope is North Jutland"
    )
    offices = energy.metric("offices")
    assert offices.items[0].detail is not None
    assert offices.items[0].detail.startswith("headquarters")
    assert offices.sources[0].url == "https://example.org/fixture/web"
    as_dict = energy.to_dict()["metrics"]["smes_nj"]
    assert (as_dict["value"], as_dict["missing"], as_dict["normalised"]) == (None, True, None)


@pytest.mark.parametrize("store", BACKENDS)
def test_scores_match_the_hand_calculation(store: str) -> None:
    result = report(store)
    # Default metric weights: offices .25, members .05, smes .05, members_nj .15, smes_nj .10,
    # partnerships .15, merged_networks .10, projects .10, project_value .05 (sum 1.0).
    # n = log(1 + x) / log(1 + max). fx-energy holds the maximum of every metric it has, so
    # every n is 1; only smes_nj (.10) is missing: score = 0.90, completeness = 0.90.
    energy = result.by_cluster(ENERGY)
    assert energy is not None
    assert energy.score == pytest.approx(0.90)
    assert energy.completeness == pytest.approx(0.90)
    # fx-digital: offices 1 of max 2 -> log 2 / log 3; members 100 of max 500 ->
    # log 101 / log 501; projects and project value unknown -> not counted.
    digital = result.by_cluster(DIGITAL)
    assert digital is not None
    expected = 0.25 * math.log(2) / math.log(3) + 0.05 * math.log(101) / math.log(501)
    assert digital.score == pytest.approx(expected)
    # available: offices .25 + members .05 = 0.30 (projects of unknown place do not count)
    assert digital.completeness == pytest.approx(0.30)
    # fx-food: projects 1 of max 1 -> n = 1, weight .10; nothing else.
    food = result.by_cluster(FOOD)
    orphan = result.by_cluster(ORPHAN)
    assert food is not None
    assert orphan is not None
    assert (food.score, food.completeness) == (pytest.approx(0.10), pytest.approx(0.10))
    assert (orphan.score, orphan.completeness) == (0.0, pytest.approx(0.25))


def test_other_weights_and_office_points() -> None:
    # Only offices count, and every office 1 point: fx-energy 1 (its HQ), fx-digital 1.
    result = report(weights={"offices": 1.0, "office.headquarters": 1.0})
    energy, digital = result.by_cluster(ENERGY), result.by_cluster(DIGITAL)
    assert energy is not None
    assert digital is not None
    assert energy.metric("offices").value == 1.0
    assert energy.score == pytest.approx(1.0)
    assert digital.score == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("weights", "message"),
    [({"ofices": 1.0}, "offices"), ({"offices": -1.0}, "negative"), ({"offices": 0.0}, "positive")],
)
def test_bad_engagement_weights(weights: dict[str, float], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        EngagementWeights.from_mapping(weights)
