"""The decision-context view (the network's default) and member companies grouped per
municipality (the full view's default).

The cut and layout run on the shared sample projection (``tests/network_samples.py``) with a
scope written here; which frameworks count on a date is the bundled decision context's own
(:func:`brn_graph.view.decision.scope_of` on the real data).
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from typing import Any

import pytest

from brn_graph.config import Settings
from brn_graph.context.view import build_context_model
from brn_graph.errors import ParameterError
from brn_graph.graph.session import Session, build_session
from brn_graph.view.companies import group_companies, group_id
from brn_graph.view.cut import ViewOptions
from brn_graph.view.decision import DecisionScope, ScopeFramework, cut_decision, scope_of
from brn_graph.view.layered import CLUSTER_BOX, GOAL_BOX, HEADER_BOX, layered_positions
from brn_graph.view.model import NetworkView, build_view
from brn_graph.view.page import PageLinks, render_network_html
from brn_graph.view.projection import EdgeKind, NodeKind, Projection, read_network_projection
from tests import network_samples as s

ID = s.ID


def projection() -> Projection:
    return read_network_projection(s.sample_projection())


def scope(
    *documents: tuple[str, bool], clusters: tuple[str, ...] = (s.ECD, s.DIGITAL)
) -> DecisionScope:
    return DecisionScope(
        context="test-decision",
        labels={"da": "Prøvebeslutning", "en": "Test decision"},
        as_of=date(2024, 9, 20),
        clusters=clusters,
        frameworks=tuple(
            ScopeFramework(
                iri=f"{ID}context-framework/f{index}",
                labels={"da": f"Ramme {index}", "en": f"Framework {index}"},
                document=document,
                stand_in=stand_in,
            )
            for index, (document, stand_in) in enumerate(documents, start=1)
        ),
    )


def context_view(**options: Any) -> NetworkView:
    return build_view(
        projection(),
        ViewOptions(**options),
        scope=scope((s.DOC_BRN, False), (s.DOC_CHAPTER, True)),
    )


# --------------------------------------------------------------------------------------
# The cut
# --------------------------------------------------------------------------------------


def test_the_cut_is_the_long_list_and_the_goals_of_the_counted_documents() -> None:
    cut = cut_decision(projection(), scope((s.DOC_BRN, False)), ViewOptions())
    assert cut.nodes == {s.ECD, s.DIGITAL, s.DOC_BRN, s.GOAL_1, s.GOAL_2, s.GOAL_3}
    # Only alignments between the long list and those goals: FOOD is not on the list, the
    # strength position belongs to a document that does not count.
    assert {(e.source, e.target) for e in cut.edges} == {(s.ECD, s.GOAL_1), (s.DIGITAL, s.GOAL_2)}
    assert {e.kind for e in cut.edges} == {EdgeKind.alignment}


def test_a_stand_in_documents_goals_are_in_and_uncounted_documents_goals_are_out() -> None:
    cut = cut_decision(
        projection(), scope((s.DOC_CHAPTER, True), clusters=(s.ECD, s.FOOD)), ViewOptions()
    )
    assert cut.nodes == {s.ECD, s.FOOD, s.DOC_CHAPTER, s.GOAL_CH}
    assert [(e.source, e.target) for e in cut.edges] == [(s.FOOD, s.GOAL_CH)]


def test_level_document_and_focus_narrow_the_cut() -> None:
    both = scope((s.DOC_BRN, False), (s.DOC_DEB, False), clusters=(s.ECD, s.DIGITAL, s.FOOD))
    high = cut_decision(projection(), both, ViewOptions(min_level="high"))
    assert {(e.source, e.target) for e in high.edges} == {(s.ECD, s.GOAL_1), (s.ECD, s.SP_ENERGY)}
    one = cut_decision(projection(), both, ViewOptions(document=s.DOC_DEB, lang="en"))
    assert one.nodes == {s.ECD, s.DIGITAL, s.FOOD, s.DOC_DEB, s.SP_ENERGY, s.SP_FOOD}
    assert one.report.scope[0].startswith("Document: Strategy for decentralised")
    focus = cut_decision(projection(), both, ViewOptions(focus=s.FOOD))
    assert focus.nodes == {s.FOOD, s.SP_FOOD, s.DOC_DEB}


def test_a_focus_outside_the_context_points_to_the_full_view() -> None:
    with pytest.raises(ParameterError) as raised:
        cut_decision(projection(), scope((s.DOC_BRN, False)), ViewOptions(focus=s.AALBORG))
    assert raised.value.name == "focus"
    assert raised.value.render_reason("en") == (
        "Aalborg Municipality is not in the decision context (the long list and the goals of "
        "the frameworks counted); show the full graph with --view full (?view=full)"
    )
    assert raised.value.render_reason("da").startswith("Aalborg Kommune er ikke i beslutnings")


def test_a_document_that_does_not_count_points_to_the_full_view() -> None:
    with pytest.raises(ParameterError) as raised:
        cut_decision(projection(), scope((s.DOC_BRN, False)), ViewOptions(document=s.DOC_DEB))
    assert raised.value.name == "document"
    assert raised.value.render_reason("en") == (
        "Strategy for decentralised business promotion 2020-2023 does not count in the "
        "decision context on the as-of date 2024-09-20 (these do: #Nordjyllandsstemme (the "
        "voice of North Jutland)); show the full graph with --view full (?view=full)"
    )


def test_the_node_cap_applies_to_the_cut_and_says_so() -> None:
    cut = cut_decision(projection(), scope((s.DOC_BRN, False)), ViewOptions(max_nodes=4))
    assert len(cut.nodes) == 4
    assert {s.ECD, s.DIGITAL} <= cut.nodes
    assert cut.report.capped
    assert cut.report.hidden_by_cap == {"goal": 2}


# --------------------------------------------------------------------------------------
# The layout
# --------------------------------------------------------------------------------------


def boxes(view: NetworkView) -> dict[str, tuple[float, float, float, float]]:
    """Estimated box of each node (left, top, right, bottom) from the layout's own metrics."""
    metrics = {NodeKind.cluster: CLUSTER_BOX, NodeKind.document: HEADER_BOX}
    out = {}
    for n in view.nodes:
        m = metrics.get(n.kind, GOAL_BOX)
        h = m.height(n.label) / 2
        w = m.max_width / 2
        out[n.id] = (n.x - w, n.y - h, n.x + w, n.y + h)
    return out


