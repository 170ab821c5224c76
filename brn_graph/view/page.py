"""A :class:`~brn_graph.view.model.NetworkView` as an HTML page, drawn by pyvis' vis-network.

:func:`to_pyvis` gives a ``pyvis.network.Network`` of the view (filled in bulk by
:func:`brn_graph.view.graphs.fill_pyvis`) that renders through the project's own page
template (``brn_graph/view/templates/network.html``, made by the one Jinja environment factory
:func:`brn_graph.templating.make_environment`, autoescaping on) instead of pyvis' own, whose
heading is not escaped and which switches to ``innerHTML`` tooltips when a title contains
``href``. ``net.generate_html()`` and ``net.write_html(path)`` therefore give the safe page;
:func:`render_network_html` is that string.

Data never reaches the page as markup: the nodes and edges go in as JSON inside a
``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and U+2028/U+2029
written as ``\\uXXXX`` so no label can close the block; the page script parses it with
``JSON.parse`` and builds every tooltip, menu entry and search result with ``textContent``.
vis-network draws labels on a canvas.

Two ways to ship the scripts (:mod:`brn_graph.view.assets`): :class:`InlineAssets` puts
vis-network (pyvis' copy), the page script and the styles into the page (a self-contained
file that works offline, with a Content-Security-Policy ``<meta>`` that allows exactly those
inline blocks by hash), and :class:`LinkedAssets` points at the addresses where a server
serves the same files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from markupsafe import Markup

from brn_graph.config import Language
from brn_graph.i18n import catalogue
from brn_graph.i18n.catalogue import text as word
from brn_graph.templating import make_environment
from brn_graph.view.assets import (
    InlineAssets,
    LinkedAssets,
    check_inline,
    csp_hash,
    inline_page_csp,
    read_inline_assets,
)
from brn_graph.view.graphs import edge_record, fill_pyvis, node_record
from brn_graph.view.model import NetworkView
from brn_graph.view.projection import LEVELS, NodeKind
from brn_graph.view.style import NODE_STYLES

if TYPE_CHECKING:
    from pyvis.network import Network

__all__ = [
    "InlineAssets",
    "LinkedAssets",
    "PageLinks",
    "PageTemplate",
    "csp_hash",
    "encode_json_for_html",
    "inline_page_csp",
    "page_data",
    "read_inline_assets",
    "render_network_html",
    "to_pyvis",
]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def page_word(key: str, lang: Language) -> str:
    """A UI word of the page, from the message catalogue (``network_page.*``).

    >>> page_word("reset", "en")
    'Reset'
    """
    return catalogue.text(f"network_page.{key}", lang)


@dataclass(frozen=True, kw_only=True)
class PageLinks:
    """Navigation of a served page (a file has none): the front page, the other language,
    and the address the page reloads with a server-side cut."""

    home: str
    other_language: str
    network: str
    #: The same page in the other view (context <-> full), and with the member companies
    #: expanded or grouped (full view only); ``None`` where there is none.
    switch_view: str | None = None
    switch_companies: str | None = None


def encode_json_for_html(value: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` (so neither
    ``</script>`` nor ``<!--`` can appear), and U+2028/U+2029 are escaped too.

    >>> encode_json_for_html({"label": "</script><b>&"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def page_data(
    view: NetworkView,
    *,
    links: PageLinks | None = None,
    nodes: Sequence[Mapping[str, Any]] | None = None,
    edges: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON the page script reads: nodes, edges, node styles, menus and words.

    ``nodes`` and ``edges`` are vis-network records (a pyvis ``Network``'s lists); by default
    those of ``view``.
    """
    lang = view.lang
    return {
        "lang": lang,
        "physics": view.physics,
        "mode": view.mode,
        "minScale": view.min_scale,
        "companies": "expanded"
        if any(n.kind is NodeKind.company for n in view.nodes)
        else "grouped",
        "levels": list(LEVELS),
        "server": links.network if links else None,
        "cut": {"document": view.document, "focus": view.focus, "minLevel": view.min_level},
        "context": {"id": view.scope.context, "asOf": view.scope.as_of.isoformat()}
        if view.scope
        else None,
        "words": {
            key: page_word(key, lang)
            for key in ("status", "matches", "no_matches", "empty", "loading")
        },
        "groups": {kind.value: _group_options(kind) for kind in NodeKind},
        "nodes": list(nodes) if nodes is not None else [node_record(n) for n in view.nodes],
        "edges": list(edges) if edges is not None else [edge_record(e) for e in view.edges],
    }


def _group_options(kind: NodeKind) -> dict[str, Any]:
    style = NODE_STYLES[kind]
    options: dict[str, Any] = {
        "shape": style.shape,
        "size": style.size,
        "color": {
            "background": style.color,
            "border": style.border,
            "highlight": {"background": style.color, "border": "#000000"},
            "hover": {"background": style.color, "border": "#000000"},
        },
        "font": {"color": style.font_color, "size": style.font_size},
        "borderWidth": 1,
    }
    if style.shape == "box":
        options["widthConstraint"] = {"maximum": 170}
        options["margin"] = 8
    elif style.shape == "ellipse":  # label inside: wrap it, so the groups stay compact
        options["widthConstraint"] = {"maximum": 130}
        options["margin"] = 4
    return options


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return make_environment(TEMPLATES_DIR, names={"w": page_word})


