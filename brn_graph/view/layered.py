"""The bipartite layout of the decision-context view, computed on the server.

Clusters stand in the left column, the goals of the counted frameworks in the right one, each
framework's goals under a header (its document's node). Positions are vis-network pixels; the
page draws them with physics off, so the same context gives the same picture every time.

Heights are estimated from the label lengths and the box styles of :data:`CONTEXT_STYLES`
(font size, maximum box width): each box gets the room its wrapped label needs, so no two boxes
of a column overlap. Clusters are ordered by the mean height of the goals they serve
(barycentre), which shortens and uncrosses the edges; ties (and clusters with no alignment)
keep the caller's order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Position = tuple[float, float]


@dataclass(frozen=True, kw_only=True)
class BoxMetrics:
    """How a box of one node kind is drawn in the context view (vis-network units)."""

    font_size: int
    max_width: int
    margin: int

    def height(self, label: str) -> float:
        """The estimated height of the box of ``label`` (wrapped at :attr:`max_width`)."""
        return self.lines(label) * self.font_size * LINE_HEIGHT + 2 * self.margin

    def lines(self, label: str) -> int:
        """Lines the label wraps to, word by word, at an average character width.

        >>> BoxMetrics(font_size=10, max_width=60, margin=0).lines("aaaa bbbb cccc")
        2
        """
        per_line = max(1, int((self.max_width - 2 * self.margin) / (self.font_size * CHAR_WIDTH)))
        lines, used = 0, 0
        for token in label.split():
            size = len(token)
            if used and used + 1 + size <= per_line:
                used += 1 + size
            else:
                lines, used = lines + 1, size
            if used > per_line:  # a word longer than a line breaks inside
                extra = (used - 1) // per_line
                lines, used = lines + extra, used - extra * per_line
        return max(lines, 1)

    def style(self, **extra: Any) -> dict[str, Any]:
        """The vis-network options of such a box (merged over the node type's group)."""
        return {
            "shape": "box",
            "margin": self.margin,
            "widthConstraint": {"maximum": self.max_width},
            "font": {"size": self.font_size, **extra.pop("font", {})},
            **extra,
        }


#: Average character width and line height as multiples of the font size (generous, so the
#: estimate errs towards more room).
CHAR_WIDTH = 0.56
LINE_HEIGHT = 1.2

CLUSTER_BOX = BoxMetrics(font_size=24, max_width=340, margin=8)
HEADER_BOX = BoxMetrics(font_size=18, max_width=560, margin=6)
GOAL_BOX = BoxMetrics(font_size=16, max_width=560, margin=5)

#: Horizontal distance between the centres of the two columns.
COLUMN_GAP = 660.0
#: Vertical room between goal boxes, before each framework's header, and between clusters.
GOAL_GAP = 4.0
GROUP_GAP = 16.0
CLUSTER_GAP = 20.0


def layered_positions(
    clusters: Sequence[str],
    groups: Sequence[tuple[str, Sequence[str]]],
    links: Sequence[tuple[str, str]],
    labels: Mapping[str, str],
) -> dict[str, Position]:
    """Positions: clusters at ``x = 0``, headers and goals at ``x = COLUMN_GAP``.

    ``groups`` is each framework document with its goals, in the order to draw them;
    ``links`` are the cluster-goal alignments (for the cluster order); ``labels`` the texts
    drawn (for the box heights). Both columns are centred on ``y = 0``.

    >>> pos = layered_positions(["c"], [("d", ["g1", "g2"])], [("c", "g2")], {})
    >>> pos["c"][0] < pos["g1"][0] == pos["d"][0] and pos["d"][1] < pos["g1"][1] < pos["g2"][1]
    True
    """
    right: dict[str, Position] = {}
    y = 0.0
    for index, (document, goals) in enumerate(groups):
        if index:
            y += GROUP_GAP
        height = HEADER_BOX.height(labels.get(document, document))
        right[document] = (COLUMN_GAP, y + height / 2)
        y += height + GOAL_GAP
        for goal in goals:
            height = GOAL_BOX.height(labels.get(goal, goal))
            right[goal] = (COLUMN_GAP, y + height / 2)
            y += height + GOAL_GAP
    right_height = max(y - GOAL_GAP, 0.0)

    order = _barycentre_order(clusters, links, right)
    heights = [CLUSTER_BOX.height(labels.get(c, c)) for c in order]
    needed = sum(heights) + CLUSTER_GAP * max(len(order) - 1, 0)
    column = max(needed, right_height)
    gap = (column - sum(heights)) / (len(order) - 1) if len(order) > 1 else 0.0
    left: dict[str, Position] = {}
    y = (column - needed) / 2 if len(order) == 1 else 0.0
    for cluster, height in zip(order, heights, strict=True):
        left[cluster] = (0.0, y + height / 2)
        y += height + gap

    shift = column / 2
    right_shift = right_height / 2 if right_height < column else shift
    out = {n: (x, round(py - shift, 1)) for n, (x, py) in left.items()}
    out.update({n: (x, round(py - right_shift, 1)) for n, (x, py) in right.items()})
    return out


def _barycentre_order(
    clusters: Sequence[str], links: Sequence[tuple[str, str]], right: Mapping[str, Position]
) -> list[str]:
    heights: dict[str, list[float]] = {c: [] for c in clusters}
    for cluster, goal in links:
        if cluster in heights and goal in right:
            heights[cluster].append(right[goal][1])
    rank = {c: i for i, c in enumerate(clusters)}

    def key(cluster: str) -> tuple[float, int]:
        ys = heights[cluster]
        return (sum(ys) / len(ys) if ys else math.inf, rank[cluster])

    return sorted(clusters, key=key)


def context_styles() -> dict[str, dict[str, Any]]:
    """Per node kind (``NodeKind`` value), the box each is drawn as in the context view."""
    return {
        "cluster": CLUSTER_BOX.style(),
        "document": HEADER_BOX.style(font={"color": "#ffffff"}),
        "goal": GOAL_BOX.style(
            color={
                "background": "#fde7c7",
                "border": "#c46f06",
                "highlight": {"background": "#fde7c7", "border": "#000000"},
                "hover": {"background": "#fde7c7", "border": "#000000"},
            },
        ),
        "strength_position": GOAL_BOX.style(
            color={
                "background": "#eedcf5",
                "border": "#8e44ad",
                "highlight": {"background": "#eedcf5", "border": "#000000"},
                "hover": {"background": "#eedcf5", "border": "#000000"},
            },
        ),
    }
