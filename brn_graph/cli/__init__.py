"""The ``brn-graph`` command: thin adapters over the library modules.

The command is a package with one module per group of commands, so each group stays small;
``main()`` is the one place where library errors become exit codes.
"""

from __future__ import annotations

import sys

from brn_graph.cli.app import app, message_language
from brn_graph.cli.output import exit_code_for, print_error
from brn_graph.errors import BrnGraphError
from brn_graph.i18n.catalogue import text

# Command groups register themselves on ``app`` when imported.
from brn_graph.cli import data_commands  # noqa: F401  isort: skip
from brn_graph.cli import query_commands  # noqa: F401  isort: skip
from brn_graph.cli import alignment_commands  # noqa: F401  isort: skip
from brn_graph.cli import serve_command  # noqa: F401  isort: skip
from brn_graph.cli import network_command  # noqa: F401  isort: skip


def main() -> None:
    """Entry point of the console script."""
    try:
        # Outside standalone mode click returns the code of ``typer.Exit`` instead of exiting.
        code = app(standalone_mode=False)
    except BrnGraphError as exc:
        print_error(exc.render(message_language()), message_language())
        sys.exit(exit_code_for(exc))
    except SystemExit:
        raise
    except Exception as exc:  # click's own usage errors end up here
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            print_error(text("errors.aborted", message_language()), message_language())
            sys.exit(130)
        raise
    sys.exit(code if isinstance(code, int) else 0)