def test_layout_puts_clusters_left_and_goals_right_under_their_framework() -> None:
    view = context_view()
    by_id = {n.id: n for n in view.nodes}
    clusters = [n for n in view.nodes if n.kind is NodeKind.cluster]
    right = [n for n in view.nodes if n.kind is not NodeKind.cluster]
    assert {n.id for n in clusters} == {s.ECD, s.DIGITAL}
    assert len({n.x for n in clusters}) == 1
    assert len({n.x for n in right}) == 1
    assert max(n.x for n in clusters) < min(n.x for n in right)
    # Each framework's header stands above its goals; the groups follow the context's order.
    assert by_id[s.DOC_BRN].y < min(by_id[g].y for g in (s.GOAL_1, s.GOAL_2, s.GOAL_3))
    assert max(by_id[g].y for g in (s.GOAL_1, s.GOAL_2, s.GOAL_3)) < by_id[s.DOC_CHAPTER].y
    assert by_id[s.DOC_CHAPTER].y < by_id[s.GOAL_CH].y
    # No two boxes of a column overlap (with the heights the layout reserved).
    placed = boxes(view)
    for column in (clusters, right):
        spans = sorted((placed[n.id][1], placed[n.id][3]) for n in column)
        for (_, bottom), (top, _) in itertools.pairwise(spans):
            assert bottom <= top
    assert view.physics is False
    assert view.mode == "context"
    assert view.min_scale == pytest.approx(12 / CLUSTER_BOX.font_size)


