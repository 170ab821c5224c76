"""The brief's annex as an XLSX workbook (openpyxl): the tables behind the brief, typed.

Sheets: ranking, assessments (the matrix, one row per cluster x goal), engagement, gaps,
sources and "about" (context, date, fingerprint, version). Numbers are numbers, dates are
dates, headers are frozen and filtered, and every header is in the brief's language. Text
that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) is stored as text.
"""

from __future__ import annotations

import io

from brn_graph.brief.model import Brief
from brn_graph.tables import add_sheet


def render_brief_xlsx(brief: Brief) -> bytes:
    """The annex workbook as bytes."""
    from openpyxl import Workbook

    t = brief.t
    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheet(
        workbook,
        t("brief.sheet.ranking"),
        [
            t("brief.col.rank"), t("brief.col.cluster"), t("brief.col.score"),
            t("brief.col.interval_low"), t("brief.col.interval_high"),
            t("brief.col.top_k", k=brief.ranking.top_k), t("brief.col.verdict"),
        ],
        (
            [r.rank, r.cluster.label, r.score, r.low, r.high, r.top_k_probability, r.verdict]
            for r in brief.rows
        ),
    )  # fmt: skip
    add_sheet(
        workbook,
        t("brief.sheet.matrix"),
        [
            t("brief.col.framework"), t("brief.col.cluster"), t("brief.col.goal"),
            t("brief.col.level"), t("brief.col.confidence"), t("brief.col.score"),
        ],
        (
            [
                m.document.label,
                row.cluster.label,
                cell.target.label,
                t(f"brief.level.{cell.level}") if cell.level else t("brief.not_assessed"),
                t(f"brief.confidence.{cell.confidence}") if cell.confidence else None,
                cell.score if cell.level else None,
            ]
            for m in brief.matrices
            for row in m.rows
            for cell in row.cells
        ),
    )  # fmt: skip
    add_sheet(
        workbook,
        t("brief.sheet.engagement"),
        [
            t("brief.col.cluster"),
            t("brief.col.metric"),
            t("brief.col.scope"),
            t("brief.col.value"),
            t("brief.col.date"),
        ],
        (
            [c.cluster.label, f.label, f.scope, f.value, f.date]
            for c in brief.clusters
            for f in c.figures
        ),
    )
    add_sheet(
        workbook,
        t("brief.sheet.gaps"),
        [
            t("brief.col.kind"),
            t("brief.col.goal"),
            t("brief.col.framework"),
            t("brief.col.clusters"),
        ],
        (
            [
                g.heading,
                line.goal.label,
                line.document.label,
                ", ".join(c.label for c in line.clusters),
            ]
            for g in (*brief.gaps, brief.overlaps)
            for line in g.lines
        ),
    )
    add_sheet(
        workbook,
        t("brief.sheet.sources"),
        [t("brief.col.number"), t("brief.col.title"), t("brief.col.address")],
        ([s.number, s.title, s.url or s.citation] for s in brief.sources),
    )
    add_sheet(
        workbook,
        t("brief.sheet.about"),
        [t("brief.h.summary"), ""],
        [
            [t("brief.h.decision"), brief.decision],
            [t("brief.col.date"), brief.as_of],
            *([f.label, f.weight] for f in brief.frameworks),
            [t("brief.quality.version", version=brief.quality.version), brief.generated],
            [t("brief.quality.fingerprint", fingerprint=""), brief.quality.fingerprint],
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
