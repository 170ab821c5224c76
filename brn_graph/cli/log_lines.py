"""The library's log lines on a command's standard error, in the command's language.

Library code logs what a user should see (a data file skipped, a query worker replaced) on
the ``brn_graph`` logger, with a :class:`~brn_graph.i18n.message.Message` where the words are
the user's. Without a handler Python's last-resort handler printed those lines bare and in
English; :func:`show_library_log` prints them like the CLI's own warnings and errors
(``brn-graph: advarsel: ...``), with the messages rendered in ``lang``.
"""

from __future__ import annotations

import logging
import sys

from brn_graph.config import Language
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import Message, render

LIBRARY_LOGGER = "brn_graph"


class LanguageFormatter(logging.Formatter):
    """Formats a record as the CLI's warning or error line, messages rendered in ``lang``."""

    def __init__(self, lang: Language) -> None:
        super().__init__()
        self.lang = lang

    def format(self, record: logging.LogRecord) -> str:
        line = self.line_of(record)
        if record.levelno >= logging.ERROR:
            return text("doors.cli.error", self.lang, message=line)
        return f"brn-graph: {text('errors.warning', self.lang)}: {line}"

    def line_of(self, record: logging.LogRecord) -> str:
        """The record's text: a message rendered, or its format with rendered arguments."""
        if isinstance(record.msg, Message):
            return record.msg.render(self.lang)
        args = record.args
        if isinstance(args, tuple) and args:
            values = tuple(render(a, self.lang) if isinstance(a, Message) else a for a in args)
            return str(record.msg) % values
        return record.getMessage()


class CurrentStderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the ``sys.stderr`` of the moment (a test runner or a pager may swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def show_library_log(lang: Language) -> logging.Handler:
    """Print the library's warnings and errors on stderr in ``lang`` (replacing an earlier
    handler of this kind, so a second command in one process speaks its own language)."""
    logger = logging.getLogger(LIBRARY_LOGGER)
    for old in [h for h in logger.handlers if isinstance(h.formatter, LanguageFormatter)]:
        logger.removeHandler(old)
    handler = CurrentStderrHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(LanguageFormatter(lang))
    logger.addHandler(handler)
    return handler
