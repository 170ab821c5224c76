"""Rankings on two dates (or in two contexts) and what changed, on the context fixture."""

from __future__ import annotations

from datetime import date

from brn_graph.alignment.engagement import compute_engagement
from brn_graph.alignment.ranking import Ranking, rank_with_settings
from brn_graph.context.compare import Side, compare
from brn_graph.context.view import ContextModel
from tests.unit.context.fixture import built, queries, settings


def side(ctx: ContextModel) -> Side:
    engagement = compute_engagement(queries(), ctx.model, settings(), lang="en")
    ranking: Ranking = rank_with_settings(ctx.model, engagement, settings(), samples=0, lang="en")
    return Side(context=ctx, ranking=ranking)


def test_two_dates_show_documents_and_assessments_that_changed() -> None:
    now, then = side(built(date(2025, 6, 1))), side(built(date(2021, 6, 1)))
    result = compare(now, then, lang="en")
    # fx-plan is issued 2024-05-01: counted in 2025, not in 2021.
    assert [d.id for d in result.documents_entering] == ["fx-plan"]
    assert result.documents_leaving == ()
    # The four fixture assessments (written 2024-08), the none on fx-plan-1 (evidence
    # 2024-06) and the food assessment (evidence 2025-01) count in 2025, none in 2021.
    assert sorted(a["id"] for a in result.assessments_added) == [
        "fx-digital--fx-c-2",
        "fx-digital--fx-s-1",
        "fx-energy--fx-plan-1",
        "fx-energy--fx-s-1",
        "fx-energy--fx-wind",
        "fx-food--fx-s-3",
    ]
    assert result.assessments_removed == ()
    for change in result.changes:
        assert change.current is not None
        assert change.baseline is not None
        body = change.to_dict()
        assert body["rank_change"] == change.baseline.rank - change.current.rank
        assert body["score_change"] == round(change.current.score - change.baseline.score, 4)
    body = result.to_dict()
    assert body["context"]["as_of"] == "2025-06-01"
    assert body["baseline_context"]["as_of"] == "2021-06-01"


def test_two_contexts() -> None:
    result = compare(side(built()), side(built(context="fx-other")), lang="en")
    assert result.baseline.context.view.spec.slug == "fx-other"
    assert [d.id for d in result.documents_leaving] == []
    assert sorted(d.id for d in result.documents_entering) == ["fx-chapter", "fx-plan"]