def test_layout_is_deterministic_and_orders_clusters_by_the_goals_they_serve() -> None:
    first = context_view()
    second = context_view()
    assert [(n.id, n.x, n.y) for n in first.nodes] == [(n.id, n.x, n.y) for n in second.nodes]
    # ECD serves goal 1, DigitalLead goal 2 (lower): ECD stands higher, whatever the list order.
    positions = layered_positions(
        [s.DIGITAL, s.ECD],
        [(s.DOC_BRN, [s.GOAL_1, s.GOAL_2])],
        [(s.ECD, s.GOAL_1), (s.DIGITAL, s.GOAL_2)],
        {},
    )
    assert positions[s.ECD][1] < positions[s.DIGITAL][1]


def test_headers_name_the_framework_and_mark_a_stand_in() -> None:
    view = context_view(lang="en")
    labels = {n.id: n.label for n in view.nodes}
    assert labels[s.DOC_BRN] == "Framework 1"
    assert labels[s.DOC_CHAPTER] == "Framework 2 (stand-in)"
    danish = context_view(lang="da")
    assert {n.id: n.label for n in danish.nodes}[s.DOC_CHAPTER] == "Ramme 2 (stedfortræder)"


def test_context_nodes_are_drawn_as_boxes_with_the_layouts_font_sizes() -> None:
    view = context_view()
    styles = {n.kind: n.style for n in view.nodes}
    assert styles[NodeKind.cluster] is not None
    assert styles[NodeKind.cluster]["font"]["size"] == CLUSTER_BOX.font_size
    assert styles[NodeKind.cluster]["widthConstraint"] == {"maximum": CLUSTER_BOX.max_width}
    assert styles[NodeKind.goal] is not None
    assert styles[NodeKind.goal]["shape"] == "box"


# --------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------


def page_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html)
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_the_served_page_states_context_and_date_and_links_to_the_full_graph() -> None:
    from brn_graph.view.assets import LinkedAssets

    links = PageLinks(
        home="/",
        other_language="/network?lang=en",
        network="/network",
        switch_view="/network?lang=da&view=full",
    )
    html = render_network_html(context_view(), assets=LinkedAssets.under("/v", "/p"), links=links)
    assert "Beslutningskontekst: Prøvebeslutning (test-decision); skæringsdato 2024-09-20" in html
    assert 'id="nw-switch-view" href="/network?lang=da&amp;view=full">Hele grafen</a>' in html
    assert "Ramme 2: Nordjysk kapitel (stedfortræder)" in html  # the frameworks counted
    data = page_data(html)
    assert data["mode"] == "context"
    assert data["minScale"] == pytest.approx(0.5)
    assert data["context"] == {"id": "test-decision", "asOf": "2024-09-20"}
    assert all("style" in n for n in data["nodes"])
    full = build_view(projection(), ViewOptions(lang="en"), scope=scope(), mode="full")
    back = PageLinks(
        home="/", other_language="/", network="/network", switch_view="/network?lang=en"
    )
    html = render_network_html(full, assets=LinkedAssets.under("/v", "/p"), links=back)
    assert 'href="/network?lang=en">Back to the decision context</a>' in html
    assert "as in the decision context Test decision (test-decision) on the as-of date" in html
    assert page_data(html)["mode"] == "full"


def test_a_file_names_the_command_for_the_other_view() -> None:
    from brn_graph.view.assets import read_inline_assets

    html = render_network_html(context_view(lang="en"), assets=read_inline_assets())
    assert "The full graph: brn-graph network --view full -o FILE.html" in html
    assert 'id="nw-switch-view"' not in html


# --------------------------------------------------------------------------------------
# Member companies grouped per municipality
# --------------------------------------------------------------------------------------


