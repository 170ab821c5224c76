"""The projection-to-view step (which nodes and edges, which styles) and the HTML page.

The projection comes from :mod:`brn_graph.network.analytics`'s own types
(``tests/network_samples.py``), so these tests hold the view to the real projection contract.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from brn_graph.errors import NotFoundError, ParameterError
from brn_graph.view.assets import (
    InlineAssets,
    LinkedAssets,
    csp_hash,
    page_static_dir,
    read_inline_assets,
    vis_network_dir,
)
from brn_graph.view.cut import ViewOptions
from brn_graph.view.layout import compute_positions
from brn_graph.view.model import NetworkView, build_view
from brn_graph.view.page import (
    PageLinks,
    encode_json_for_html,
    page_data,
    render_network_html,
)
from brn_graph.view.projection import (
    EdgeKind,
    NodeKind,
    Projection,
    read_network_projection,
    read_projection,
)
from brn_graph.view.style import CONFIDENCE_DASHES, LEVEL_COLORS, LEVEL_WIDTHS, NODE_STYLES
from tests import network_samples as s

STATIC = Path(__file__).resolve().parents[3] / "brn_graph" / "view" / "static"
LINKED = LinkedAssets.under("/static/vis-network", "/static/network")


def projection(payload: str | None = None) -> Projection:
    return read_network_projection(s.sample_projection(payload))


def view_of(**options: Any) -> NetworkView:
    """The full view with the companies one by one (their grouping: test_decision_view)."""
    return build_view(projection(), ViewOptions(**{"companies": "expanded", **options}))


def ids(view: NetworkView, kind: NodeKind | None = None) -> set[str]:
    return {n.id for n in view.nodes if kind is None or n.kind is kind}


def edge(view: NetworkView, source: str, target: str) -> Any:
    return next(e for e in view.edges if e.source == source and e.target == target)


@pytest.fixture(scope="module")
def assets() -> InlineAssets:
    return read_inline_assets(page_dir=STATIC)


# --------------------------------------------------------------------------------------
# Reading the projection
# --------------------------------------------------------------------------------------


def test_every_kind_of_the_network_projection_is_recognised() -> None:
    p = projection()
    kinds = {n.kind.value for n in p.nodes.values()}
    assert kinds == set(s.COUNTS)
    assert NodeKind.other not in {n.kind for n in p.nodes.values()}
    assert EdgeKind.other not in {e.kind for e in p.edges}
    assert {e.kind for e in p.edges} == set(EdgeKind) - {EdgeKind.other}


def test_goals_know_their_document_and_alignments_theirs() -> None:
    p = projection()
    assert p.nodes[s.GOAL_1].documents == (s.DOC_BRN,)
    assert p.nodes[s.SP_FOOD].documents == (s.DOC_DEB,)
    inferred = next(e for e in p.edges if e.source == s.ECD and e.target == s.SP_ENERGY)
    assert inferred.document == s.DOC_DEB  # taken from the strength position
    assert inferred.inferred
    assert inferred.rule == "same-theme"


def test_loose_attribute_names_are_read() -> None:
    g = nx.MultiDiGraph()
    g.add_node("c", type="https://w3id.org/brn-graph/ontology#Cluster", label="Klynge")
    g.add_node("d", kind="brn:Strategy", labels={"da": "Strategi", "en": "Strategy"})
    g.add_node("g", kind="Goal", label_da="Mål", label_en="Goal")
    g.add_edge("g", "d", relation="defined-in")
    g.add_edge(
        "c",
        "g",
        kind="alignment",
        level="https://w3id.org/brn-graph/ontology#LevelMedium",
        confidence="brn:Weak",
        evidence={"da": "fordi", "en": "because"},
        sources=["https://example.org/a", {"label": "B", "url": "https://example.org/b"}],
    )
    p = read_projection(g)
    assert p.nodes["c"].kind is NodeKind.cluster
    assert p.nodes["c"].labels == {"da": "Klynge", "en": "Klynge"}
    assert p.nodes["d"].kind is NodeKind.document
    assert p.nodes["g"].documents == ("d",)
    (alignment,) = [e for e in p.edges if e.kind is EdgeKind.alignment]
    assert (alignment.level, alignment.confidence) == ("medium", "weak")
    assert alignment.document == "d"
    assert [r.url for r in alignment.sources] == ["https://example.org/a", "https://example.org/b"]


# --------------------------------------------------------------------------------------
# Which nodes and edges
# --------------------------------------------------------------------------------------


def test_default_view_shows_everything_with_positions() -> None:
    view = view_of()
    assert len(view.nodes) == s.TOTAL_NODES
    assert len(view.edges) == len(s.sample_projection().edges)
    assert not view.cut.capped
    assert view.physics  # a small view settles in the browser, then freezes
    for node in view.nodes:
        assert math.isfinite(node.x)
        assert math.isfinite(node.y)


def test_document_filter_keeps_clusters_and_that_documents_goals() -> None:
    view = view_of(document="brn-nordjyllandsstemme")
    assert ids(view, NodeKind.document) == {s.DOC_BRN}
    assert ids(view, NodeKind.goal) == {s.GOAL_1, s.GOAL_2, s.GOAL_3}
    assert ids(view, NodeKind.strength_position) == set()
    assert len(ids(view, NodeKind.cluster)) == s.COUNTS["cluster"]
    targets = {e.target for e in view.edges if e.kind is EdgeKind.alignment}
    assert targets == {s.GOAL_1, s.GOAL_2, s.GOAL_3}
    assert view.document == s.DOC_BRN
    assert any("#Nordjyllandsstemme" in line for line in view.cut.scope)


def test_document_filter_includes_the_chapters_of_a_national_strategy() -> None:
    view = view_of(document=s.DOC_DEB)
    assert ids(view, NodeKind.document) == {s.DOC_DEB, s.DOC_CHAPTER}
    assert ids(view, NodeKind.goal) == {s.GOAL_CH}
    assert ids(view, NodeKind.strength_position) == {s.SP_ENERGY, s.SP_FOOD}


def test_min_level_drops_weaker_alignments_but_not_nodes() -> None:
    view = view_of(min_level="medium")
    levels = {e.level for e in view.edges if e.kind is EdgeKind.alignment}
    assert levels == {"high", "medium"}
    assert len(view.nodes) == s.TOTAL_NODES


def test_hiding_companies_municipalities_and_offices() -> None:
    view = view_of(show_companies=False, show_municipalities=False, show_offices=False)
    kinds = {n.kind for n in view.nodes}
    assert not kinds & {NodeKind.company, NodeKind.municipality, NodeKind.office}
    assert all(
        e.kind not in {EdgeKind.membership, EdgeKind.location, EdgeKind.office} for e in view.edges
    )


def test_focus_on_a_cluster_is_its_neighbourhood() -> None:
    view = view_of(focus="energy-cluster-denmark")
    # The cluster, what it aligns with and their documents, its office and that office's
    # municipality, its member company.
    assert ids(view) == {
        s.ECD,
        s.GOAL_1,
        s.SP_ENERGY,
        s.DOC_BRN,
        s.DOC_DEB,
        s.SITE_ECD,
        s.AALBORG,
        s.COMPANY_1,
    }
    assert view.focus == s.ECD


def test_focus_on_a_goal_shows_its_document_and_clusters() -> None:
    view = view_of(focus="goal:brn-nordjyllandsstemme-1")
    assert ids(view) == {s.GOAL_1, s.DOC_BRN, s.ECD}


def test_focus_by_label_with_danish_letters() -> None:
    view = view_of(focus="Grøn omstilling og grøn vækst")
    assert view.focus == s.GOAL_1


def test_unknown_focus_and_document_say_what_was_meant() -> None:
    with pytest.raises(NotFoundError) as caught:
        view_of(focus="energy-cluster-danmark")
    assert "energy-cluster-denmark" in caught.value.suggestions
    with pytest.raises(NotFoundError):
        view_of(document="no-such-document")
    with pytest.raises(NotFoundError):  # a cluster is not a document
        view_of(document="energy-cluster-denmark")


@pytest.mark.parametrize(
    ("field", "value"), [("max_nodes", 0), ("min_level", "huge"), ("lang", "de")]
)
def test_bad_options_name_the_parameter(field: str, value: Any) -> None:
    with pytest.raises(ParameterError) as caught:
        ViewOptions(**{field: value})
    assert caught.value.name == field


def test_the_cap_cuts_companies_first_and_says_how_to_narrow() -> None:
    view = view_of(max_nodes=s.TOTAL_NODES - 2, lang="en")
    assert len(view.nodes) == s.TOTAL_NODES - 2
    assert view.cut.capped
    assert dict(view.cut.hidden_by_cap) == {"company": 2}
    assert view.cut.message == (
        f"Showing {s.TOTAL_NODES - 2} of {s.TOTAL_NODES} nodes (cap: {s.TOTAL_NODES - 2}). "
        "Hidden: 2 companies."
    )
    assert "--document" in view.cut.hint
    assert "?focus=" in view.cut.hint
    # Least connected first: the companies in two relations stay longest.
    assert s.COMPANY_1 in ids(view) or s.COMPANY_2 in ids(view)
    for e in view.edges:
        assert e.source in ids(view)
        assert e.target in ids(view)


def test_the_cap_then_takes_offices_and_municipalities_but_keeps_the_focus() -> None:
    view = view_of(max_nodes=3, focus=s.ECD)
    assert s.ECD in ids(view)
    assert len(view.nodes) == 3
    assert "company" in view.cut.hidden_by_cap


def test_danish_cut_message_uses_danish_numbers() -> None:
    view = view_of(max_nodes=10)
    assert view.cut.message.startswith(f"Viser 10 af {s.TOTAL_NODES} knuder")
    assert "virksomheder" in view.cut.message


# --------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------


def test_node_kinds_have_distinct_shapes_and_colours_and_a_legend() -> None:
    shapes = {NODE_STYLES[k].shape for k in NodeKind if k is not NodeKind.other}
    colours = {NODE_STYLES[k].color for k in NodeKind if k is not NodeKind.other}
    assert len(shapes) == len(colours) == len(NodeKind) - 1
    view = view_of(lang="en")
    legend = {entry.key: entry for entry in view.node_legend}
    assert set(legend) == set(s.COUNTS)
    assert legend["cluster"].label == "Cluster"
    assert legend["cluster"].count == 4
    assert legend["goal"].shape == "diamond"


@pytest.mark.parametrize(
    ("source", "target", "level", "confidence"),
    [
        (s.ECD, s.GOAL_1, "high", "stated"),
        (s.ECD, s.SP_ENERGY, "high", "inferred"),
        (s.DIGITAL, s.GOAL_2, "medium", "inferred"),
        (s.FOOD, s.GOAL_CH, "low", "stated"),
        (s.FOOD, s.SP_FOOD, "medium", "weak"),
    ],
)
def test_alignment_edges_are_styled_by_level_and_confidence(
    source: str, target: str, level: str, confidence: str
) -> None:
    e = edge(view_of(), source, target)
    assert (e.level, e.confidence) == (level, confidence)
    assert e.width == LEVEL_WIDTHS[level]
    assert e.color == LEVEL_COLORS[level]
    assert e.dashes == CONFIDENCE_DASHES[confidence]
    assert e.arrow


def test_inferred_is_dashed_stated_solid_weak_dotted() -> None:
    view = view_of()
    assert edge(view, s.ECD, s.GOAL_1).dashes is False
    assert edge(view, s.ECD, s.SP_ENERGY).dashes == (8, 6)
    assert edge(view, s.FOOD, s.SP_FOOD).dashes == (2, 5)
    assert LEVEL_WIDTHS["high"] > LEVEL_WIDTHS["medium"] > LEVEL_WIDTHS["low"]


def test_structural_edges_are_thin_and_undashed() -> None:
    view = view_of()
    membership = edge(view, s.COMPANY_1, s.ECD)
    assert membership.kind is EdgeKind.membership
    assert membership.width < LEVEL_WIDTHS["low"]
    assert membership.dashes is False
    assert not membership.arrow


def test_alignment_tooltip_has_evidence_source_and_rule() -> None:
    view = view_of(lang="en")
    lines = {line.caption: line.text for line in edge(view, s.ECD, s.GOAL_1).tooltip}
    assert lines[""] == "Energy Cluster Denmark → Green transition and green growth"
    assert lines["Level"] == "high"
    assert lines["Confidence"] == "stated in a source"
    assert lines["Evidence"] == "BRN names the energy cluster in its first effort."
    assert lines["Source"] == "BRN: About BRN (https://www.businessregionnorthdenmark.dk/om-brn)"
    assert lines["Passage"] == "Om BRN, første indsats"
    inferred = {line.caption: line.text for line in edge(view, s.ECD, s.SP_ENERGY).tooltip}
    assert inferred["Confidence"] == "inferred"
    assert inferred["Rule"] == "same-theme"


def test_labels_follow_the_language_with_the_other_in_the_tooltip() -> None:
    da = {n.id: n for n in view_of(lang="da").nodes}
    en = {n.id: n for n in view_of(lang="en").nodes}
    assert da[s.GOAL_1].label == "Grøn omstilling og grøn vækst"
    assert en[s.GOAL_1].label == "Green transition and green growth"
    assert ("Engelsk", "Green transition and green growth") in [
        (t.caption, t.text) for t in da[s.GOAL_1].tooltip
    ]
    assert en[s.DOC_CHAPTER].label == "North Jutland chapter"


def test_menus_are_sorted_the_danish_way() -> None:
    g = nx.DiGraph()
    for name in ("Ørsted-klyngen", "Aarhus-klyngen", "Zealand-klyngen", "Brønderslev-klyngen"):
        g.add_node(name, kind="cluster", label=name)
    view = build_view(g)
    assert [c.label for c in view.clusters] == [
        "Brønderslev-klyngen",
        "Zealand-klyngen",
        "Ørsted-klyngen",
        "Aarhus-klyngen",  # "Aa" is Å, last
    ]
    groups = [c.group for c in view_of().focus_choices]
    assert groups[0] == "Klynge"
    assert groups[-1] == "Styrkeposition"


def test_an_empty_graph_renders_a_page_that_says_so(assets: InlineAssets) -> None:
    view = build_view(nx.DiGraph())
    assert view.nodes == ()
    assert view.edges == ()
    html = render_network_html(view, assets=assets)
    assert json.loads(parse(html).scripts[0][1])["nodes"] == []
    assert "Intet at vise" in html


def test_hidden_kinds_are_named_in_the_scope_line() -> None:
    view = view_of(show_companies=False, show_offices=False, lang="en")
    assert "Companies, offices hidden" in view.cut.scope


# --------------------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------------------


def test_layout_is_deterministic() -> None:
    first = {n.id: (n.x, n.y) for n in view_of().nodes}
    second = {n.id: (n.x, n.y) for n in view_of().nodes}
    assert first == second


def test_large_views_place_leaves_around_their_anchor_without_physics() -> None:
    nodes = ["cluster-a", "cluster-b"] + [f"company-{i}" for i in range(600)]
    links = [(f"company-{i}", "cluster-a" if i % 2 else "cluster-b") for i in range(600)]
    leaves = {n for n in nodes if n.startswith("company")}
    positions = compute_positions(
        nodes, links, leaves=leaves, preferred_anchors={"cluster-a", "cluster-b"}, seed=3
    )
    assert set(positions) == set(nodes)
    ax, ay = positions["cluster-a"]
    bx, by = positions["cluster-b"]
    near_a = [
        math.dist(positions[f"company-{i}"], (ax, ay))
        < math.dist(positions[f"company-{i}"], (bx, by))
        for i in range(1, 600, 2)
    ]
    assert all(near_a)
    assert len(set(positions.values())) == len(nodes)  # no two nodes on one spot


def test_physics_only_for_small_views() -> None:
    assert view_of().physics
    assert not view_of(physics_max_nodes=5).physics


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


class Elements(HTMLParser):
    """Every element with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "link", "body", "header", "h1", "h2", "h3",
    "nav", "a", "p", "div", "form", "label", "select", "option", "optgroup", "fieldset",
    "legend", "input", "ul", "li", "button", "noscript", "aside", "svg", "rect", "polygon",
    "circle", "ellipse", "line", "span", "script",
}  # fmt: skip


