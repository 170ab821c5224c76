"""``brn-graph serve``: the web service (REST API, SPARQL endpoint, pages) under uvicorn.

The library's command line knows nothing of the web: this command joins it through the
``brn_graph.commands`` entry point (``pyproject.toml``), which :mod:`brn_graph.cli` loads.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from brn_graph.cli.app import state


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``brn-graph`` command."""
    app.command()(serve)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Backend: oxigraph (default), oxigraph:DIR, memory or sparql:URL "
            "(overrides the global --store).",
        ),
    ] = None,
    log_level: Annotated[
        str, typer.Option("--log-level", help="uvicorn log level: debug, info, warning.")
    ] = "info",
) -> None:
    """Serve the graph: pages at /, REST API under /api (docs at /docs), SPARQL at /sparql.

    The graph is loaded and validated once at start-up. When it does not conform, the
    server refuses to start (exit 2) unless BRN_GRAPH_REFUSE_INVALID_DATA=false, in which
    case it serves with a warning banner.
    """
    import uvicorn

    from api.app import attach_state, create_app
    from api.state import build_state, close_state

    settings = state(ctx).settings.with_overrides(store=store)
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s: %(name)s: %(message)s")
    # Load and validate before the port opens: a refusal is a plain error (exit 2), and a
    # client never meets a half-started server.
    service = build_state(settings)
    try:
        application = create_app(settings, load_graph=False)
        attach_state(application, service)
        config = uvicorn.Config(
            application,
            host=host,
            port=port,
            log_level=log_level,
            lifespan="on",
            proxy_headers=False,
        )
        uvicorn.Server(config).run()
    finally:
        close_state(service)
