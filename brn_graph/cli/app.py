"""The Typer application and its global options (``--data``, ``--lang``, ``--store``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from brn_graph.config import Language, Settings

app = typer.Typer(
    name="brn-graph",
    help="Knowledge graph of national business clusters and North Jutland framework documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    settings = Settings.from_env(
        data_paths=tuple(data) if data else None,
        lang=lang,
        store=store,
    )
    ctx.obj = CliState(settings=settings)


def state(ctx: typer.Context) -> CliState:
    """The global state of the running command."""
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj
