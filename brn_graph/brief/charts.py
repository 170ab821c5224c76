"""The brief's three charts, drawn with matplotlib as SVG text (vectors in the HTML and PDF).

- :func:`ranking_chart`: a forest plot: each cluster's score, and its rank with the 5-95 %
  interval of the sensitivity analysis;
- :func:`matrix_chart`: a heat map of one framework's matrix: level as colour, inferred or
  weakly supported assessments hatched, cells without an assessment left white with "?";
- :func:`engagement_chart`: small multiples of the engagement metrics per cluster, with
  "unknown" written where the sources are silent (never drawn as 0).

Text stays text in the SVG (``svg.fonttype = none``), so the PDF can be searched and the
Danish letters come from the page's fonts. Every label is escaped by matplotlib's SVG writer.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from brn_graph.config import Language
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from brn_graph.alignment.scores import DocumentMatrix
    from brn_graph.brief.model import Brief, RankRow

#: Colour per level (colour-blind safe sequential blues; none is a light grey).
LEVEL_COLOURS: dict[str, str] = {
    "high": "#08519c",
    "medium": "#4292c6",
    "low": "#9ecae1",
    "none": "#e6e6e6",
}
_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "brn-graph",  # stable ids: the same data gives the same SVG
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextmanager
def _figure(width: float, height: float) -> Iterator[Figure]:
    """A figure outside pyplot's global state (no GUI backend, no leaked figures)."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield Figure(figsize=(width, height), layout="constrained")


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def number_ticks(axis: Any, lang: Language) -> None:
    """Tick labels of a numeric ``axis`` as ``lang`` writes numbers (Danish ``0,5``, ``1.000``)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _pos: format_number(value, lang)))


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def ranking_chart(rows: Sequence[RankRow], lang: Language) -> str:
    """Score (left) and rank with its 5-95 % interval (right), one row per cluster."""
    n = len(rows)
    with _figure(6.6, 0.32 * n + 1.0) as fig:
        left, right = fig.subplots(1, 2, sharey=True, width_ratios=(1, 1))
        y = list(range(n))
        labels = [_short(r.cluster.label) for r in rows]
        left.barh(y, [r.score for r in rows], color="#4292c6", height=0.6)
        left.set_yticks(y, labels)
        left.invert_yaxis()
        left.set_xlim(0, 1)
        left.set_xlabel(text("brief.chart.score", lang))
        number_ticks(left.xaxis, lang)
        for yi, r in zip(y, rows, strict=True):
            right.plot([r.low, r.high], [yi, yi], color="#08306b", linewidth=2.5)
            right.plot([r.rank], [yi], "o", color="#08306b" if r.robust else "#d94801")
        right.set_xlim(0.5, max(n, 1) + 0.5)
        right.set_xticks(range(1, n + 1))
        right.set_xlabel(text("brief.chart.rank", lang))
        number_ticks(right.xaxis, lang)
        right.grid(axis="x", color="#dddddd", linewidth=0.5)
        return _svg(fig)


def matrix_chart(matrix: DocumentMatrix, lang: Language) -> str:
    """Clusters x goals of one framework document, coloured by level."""
    from matplotlib.patches import Rectangle

    goals = matrix.targets
    rows = matrix.rows
    width = min(7.0, 2.6 + 0.45 * max(len(goals), 1))
    with _figure(width, 0.3 * len(rows) + 1.9) as fig:
        ax = fig.subplots()
        for i, row in enumerate(rows):
            for j, cell in enumerate(row.cells):
                level = cell.level
                colour = LEVEL_COLOURS.get(level or "", "#ffffff")
                hatch = "///" if cell.confidence in {"inferred", "weak"} else None
                ax.add_patch(
                    Rectangle(
                        (j, i),
                        1,
                        1,
                        facecolor=colour,
                        edgecolor="#999999",
                        hatch=hatch,
                        linewidth=0.4,
                    )
                )
                if level is None:
                    ax.text(j + 0.5, i + 0.5, "?", ha="center", va="center", color="#777777")
        ax.set_xlim(0, max(len(goals), 1))
        ax.set_ylim(len(rows), 0)
        ax.set_yticks([i + 0.5 for i in range(len(rows))], [_short(r.cluster.label) for r in rows])
        ax.set_xticks(
            [j + 0.5 for j in range(len(goals))],
            [_short(f"{g.notation} {g.label}" if g.notation else g.label, 30) for g in goals],
            rotation=45,
            ha="right",
        )
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        handles = [
            Rectangle((0, 0), 1, 1, facecolor=c, edgecolor="#999999")
            for c in LEVEL_COLOURS.values()
        ]
        names = [text(f"brief.level.{k}", lang) for k in LEVEL_COLOURS]
        ax.legend(
            handles,
            names,
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            frameon=False,
            title=text("brief.col.level", lang),
        )
        return _svg(fig)


def engagement_chart(brief: Brief, metrics: Sequence[str]) -> str:
    """One panel per metric, one bar per cluster; unknown values are written, not drawn."""
    clusters = brief.clusters
    n = len(clusters)
    with _figure(6.6, 0.3 * n + 1.2) as fig:
        axes = fig.subplots(1, len(metrics), sharey=True)
        labels = [_short(c.cluster.label, 30) for c in clusters]
        for k, (ax, name) in enumerate(zip(axes, metrics, strict=True)):
            values: list[float | None] = []
            for c in clusters:
                line = next((f for f in c.figures if f.name == name), None)
                values.append(None if line is None else line.value)
            known = [v for v in values if v is not None]
            top = max(known) if known else 1.0
            ax.barh(range(n), [v or 0.0 for v in values], color="#41ab5d", height=0.6)
            for i, v in enumerate(values):
                if v is None:
                    ax.text(
                        top * 0.02,
                        i,
                        text("brief.chart.unknown_bar", brief.lang),
                        va="center",
                        fontsize=7,
                        color="#d94801",
                        style="italic",
                    )
            ax.set_title(text(f"brief.metric.{name}", brief.lang), fontsize=8)
            ax.set_xlim(0, top * 1.1 if top > 0 else 1)
            ax.tick_params(axis="x", labelsize=6)
            number_ticks(ax.xaxis, brief.lang)
            if k == 0:
                ax.set_yticks(range(n), labels)
                ax.invert_yaxis()
        return _svg(fig)
