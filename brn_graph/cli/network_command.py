"""``brn-graph network``: the interactive network view, written to a self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from brn_graph.cli.alignment_commands import AsOfOption, ContextOption
from brn_graph.cli.app import app, open_session, state
from brn_graph.cli.files import write_output
from brn_graph.config import Language
from brn_graph.context.dates import parse_user_day
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_count
from brn_graph.view.limits import DEFAULT_MAX_NODES, MAX_NODES_LIMIT

LevelName = Literal["low", "medium", "high"]
ViewModeName = Literal["context", "full"]
CompanyModeName = Literal["grouped", "expanded"]


@app.command()
def network(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The HTML file to write.", dir_okay=False)
    ],
    document: Annotated[
        str | None,
        typer.Option(
            "--document", help="Only this framework document's goals (slug, IRI or title)."
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option("--focus", help="Only this cluster or goal and its neighbours."),
    ] = None,
    min_level: Annotated[
        LevelName | None,
        typer.Option("--min-level", help="Leave out alignments below this level."),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of labels and page: da or en."),
    ] = None,
    hide_companies: Annotated[
        bool, typer.Option("--hide-companies", help="Leave out member companies.")
    ] = False,
    hide_municipalities: Annotated[
        bool, typer.Option("--hide-municipalities", help="Leave out municipalities.")
    ] = False,
    hide_offices: Annotated[
        bool, typer.Option("--hide-offices", help="Leave out cluster offices.")
    ] = False,
    max_nodes: Annotated[
        int,
        typer.Option(
            "--max-nodes",
            min=1,
            max=MAX_NODES_LIMIT,
            help="Node cap; above it the least central nodes are cut and the page says so.",
        ),
    ] = DEFAULT_MAX_NODES,
    view_mode: Annotated[
        ViewModeName,
        typer.Option(
            "--view",
            help="context: the decision's long-list clusters and the goals of the frameworks "
            "in force, in two columns (default); full: the whole graph.",
        ),
    ] = "context",
    companies: Annotated[
        CompanyModeName,
        typer.Option(
            "--companies",
            help="Full view: member companies as one node per municipality (grouped, default) "
            "or one by one (expanded).",
        ),
    ] = "grouped",
    context: ContextOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Write the network of clusters, framework documents, goals and alignments as one HTML
    file that works offline (vis-network inlined, no requests to anywhere).

    Filters, focus and search work in the page; --document, --focus and --min-level cut the
    view before it is written, which keeps large graphs quick to open.
    """
    from brn_graph.context.view import build_context_model
    from brn_graph.graph.doors import resolve_any
    from brn_graph.view.cut import ViewOptions
    from brn_graph.view.decision import scope_of
    from brn_graph.view.model import build_view
    from brn_graph.view.page import read_inline_assets, render_network_html
    from brn_graph.view.projection import project_for_view

    settings = state(ctx).settings
    session = open_session(ctx)
    if focus:
        # The one resolver: abbreviations and names in part, like every other door.
        focus = resolve_any(
            session.dataset, "node", focus, lang or settings.lang, follow_mergers=True
        )
    options = ViewOptions(
        lang=lang or settings.lang,
        document=document,
        focus=focus,
        min_level=min_level,
        show_companies=not hide_companies,
        show_municipalities=not hide_municipalities,
        show_offices=not hide_offices,
        companies=companies,
        max_nodes=max_nodes,
    )
    day = parse_user_day(as_of, "as-of")
    known = session.context_model
    built = (
        known
        if known is not None and context is None and day is None
        else build_context_model(
            session.queries,
            settings,
            context=context,
            as_of=day,
            data=known.full if known is not None else None,
        )
    )
    projection = project_for_view(session.queries, built.model, settings)
    view = build_view(projection, options, scope=scope_of(built.view), mode=view_mode)
    html = render_network_html(view, assets=read_inline_assets())
    write_output(output, html.encode("utf-8"))
    lang_used = options.lang
    typer.echo(
        text(
            "cli.network.written",
            lang_used,
            file=output,
            nodes=format_count(len(view.nodes), lang_used),
            edges=format_count(len(view.edges), lang_used),
        )
    )
    typer.echo(built.view.header(lang_used))
    if view.cut.capped:
        typer.echo(f"{view.cut.message}\n{view.cut.hint}", err=True)
