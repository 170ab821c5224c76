"""A decision context resolved on a date, against the hand-worked fixture (see its header)."""

from __future__ import annotations

from datetime import date

import pytest

from brn_graph.alignment.engagement import compute_engagement
from brn_graph.alignment.gaps import GapKind, analyse_gaps
from brn_graph.alignment.ranking import rank_with_settings
from brn_graph.alignment.scores import compute_completeness, compute_evidence_quality
from brn_graph.context.view import FrameworkUse
from brn_graph.errors import ConfigError, NotFoundError, ParameterError
from tests.unit.context.fixture import (
    AGREEMENT,
    CHAPTER,
    DIGITAL,
    ENERGY,
    FOOD,
    PLAN,
    PLAN_1,
    S3,
    STRATEGY,
    built,
    queries,
    settings,
)

DECISION_DAY = date(2024, 9, 20)
EARLY = date(2021, 6, 1)


def uses(as_of: date | None = None) -> list[tuple[str, FrameworkUse, str | None, float]]:
    view = built(as_of).view
    return [(f.reason, f.use, f.document, round(f.share, 6)) for f in view.frameworks]


def test_on_the_decision_day_stand_ins_and_documents_without_goals_are_named() -> None:
    assert uses() == [
        ("in_force", FrameworkUse.DOCUMENT, STRATEGY, round(0.4 / 0.9, 6)),
        ("stand_in_no_goals", FrameworkUse.STAND_IN, CHAPTER, round(0.3 / 0.9, 6)),
        ("no_goals", FrameworkUse.NOT_COUNTED, None, 0.0),
        ("in_force", FrameworkUse.DOCUMENT, PLAN, round(0.2 / 0.9, 6)),
    ]
    view = built().view
    assert view.as_of == DECISION_DAY
    assert not view.chosen
    lines = view.lines("en")
    assert lines[0] == "Context: Fixture decision (fx-decision); as of 2024-09-20"
    assert "Fixture agreement: no goals recorded; not counted" in lines[3]
    assert any(line.startswith("Declared stand-in: Fixture chapter") for line in lines)
    assert sum(view.shares.values()) == pytest.approx(1.0)


def test_an_earlier_date_uses_the_documents_in_force_then() -> None:
    assert uses(EARLY) == [
        ("in_force", FrameworkUse.DOCUMENT, STRATEGY, round(0.4 / 0.7, 6)),
        ("in_force_instead", FrameworkUse.DOCUMENT, CHAPTER, round(0.3 / 0.7, 6)),
        ("no_goals", FrameworkUse.NOT_COUNTED, None, 0.0),
        ("not_in_force", FrameworkUse.NOT_COUNTED, None, 0.0),
    ]
    view = built(EARLY).view
    assert view.chosen
    assert "not yet in force on 2021-06-01" in view.lines("en")[2]
    assert "endnu ikke i kraft" in view.lines("da")[2]
    assert [d.iri for d in built(EARLY).model.data.scored_documents] == [STRATEGY, CHAPTER]


def test_danish_context_lines_have_no_english_words() -> None:
    text = "\n".join(built().view.lines("da"))
    for word in (" used", "not counted", "in force", "weight", "Framework", "as of"):
        assert word not in text


def test_a_stand_in_never_counts_before_it_was_issued() -> None:
    view = built(date(2019, 6, 1)).view
    assert all(f.use is FrameworkUse.NOT_COUNTED for f in view.frameworks)
    assert view.shares == {}


def test_assessments_dated_after_the_day_do_not_count() -> None:
    on_the_day = built().model
    assert (FOOD, S3) not in on_the_day.data.assessed_pairs
    assert [r.iri for r in on_the_day.data.later][-1].endswith("fx-food--fx-s-3")
    later = built(date(2025, 6, 1)).model
    assert later.scores[(FOOD, S3)].level == "high"
    assert later.scores[(FOOD, S3)].confidence == "stated"


def test_a_none_assessment_keeps_the_rule_hit_out() -> None:
    model = built().model
    # The same-theme rule (medium now) matches fx-energy with fx-plan-1; the assessment says
    # none: no score, the pair counts as assessed, the rule hit is only superseded evidence.
    assert (ENERGY, PLAN_1) not in model.scores
    assert (ENERGY, PLAN_1) in model.data.assessed_pairs
    superseded = model.data.superseded_by_pair[(ENERGY, PLAN_1)]
    assert [(r.rule.rule if r.rule else None, r.level) for r in superseded] == [
        ("same-theme", "medium")
    ]


def test_completeness_counts_pairs_of_the_long_list_and_the_counted_goals() -> None:
    found = compute_completeness(built().model, lang="en")
    # 3 clusters x 7 goals (3 strategy, 3 chapter, 1 plan); assessed on the day: energy x s-1,
    # wind, plan-1 and digital x s-1, c-2.
    assert (found.pairs, found.assessed) == (21, 5)
    assert found.share == pytest.approx(5 / 21)
    widened = compute_completeness(built(all_clusters=True).model, lang="en")
    assert widened.pairs == 28


def test_gap_kinds() -> None:
    report = analyse_gaps(built().model, lang="en")
    assert {g.target.id: g.kind for g in report.gaps} == {
        "fx-s-2": GapKind.ONLY_INFERRED_OR_WEAK,  # only a rule hit
        "fx-s-3": GapKind.ONLY_INFERRED_OR_WEAK,  # the high assessment is dated 2025
        "fx-c-1": GapKind.NO_CLUSTER,
        "fx-c-2": GapKind.OUTSIDE_REMIT,  # digital is aligned, but no cluster could serve it
        "fx-plan-1": GapKind.NO_CLUSTER,  # assessed none; the rule hit does not count
    }
    remit = next(g for g in report.gaps if g.kind is GapKind.OUTSIDE_REMIT)
    assert remit.note == "Infrastructure is the state's task."
    only = analyse_gaps(built().model, lang="da", kind=GapKind.NO_CLUSTER)
    assert [g.target.id for g in only.gaps] == ["fx-c-1", "fx-plan-1"]
    assert all(g.clusters == () for g in only.gaps)