class PageTemplate:
    """The page template bound to one view, in the shape pyvis expects of a template.

    pyvis renders with ``template.render(nodes=..., edges=..., heading=..., ...)``; this
    renders the project's page instead, with the nodes and edges pyvis holds (so additions an
    analyst made with pyvis' own methods are drawn too) and ignores pyvis' other values (its
    heading and options belong to its own template).
    """

    def __init__(
        self, view: NetworkView, assets: InlineAssets | LinkedAssets, links: PageLinks | None
    ) -> None:
        if isinstance(assets, InlineAssets):
            check_inline(assets)
        self.view = view
        self.assets = assets
        self.links = links

    def get_template(self, _name: str) -> PageTemplate:
        """pyvis asks its template environment for ``net.path``: the page is the template."""
        return self

    def render(
        self,
        *,
        nodes: Sequence[Mapping[str, Any]] | None = None,
        edges: Sequence[Mapping[str, Any]] | None = None,
        **_pyvis_values: Any,
    ) -> str:
        view, assets, links = self.view, self.assets, self.links
        inline = isinstance(assets, InlineAssets)
        data = page_data(view, links=links, nodes=nodes, edges=edges)
        return (
            _environment()
            .get_template("network.html")
            .render(
                view=view,
                lang=view.lang,
                inline=inline,
                assets=assets,
                vis_js=_verbatim(assets.vis_js) if inline else "",
                vis_css=_verbatim(assets.vis_css) if inline else "",
                page_js=_verbatim(assets.page_js) if inline else "",
                page_css=_verbatim(assets.page_css) if inline else "",
                csp=inline_page_csp(assets) if isinstance(assets, InlineAssets) else "",
                links=links,
                levels=LEVELS,
                level_words={level: word(f"level.{level}", view.lang) for level in LEVELS},
                data_json=_verbatim(encode_json_for_html(data)),
                mode=view_words(view, links),
            )
        )


def view_words(view: NetworkView, links: PageLinks | None) -> dict[str, Any]:
    """What the page says about the view it shows: the decision context and its date, the
    frameworks counted, and the way to the other view (a link when served, the command for a
    file)."""
    lang = view.lang
    scope = view.scope
    context = view.mode == "context"
    companies_grouped = any(n.kind is NodeKind.company_group for n in view.nodes)
    companies_expanded = any(n.kind is NodeKind.company for n in view.nodes)
    out: dict[str, Any] = {
        "context": context,
        "caption": _caption(view),
        "intro": word("network_context.intro", lang) if context else page_word("intro", lang),
        "frameworks_title": word("network_context.frameworks", lang),
        "frameworks": [
            word(
                "network_context.header.stand_in" if f.stand_in else "network_context.header",
                lang,
                framework=f.label(lang),
                document=_document_label(view, f.document),
            )
            for f in (scope.frameworks if scope and context else ())
        ],
        "no_frameworks": word("network_context.none", lang)
        if scope is not None and context and not scope.frameworks
        else "",
        "switch_label": word(
            "network_context.to_full" if context else "network_context.to_context", lang
        ),
        "switch_href": links.switch_view if links else None,
        "switch_hint": ""
        if links
        else word(
            "network_context.file_hint_full" if context else "network_context.file_hint_context",
            lang,
        ),
        "grouped_note": word("network_context.grouped_note", lang) if companies_grouped else "",
        "companies_label": word(
            "network_context.expand" if companies_grouped else "network_context.collapse", lang
        ),
        "companies_href": links.switch_companies
        if links and (companies_grouped or companies_expanded)
        else None,
        "companies_hint": word("network_context.file_hint_expand", lang)
        if companies_grouped and not links
        else "",
    }
    return out


def _caption(view: NetworkView) -> str:
    """Which context and date the view shows (the full view: which it was scored for)."""
    lang, scope = view.lang, view.scope
    if scope is None:
        return word("network_context.full_caption", lang)
    if view.mode == "context":
        return scope.caption(lang)
    return word(
        "network_context.full_caption_dated",
        lang,
        label=scope.label(lang),
        id=scope.context,
        as_of=scope.as_of.isoformat(),
    )


def _document_label(view: NetworkView, document: str) -> str:
    for node in view.nodes:
        if node.id == document and node.kind is NodeKind.document:
            return next((line.text for line in node.tooltip if not line.caption), node.label)
    return document.rstrip("/").rsplit("/", 1)[-1]


def to_pyvis(
    view: NetworkView,
    *,
    assets: InlineAssets | LinkedAssets | None = None,
    links: PageLinks | None = None,
) -> Network:
    """A pyvis ``Network`` of ``view`` whose HTML is the project's safe page.

    With the default (inlined) assets, ``net.write_html("network.html")`` writes one file that
    draws offline; ``net.generate_html()`` returns the same page as a string.
    """
    net = fill_pyvis(view)
    template = PageTemplate(view, assets or read_inline_assets(), links)
    net.templateEnv = template
    net.template = template
    net.path = "network.html"
    return net


def render_network_html(
    view: NetworkView,
    *,
    assets: InlineAssets | LinkedAssets,
    links: PageLinks | None = None,
) -> str:
    """The page for ``view``: self-contained with :class:`InlineAssets`, else linked."""
    html: str = to_pyvis(view, assets=assets, links=links).generate_html()
    return html


def _verbatim(text: str) -> Markup:
    """Text the template inserts unescaped inside a ``<script>`` or ``<style>`` element.

    Only two kinds of text come here: our own script and style files, and page data that
    :func:`encode_json_for_html` has already made free of ``<``, ``>`` and ``&``. Neither
    may contain the end tag of its element, which :func:`~brn_graph.view.assets.check_inline`
    enforces for files.
    """
    if "<" in text and ("</script" in text.lower() or "</style" in text.lower()):
        raise ValueError("text inserted verbatim must not contain an end tag")
    return Markup(text)  # noqa: S704  (see above: trusted files or escaped JSON only)
