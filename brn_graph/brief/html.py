"""The brief as one self-contained HTML page (charts as SVG data URIs, styles inline).

The page carries its own Content-Security-Policy: no script at all, styles only the one inline
block (by hash), images only from ``data:``. Every text from the graph goes through Jinja's
autoescaping; only ``http(s)`` addresses become links. The same HTML is what
:mod:`brn_graph.brief.pdf` prints.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from brn_graph.brief.charts import engagement_chart, matrix_chart, ranking_chart
from brn_graph.brief.model import CHART_METRICS, Brief
from brn_graph.i18n.catalogue import text
from brn_graph.view.page import csp_hash


@dataclass(frozen=True, kw_only=True)
class Charts:
    """The charts of one brief as ``data:`` URIs, ready for ``<img src>``."""

    ranking: str
    matrices: tuple[str, ...]
    engagement: str


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def draw_charts(brief: Brief) -> Charts:
    """Draw the three charts of ``brief`` (the slow part of rendering: about 1 s)."""
    return Charts(
        ranking=_data_uri(ranking_chart(brief.rows, brief.lang)),
        matrices=tuple(_data_uri(matrix_chart(m, brief.lang)) for m in brief.matrices),
        engagement=_data_uri(engagement_chart(brief, CHART_METRICS)),
    )


def _css_string(value: str) -> str:
    """``value`` as a CSS string literal that can end neither the string nor the style block.

    >>> _css_string('a "b" </style>')
    '"a \\\\22 b\\\\22  \\\\3c /style>"'
    """
    escaped = value.replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ")
    return '"' + escaped.replace("\n", " ") + '"'


def page_css(brief: Brief) -> str:
    """The stylesheet with the running head and "page X of Y" in the brief's language."""
    base = resources.files("brn_graph.brief").joinpath("templates/brief.css").read_text("utf-8")
    before, _, rest = text("brief.page_of", brief.lang).partition("{page}")
    middle, _, after = rest.partition("{pages}")
    counter = " ".join(
        part
        for part in (
            _css_string(before) if before else "",
            "counter(page)",
            _css_string(middle) if middle else "",
            "counter(pages)",
            _css_string(after) if after else "",
        )
        if part
    )
    head = _css_string(text("brief.running_head", brief.lang))
    return base.replace("var(--running-head)", head).replace("var(--page-of)", counter)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("brn_graph.brief", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def brief_csp(css: str) -> str:
    """The policy of the brief page: no script, this one style block, images from data: only."""
    return (
        "default-src 'none'; script-src 'none'; "
        f"style-src {csp_hash(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def render_brief_html(
    brief: Brief,
    *,
    charts: Charts | None = None,
    downloads: Sequence[tuple[str, str]] = (),
) -> str:
    """The brief as an HTML string (a file or a response body: nothing is written here)."""
    css = page_css(brief)
    return (
        _environment()
        .get_template("brief.html")
        .render(
            b=brief,
            css=Markup(css),  # noqa: S704  the package stylesheet, catalogue text CSS-escaped
            csp=brief_csp(css),
            charts=charts or draw_charts(brief),
            downloads=tuple(downloads),
        )
    )
