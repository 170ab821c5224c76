"""``brn-graph search TEXT``: full-text search over names and descriptions (SQLite FTS5)."""

from __future__ import annotations

from typing import Annotated

import typer

from brn_graph.cli.app import app, state
from brn_graph.cli.output import TableFormat, emit_rows, print_json
from brn_graph.i18n.catalogue import text


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help="Words to find (prefixes and near spellings match).")
    ],
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=500, help="At most this many hits.")
    ] = 20,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output format: table, csv, tsv or json.")
    ] = TableFormat.table,
) -> None:
    """Search labels, alternative labels and descriptions in Danish and English, best first."""
    from brn_graph.graph.store import open_store
    from brn_graph.namespaces import shorten
    from brn_graph.query.analytics import GraphQueries
    from brn_graph.query.catalog import load_catalog
    from brn_graph.search.index import build_index

    settings = state(ctx).settings
    queries = GraphQueries.local(
        open_store(settings), load_catalog(settings.queries_dir, check=False)
    )
    hits = build_index(queries).search(query, lang=settings.lang, limit=limit)
    if fmt is TableFormat.json:
        print_json([h.to_dict() for h in hits])
        return
    lang = settings.lang
    columns = {
        "label": text("doors.search.label", lang),
        "type": text("doors.search.type", lang),
        "id": text("doors.search.id", lang),
        "snippet": text("doors.search.snippet", lang),
    }
    rows = [
        {
            columns["label"]: h.label,
            columns["type"]: h.type_label or "",
            columns["id"]: shorten(h.iri),
            columns["snippet"]: h.snippet,
        }
        for h in hits
    ]
    emit_rows(list(columns.values()), rows, fmt, title="brn-graph")
    if fmt is TableFormat.table:
        print(text("doors.search.count", lang, count=len(hits), query=query))
