"""The Typer application and its global options (``--data``, ``--lang``, ``--store``)."""

from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from brn_graph.config import LANGUAGES, Language, Settings

app = typer.Typer(
    name="brn-graph",
    help="Knowledge graph of national business clusters and North Jutland framework documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


#: The language of the running command's messages, once the global options are read.
_MESSAGE_LANGUAGE: ContextVar[Language | None] = ContextVar("brn_graph_cli_lang", default=None)


def message_language() -> Language:
    """The language of messages and errors: ``--lang``, else ``BRN_GRAPH_LANG``, else Danish.

    Errors raised before the options are read (or while reading them) still follow
    ``--lang`` when it was given, and the environment otherwise.
    """
    chosen = _MESSAGE_LANGUAGE.get()
    if chosen is not None:
        return chosen
    from_env = os.environ.get("BRN_GRAPH_LANG", "").strip().lower()
    for lang in LANGUAGES:
        if from_env == lang:
            return lang
    return "da"


@dataclass(frozen=True)
class CliState:
    """What the global options decided, handed to every command through the Typer context."""

    settings: Settings


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
) -> None:
    """Global options, used by every command."""
    if lang is not None:
        _MESSAGE_LANGUAGE.set(lang)
    settings = Settings.from_env(
        data_paths=tuple(data) if data else None,
        lang=lang,
        store=store,
    )
    _MESSAGE_LANGUAGE.set(settings.lang)
    ctx.obj = CliState(settings=settings)


def state(ctx: typer.Context) -> CliState:
    """The global state of the running command."""
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj
