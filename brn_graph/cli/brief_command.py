"""``brn-graph brief -o FILE``: the decision brief as HTML, PDF or XLSX (by the file's suffix)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brn_graph.cli.alignment_commands import AsOfOption, ContextOption, _open
from brn_graph.cli.app import app, state
from brn_graph.cli.files import write_output
from brn_graph.config import parse_weights
from brn_graph.errors import ParameterError
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_number

SUFFIXES = (".html", ".pdf", ".xlsx")


@app.command("brief")
def brief_command(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="File to write: .html, .pdf or .xlsx (the suffix decides)."
        ),
    ],
    weights: Annotated[
        str | None,
        typer.Option("--weights", help="Criteria weights NAME=VALUE,... as for `rank`."),
    ] = None,
    context: ContextOption = None,
    as_of: AsOfOption = None,
) -> None:
    """The decision brief for the board: summary, charts, cluster pages, gaps, sources."""
    from brn_graph.brief.model import build_brief

    lang = state(ctx).settings.lang
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        reason = text("brief.error.suffix", lang, path=output, suffixes=", ".join(SUFFIXES))
        raise ParameterError("--output", reason)
    if not output.resolve().parent.is_dir():
        raise ParameterError("--output", text("brief.error.folder", lang, path=output))
    session = _open(ctx, context, as_of)
    settings = session.settings
    brief = build_brief(
        session.dataset,
        session.context,
        settings,
        queries=session.queries,
        lang=settings.lang,
        weights=parse_weights(weights) if weights else None,
    )
    if suffix == ".html":
        from brn_graph.brief.html import render_brief_html

        data = render_brief_html(brief).encode("utf-8")
    elif suffix == ".pdf":
        from brn_graph.brief.pdf import render_brief_pdf

        data = render_brief_pdf(brief)
    else:
        from brn_graph.brief.xlsx import render_brief_xlsx

        data = render_brief_xlsx(brief)
    write_output(output, data)
    print(text("brief.written", lang, path=output, size=format_number(len(data), lang)))
