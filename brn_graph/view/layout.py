"""Node positions for the network view, computed once on the server.

The browser never runs a layout on a large view (vis-network's physics needs minutes at a
thousand nodes in software rendering; see ARCHITECTURE.md, "View choice"). Small views get
a seeded force layout (networkx's Fruchterman-Reingold) of every node. Larger views lay out
only the *central* nodes with it (clusters, documents, goals, municipalities: at most a few
hundred), spread them until each has room for what hangs on it, and place the *leaves*
(companies, offices) on a sunflower spiral around their anchor: linear in the number of
leaves, so 5,000 nodes take a fraction of a second and the same input always gives the same
picture.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


#: Up to this many nodes the whole view is laid out with the force layout.
SPRING_MAX_NODES = 400
#: Leaves sit on a spiral around their anchor: first radius and spacing, in pixels.
LEAF_START = 40.0
LEAF_SPACING = 22.0
#: Pixels per node of a force layout (scaled with the square root of the node count).
SMALL_SPACING = 80.0
CORE_SPACING = 90.0

_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))

Position = tuple[float, float]


def compute_positions(
    nodes: Iterable[str],
    links: Iterable[tuple[str, str]],
    *,
    leaves: set[str] | frozenset[str] = frozenset(),
    preferred_anchors: set[str] | frozenset[str] = frozenset(),
    seed: int = 1,
) -> dict[str, Position]:
    """Positions in vis-network pixels for ``nodes`` joined by ``links``.

    ``leaves`` are drawn around a central neighbour (one of ``preferred_anchors`` if they
    have one, e.g. the cluster of a member company) when the view is too large for a force
    layout of everything. Leaves with no central neighbour go to rings outside the rest.

    >>> pos = compute_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
    >>> sorted(pos) == ["a", "b", "c"] and pos == compute_positions(
    ...     ["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
    True
    """
    ordered = sorted(set(nodes))
    if not ordered:
        return {}
    node_set = set(ordered)
    edges = [(a, b) for a, b in links if a in node_set and b in node_set and a != b]
    if len(ordered) <= SPRING_MAX_NODES:
        return _force_layout(ordered, _weights(edges), seed=seed, spacing=SMALL_SPACING)
    leaf_set = node_set & set(leaves)
    core = [n for n in ordered if n not in leaf_set]
    core_set = set(core)
    weights = _weights((a, b) for a, b in edges if a in core_set and b in core_set)
    # Central nodes that share leaves (a cluster and the municipality of its members) attract.
    for others in _core_neighbours(edges, leaf_set, core_set).values():
        ranked = sorted(others)
        for i, a in enumerate(ranked):
            for b in ranked[i + 1 :]:
                weights.setdefault((a, b), 1.0)
    if len(core) <= SPRING_MAX_NODES:
        positions = _force_layout(core, weights, seed=seed, spacing=CORE_SPACING)
    else:
        positions = spiral(core, centre=(0.0, 0.0), start=0.0, spacing=120.0)
    anchors = _anchors(edges, leaf_set, core_set, set(preferred_anchors))
    groups: dict[str | None, list[str]] = defaultdict(list)
    for leaf in sorted(leaf_set):
        groups[anchors.get(leaf)].append(leaf)
    radii = {
        node: LEAF_START + LEAF_SPACING * math.sqrt(len(groups[node])) if node in groups else 30.0
        for node in core
    }
    positions = _spread(positions, radii)
    radius = max((math.hypot(x, y) + radii[n] for n, (x, y) in positions.items()), default=0.0)
    for anchor, members in groups.items():
        if anchor is not None:
            positions.update(
                spiral(members, centre=positions[anchor], start=LEAF_START, spacing=LEAF_SPACING)
            )
    if groups.get(None):
        positions.update(_rings(groups[None], radius=radius + 400.0, spacing=30.0))
    return positions


def spiral(
    nodes: Sequence[str], *, centre: Position, start: float, spacing: float
) -> dict[str, Position]:
    """A sunflower (Vogel) spiral: even density, no overlaps, O(n).

    >>> spiral(["a"], centre=(10.0, 0.0), start=0.0, spacing=2.0)
    {'a': (11.4, 0.0)}
    """
    cx, cy = centre
    out: dict[str, Position] = {}
    for index, node in enumerate(nodes):
        r = start + spacing * math.sqrt(index + 0.5)
        angle = index * _GOLDEN_ANGLE
        out[node] = (round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))
    return out


def _weights(edges: Iterable[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """Undirected link weights (parallel edges add up)."""
    weights: dict[tuple[str, str], float] = {}
    for a, b in edges:
        key = (a, b) if a < b else (b, a)
        weights[key] = weights.get(key, 0.0) + 1.0
    return weights


def _force_layout(
    nodes: Sequence[str],
    weights: Mapping[tuple[str, str], float],
    *,
    seed: int,
    spacing: float,
) -> dict[str, Position]:
    """A seeded Fruchterman-Reingold layout (networkx, dense: < 500 nodes), in pixels.

    Each connected component is laid out on its own and the components are packed in rows,
    largest first: otherwise a few unconnected nodes push the rest into a small knot.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    boxes: list[dict[str, Position]] = []
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    for component in components:
        members = sorted(component)
        if len(members) == 1:
            boxes.append({members[0]: (0.0, 0.0)})
            continue
        raw = nx.spring_layout(graph.subgraph(members), seed=seed, iterations=80, weight="weight")
        scale = spacing * math.sqrt(len(members))
        boxes.append({n: (float(x) * scale, float(y) * scale) for n, (x, y) in raw.items()})
    return _pack(boxes, gap=2.5 * spacing)


def _pack(boxes: Sequence[dict[str, Position]], *, gap: float) -> dict[str, Position]:
    """Place laid-out components side by side in rows (shelf packing), centred on 0, 0."""
    sizes = []
    for box in boxes:
        xs = [x for x, _ in box.values()]
        ys = [y for _, y in box.values()]
        sizes.append((min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    row_width = max(
        max(w for _, _, w, _ in sizes), math.sqrt(sum(w * h for _, _, w, h in sizes)) * 1.3
    )
    out: dict[str, Position] = {}
    x = y = row_height = 0.0
    for box, (left, top, width, height) in zip(boxes, sizes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (nx_, ny_) in box.items():
            out[node] = (nx_ - left + x, ny_ - top + y)
        x += width
        row_height = max(row_height, height)
    cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
    cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
    return {n: (round(px - cx, 1), round(py - cy, 1)) for n, (px, py) in out.items()}


def _spread(
    positions: dict[str, Position], radii: Mapping[str, float], *, iterations: int = 60
) -> dict[str, Position]:
    """Push overlapping discs apart (vectorised; O(n²) per step, central nodes only)."""
    import numpy as np

    nodes = list(positions)
    if len(nodes) < 2:
        return positions
    xy = np.array([positions[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    r = np.array([radii[n] for n in nodes], dtype=float)
    for _ in range(iterations):
        delta = xy[:, None, :] - xy[None, :, :]
        distance = np.sqrt((delta**2).sum(axis=2)) + np.eye(len(nodes))
        overlap = np.clip(r[:, None] + r[None, :] + 10.0 - distance, 0.0, None)
        np.fill_diagonal(overlap, 0.0)
        if not overlap.any():
            break
        push = (delta / distance[:, :, None]) * (overlap / 2.0)[:, :, None]
        xy += push.sum(axis=1) * 0.5
    return {
        n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, xy, strict=True)
    }


def _core_neighbours(
    edges: Iterable[tuple[str, str]], leaves: set[str], core: set[str]
) -> dict[str, set[str]]:
    """For each leaf, the central nodes it links to."""
    found: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if a in leaves and b in core:
            found[a].add(b)
        elif b in leaves and a in core:
            found[b].add(a)
    return found


def _anchors(
    edges: Iterable[tuple[str, str]], leaves: set[str], core: set[str], preferred: set[str]
) -> dict[str, str]:
    """The central node each leaf is drawn next to: a preferred one if it has one."""
    best: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for a, b in edges:
        for leaf, other in ((a, b), (b, a)):
            if leaf in leaves and other in core:
                (best if other in preferred else fallback).setdefault(leaf, other)
    return {**fallback, **best}


def _rings(nodes: Sequence[str], *, radius: float, spacing: float) -> dict[str, Position]:
    """Nodes with nothing to hang on, in rings outside the rest."""
    out: dict[str, Position] = {}
    index = 0
    r = radius
    while index < len(nodes):
        per_ring = max(1, int(2 * math.pi * r / spacing))
        for k in range(min(per_ring, len(nodes) - index)):
            angle = 2 * math.pi * k / per_ring
            out[nodes[index]] = (round(r * math.cos(angle), 1), round(r * math.sin(angle), 1))
            index += 1
        r += spacing
    return out
