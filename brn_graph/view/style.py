"""How the network view looks: a style per node and edge type, tooltips, and the legend.

Each node type has a shape, colour and size (vis-network shape names); alignments are drawn
by level (width and colour) and confidence (solid, dashed, dotted), other edges by type.
:func:`style_node` and :func:`style_edge` turn a node or edge of the projection into what a
page draws, with its label and tooltip lines in one language; the legend rows count what the
view shows of each type and style.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from brn_graph.config import LANGUAGES, Language
from brn_graph.i18n.catalogue import text as word
from brn_graph.i18n.formats import format_score
from brn_graph.view.projection import (
    CONFIDENCES,
    LEVELS,
    Confidence,
    EdgeKind,
    Level,
    NodeKind,
    ProjectedEdge,
    Projection,
    node_label,
)


@dataclass(frozen=True, kw_only=True)
class NodeStyle:
    """How one node type is drawn (vis-network shape names)."""

    shape: str
    color: str
    border: str
    size: int
    font_color: str = "#1b1f23"
    font_size: int = 14


NODE_STYLES: Mapping[NodeKind, NodeStyle] = {
    NodeKind.cluster: NodeStyle(
        shape="box", color="#1f5fa8", border="#123a66", size=22, font_color="#ffffff", font_size=24
    ),
    NodeKind.document: NodeStyle(
        shape="square", color="#4a4f57", border="#24272b", size=18, font_size=18
    ),
    NodeKind.goal: NodeStyle(shape="diamond", color="#e8890c", border="#9a5a06", size=14),
    NodeKind.strength_position: NodeStyle(
        shape="triangle", color="#8e44ad", border="#5b2c70", size=14
    ),
    NodeKind.municipality: NodeStyle(
        shape="triangleDown", color="#2e8b57", border="#1d5a38", size=13
    ),
    NodeKind.office: NodeStyle(shape="hexagon", color="#17a2b8", border="#0f6c7b", size=9),
    NodeKind.company: NodeStyle(shape="dot", color="#a7adb4", border="#6c737b", size=5),
    NodeKind.company_group: NodeStyle(
        shape="ellipse", color="#dde2e7", border="#6f7c8a", size=16, font_size=16
    ),
    NodeKind.other: NodeStyle(shape="dot", color="#d0d4d9", border="#8a9099", size=5),
}

LEVEL_COLORS: Mapping[str, str] = {"high": "#b03a2e", "medium": "#e67e22", "low": "#c9a227"}
LEVEL_WIDTHS: Mapping[str, float] = {"high": 5.0, "medium": 3.0, "low": 1.5}
#: vis-network dash patterns: stated solid, inferred dashed, weak dotted.
CONFIDENCE_DASHES: Mapping[str, bool | tuple[int, ...]] = {
    "stated": False,
    "inferred": (8, 6),
    "weak": (2, 5),
}
EDGE_COLORS: Mapping[EdgeKind, str] = {
    EdgeKind.membership: "#b8bec6",
    EdgeKind.office: "#5fa8d3",
    EdgeKind.location: "#7fbf99",
    EdgeKind.part_of: "#8c9299",
    EdgeKind.other: "#c8ccd1",
}
EDGE_WIDTHS: Mapping[EdgeKind, float] = {
    EdgeKind.membership: 0.5,
    EdgeKind.office: 1.0,
    EdgeKind.location: 0.8,
    EdgeKind.part_of: 1.0,
    EdgeKind.other: 0.5,
}


@dataclass(frozen=True)
class TooltipLine:
    """One line of a tooltip: a caption (empty for the heading) and its text."""

    caption: str
    text: str


@dataclass(frozen=True, kw_only=True)
class ViewNode:
    """A node as drawn: label in the view's language, type, position, tooltip."""

    id: str
    label: str
    kind: NodeKind
    x: float
    y: float
    documents: tuple[str, ...]
    tooltip: tuple[TooltipLine, ...]
    #: vis-network options drawn over the node type's group (the context view's boxes).
    style: Mapping[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class ViewEdge:
    """An edge as drawn, with its resolved style."""

    id: str
    source: str
    target: str
    kind: EdgeKind
    level: Level | None
    confidence: Confidence | None
    inferred: bool
    document: str | None
    width: float
    color: str
    dashes: bool | tuple[int, ...]
    arrow: bool
    tooltip: tuple[TooltipLine, ...]


@dataclass(frozen=True, kw_only=True)
class LegendEntry:
    """One row of the legend: a node type or an edge style, with its label."""

    key: str
    label: str
    shape: str
    color: str
    border: str = ""
    width: float = 1.0
    dashes: bool | tuple[int, ...] = False
    count: int = 0


def style_node(
    projection: Projection, node_id: str, position: tuple[float, float], lang: Language
) -> ViewNode:
    """A node of the projection as drawn at ``position``, labelled in ``lang``."""
    node = projection.nodes[node_id]
    label = node_label(node, lang)
    lines = [
        TooltipLine("", label),
        TooltipLine(word("tip.kind", lang), word(f"kind.{node.kind}", lang)),
    ]
    for other in LANGUAGES:
        text = node.labels.get(other)
        if other != lang and text and text != label:
            lines.append(TooltipLine(word(f"tip.other_label.{other}", lang), text))
    for document in node.documents:
        if node.kind is not NodeKind.document and document in projection.nodes:
            lines.append(
                TooltipLine(
                    word("tip.document", lang), node_label(projection.nodes[document], lang)
                )
            )
    lines.append(TooltipLine(word("tip.id", lang), node.id))
    return ViewNode(
        id=node_id,
        label=label,
        kind=node.kind,
        x=position[0],
        y=position[1],
        documents=node.documents if node.kind is not NodeKind.document else (node.id,),
        tooltip=tuple(lines),
    )


def style_edge(projection: Projection, index: int, edge: ProjectedEdge, lang: Language) -> ViewEdge:
    """An edge of the projection as drawn (id ``e<index>``), its tooltip in ``lang``."""
    source = node_label(projection.nodes[edge.source], lang)
    target = node_label(projection.nodes[edge.target], lang)
    lines = [
        TooltipLine("", f"{source} → {target}"),
        TooltipLine(word("tip.kind", lang), word(f"edge.{edge.kind}", lang)),
    ]
    level: Level | None
    confidence: Confidence | None
    if edge.kind is EdgeKind.alignment:
        level = edge.level or "low"
        confidence = edge.confidence or ("inferred" if edge.inferred else "stated")
        width = LEVEL_WIDTHS[level]
        color = LEVEL_COLORS[level]
        dashes = CONFIDENCE_DASHES[
            "inferred" if edge.inferred and confidence == "stated" else confidence
        ]
        lines.append(TooltipLine(word("tip.level", lang), word(f"level.{level}", lang)))
        lines.append(
            TooltipLine(word("tip.confidence", lang), word(f"confidence.{confidence}", lang))
        )
        if edge.rule:
            lines.append(TooltipLine(word("tip.rule", lang), edge.rule))
        if edge.score is not None:
            lines.append(TooltipLine(word("tip.score", lang), format_score(edge.score, lang)))
        other: Language = "en" if lang == "da" else "da"
        evidence = edge.evidence.get(lang) or edge.evidence.get(other)
        if evidence:
            lines.append(TooltipLine(word("tip.evidence", lang), evidence))
        if edge.passage:
            lines.append(TooltipLine(word("tip.passage", lang), edge.passage))
        if edge.document and edge.document in projection.nodes:
            lines.append(
                TooltipLine(
                    word("tip.document", lang), node_label(projection.nodes[edge.document], lang)
                )
            )
        for ref in edge.sources:
            title = ref.label(lang)
            text = title if not ref.url or ref.url == title else f"{title} ({ref.url})"
            lines.append(TooltipLine(word("tip.source", lang), text))
        arrow = True
    else:
        width = EDGE_WIDTHS[edge.kind]
        color = EDGE_COLORS[edge.kind]
        dashes = False
        confidence = edge.confidence
        level = None
        arrow = False
    return ViewEdge(
        id=f"e{index}",
        source=edge.source,
        target=edge.target,
        kind=edge.kind,
        level=level,
        confidence=confidence,
        inferred=edge.inferred,
        document=edge.document,
        width=width,
        color=color,
        dashes=dashes,
        arrow=arrow,
        tooltip=tuple(lines),
    )


def node_legend_of(nodes: Sequence[ViewNode], lang: Language) -> tuple[LegendEntry, ...]:
    """A legend row per node type, with how many of ``nodes`` it has."""
    counts = Counter(n.kind for n in nodes)
    entries = []
    for kind in NodeKind:
        if kind in {NodeKind.other, NodeKind.company_group} and not counts[kind]:
            continue
        style = NODE_STYLES[kind]
        entries.append(
            LegendEntry(
                key=kind.value,
                label=word(f"kind.{kind.value}", lang),
                shape=style.shape,
                color=style.color,
                border=style.border,
                count=counts[kind],
            )
        )
    return tuple(entries)


def edge_legend_of(edges: Sequence[ViewEdge], lang: Language) -> tuple[LegendEntry, ...]:
    """Legend rows for alignment levels and confidences and the other edge types present."""
    counts = Counter(e.kind for e in edges)
    entries = [
        LegendEntry(
            key=f"level.{level}",
            label=word("legend.level", lang, level=word(f"level.{level}", lang)),
            shape="line",
            color=LEVEL_COLORS[level],
            width=LEVEL_WIDTHS[level],
            count=sum(1 for e in edges if e.kind is EdgeKind.alignment and e.level == level),
        )
        for level in reversed(LEVELS)
    ]
    entries += [
        LegendEntry(
            key=f"confidence.{confidence}",
            label=word(
                "legend.confidence", lang, confidence=word(f"confidence.{confidence}", lang)
            ),
            shape="line",
            color="#555b63",
            width=2.0,
            dashes=CONFIDENCE_DASHES[confidence],
            count=sum(
                1 for e in edges if e.kind is EdgeKind.alignment and e.confidence == confidence
            ),
        )
        for confidence in CONFIDENCES
    ]
    entries += [
        LegendEntry(
            key=f"edge.{kind.value}",
            label=word(f"edge.{kind.value}", lang),
            shape="line",
            color=EDGE_COLORS[kind],
            width=max(EDGE_WIDTHS[kind], 1.0),
            count=counts[kind],
        )
        for kind in EdgeKind
        if kind is not EdgeKind.alignment and counts[kind]
    ]
    return tuple(entries)