def test_inline_page_is_self_contained(assets: InlineAssets) -> None:
    html = render_network_html(view_of(), assets=assets)
    doc = parse(html)
    scripts = doc.scripts
    assert [a.get("type") for a, _ in scripts] == ["application/json", None, None]
    assert all("src" not in a for a, _ in scripts)
    assert [a for tag, a in doc.elements if tag == "link"] == [{"rel": "icon", "href": "data:,"}]
    assert "http://" not in html.split("<script", 1)[0].replace("http://www.w3.org", "")
    assert not re.search(r"(src|href)=\"https?://", html)
    csp = next(a["content"] for tag, a in doc.elements if a.get("http-equiv"))
    assert csp is not None
    assert csp_hash(scripts[1][1]) in csp
    assert csp_hash(scripts[2][1]) in csp
    assert "default-src 'none'" in csp
    assert "unsafe" not in csp
    assert "sourceMappingURL" not in scripts[1][1]


def test_linked_page_uses_the_served_files_only(assets: InlineAssets) -> None:
    links = PageLinks(home="/?lang=da", other_language="/network?lang=en", network="/network")
    html = render_network_html(view_of(), assets=LINKED, links=links)
    doc = parse(html)
    sources = [a.get("src") for a, _ in doc.scripts]
    assert sources == [
        None,
        "/static/vis-network/vis-network.min.js",
        "/static/network/network.js",
    ]
    styles = [a["href"] for tag, a in doc.elements if tag == "link" and a.get("rel") != "icon"]
    assert styles == ["/static/vis-network/vis-network.css", "/static/network/network.css"]
    assert not [a for tag, a in doc.elements if tag == "style"]
    assert not [a for tag, a in doc.elements if "style" in a]  # no style attributes (CSP)
    for folder, name in (
        (vis_network_dir(), "vis-network.min.js"),
        (vis_network_dir(), "vis-network.css"),
        (page_static_dir(), "network.js"),
        (page_static_dir(), "network.css"),
    ):
        assert (folder / name).is_file()