def test_evidence_quality_counts_a_none_assessment_as_evidence() -> None:
    quality = compute_evidence_quality(built().model)
    # fx-energy: s-1 stated web 1.0, wind 0.6 (its assessment has no web address, 0.3, but
    # the superseded rule hit is inferred from web-sourced facts, 0.6), plan-1 none stated web
    # 1.0, over the seven goals.
    assert quality[ENERGY].value == pytest.approx(2.6 / 7)
    assert quality[DIGITAL].value == pytest.approx(1.9 / 7)


def test_engagement_as_of_the_day_and_with_scopes() -> None:
    ctx = built()
    report = compute_engagement(queries(), ctx.model, settings(), lang="en")
    assert {c.cluster.id for c in report.clusters} == {"fx-energy", "fx-digital", "fx-food"}
    energy = report.by_cluster(ENERGY)
    digital = report.by_cluster(DIGITAL)
    assert energy is not None
    assert digital is not None
    members = energy.metric("members")
    assert (members.value, members.date, members.scope) == (500, "2024", "national")
    assert energy.metric("members_nj").scope == "north-jutland"
    # fx-p1 (Hjørring) and fx-p4 (Aalborg and Odense) are projects in North Jutland; fx-p5
    # starts in 2025. Only fx-p1's own place is North Jutland alone: its 10 M is the value.
    assert energy.metric("projects").value == 2
    assert energy.metric("project_value").value == 10_000_000
    # the network merged into fx-digital has no recorded place: unknown, not 0
    merged = digital.metric("merged_networks")
    assert merged.value is None
    assert merged.note is not None
    assert "location not recorded for 1" in merged.note
    later = compute_engagement(queries(), built(date(2025, 6, 1)).model, settings(), lang="en")
    later_energy = later.by_cluster(ENERGY)
    assert later_energy is not None
    assert later_energy.metric("members").value == 9999
    assert later_energy.metric("projects").value == 3


def test_ranking_defaults_to_the_long_list_and_the_context_weights() -> None:
    ctx = built()
    engagement = compute_engagement(queries(), ctx.model, settings(), lang="en")
    result = rank_with_settings(ctx.model, engagement, settings(), samples=0, lang="en")
    assert {c.cluster.id for c in result.clusters} == {"fx-energy", "fx-digital", "fx-food"}
    weights = {c.name: round(c.weight, 6) for c in result.criteria}
    assert weights == {
        "alignment:fx-strategy": round(0.5 * 0.4 / 0.9, 6),
        "alignment:fx-chapter": round(0.5 * 0.3 / 0.9, 6),
        "alignment:fx-plan": round(0.5 * 0.2 / 0.9, 6),
        "engagement": 0.3,
        "evidence": 0.2,
    }
    wide = built(all_clusters=True)
    ranked = rank_with_settings(
        wide.model,
        compute_engagement(queries(), wide.model, settings(), lang="en"),
        settings(),
        samples=0,
        lang="en",
    )
    assert "fx-orphan" in {c.cluster.id for c in ranked.clusters}


def test_without_any_framework_the_alignment_weight_stays_and_scores_zero() -> None:
    ctx = built(date(2019, 6, 1))
    engagement = compute_engagement(queries(), ctx.model, settings(), lang="en")
    result = rank_with_settings(ctx.model, engagement, settings(), samples=0, lang="en")
    weights = {c.name: c.weight for c in result.criteria}
    assert weights == {"alignment": 0.5, "engagement": 0.3, "evidence": 0.2}
    assert all(c.components["alignment"] == 0.0 for c in result.clusters)


def test_weights_may_only_name_frameworks_counted_on_the_day() -> None:
    ctx = built()
    engagement = compute_engagement(queries(), ctx.model, settings(), lang="en")
    with pytest.raises(ParameterError, match="fx-agreement is not a framework counted here"):
        rank_with_settings(
            ctx.model, engagement, settings(), weights={"alignment:fx-agreement": 1.0}
        )
    assert AGREEMENT not in (ctx.model.data.framework_shares or {})


def test_another_context_and_unknown_contexts() -> None:
    other = built(context="fx-other")
    assert other.view.as_of == EARLY
    assert [f.document for f in other.view.frameworks] == [STRATEGY]
    with pytest.raises(NotFoundError):
        built(context="fx-nothing")


def test_an_unknown_context_is_refused_before_the_graph_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import brn_graph.context.view as view_module

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read the alignment data for a context that does not exist")

    monkeypatch.setattr(view_module, "load_alignment_data", refuse)
    with pytest.raises(NotFoundError):
        view_module.build_context_model(queries(), settings(), context="fx-nothing")


def test_weights_of_a_context_must_sum_to_one() -> None:
    from brn_graph.context.read import _context

    with pytest.raises(ConfigError, match=r"sum to 0\.5, not 1"):
        _context(
            "https://w3id.org/brn-graph/id/context/x",
            {"asOf": {"2024-09-20"}},
            set(),
            {"https://w3id.org/brn-graph/id/context-framework/f": {"weight": {"0.5"}}},
            {},
        )
