"""The Typer application, its global options (``--data``, ``--lang``, ``--store``,
``--strict``) and the session every analytics command works on."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

import brn_graph
from brn_graph.cli.log_lines import show_library_log
from brn_graph.cli.output import EXIT_NOT_CONFORMING, LAYOUT, print_error
from brn_graph.config import Language, Settings
from brn_graph.errors import ConfigError
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import message

if TYPE_CHECKING:
    from brn_graph.graph.session import Session

app = typer.Typer(
    name="brn-graph",
    help="Knowledge graph of national business clusters and North Jutland framework documents.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass(frozen=True)
class CliState:
    """What the global options decided, handed to every command through the Typer context."""

    settings: Settings
    strict: bool = False


def _show_version(value: bool) -> None:
    if value:
        print(text("doors.cli.version", "en", version=brn_graph.__version__))
        raise typer.Exit(0)


@app.callback()
def configure(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Data file or folder (repeatable); replaces the bundled data/. "
            "The ontology and shapes always load.",
        ),
    ] = None,
    lang: Annotated[
        Language | None, typer.Option("--lang", help="Language of labels and messages: da or en.")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Backend: oxigraph (default), oxigraph:DIR, memory or sparql:URL.",
        ),
    ] = None,
    wide: Annotated[
        bool,
        typer.Option("--wide", help="Text tables in full width (no wrapping to the terminal)."),
    ] = False,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns", help="Text tables show only these columns, comma-separated, in order."
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV for Danish Excel: ';' between fields, decimal comma, UTF-8 byte-order mark.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_show_version, help="Print the version and exit."
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Stop (exit 1) when the data does not conform to the SHACL shapes, "
            "instead of warning on stderr and going on.",
        ),
    ] = False,
) -> None:
    """Global options, used by every command."""
    settings = Settings.from_env(
        data_paths=tuple(data) if data else None,
        lang=lang,
        store=store,
    )
    check_data_paths(settings)
    LAYOUT.wide = wide
    LAYOUT.excel = excel
    LAYOUT.columns = tuple(c.strip() for c in (columns or "").split(",") if c.strip())
    check_store(settings)
    if ctx.invoked_subcommand != "serve":  # (the service logs as a service: uvicorn's format)
        show_library_log(settings.lang)
    ctx.obj = CliState(settings=settings, strict=strict)


def check_data_paths(settings: Settings) -> None:
    """A ``--data`` folder without a single Turtle file is a mistake, not an empty graph."""
    for path in settings.data_paths:
        if path.is_dir() and not any(p.is_file() for p in path.rglob("*.ttl")):
            raise ConfigError(message("doors.cli.empty_data", path=path))


def check_store(settings: Settings) -> None:
    """A store setting that cannot work is refused before anything loads, in the chosen language.

    ``oxigraph``, ``oxigraph:DIR``, ``memory`` and ``sparql:URL`` with an http(s) address.
    """
    kind, _, rest = settings.store.partition(":")
    if kind in ("oxigraph", "memory") and (kind == "oxigraph" or not rest):
        return
    if kind == "sparql":
        try:
            parts = urlsplit(rest)
            _ = parts.port
            usable = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            usable = False
        if usable:
            return
        raise ConfigError(message("doors.cli.bad_store_url", store=settings.store))
    raise ConfigError(message("doors.cli.unknown_store", store=settings.store))


def state(ctx: typer.Context) -> CliState:
    """The global state of the running command."""
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj


def open_session(ctx: typer.Context) -> Session:
    """The session of the running command: loaded, validated, store open, model built.

    Data that does not conform is reported on stderr (the command goes on), or with
    ``--strict`` stops the command with exit 1, as ``serve`` refuses it.
    """
    from brn_graph.graph.session import build_session  # heavy: rdflib, pyshacl, networkx

    cli = state(ctx)
    session = build_session(cli.settings)
    problem = session.nonconformity()
    if problem is not None:
        lang = cli.settings.lang
        if cli.strict:
            print_error(text("session.refused", lang, message=problem), lang)
            raise typer.Exit(EXIT_NOT_CONFORMING)
        print(text("session.warning", lang, message=problem), file=sys.stderr)
    return session
