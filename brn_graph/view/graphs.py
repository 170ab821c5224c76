"""A :class:`~brn_graph.view.model.NetworkView` as a graph object for analysts and for the page.

* :func:`to_networkx`: a ``networkx.MultiDiGraph`` with every node's label, type, position and
  documents and every edge's type, level, confidence and document, for analysis in a notebook.
* :func:`fill_pyvis`: a ``pyvis.network.Network`` holding the view's nodes and edges in
  vis-network's own format. The lists are filled in bulk: pyvis' ``add_node``/``add_edge``
  check every earlier node on each call, which is quadratic (minutes at 5,000 nodes).
  :func:`brn_graph.view.page.to_pyvis` adds the project's safe page template to it.

The node and edge records (:func:`node_record`, :func:`edge_record`) are the ones the page
script reads: vis-network options (``id``, ``label``, ``group``, ``x``, ``y``, ``from``,
``to``, ``width``, ``color``, ``dashes``) plus ``docs``, ``kind``, ``level``, ``confidence``,
``doc`` and ``tip`` (tooltip lines as plain text, which the page puts into the DOM as text).
There is no ``title`` key: pyvis and vis-network would treat a title as HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brn_graph.view.model import NetworkView
from brn_graph.view.style import ViewEdge, ViewNode

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network


def node_record(node: ViewNode) -> dict[str, Any]:
    """One node as vis-network (and the page script) reads it."""
    record: dict[str, Any] = {
        "id": node.id,
        "label": node.label,
        "group": node.kind.value,
        "x": node.x,
        "y": node.y,
        "docs": list(node.documents),
        "tip": [[line.caption, line.text] for line in node.tooltip],
    }
    if node.style:
        record["style"] = dict(node.style)
    return record


def edge_record(edge: ViewEdge) -> dict[str, Any]:
    """One edge as vis-network (and the page script) reads it."""
    return {
        "id": edge.id,
        "from": edge.source,
        "to": edge.target,
        "kind": edge.kind.value,
        "level": edge.level,
        "confidence": edge.confidence,
        "doc": edge.document,
        "width": edge.width,
        "color": edge.color,
        "dashes": list(edge.dashes) if isinstance(edge.dashes, tuple) else edge.dashes,
        "arrow": edge.arrow,
        "tip": [[line.caption, line.text] for line in edge.tooltip],
    }


def to_networkx(view: NetworkView) -> nx.MultiDiGraph:
    """The view as a networkx multigraph (node and edge attributes in the view's language).

    >>> import networkx as nx
    >>> from brn_graph.view.model import build_view
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("c", kind="cluster", label_en="A cluster")
    >>> sorted(to_networkx(build_view(g)).nodes(data="kind"))
    [('c', 'cluster')]
    """
    import networkx as nx

    graph = nx.MultiDiGraph(lang=view.lang)
    for node in view.nodes:
        graph.add_node(
            node.id,
            label=node.label,
            kind=node.kind.value,
            x=node.x,
            y=node.y,
            documents=list(node.documents),
        )
    for edge in view.edges:
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.id,
            kind=edge.kind.value,
            level=edge.level,
            confidence=edge.confidence,
            inferred=edge.inferred,
            document=edge.document,
            width=edge.width,
        )
    return graph


def fill_pyvis(view: NetworkView) -> Network:
    """A pyvis ``Network`` holding the view's nodes and edges, filled in bulk.

    Its ``node_ids`` and ``node_map`` are set too, so an analyst may go on with pyvis'
    own ``add_node``/``add_edge``.
    """
    from pyvis.network import Network

    net = Network(
        height="100%",
        width="100%",
        directed=True,
        heading="",
        cdn_resources="in_line",
    )
    nodes = [node_record(n) for n in view.nodes]
    net.nodes = nodes
    net.edges = [edge_record(e) for e in view.edges]
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.toggle_physics(view.physics)
    return net
