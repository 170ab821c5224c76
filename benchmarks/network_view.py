"""Benchmark of the network view: generation time and time until the page is usable.

Synthetic data only (marked as such in every label): a projection shaped like the real one
(framework documents with goals and strength positions, clusters with offices and member
companies, the eleven municipalities, alignments of every level and confidence), scaled to
100, 1,000 and 5,000 nodes, built with :mod:`brn_graph.network.analytics`'s own types.

Measured per size (median of ``--runs``):

* generation: the view (cut, layout, styles) and the self-contained HTML, in seconds, and
  the file size, with the member companies drawn one by one (``companies="expanded"``, the
  worst case); ``grouped_nodes`` is the node count of the default full view, where they are
  grouped per municipality;
* in headless Chromium (Debian's ``/usr/bin/chromium``, software rendering, 1600x1000):
  *usable* = ``performance.now()`` at the first complete drawing after the page script has
  set up the network (physics settled and frozen for small views), i.e. from navigation
  start to a drawn, interactive network; *filter* = toggling "show companies" until the
  next drawing; *zoom* = one zoom step until the next drawing.

Run: ``.venv/bin/python -m benchmarks.network_view [--sizes 100 1000 5000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from brn_graph.alignment.data import Labels, Source
from brn_graph.network.analytics import (
    EdgeKind,
    NetworkEdge,
    NetworkNode,
    NetworkProjection,
    NodeKind,
)
from brn_graph.view.assets import read_inline_assets
from brn_graph.view.cut import ViewOptions
from brn_graph.view.model import build_view
from brn_graph.view.page import render_network_html
from brn_graph.view.projection import read_network_projection

ID = "https://w3id.org/brn-graph/id/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MUNICIPALITIES = (
    "Aalborg", "Brønderslev", "Frederikshavn", "Hjørring", "Jammerbugt", "Læsø",
    "Mariagerfjord", "Morsø", "Rebild", "Thisted", "Vesthimmerland",
)  # fmt: skip
LEVELS = ("high", "medium", "low")
CONFIDENCES = ("stated", "inferred", "weak")


def _labels(da: str, en: str) -> Labels:
    return Labels(da=da, en=en, fallback=da)


def synthetic_projection(size: int, *, seed: int = 7) -> NetworkProjection:
    """A synthetic projection of exactly ``size`` nodes (``size`` >= 60)."""
    rng = random.Random(seed)
    nodes: list[NetworkNode] = []
    edges: list[NetworkEdge] = []
    source = Source(
        iri=ID + "source/synthetic",
        title=_labels("Syntetiske data", "Synthetic data"),
        url="https://example.org/synthetic",
        citation=None,
        confidence="weak",
    )
    documents = [ID + f"document/syn-{i}" for i in range(6)]
    for i, doc in enumerate(documents):
        nodes.append(
            NetworkNode(
                iri=doc,
                kind=NodeKind.DOCUMENT,
                labels=_labels(f"Syntetisk rammedokument {i}", f"Synthetic framework document {i}"),
            )
        )
    targets: list[str] = []
    for i in range(36):
        goal = ID + f"goal/syn-{i}"
        doc = documents[i % len(documents)]
        nodes.append(
            NetworkNode(
                iri=goal,
                kind=NodeKind.GOAL,
                labels=_labels(f"Syntetisk mål {i} (grøn vækst)", f"Synthetic goal {i}"),
                document=doc,
            )
        )
        edges.append(NetworkEdge(source=goal, target=doc, kind=EdgeKind.DEFINED_IN))
        targets.append(goal)
    for i in range(6):
        sp = ID + f"strength/syn-{i}"
        nodes.append(
            NetworkNode(
                iri=sp,
                kind=NodeKind.STRENGTH_POSITION,
                labels=_labels(f"Syntetisk styrkeposition {i}", f"Synthetic strength {i}"),
                document=documents[0],
            )
        )
        edges.append(NetworkEdge(source=sp, target=documents[0], kind=EdgeKind.DEFINED_IN))
        targets.append(sp)
    municipalities = [ID + f"municipality/syn-{i}" for i in range(len(MUNICIPALITIES))]
    for iri, name in zip(municipalities, MUNICIPALITIES, strict=True):
        nodes.append(
            NetworkNode(
                iri=iri,
                kind=NodeKind.MUNICIPALITY,
                labels=_labels(f"{name} Kommune (syntetisk)", f"{name} (synthetic)"),
            )
        )
    cluster_count = max(3, size // 100)
    clusters = [ID + f"cluster/syn-{i}" for i in range(cluster_count)]
    for i, cluster in enumerate(clusters):
        nodes.append(
            NetworkNode(
                iri=cluster,
                kind=NodeKind.CLUSTER,
                labels=_labels(f"Syntetisk klynge {i}", f"Synthetic cluster {i}"),
            )
        )
        for target in rng.sample(targets, 6):
            confidence = rng.choice(CONFIDENCES)
            edges.append(
                NetworkEdge(
                    source=cluster,
                    target=target,
                    kind=EdgeKind.ALIGNMENT,
                    weight=round(rng.random(), 2),
                    level=rng.choice(LEVELS),
                    confidence=confidence,
                    inferred=confidence == "inferred",
                    rule="synthetic-rule" if confidence == "inferred" else None,
                    evidence=_labels("Syntetisk begrundelse.", "Synthetic evidence."),
                    sources=(source,),
                )
            )
        office = ID + f"site/syn-{i}"
        nodes.append(
            NetworkNode(
                iri=office,
                kind=NodeKind.OFFICE,
                labels=_labels(f"Syntetisk kontor {i}", f"Synthetic office {i}"),
            )
        )
        edges.append(NetworkEdge(source=cluster, target=office, kind=EdgeKind.HAS_OFFICE))
        edges.append(
            NetworkEdge(source=office, target=rng.choice(municipalities), kind=EdgeKind.LOCATED_IN)
        )
    company = 0
    while len(nodes) < size:
        iri = ID + f"company/syn-{company}"
        nodes.append(
            NetworkNode(
                iri=iri,
                kind=NodeKind.COMPANY,
                labels=_labels(f"Syntetisk virksomhed {company} ApS", f"Synthetic {company} ApS"),
            )
        )
        for cluster in rng.sample(clusters, 1 if rng.random() < 0.8 else 2):
            edges.append(NetworkEdge(source=iri, target=cluster, kind=EdgeKind.MEMBER_OF))
        edges.append(
            NetworkEdge(source=iri, target=rng.choice(municipalities), kind=EdgeKind.LOCATED_IN)
        )
        company += 1
    return NetworkProjection(nodes=tuple(nodes[:size]), edges=tuple(edges))


def measure_generation(size: int, runs: int, *, max_nodes: int) -> dict[str, Any]:
    projection = read_network_projection(synthetic_projection(size))
    assets = read_inline_assets()
    view_times, render_times = [], []
    html = ""
    for _ in range(runs):
        started = time.perf_counter()
        # The companies one by one: the worst case (the doors group them per municipality).
        view = build_view(projection, ViewOptions(max_nodes=max_nodes, companies="expanded"))
        built = time.perf_counter()
        html = render_network_html(view, assets=assets)
        view_times.append(built - started)
        render_times.append(time.perf_counter() - built)
    grouped = build_view(projection, ViewOptions(max_nodes=max_nodes))
    return {
        "nodes": len(view.nodes),
        "grouped_nodes": len(grouped.nodes),
        "edges": len(view.edges),
        "capped": view.cut.capped,
        "physics": view.physics,
        "view_s": statistics.median(view_times),
        "render_s": statistics.median(render_times),
        "html_bytes": len(html.encode("utf-8")),
        "html": html,
    }


#: Toggle "show companies" and resolve at the next drawing, with the time it took.
FILTER_SCRIPT = """() => new Promise(resolve => {
    const network = window.brnNetwork.network;
    const started = performance.now();
    network.once('afterDrawing', () => resolve(performance.now() - started));
    document.getElementById('nw-show-company').click();
    network.redraw();
})"""
ZOOM_SCRIPT = """() => new Promise(resolve => {
    const network = window.brnNetwork.network;
    const started = performance.now();
    network.once('afterDrawing', () => resolve(performance.now() - started));
    network.moveTo({scale: network.getScale() * 1.5});
})"""


def measure_browser(path: Path, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    usable, filtering, zooming = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(300_000)
                page.goto(path.as_uri())
                page.wait_for_selector("#nw-status[data-ready='true']")
                usable.append(float(page.get_attribute("#nw-status", "data-ready-ms") or "nan"))
                filtering.append(float(page.evaluate(FILTER_SCRIPT)))
                zooming.append(float(page.evaluate(ZOOM_SCRIPT)))
                context.close()
        finally:
            browser.close()
    return {
        "usable_ms": statistics.median(usable),
        "filter_ms": statistics.median(filtering),
        "zoom_ms": statistics.median(zooming),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-nodes", type=int, default=None, help="cap (default: the size)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            for cap in sorted({args.max_nodes or size, *([2500] if size > 2500 else [])}):
                result = measure_generation(size, args.runs, max_nodes=cap)
                path = Path(folder) / f"network-{size}-{cap}.html"
                path.write_text(result.pop("html"), encoding="utf-8")
                if not args.no_browser:
                    result.update(measure_browser(path, args.runs))
                result.update(size=size, cap=cap)
                rows.append(result)
                print(json.dumps(result), flush=True)
    print()
    print(
        "| synthetic nodes | cap | drawn nodes / edges | grouped nodes | physics | view (s) | "
        "HTML (s) | HTML size | usable (ms) | filter (ms) | zoom (ms) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['size']:,} | {r['cap']:,} | {r['nodes']:,} / {r['edges']:,} | "
            f"{r['grouped_nodes']:,} | {'on, then frozen' if r['physics'] else 'off'} | "
            f"{r['view_s']:.2f} | "
            f"{r['render_s']:.2f} | {r['html_bytes'] / 1e6:.1f} MB | "
            f"{r.get('usable_ms', float('nan')):,.0f} | {r.get('filter_ms', float('nan')):,.0f} | "
            f"{r.get('zoom_ms', float('nan')):,.0f} |"
        )
    print(f"\n{platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
