"""``brn-graph serve``: the web service (REST API, SPARQL endpoint, pages) under uvicorn.

The library's command line knows nothing of the web: this command joins it through the
``brn_graph.commands`` entry point (``pyproject.toml``), which :mod:`brn_graph.cli` loads.

With ``--workers N`` (default: the number of cores) uvicorn runs N processes on one socket.
The parent builds the session once before the port opens (load, validate, store, catalogue,
model; a refusal is exit 2) and imports the web application; the server processes are then
*forked* from it (:func:`forked_workers`), so each starts with the imports and the session
already in memory (shared copy-on-write) and only starts its own query engine. A server
process that starts later (uvicorn replaces one that died) builds its state from the files
again when the data or the imports folder changed since the parent built the session
(:func:`preloaded_session`). Settings reach the workers in a private file named by
``BRN_GRAPH_SERVE_SETTINGS``. An ``oxigraph:DIR`` store is opened read-write by one process
only: with it, ``--workers`` above 1 is refused, and the default is one process.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from brn_graph.config import Settings
from brn_graph.errors import ConfigError
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import message

if TYPE_CHECKING:
    from fastapi import FastAPI

    from api.imports_watch import Generation
    from brn_graph.graph.session import Session

LOG = logging.getLogger("brn_graph.api")
#: The environment variable naming the file with the workers' settings (pickled).
SETTINGS_FILE_ENV = "BRN_GRAPH_SERVE_SETTINGS"
#: The environment variable naming the supervising process: a server process ends with it.
PARENT_PID_ENV = "BRN_GRAPH_SERVE_PARENT"

#: The session the supervising process built before forking the server processes, and the
#: imports folder's generation when it did (see :func:`preloaded_session`).
_PRELOADED: tuple[Session, Generation] | None = None


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
    # client never meets a server without its data. The query engine may still be starting
    # when the port opens: a query waits for it, /health says so.
    service = build_state(settings, wait_for_engine=False)
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
    """``count`` uvicorn workers on one socket, forked from this process after it built the
    session (the data passed validation here)."""
    import uvicorn

    global _PRELOADED
    _PRELOADED = preload(settings)
    with tempfile.TemporaryDirectory(prefix="brn-serve-") as folder:
        path = Path(folder) / "settings.pickle"
        # The file may hold the write token: readable by this user only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            pickle.dump(settings, out)
        os.environ[SETTINGS_FILE_ENV] = str(path)
        os.environ[PARENT_PID_ENV] = str(os.getpid())
        LOG.info("%s", text("serve.log.processes", settings.lang, count=count))
        # The session stays in this process for workers uvicorn starts later; objects that
        # exist now are kept out of the collector, so it does not copy their shared pages.
        gc.freeze()
        with forked_workers():
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


def preload(settings: Settings) -> tuple[Session, Generation]:
    """Build the session the server processes start with (raising the refusal, exit 2, before
    a port opens) and import the web application, so forked processes need not."""
    from api.app import create_app  # noqa: F401 - imported here, once, for the forks
    from api.imports_watch import generation
    from api.state import log_refusal
    from brn_graph.graph.session import DataNotConformingError, build_session

    seen = generation(settings.imports_dir)
    try:
        session = build_session(
            settings, refuse_invalid=settings.refuse_invalid_data, check_queries=True
        )
    except DataNotConformingError as exc:
        log_refusal(exc, settings.lang)
        raise
    return session, seen


def preloaded_session(settings: Settings) -> Session | None:
    """The session the supervisor built, if it still describes the files on disk: same
    settings, imports folder unchanged, same data fingerprint; else ``None`` (build anew)."""
    from api.imports_watch import generation
    from brn_graph.graph.files import discover, fingerprint_files

    if _PRELOADED is None:
        return None
    session, seen = _PRELOADED
    if session.settings != settings or generation(settings.imports_dir) != seen:
        return None
    if fingerprint_files(discover(settings), settings.base_iri) != session.fingerprint:
        return None
    return session


@contextlib.contextmanager
def forked_workers() -> Iterator[None]:
    """While open, uvicorn starts its server processes by ``fork`` instead of ``spawn``.

    A spawned process starts a new interpreter and imports the application (about 1 s of
    CPU per process); a fork starts with this process's memory. Safe here: the supervisor
    is single-threaded when it forks (uvicorn's supervisor loop runs in the main thread, and
    building the session starts no thread that outlives it). The child resets the signal
    handlers the supervisor installed, so a SIGTERM before its server starts ends it. When
    uvicorn no longer has the hook, its own spawn is used (slower, equally correct).
    """
    from uvicorn.supervisors import multiprocess

    original = getattr(multiprocess, "get_subprocess", None)
    if original is None:
        yield
        return
    setattr(multiprocess, "get_subprocess", _fork_subprocess)  # noqa: B010 - not exported
    try:
        yield
    finally:
        setattr(multiprocess, "get_subprocess", original)  # noqa: B010


def _fork_subprocess(config: Any, target: Any, sockets: list[Any]) -> Any:
    """uvicorn's ``get_subprocess`` with the ``fork`` start method (stdin is inherited)."""
    context = multiprocessing.get_context("fork")
    kwargs = {"config": config, "target": target, "sockets": sockets}
    return context.Process(target=_forked_started, kwargs=kwargs)


def _forked_started(config: Any, target: Any, sockets: list[Any]) -> None:
    """The forked server process: the default signal handlers back, then uvicorn's own start.
    (The objects frozen before the fork stay frozen: collecting them would copy every
    shared page; they are freed by reference counting when the state is replaced.)"""
    from uvicorn._subprocess import subprocess_started
    from uvicorn.supervisors.multiprocess import SIGNALS

    for number in SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    subprocess_started(config=config, target=target, sockets=sockets, stdin_fileno=None)


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
    return create_app(
        settings, watch_imports=True, session=preloaded_session(settings), wait_for_engine=False
    )