def test_vis_network_comes_from_the_pyvis_package(assets: InlineAssets) -> None:
    import pyvis

    pyvis_root = Path(pyvis.__file__).resolve().parent
    assert vis_network_dir().resolve().is_relative_to(pyvis_root)
    assert "@version 9.1.2" in assets.vis_js[:400]
    assert "sourceMappingURL" not in assets.vis_js


def test_page_data_round_trips_through_the_json_block(assets: InlineAssets) -> None:
    view = view_of(lang="en")
    doc = parse(render_network_html(view, assets=assets))
    data = json.loads(doc.scripts[0][1])
    assert data == json.loads(json.dumps(page_data(view)))
    assert len(data["nodes"]) == s.TOTAL_NODES
    node = next(n for n in data["nodes"] if n["id"] == s.ECD)
    assert node["group"] == "cluster"
    assert node["label"] == "Energy Cluster Denmark"
    assert data["groups"]["cluster"]["shape"] == "box"


def test_json_encoding_cannot_close_the_script_block() -> None:
    text = encode_json_for_html({"a": "</script><!-- & \u2028\u2029 >"})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert "\u2028" not in text
    assert "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_page_script_never_uses_html_sinks() -> None:
    script = (STATIC / "network.js").read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in script
    assert "textContent" in script
    assert "JSON.parse" in script


