"""The view as a networkx graph and as a pyvis Network (bulk-filled, rendered by our template)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pyvis.network import Network

from brn_graph.view.cut import ViewOptions
from brn_graph.view.graphs import fill_pyvis, to_networkx
from brn_graph.view.model import NetworkView, build_view
from brn_graph.view.page import render_network_html, to_pyvis
from brn_graph.view.projection import read_network_projection
from tests import network_samples as s

DATA_BLOCK = re.compile(r'<script type="application/json" id="network-data">(.*?)</script>', re.S)


def view_of(payload: str | None = None, **options: Any) -> NetworkView:
    return build_view(read_network_projection(s.sample_projection(payload)), ViewOptions(**options))


def page_json(html: str) -> dict[str, Any]:
    match = DATA_BLOCK.search(html)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_to_networkx_holds_every_node_and_edge_with_its_attributes() -> None:
    view = view_of(lang="en")
    graph = to_networkx(view)
    assert graph.number_of_nodes() == len(view.nodes) == s.TOTAL_NODES
    assert graph.number_of_edges() == len(view.edges)
    assert graph.nodes[s.ECD]["kind"] == "cluster"
    assert graph.nodes[s.ECD]["label"] == "Energy Cluster Denmark"
    alignment = next(e for e in view.edges if e.kind.value == "alignment")
    attrs = graph.edges[alignment.source, alignment.target, alignment.id]
    assert (attrs["level"], attrs["confidence"]) == (alignment.level, alignment.confidence)


def test_pyvis_network_is_filled_in_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("add_node/add_edge are quadratic; the lists are filled in bulk")

    monkeypatch.setattr(Network, "add_node", refuse)
    monkeypatch.setattr(Network, "add_edge", refuse)
    view = view_of()
    net = fill_pyvis(view)
    assert isinstance(net, Network)
    assert [n["id"] for n in net.nodes] == [n.id for n in view.nodes]
    assert [(e["from"], e["to"]) for e in net.edges] == [(e.source, e.target) for e in view.edges]
    assert net.node_ids == [n.id for n in view.nodes]
    assert not any("title" in n for n in net.nodes)  # pyvis would switch to HTML tooltips


def test_pyvis_methods_keep_working_after_the_bulk_fill() -> None:
    net = fill_pyvis(view_of())
    net.add_node("extra", label="Extra")
    net.add_edge(s.ECD, "extra")
    assert net.edges[-1]["from"] == s.ECD
    assert "extra" in net.get_nodes()


def test_to_pyvis_renders_the_projects_page_not_pyvis_template() -> None:
    view = view_of(lang="en")
    net = to_pyvis(view)
    html = net.generate_html()
    assert html == render_network_html(view, assets=net.template.assets)
    assert 'id="nw-network"' in html
    assert "drawGraph" not in html  # pyvis' own template
    assert len(page_json(html)["nodes"]) == s.TOTAL_NODES


def test_pyvis_heading_and_additions_cannot_inject_markup() -> None:
    payload = '<img src=x onerror="window.__xss=1">'
    net = to_pyvis(view_of())
    net.heading = payload
    net.add_node("extra", label=payload, title=f'<a href="x">{payload}</a>')
    html = net.generate_html()
    assert payload not in html
    assert "<img" not in html
    nodes = page_json(html)["nodes"]
    assert next(n for n in nodes if n["id"] == "extra")["label"] == payload


def test_write_html_writes_one_self_contained_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    to_pyvis(view_of()).write_html("network.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["network.html"]  # no lib/ folder
    html = (tmp_path / "network.html").read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"https?://", html)
    assert "vis-network" in html
