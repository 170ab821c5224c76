"""Headless Chromium opens the network view: the exported file and the served page.

Checks that the network draws (a canvas, the expected number of nodes in vis-network), that
the filters change what is visible (and agree with the server's own cut), that nothing is
requested from anywhere but the file or the server, that the console stays free of errors
(Content-Security-Policy violations included), and that HTML and script payloads in labels,
tooltips and menus are shown as text and never run.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from api.csp import CSP_PAGES
from api.routes.network import PROJECTION_KEY, network_projection
from api.state import ServiceState
from brn_graph.namespaces import ID
from brn_graph.view.assets import read_inline_assets
from brn_graph.view.cut import ViewOptions
from brn_graph.view.model import build_view
from brn_graph.view.page import render_network_html, to_pyvis
from brn_graph.view.projection import NodeKind, Projection, read_network_projection
from tests import network_samples as s
from tests.api.support import live_app, serve_in_thread
from tests.reference import PROCESS_PLAN_CLUSTERS

pytestmark = [pytest.mark.browser]

PROJECT = Path(__file__).resolve().parents[2]


class Watch:
    """What one page did: requests, console errors, page errors, dialogs."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console: {message.text}")
                if message.type in {"error", "warning"}
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

    def __repr__(self) -> str:
        return f"Watch(requests={self.requests}, errors={self.errors})"

    def foreign(self, allowed: str) -> list[str]:
        """Requests to anywhere but ``allowed`` (a file URL or the server's host)."""
        if allowed.startswith("file://"):
            return [u for u in self.requests if u != allowed]
        own = urlsplit(allowed).netloc
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme not in {"data", "blob", "about"} and urlsplit(u).netloc != own
        ]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="da-DK", service_workers="block", viewport={"width": 1400, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def open_network(page: Any, url: str) -> tuple[Watch, Any]:
    watch = Watch(page)
    response = page.goto(url)
    page.wait_for_selector("#nw-status[data-ready='true']")
    return watch, response


def visible(page: Any) -> int:
    """Nodes in vis-network's body (what is drawn), checked against the status line."""
    drawn: int = page.evaluate("() => window.brnNetwork.network.body.nodeIndices.length")
    status = int(page.get_attribute("#nw-status", "data-nodes"))
    assert drawn == status
    return drawn


def visible_ids(page: Any) -> set[str]:
    return set(page.evaluate("() => window.brnNetwork.network.body.nodeIndices"))


def write_file(tmp_path: Path, projection: Projection, **options: Any) -> str:
    """The full view as a file (companies one by one unless the caller says otherwise)."""
    view = build_view(projection, ViewOptions(**{"companies": "expanded", **options}))
    path = tmp_path / "network.html"
    path.write_text(render_network_html(view, assets=read_inline_assets()), encoding="utf-8")
    return path.as_uri()


def assert_no_payload_ran(page: Any, watch: Watch) -> None:
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert watch.dialogs == []
    injected = page.evaluate(
        """() => document.querySelectorAll(
            'img, iframe, object, embed, base, video, math, details, ' +
            'meta[http-equiv="refresh"], body link, [onload], [onerror], [onfocus]').length"""
    )
    assert injected == 0


# --------------------------------------------------------------------------------------
# The exported file
# --------------------------------------------------------------------------------------


def test_file_draws_offline_and_filters(page: Any, tmp_path: Path) -> None:
    projection = read_network_projection(s.sample_projection())
    url = write_file(tmp_path, projection)
    watch, _ = open_network(page, url)

    assert page.locator("#nw-network canvas").count() == 1
    assert visible(page) == s.TOTAL_NODES
    assert page.locator("#nw-legend li").count() > len(s.COUNTS)

    page.uncheck("#nw-show-company")
    assert visible(page) == s.TOTAL_NODES - s.COUNTS["company"]
    page.check("#nw-show-company")
    page.uncheck("#nw-show-municipality")
    assert visible(page) == s.TOTAL_NODES - s.COUNTS["municipality"]
    page.check("#nw-show-municipality")

    # The page's document filter and focus agree with the server's cut.
    page.select_option("#nw-document", s.DOC_BRN)
    server = build_view(projection, ViewOptions(document=s.DOC_BRN, companies="expanded"))
    assert visible_ids(page) == {n.id for n in server.nodes}
    page.select_option("#nw-document", "")
    page.select_option("#nw-focus", s.ECD)
    assert visible_ids(page) == {
        n.id for n in build_view(projection, ViewOptions(focus=s.ECD, companies="expanded")).nodes
    }
    page.select_option("#nw-focus", "")

    # One cluster: the others go, with the companies and offices that hang on them only.
    page.select_option("#nw-cluster", s.ECD)
    shown = visible_ids(page)
    assert {i for i in shown if i.startswith(ID + "cluster/")} == {s.ECD}
    assert s.COMPANY_1 in shown
    assert not {s.COMPANY_2, s.SITE_FOOD, s.HJORRING} & shown
    assert s.GOAL_CH in shown  # goals stay: which goals a cluster does not serve is news
    page.click("#nw-reset")
    assert visible(page) == s.TOTAL_NODES

    # Minimum level hides weaker alignment edges.
    edges_before = int(page.get_attribute("#nw-status", "data-edges"))
    page.select_option("#nw-level", "high")
    edges_after = int(page.get_attribute("#nw-status", "data-edges"))
    assert edges_before - edges_after == 4  # two medium and two low alignments

    # Search with Danish letters, case-insensitively.
    page.fill("#nw-search", "BRØND")
    assert page.get_attribute("#nw-search", "data-matches") == "1"
    assert page.locator("#nw-search-results button").first.text_content() == "Brønderslev Kommune"
    page.fill("#nw-search", "åby")
    assert page.locator("#nw-search-results button").first.text_content() == "Data Åby A/S"

    assert watch.foreign(url) == []
    assert watch.errors == []


def test_pyvis_network_written_by_pyvis_draws_offline(
    page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an analyst does in a notebook: ``to_pyvis(view).write_html(...)``, then open it."""
    view = build_view(
        read_network_projection(s.sample_projection()),
        ViewOptions(lang="en", companies="expanded"),
    )
    monkeypatch.chdir(tmp_path)
    to_pyvis(view).write_html("pyvis.html")
    url = (tmp_path / "pyvis.html").as_uri()
    watch, _ = open_network(page, url)
    assert page.locator("#nw-network canvas").count() == 1
    assert visible(page) == s.TOTAL_NODES
    assert watch.foreign(url) == []
    assert watch.errors == []


def test_file_at_a_thousand_nodes_is_drawn_without_physics(page: Any, tmp_path: Path) -> None:
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_node("c0", kind="cluster", label="Klynge 0")
    graph.add_node("c1", kind="cluster", label="Klynge 1")
    for i in range(998):
        graph.add_node(f"k{i}", kind="company", label=f"Virksomhed {i} ApS")
        graph.add_edge(f"k{i}", f"c{i % 2}", kind="member-of")
    url = write_file(tmp_path, graph)
    watch, _ = open_network(page, url)
    assert visible(page) == 1000
    assert page.evaluate("() => window.brnNetwork.network.physics.physicsEnabled") is False
    page.uncheck("#nw-show-company")
    assert visible(page) == 2
    assert watch.errors == []


def test_payloads_in_the_file_are_text(page: Any, tmp_path: Path) -> None:
    projection = read_network_projection(s.payload_projection())
    url = write_file(tmp_path, projection)
    watch, _ = open_network(page, url)
    assert visible(page) == len(projection.nodes)

    # Menus, search results and tooltips show each payload as its literal text.
    options = page.eval_on_selector_all("#nw-cluster option", "os => os.map(o => o.textContent)")
    for payload in s.PAYLOADS:
        assert payload.replace("\u2028", "").replace("\u2029", "") in [
            o.replace("\u2028", "").replace("\u2029", "") for o in options
        ]
    page.fill("#nw-search", "onerror")
    results = page.eval_on_selector_all(
        "#nw-search-results button", "bs => bs.map(b => b.textContent)"
    )
    assert "<img src=x onerror=window.__xss=3>" in results
    tips = page.evaluate(
        """() => Object.values(window.brnNetwork.network.body.edges)
            .map(e => e.options.title && e.options.title.textContent || '')"""
    )
    assert any("<script>window.__xss=1</script>" in t for t in tips)

    # Hover a payload cluster so vis-network shows its tooltip in the page.
    cluster = f"{ID}cluster/payload-2"
    page.select_option("#nw-focus", cluster)
    point = page.evaluate(
        """id => { const n = window.brnNetwork.network;
                   return n.canvasToDOM(n.getPosition(id)); }""",
        cluster,
    )
    box = page.locator("#nw-network").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert page.text_content("div.vis-tooltip").startswith("<img src=x onerror=window.__xss=3>")
    markup = page.evaluate(
        "() => document.querySelectorAll('div.vis-tooltip *:not(div, span)').length"
    )
    assert markup == 0

    assert_no_payload_ran(page, watch)
    assert watch.foreign(url) == []
    assert watch.errors == []


def test_cli_file_of_the_bundled_data(page: Any, tmp_path: Path) -> None:
    output = tmp_path / "brn-network.html"
    result = subprocess.run(
        [sys.executable, "-m", "brn_graph", "network", "-o", str(output), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    url = output.as_uri()
    watch, _ = open_network(page, url)
    assert page.locator("html").get_attribute("lang") == "en"
    data = json.loads(page.text_content("#network-data"))
    kinds = {n["id"]: n["group"] for n in data["nodes"]}
    assert visible(page) == len(kinds)
    for slug in PROCESS_PLAN_CLUSTERS:
        assert kinds.get(ID + "cluster/" + slug) == "cluster", slug
    assert "goal" in kinds.values()
    assert any(e["kind"] == "alignment" for e in data["edges"])
    assert page.locator("#nw-legend li").count() >= 7
    page.uncheck("#nw-show-office")
    assert visible(page) == len(kinds) - sum(1 for k in kinds.values() if k == "office")
    assert watch.foreign(url) == []
    assert watch.errors == [], watch


# --------------------------------------------------------------------------------------
# The served page
# --------------------------------------------------------------------------------------


def test_served_page_shows_the_bundled_alignment_landscape(
    page: Any, browser_server: str, browser_state: ServiceState
) -> None:
    url = browser_server + "/network?view=full"
    watch, response = open_network(page, url)
    assert response.status == 200
    assert response.headers["content-security-policy"] == CSP_PAGES

    projection = network_projection(browser_state)
    expected = build_view(projection, ViewOptions())
    assert page.locator("#nw-network canvas").count() == 1
    assert visible(page) == len(expected.nodes)
    shown = visible_ids(page)
    for slug in PROCESS_PLAN_CLUSTERS:
        assert ID + "cluster/" + slug in shown, slug
    goals = {n.id for n in projection.nodes.values() if n.kind is NodeKind.goal}
    assert goals
    assert goals <= shown
    alignments = sum(1 for e in expected.edges if e.kind.value == "alignment")
    assert alignments > 0
    drawn_alignments = page.evaluate(
        """() => {
            const ids = new Set(window.brnNetwork.visibleEdgeIds());
            const data = JSON.parse(document.getElementById('network-data').textContent);
            return data.edges.filter(e => e.kind === 'alignment' && ids.has(e.id)).length;
        }"""
    )
    assert drawn_alignments == alignments
    assert page.locator("#nw-legend li").count() >= 7

    municipalities = sum(1 for n in expected.nodes if n.kind is NodeKind.municipality)
    page.uncheck("#nw-show-municipality")
    assert visible(page) == len(expected.nodes) - municipalities

    assert watch.foreign(browser_server) == []
    assert watch.errors == [], watch


def test_served_page_cuts_on_the_server_and_speaks_english(
    page: Any, browser_server: str, browser_state: ServiceState
) -> None:
    projection = network_projection(browser_state)
    document = next(
        n.id
        for n in sorted(projection.nodes.values(), key=lambda n: n.id)
        if n.kind is NodeKind.goal and n.documents
    )
    document = projection.nodes[document].documents[0]
    url = f"{browser_server}/network?lang=en&view=full&document={quote(document, safe='')}"
    watch, response = open_network(page, url)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").text_content().startswith("Network")
    expected = build_view(projection, ViewOptions(lang="en", document=document))
    assert visible(page) == len(expected.nodes)
    assert page.locator("#nw-document").input_value() == document

    # "Load this cut from the server" carries the menus into the address.
    page.uncheck("#nw-show-office")
    with page.expect_navigation():
        page.click("#nw-server")
    assert "offices=false" in page.url
    page.wait_for_selector("#nw-status[data-ready='true']")
    assert not {n for n in visible_ids(page) if projection.nodes[n].kind is NodeKind.office}
    assert watch.foreign(browser_server) == []
    assert watch.errors == []


def test_served_payloads_are_text(page: Any, browser_state: ServiceState) -> None:
    projection = read_network_projection(s.payload_projection())
    state = dataclasses.replace(
        browser_state, memo={PROJECTION_KEY: projection}, lock=threading.Lock()
    )
    with serve_in_thread(live_app(state)) as base:
        watch, response = open_network(page, base + "/network?view=full&companies=expanded")
        assert response.headers["content-security-policy"] == CSP_PAGES
        assert visible(page) == len(projection.nodes)
        page.fill("#nw-search", "script")
        assert page.locator("#nw-search-results button").count() > 3
        page.select_option("#nw-focus", f"{ID}cluster/payload-0")
        assert_no_payload_ran(page, watch)
        assert watch.foreign(base) == []
        assert watch.errors == []


# --------------------------------------------------------------------------------------
# The decision context opens readable at 1440x1000; the full graph is one click away
# --------------------------------------------------------------------------------------

#: What the page draws, read back from vis-network: the scale after the initial view, and per
#: cluster its font size as vis-network resolved it, its bounding box (canvas units) and that
#: box on the page (CSS pixels).
DRAWN_CLUSTERS = """() => {
    const network = window.brnNetwork.network;
    const container = document.getElementById('nw-network').getBoundingClientRect();
    const scale = network.getScale();
    const positions = network.getPositions();
    const clusters = Object.values(network.body.nodes)
        .filter(n => n.options.group === 'cluster' && positions[n.id]);
    return {
        scale: scale,
        viewport: { width: window.innerWidth, height: window.innerHeight },
        clusters: clusters.map(n => {
            const box = network.getBoundingBox(n.id);
            const topLeft = network.canvasToDOM({ x: box.left, y: box.top });
            const bottomRight = network.canvasToDOM({ x: box.right, y: box.bottom });
            return {
                id: n.id,
                font: n.options.font.size,
                box: box,
                screen: {
                    left: container.left + topLeft.x, top: container.top + topLeft.y,
                    right: container.left + bottomRight.x, bottom: container.top + bottomRight.y
                }
            };
        })
    };
}"""


@pytest.fixture
def wide_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="da-DK", service_workers="block", viewport={"width": 1440, "height": 1000}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def assert_readable(page: Any, clusters: int) -> None:
    drawn = page.evaluate(DRAWN_CLUSTERS)
    assert len(drawn["clusters"]) == clusters
    boxes = drawn["clusters"]
    for cluster in boxes:
        # The label's rendered height: vis-network's font size times the view's scale.
        assert cluster["font"] * drawn["scale"] >= 12, cluster["id"]
        # On screen without scrolling or zooming.
        screen = cluster["screen"]
        assert screen["left"] >= 0, cluster["id"]
        assert screen["top"] >= 0, cluster["id"]
        assert screen["right"] <= drawn["viewport"]["width"], cluster["id"]
        assert screen["bottom"] <= drawn["viewport"]["height"], cluster["id"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["box"]["right"] <= b["box"]["left"]
                or b["box"]["right"] <= a["box"]["left"]
                or a["box"]["bottom"] <= b["box"]["top"]
                or b["box"]["bottom"] <= a["box"]["top"]
            )
            assert apart, (a["id"], b["id"], a["box"], b["box"])


def test_cli_default_file_opens_readable_at_1440x1000(wide_page: Any, tmp_path: Path) -> None:
    output = tmp_path / "brn-network.html"
    result = subprocess.run(
        [sys.executable, "-m", "brn_graph", "network", "-o", str(output)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    url = output.as_uri()
    watch, _ = open_network(wide_page, url)
    assert_readable(wide_page, len(PROCESS_PLAN_CLUSTERS))
    assert wide_page.evaluate("() => window.brnNetwork.network.physics.physicsEnabled") is False
    assert "skæringsdato 2024-09-20" in wide_page.text_content("#nw-caption")
    assert watch.foreign(url) == []
    assert watch.errors == [], watch


def test_served_default_is_the_readable_context_and_the_full_graph_is_one_click_away(
    wide_page: Any, browser_server: str, browser_state: ServiceState
) -> None:
    page = wide_page
    watch, response = open_network(page, browser_server + "/network?lang=en")
    assert response.status == 200
    assert response.headers["content-security-policy"] == CSP_PAGES
    assert page.get_attribute("#nw-view", "data-mode") == "context"
    caption = page.text_content("#nw-caption")
    assert "brn-cluster-decision-2024" in caption
    assert "as of 2024-09-20" in caption
    shown = visible_ids(page)
    assert {i for i in shown if i.startswith(ID + "cluster/")} == {
        ID + "cluster/" + slug for slug in PROCESS_PLAN_CLUSTERS
    }
    assert_readable(page, len(PROCESS_PLAN_CLUSTERS))
    # Clusters stand left of every goal, drawn where the server placed them.
    left = page.evaluate(
        """() => {
            const n = window.brnNetwork.network;
            const data = JSON.parse(document.getElementById('network-data').textContent);
            const pos = n.getPositions();
            const xs = kind => data.nodes.filter(d => d.group === kind).map(d => pos[d.id].x);
            return Math.max(...xs('cluster')) < Math.min(...xs('goal'));
        }"""
    )
    assert left is True

    link = page.locator("#nw-switch-view")
    assert link.text_content() == "Full graph"
    with page.expect_navigation():
        link.click()
    page.wait_for_selector("#nw-status[data-ready='true']")
    assert page.get_attribute("#nw-view", "data-mode") == "full"
    expected = build_view(network_projection(browser_state), ViewOptions(lang="en"))
    assert visible(page) == len(expected.nodes)
    assert page.locator("html").get_attribute("lang") == "en"
    back = page.locator("#nw-switch-view")
    assert back.text_content() == "Back to the decision context"
    with page.expect_navigation():
        back.click()
    page.wait_for_selector("#nw-status[data-ready='true']")
    assert page.get_attribute("#nw-view", "data-mode") == "context"
    assert watch.foreign(browser_server) == []
    assert watch.errors == [], watch


def test_served_companies_are_grouped_until_expanded(
    page: Any, browser_state: ServiceState
) -> None:
    projection = read_network_projection(s.sample_projection())
    state = dataclasses.replace(
        browser_state, memo={PROJECTION_KEY: projection}, lock=threading.Lock()
    )
    with serve_in_thread(live_app(state)) as base:
        watch, _ = open_network(page, base + "/network?view=full&lang=en")
        groups = page.evaluate(
            """() => Object.values(window.brnNetwork.network.body.nodes)
                .filter(n => n.options.group === 'company_group').map(n => n.options.label)"""
        )
        assert sorted(groups) == [
            "1 company in Aalborg Municipality",
            "1 company in Brønderslev Municipality",
            "1 company outside the municipalities the graph knows",
        ]
        assert visible(page) == s.TOTAL_NODES  # three companies, three groups
        page.uncheck("#nw-show-company")
        assert visible(page) == s.TOTAL_NODES - s.COUNTS["company"]
        page.check("#nw-show-company")
        with page.expect_navigation():
            page.click("#nw-switch-companies")
        page.wait_for_selector("#nw-status[data-ready='true']")
        assert "companies=expanded" in page.url
        assert {s.COMPANY_1, s.COMPANY_2, s.COMPANY_3} <= visible_ids(page)
        assert visible(page) == s.TOTAL_NODES
        assert page.text_content("#nw-switch-companies") == "Group the companies per municipality"
        assert watch.foreign(base) == []
        assert watch.errors == []
