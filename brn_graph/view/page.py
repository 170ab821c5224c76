"""A :class:`~brn_graph.view.model.NetworkView` as an HTML page: a string, never a file.

The page is a Jinja2 template (``brn_graph/templates/network.html``, autoescaping on) around
vis-network. Data never reaches the page as markup: the view goes in as JSON inside a
``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and U+2028/U+2029
written as ``\\uXXXX`` so no label can close the block; the page script parses it with
``JSON.parse`` and builds every tooltip, menu entry and search result with ``textContent``.
vis-network draws labels on a canvas. pyvis' own template is not used: its heading is not
escaped and it switches to ``innerHTML`` tooltips when a title contains ``href``.

Two ways to ship the scripts: :class:`InlineAssets` puts vis-network, the page script and
the styles into the page (a self-contained file that works offline, with a
Content-Security-Policy ``<meta>`` that allows exactly those inline blocks by hash), and
:class:`LinkedAssets` points at the server's vendored copies (``/static/...``) for a page
served under :data:`SERVED_PAGE_CSP`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from brn_graph.config import Language
from brn_graph.errors import DataLoadError
from brn_graph.i18n import catalogue
from brn_graph.i18n.message import message as msg
from brn_graph.view.model import NetworkView
from brn_graph.view.projection import LEVELS, NodeKind
from brn_graph.view.style import NODE_STYLES, ViewEdge, ViewNode

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

#: The Content-Security-Policy header of the served page: scripts, styles and images only
#: from this server (plus ``data:`` images, which vis-network's stylesheet uses).
SERVED_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

#: Where the served page finds its scripts and styles (``api/static`` is mounted at /static).
VIS_JS_PATH = "vendor/vis-network/vis-network.min.js"
VIS_CSS_PATH = "vendor/vis-network/vis-network.min.css"
PAGE_JS_PATH = "network.js"
PAGE_CSS_PATH = "network.css"

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=[^\n]*\s*$")


def page_word(key: str, lang: Language) -> str:
    """A UI word of the page, from the message catalogue (``network_page.*``).

    >>> page_word("reset", "en")
    'Reset'
    """
    return catalogue.text(f"network_page.{key}", lang)


@dataclass(frozen=True, kw_only=True)
class InlineAssets:
    """The scripts and styles, inlined into a self-contained page."""

    vis_js: str
    vis_css: str
    page_js: str
    page_css: str


@dataclass(frozen=True, kw_only=True)
class LinkedAssets:
    """Addresses of the scripts and styles on the serving host."""

    vis_js: str
    vis_css: str
    page_js: str
    page_css: str

    @classmethod
    def under(cls, prefix: str) -> LinkedAssets:
        """The vendored files under a static prefix.

        >>> LinkedAssets.under("/static/").page_js
        '/static/network.js'
        """
        base = prefix.rstrip("/") + "/"
        return cls(
            vis_js=base + VIS_JS_PATH,
            vis_css=base + VIS_CSS_PATH,
            page_js=base + PAGE_JS_PATH,
            page_css=base + PAGE_CSS_PATH,
        )


@dataclass(frozen=True, kw_only=True)
class PageLinks:
    """Navigation of a served page (a file has none): the front page, the other language,
    and the address the page reloads with a server-side cut."""

    home: str
    other_language: str
    network: str


def bundled_static_dir() -> Path:
    """The folder holding the vendored vis-network and the page's script and stylesheet.

    The assets live with the web service (``api/static``), which serves them at /static;
    the file export reads the same files, so there is one copy.
    """
    return Path(str(resources.files("api").joinpath("static")))


def read_inline_assets(static_dir: Path | None = None) -> InlineAssets:
    """Read the scripts and styles for a self-contained page."""
    folder = static_dir or bundled_static_dir()

    def read(relative: str) -> str:
        path = folder / relative
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataLoadError(
                path, msg("errors.file.unreadable", reason=exc.strerror or str(exc))
            ) from exc

    return InlineAssets(
        vis_js=_SOURCE_MAP.sub("\n", read(VIS_JS_PATH)),
        vis_css=read(VIS_CSS_PATH),
        page_js=read(PAGE_JS_PATH),
        page_css=read(PAGE_CSS_PATH),
    )


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


def csp_hash(text: str) -> str:
    """The CSP source expression allowing one inline block with exactly this text.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_page_csp(assets: InlineAssets) -> str:
    """The policy of a self-contained page: nothing from anywhere, except its own blocks."""
    scripts = " ".join(csp_hash(t) for t in (assets.vis_js, assets.page_js))
    styles = " ".join(csp_hash(t) for t in (assets.vis_css, assets.page_css))
    return (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; img-src data:; "
        "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )


def page_data(view: NetworkView, *, links: PageLinks | None = None) -> dict[str, Any]:
    """The JSON the page script reads: nodes, edges, node styles, menus and words."""
    lang = view.lang
    return {
        "lang": lang,
        "physics": view.physics,
        "levels": list(LEVELS),
        "server": links.network if links else None,
        "cut": {"document": view.document, "focus": view.focus, "minLevel": view.min_level},
        "words": {
            key: page_word(key, lang)
            for key in ("status", "matches", "no_matches", "empty", "loading")
        },
        "groups": {kind.value: _group_options(kind) for kind in NodeKind},
        "nodes": [_node_data(n) for n in view.nodes],
        "edges": [_edge_data(e) for e in view.edges],
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
    return options


def _node_data(node: ViewNode) -> dict[str, Any]:
    return {
        "id": node.id,
        "label": node.label,
        "group": node.kind.value,
        "x": node.x,
        "y": node.y,
        "docs": list(node.documents),
        "tip": [[line.caption, line.text] for line in node.tooltip],
    }


def _edge_data(edge: ViewEdge) -> dict[str, Any]:
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


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["w"] = page_word
    return env


def render_network_html(
    view: NetworkView,
    *,
    assets: InlineAssets | LinkedAssets,
    links: PageLinks | None = None,
) -> str:
    """The page for ``view``: self-contained with :class:`InlineAssets`, else linked."""
    inline = isinstance(assets, InlineAssets)
    if isinstance(assets, InlineAssets):
        _check_inline(assets)
    template = _environment().get_template("network.html")
    return template.render(
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
        level_words={level: catalogue.text(f"level.{level}", view.lang) for level in LEVELS},
        data_json=_verbatim(encode_json_for_html(page_data(view, links=links))),
    )


def _verbatim(text: str) -> Markup:
    """Text the template inserts unescaped inside a ``<script>`` or ``<style>`` element.

    Only two kinds of text come here: our own script and style files, and page data that
    :func:`encode_json_for_html` has already made free of ``<``, ``>`` and ``&``. Neither
    may contain the end tag of its element, which :func:`_check_inline` enforces for files.
    """
    if "<" in text and ("</script" in text.lower() or "</style" in text.lower()):
        raise ValueError("text inserted verbatim must not contain an end tag")
    return Markup(text)  # noqa: S704  (see above: trusted files or escaped JSON only)


def _check_inline(assets: InlineAssets) -> None:
    """Inlined files must not be able to end their own element early."""
    for name, text, closing in (
        ("vis_js", assets.vis_js, "</script"),
        ("page_js", assets.page_js, "</script"),
        ("vis_css", assets.vis_css, "</style"),
        ("page_css", assets.page_css, "</style"),
    ):
        lowered = text.lower()
        if closing in lowered or "<!--" in lowered:
            raise ValueError(f"{name} cannot be inlined: it contains {closing!r} or '<!--'")