def test_companies_are_grouped_per_municipality_and_linked_to_their_clusters() -> None:
    grouped = group_companies(projection())
    kinds = {n.kind for n in grouped.nodes.values()}
    assert NodeKind.company not in kinds
    groups = {i: n for i, n in grouped.nodes.items() if n.kind is NodeKind.company_group}
    assert set(groups) == {group_id(s.BRONDERSLEV), group_id(s.AALBORG), group_id(None)}
    assert groups[group_id(s.BRONDERSLEV)].labels == {
        "da": "1 virksomhed i Brønderslev Kommune",
        "en": "1 company in Brønderslev Municipality",
    }
    links = {(e.source, e.target, e.kind) for e in grouped.edges}
    assert (group_id(s.BRONDERSLEV), s.ECD, EdgeKind.membership) in links
    assert (group_id(s.BRONDERSLEV), s.BRONDERSLEV, EdgeKind.location) in links
    assert (group_id(s.AALBORG), s.DIGITAL, EdgeKind.membership) in links
    assert (group_id(None), s.PAYLOAD_CLUSTER, EdgeKind.membership) in links
    assert groups[group_id(None)].labels["en"] == (
        "1 company outside the municipalities the graph knows"
    )


def test_the_full_view_groups_by_default_and_expands_on_request() -> None:
    grouped = build_view(projection(), ViewOptions(lang="en"))
    assert not [n for n in grouped.nodes if n.kind is NodeKind.company]
    assert len([n for n in grouped.nodes if n.kind is NodeKind.company_group]) == 3
    expanded = build_view(projection(), ViewOptions(lang="en", companies="expanded"))
    assert len([n for n in expanded.nodes if n.kind is NodeKind.company]) == 3
    assert not [n for n in expanded.nodes if n.kind is NodeKind.company_group]
    hidden = build_view(projection(), ViewOptions(show_companies=False))
    assert not {n.kind for n in hidden.nodes} & {NodeKind.company, NodeKind.company_group}


# --------------------------------------------------------------------------------------
# The bundled decision context
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def session(bundled_settings: Settings) -> Session:
    return build_session(bundled_settings)


def bundled_scope(session: Session, day: str) -> DecisionScope:
    built = build_context_model(
        session.queries,
        session.settings,
        as_of=date.fromisoformat(day),
        data=session.context_model.full if session.context_model else None,
    )
    return scope_of(built.view)


DOC = ID + "document/"


def test_bundled_context_counts_the_documents_in_force_and_its_declared_stand_ins(
    session: Session,
) -> None:
    decision = bundled_scope(session, "2024-09-20")
    assert len(decision.clusters) == 9
    assert decision.documents == (
        DOC + "brn-nordjyllandsstemme",
        DOC + "deb-2020-2023-nordjylland",  # expired, but the declared stand-in
        DOC + "erhvervshuse-framework-2021-2023",  # expired, but the declared stand-in
        DOC + "brn-procesplan-2024",
    )
    assert [f.stand_in for f in decision.frameworks] == [False, True, True, False]
    # Replaced national strategies and old framework agreements (with goals) do not count.
    assert not {DOC + "deb-2019", DOC + "deb-2020-2023", DOC + "erhvervshuse-framework-2019"} & set(
        decision.documents
    )


def test_bundled_cut_leaves_out_documents_not_in_force_on_the_date(session: Session) -> None:
    earlier = bundled_scope(session, "2019-06-01")
    assert earlier.documents == (DOC + "brn-nordjyllandsstemme",)  # the process plan: not yet
    assert context_model_cut_documents(session, earlier) == {DOC + "brn-nordjyllandsstemme"}
    now = bundled_scope(session, "2024-09-20")
    assert context_model_cut_documents(session, now) == set(now.documents)


def context_model_cut_documents(session: Session, decision: DecisionScope) -> set[str]:
    from brn_graph.view.projection import project_for_view

    built = build_context_model(
        session.queries,
        session.settings,
        as_of=decision.as_of,
        data=session.context_model.full if session.context_model else None,
    )
    view = build_view(
        project_for_view(session.queries, built.model, session.settings),
        ViewOptions(),
        scope=decision,
    )
    goals = [n for n in view.nodes if n.kind in {NodeKind.goal, NodeKind.strength_position}]
    assert goals
    assert {n.id for n in view.nodes if n.kind is NodeKind.cluster} == set(decision.clusters)
    return {n.documents[0] for n in goals}