@pytest.mark.parametrize("payload", s.PAYLOADS)
def test_payloads_appear_only_escaped(assets: InlineAssets, payload: str) -> None:
    view = build_view(projection(payload), ViewOptions())
    for html in (
        render_network_html(view, assets=assets),
        render_network_html(
            view,
            assets=LINKED,
            links=PageLinks(home="/", other_language="/network?lang=en", network="/network"),
        ),
    ):
        doc = parse(html)
        # Only the template's elements, and no event-handler attributes anywhere.
        assert {tag for tag, _ in doc.elements} <= TEMPLATE_TAGS
        assert len(doc.scripts) == 3
        for _tag, attrs in doc.elements:
            assert not [name for name in attrs if name.startswith("on")]
            for value in attrs.values():
                assert not (value or "").strip().lower().startswith("javascript:")
        # The payload is data: intact inside the JSON, never raw in the markup.
        data = json.loads(doc.scripts[0][1])
        labels = {n["label"] for n in data["nodes"]}
        assert payload in labels
        tips = json.dumps([e["tip"] for e in data["edges"]], ensure_ascii=False)
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in tips
        if "<" in payload:
            assert payload not in html
        # The menus show the payload as text (an escaped option).
        assert any(
            tag == "option" and attrs.get("value") == s.PAYLOAD_CLUSTER
            for tag, attrs in doc.elements
        )


def test_finding_vis_network_does_not_import_pyvis() -> None:
    # pyvis imports networkx, IPython and jsonpickle: the server only needs two of its files.
    code = (
        "import sys\n"
        "from brn_graph.view.assets import vis_network_dir\n"
        "folder = vis_network_dir()\n"
        "assert (folder / 'vis-network.min.js').is_file(), folder\n"
        "assert 'pyvis' not in sys.modules\n"
        "assert 'networkx' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
