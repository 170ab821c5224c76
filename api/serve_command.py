"""``brn-graph serve``: the web service (REST API, SPARQL endpoint, pages) under uvicorn.

The library's command line knows nothing of the web: this command joins it through the
``brn_graph.commands`` entry point (``pyproject.toml``), which :mod:`brn_graph.cli` loads.

With ``--workers N`` (default: the number of cores) uvicorn runs N processes on one socket.
The parent loads and validates the data once before the port opens (a refusal is exit 2);
each worker then builds its own state (:func:`worker_app`), taking the validation report from
the cache the parent filled. Settings reach the workers in a private file named by
``BRN_GRAPH_SERVE_SETTINGS``. An ``oxigraph:DIR`` store is opened read-write by one process
only: with it, ``--workers`` above 1 is refused, and the default is one process.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from brn_graph.config import Settings
from brn_graph.errors import ConfigError
from brn_graph.i18n.message import message

if TYPE_CHECKING:
    from fastapi import FastAPI

LOG = logging.getLogger("brn_graph.api")
#: The environment variable naming the file with the workers' settings (pickled).
SETTINGS_FILE_ENV = "BRN_GRAPH_SERVE_SETTINGS"
#: The environment variable naming the supervising process: a server process ends with it.
PARENT_PID_ENV = "BRN_GRAPH_SERVE_PARENT"


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
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Server processes (default: the number of cores; 1 with oxigraph:DIR). "
            "1 serves from one process.",
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
    from brn_graph.cli.app import state  # here: brn_graph.cli loads this module as a plugin

    settings = state(ctx).settings.with_overrides(store=store)
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s: %(name)s: %(message)s")
    count = worker_count(settings, workers)
    if count == 1:
        serve_one(settings, host=host, port=port, log_level=log_level)
    else:
        serve_many(settings, count, host=host, port=port, log_level=log_level)


def worker_count(settings: Settings, requested: int | None) -> int:
    """The number of server processes: ``requested``, else the number of cores; one process
    for an ``oxigraph:DIR`` store (RocksDB allows one writer), and more are refused.

    >>> worker_count(Settings(store="memory"), 3)
    3
    >>> worker_count(Settings(store="oxigraph:/tmp/brn-doc"), None)
    1
    """
    on_disk = settings.store.startswith("oxigraph:")
    if requested is None:
        return 1 if on_disk else max(1, os.cpu_count() or 1)
    if requested > 1 and on_disk:
        raise ConfigError(message("serve.workers_on_disk", store=settings.store, workers=requested))
    return requested


def serve_one(settings: Settings, *, host: str, port: int, log_level: str) -> None:
    """One process: build the state (a refusal is a plain error), then serve it."""
    import uvicorn

    from api.app import attach_state, create_app
    from api.state import build_state, close_state

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


def serve_many(settings: Settings, count: int, *, host: str, port: int, log_level: str) -> None:
    """``count`` uvicorn workers on one socket, after the data passed validation here."""
    import uvicorn

    check_data(settings)
    with tempfile.TemporaryDirectory(prefix="brn-serve-") as folder:
        path = Path(folder) / "settings.pickle"
        # The file may hold the write token: readable by this user only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            pickle.dump(settings, out)
        os.environ[SETTINGS_FILE_ENV] = str(path)
        os.environ[PARENT_PID_ENV] = str(os.getpid())
        LOG.info("starting %d server processes", count)
        uvicorn.run(
            "api.serve_command:worker_app",
            factory=True,
            host=host,
            port=port,
            workers=count,
            log_level=log_level,
            lifespan="on",
            proxy_headers=False,
        )


def check_data(settings: Settings) -> None:
    """Load and validate as every worker will (filling the report cache); raise the refusal
    (:class:`~brn_graph.graph.session.DataNotConformingError`, exit 2) before a port opens."""
    from brn_graph.graph.loader import load_dataset
    from brn_graph.graph.session import DataNotConformingError, nonconformity_message, validate

    loaded = load_dataset(settings)
    report = validate(loaded, settings, settings.lang)
    problem = nonconformity_message(report, settings.lang)
    if problem and settings.refuse_invalid_data:
        LOG.error(
            "refusing to start: %s. Run `brn-graph validate` for the full list, or set "
            "BRN_GRAPH_REFUSE_INVALID_DATA=false to serve it with a warning.",
            problem,
        )
        raise DataNotConformingError(problem)


def worker_app() -> FastAPI:
    """The app of one server process (uvicorn's factory): the settings from the parent's
    file; the state is built by the app's start-up; imports by other processes are seen."""
    from api.app import create_app
    from brn_graph.query.workers import die_with_parent

    # A kill -9 of the supervisor must not leave server processes holding the port (and
    # their query engines) behind: each one ends with it. Checked once more after asking,
    # in case the supervisor died before.
    die_with_parent()
    parent = os.environ.get(PARENT_PID_ENV)
    if parent and os.getppid() != int(parent):
        raise SystemExit(1)
    path = os.environ.get(SETTINGS_FILE_ENV)
    if not path:
        raise ConfigError(message("serve.no_settings", name=SETTINGS_FILE_ENV))
    with open(path, "rb") as handle:
        settings = pickle.load(handle)  # noqa: S301 - our own file, mode 0600, this user
    assert isinstance(settings, Settings)
    return create_app(settings, watch_imports=True)
