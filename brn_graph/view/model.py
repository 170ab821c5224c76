"""The network view: what a page draws, and :func:`build_view`, which makes it.

:mod:`brn_graph.network.analytics` projects the RDF graph onto networkx; a :class:`NetworkView`
is the exact set of nodes and edges a page will draw, each with its label in one language, its
style, its position and its tooltip text, plus the legend, the filter menus and a report of what
the server cut away. :func:`build_view` runs the steps in order: read the projection
(:mod:`brn_graph.view.projection`), cut it (:mod:`brn_graph.view.cut`), lay it out
(:mod:`brn_graph.view.layout`, once on the server, so the browser never runs a layout on a large
view) and style it (:mod:`brn_graph.view.style`). :mod:`brn_graph.view.page` renders a view as
HTML; nothing here knows about HTML, and nothing here escapes: every string stays plain text
until the page puts it into the DOM as text."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from brn_graph.config import Language
from brn_graph.i18n.catalogue import text as word
from brn_graph.i18n.collation import danish_sort_key
from brn_graph.view.companies import group_companies
from brn_graph.view.cut import CutReport, ViewMode, ViewOptions, cut_projection
from brn_graph.view.decision import DecisionScope, cut_decision, decision_groups
from brn_graph.view.layered import CLUSTER_BOX, context_styles, layered_positions
from brn_graph.view.layout import compute_positions
from brn_graph.view.projection import (
    EdgeKind,
    Level,
    NodeKind,
    Projection,
    node_label,
    read_projection,
)
from brn_graph.view.style import (
    LegendEntry,
    ViewEdge,
    ViewNode,
    edge_legend_of,
    node_legend_of,
    style_edge,
    style_node,
)

#: Kinds a user can focus on from the page.
FOCUS_KINDS = frozenset({NodeKind.cluster, NodeKind.goal, NodeKind.strength_position})
#: Kinds drawn around the node they hang on when a view is large (see view_layout).
LEAF_KINDS = frozenset({NodeKind.company, NodeKind.company_group, NodeKind.office, NodeKind.other})
#: The smallest on-screen height of a cluster label in the context view, in CSS pixels: the
#: page's initial view never scales below it (see ``min_scale``).
MIN_CLUSTER_LABEL_PX = 12.0


@dataclass(frozen=True, kw_only=True)
class Choice:
    """An option of a filter menu."""

    id: str
    label: str
    group: str = ""


@dataclass(frozen=True, kw_only=True)
class NetworkView:
    """Everything a page needs to draw the network, independent of HTML."""

    lang: Language
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    node_legend: tuple[LegendEntry, ...]
    edge_legend: tuple[LegendEntry, ...]
    documents: tuple[Choice, ...]
    clusters: tuple[Choice, ...]
    focus_choices: tuple[Choice, ...]
    cut: CutReport
    physics: bool
    document: str | None = None
    focus: str | None = None
    min_level: Level | None = None
    #: ``context``: the decision's clusters and goals, laid out in two columns; ``full``.
    mode: ViewMode = "full"
    #: The decision context and date the context view shows (``None`` in the full view).
    scope: DecisionScope | None = None
    #: The page's initial view keeps at least this scale (cluster labels stay legible).
    min_scale: float | None = None


def build_view(
    source: Projection | Any,
    options: ViewOptions | None = None,
    *,
    scope: DecisionScope | None = None,
    mode: ViewMode | None = None,
) -> NetworkView:
    """Cut, lay out and style the projection (a :class:`Projection` or a networkx graph).

    Raises :class:`~brn_graph.errors.NotFoundError` for an unknown document or focus (with
    suggestions) and :class:`~brn_graph.errors.ParameterError` for an ambiguous one.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("c", kind="cluster", label_da="Klynge", label_en="Cluster")
    >>> g.add_node("g", kind="goal", label_da="Mål", label_en="Goal")
    >>> _ = g.add_edge("c", "g", kind="alignment", level="high", confidence="inferred")
    >>> view = build_view(g, ViewOptions(lang="en"))
    >>> [n.label for n in view.nodes], view.edges[0].dashes
    (['Cluster', 'Goal'], (8, 6))
    """
    options = options or ViewOptions()
    projection = source if isinstance(source, Projection) else read_projection(source)
    if scope is not None and mode != "full":
        return _context_view(projection, options, scope)
    lang = options.lang
    if options.companies == "grouped":
        projection = group_companies(projection)
    all_nodes = projection.nodes
    cut = cut_projection(projection, options)
    keep, edges = cut.nodes, cut.edges

    positions = compute_positions(
        keep,
        [(e.source, e.target) for e in edges],
        leaves={i for i in keep if all_nodes[i].kind in LEAF_KINDS},
        preferred_anchors={i for i in keep if all_nodes[i].kind is NodeKind.cluster},
        seed=options.seed,
    )
    node_ids = sorted(keep, key=lambda i: (_kind_rank(all_nodes[i].kind), i))
    view_nodes = tuple(style_node(projection, i, positions[i], lang) for i in node_ids)
    view_edges = tuple(style_edge(projection, index, e, lang) for index, e in enumerate(edges))
    return NetworkView(
        lang=lang,
        nodes=view_nodes,
        edges=view_edges,
        node_legend=node_legend_of(view_nodes, lang),
        edge_legend=edge_legend_of(view_edges, lang),
        documents=_choices(view_nodes, {NodeKind.document}),
        clusters=_choices(view_nodes, {NodeKind.cluster}),
        focus_choices=_choices(view_nodes, FOCUS_KINDS, grouped=True, lang=lang),
        cut=cut.report,
        physics=len(view_nodes) <= options.physics_max_nodes,
        document=cut.document,
        focus=cut.focus,
        min_level=options.min_level,
        scope=scope,
    )


def _context_view(
    projection: Projection, options: ViewOptions, scope: DecisionScope
) -> NetworkView:
    """The decision-context view: its cut in two columns, physics off, boxes that read."""
    lang = options.lang
    cut = cut_decision(projection, scope, options)
    keep, edges = cut.nodes, cut.edges
    nodes = projection.nodes
    clusters = [c for c in scope.clusters if c in keep]
    groups: list[tuple[str, list[str]]] = []
    for document, targets in decision_groups(projection, scope):
        shown = [t for t in targets if t in keep]
        if document in keep or shown:
            groups.append((document, shown))
    labels = {i: _context_label(projection, scope, i, lang) for i in keep}
    positions = layered_positions(
        clusters,
        groups,
        [(e.source, e.target) for e in edges if e.kind is EdgeKind.alignment],
        labels,
    )
    styles = context_styles()
    order = {i: k for k, i in enumerate([*clusters, *(n for d, ts in groups for n in (d, *ts))])}
    node_ids = sorted(keep, key=lambda i: (order.get(i, len(order)), i))
    view_nodes = tuple(
        dataclasses.replace(
            style_node(projection, i, positions[i], lang),
            label=labels[i],
            style=styles.get(nodes[i].kind.value),
        )
        for i in node_ids
    )
    view_edges = tuple(style_edge(projection, index, e, lang) for index, e in enumerate(edges))
    return NetworkView(
        lang=lang,
        nodes=view_nodes,
        edges=view_edges,
        node_legend=tuple(e for e in node_legend_of(view_nodes, lang) if e.count),
        edge_legend=edge_legend_of(view_edges, lang),
        documents=_choices(view_nodes, {NodeKind.document}),
        clusters=_choices(view_nodes, {NodeKind.cluster}),
        focus_choices=_choices(view_nodes, FOCUS_KINDS, grouped=True, lang=lang),
        cut=cut.report,
        physics=False,
        document=cut.document,
        focus=cut.focus,
        min_level=options.min_level,
        mode="context",
        scope=scope,
        min_scale=MIN_CLUSTER_LABEL_PX / CLUSTER_BOX.font_size,
    )


def _context_label(
    projection: Projection, scope: DecisionScope, node_id: str, lang: Language
) -> str:
    """A node's label; a framework's document says which framework it counts for."""
    node = projection.nodes[node_id]
    label = node_label(node, lang)
    if node.kind is not NodeKind.document:
        return label
    frameworks = [f for f in scope.frameworks if f.document == node_id]
    if not frameworks:
        return label
    framework = frameworks[0]
    key = "network_context.node.stand_in" if framework.stand_in else "network_context.node"
    return word(key, lang, framework=framework.label(lang))


def _kind_rank(kind: NodeKind) -> int:
    return list(NodeKind).index(kind)


def _choices(
    nodes: Sequence[ViewNode],
    kinds: set[NodeKind] | frozenset[NodeKind],
    *,
    grouped: bool = False,
    lang: Language = "da",
) -> tuple[Choice, ...]:
    chosen = [n for n in nodes if n.kind in kinds]
    chosen.sort(
        key=lambda n: (_kind_rank(n.kind) if grouped else 0, danish_sort_key(n.label), n.id)
    )
    return tuple(
        Choice(id=n.id, label=n.label, group=word(f"kind.{n.kind.value}", lang) if grouped else "")
        for n in chosen
    )
