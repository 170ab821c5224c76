"""``brn-graph help [COMMAND]``: the help of the whole command or of one command."""

from __future__ import annotations

import difflib
from typing import Annotated

import typer

from brn_graph.cli.app import app
from brn_graph.cli.guard import CliUsageError


@app.command("help")
def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None, typer.Argument(help="A command; the list of commands when left out.")
    ] = None,
) -> None:
    """Show the help of brn-graph or of one of its commands."""
    root = ctx.find_root()
    group = root.command
    if command is None:
        print(group.get_help(root))
        return
    commands = dict(getattr(group, "commands", {}))
    found = commands.get(command) or next(
        (c for n, c in commands.items() if n.casefold() == command.casefold()), None
    )
    if found is None:
        raise CliUsageError(
            "doors.cli.unknown_command",
            {"name": command},
            suggestions=tuple(difflib.get_close_matches(command, list(commands), n=3, cutoff=0.5)),
        )
    sub = typer.Context(found, info_name=found.name, parent=root)
    print(found.get_help(sub))
