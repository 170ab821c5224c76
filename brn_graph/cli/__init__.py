"""The ``brn-graph`` command: thin adapters over the library modules.

The command is a package with one module per group of commands, so each group stays small;
``main()`` is the one place where library errors and usage mistakes become messages and exit
codes. No mistake ends in a traceback: usage errors (from the pinned Typer's own vendored
click) and library errors are told in one or two lines in the chosen language with exit 2
(store unreachable 4, timeout 3); an unexpected failure is one line with exit 70 unless
``BRN_GRAPH_DEBUG`` is set.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import typer
import typer.main
from typer._click import exceptions as click_errors

from brn_graph.cli.app import app
from brn_graph.cli.guard import CliUsageError, chosen_language, library_message, normalise_argv
from brn_graph.cli.output import EXIT_BAD_INPUT, exit_code_for
from brn_graph.config import Language
from brn_graph.errors import BrnGraphError
from brn_graph.i18n.catalogue import text

# Command groups register themselves on ``app`` when imported.
from brn_graph.cli import data_commands  # noqa: F401  isort: skip
from brn_graph.cli import query_commands  # noqa: F401  isort: skip
from brn_graph.cli import alignment_commands  # noqa: F401  isort: skip
from brn_graph.cli import serve_command  # noqa: F401  isort: skip
from brn_graph.cli import network_command  # noqa: F401  isort: skip
from brn_graph.cli import help_command  # noqa: F401  isort: skip
from brn_graph.cli import search_command  # noqa: F401  isort: skip
from brn_graph.cli import door_commands  # noqa: F401  isort: skip
from brn_graph.cli import brief_command  # noqa: F401  isort: skip
from brn_graph.cli import ingest_commands  # noqa: F401  isort: skip

#: An unexpected failure (a bug): not one of the documented codes 0-4.
EXIT_INTERNAL = 70


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script."""

    args = list(sys.argv[1:] if argv is None else argv)
    lang = chosen_language(args)
    try:
        group = typer.main.get_command(app)
        if not args:
            _fail(text("doors.cli.no_command", lang), text("doors.cli.hint_commands", lang), lang)
            sys.exit(EXIT_BAD_INPUT)
        args = normalise_argv(group, args)
        # Outside standalone mode click returns the code of ``typer.Exit`` instead of exiting.
        code = group.main(args, prog_name="brn-graph", standalone_mode=False)
    except CliUsageError as problem:
        message = text(problem.key, lang, **problem.values)
        if problem.suggestions:
            names = ", ".join(problem.suggestions)
            message += "; " + text("doors.cli.did_you_mean", lang, names=names)
        _fail(message, text("doors.cli.hint_commands", lang), lang)
        sys.exit(EXIT_BAD_INPUT)
    except BrnGraphError as exc:
        message, hint = library_message(exc, lang)
        _fail(message, hint, lang)
        sys.exit(exit_code_for(exc))
    except click_errors.UsageError as exc:
        from brn_graph.cli.guard import usage_message

        message, hint = usage_message(exc, lang)
        _fail(message, hint, lang)
        sys.exit(EXIT_BAD_INPUT)
    except click_errors.ClickException as exc:
        _fail(exc.format_message(), None, lang)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _fail(text("doors.cli.aborted", lang), None, lang)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("BRN_GRAPH_DEBUG"):
            raise
        detail = str(exc).splitlines()[0] if str(exc) else ""
        _fail(text("doors.cli.internal", lang, kind=type(exc).__name__, detail=detail), None, lang)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, hint: str | None, lang: Language) -> None:
    print(text("doors.cli.error", lang, message=message), file=sys.stderr)
    if hint:
        print(text("doors.cli.hint", lang, message=hint), file=sys.stderr)
