"""The exception hierarchy of brn-graph, and nothing else.

Every error the library raises on purpose is a :class:`BrnGraphError`. The CLI maps them to
exit codes in one place (``cli/output.py``) and the API to HTTP statuses in one place
(``api/errors.py``).

An error carries its text as a :class:`~brn_graph.i18n.message.Message` (a catalogue key and
its values) wherever the library words it, so each door shows it in the reader's language
with :meth:`BrnGraphError.render`. Text the library does not own (a parser's or an endpoint's
own message) travels as plain text inside such a frame. ``str(error)`` is the English text,
for logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brn_graph.i18n.message import Message, message, render

if TYPE_CHECKING:
    from brn_graph.config import Language

#: Things a :class:`NotFoundError` can name; each has the message ``errors.kind.<kind>``.
NOT_FOUND_KINDS: tuple[str, ...] = (
    "cluster",
    "goal",
    "document",
    "node",
    "query",
    "query file",
    "query folder",
    "queries folder",
    "municipality",
    "organisation",
    "resource",
    "context",
    "strength position",
)


class BrnGraphError(Exception):
    """Base class of every error raised by brn-graph on purpose."""

    def __init__(self, detail: str | Message = "") -> None:
        self.detail = detail
        super().__init__(render(detail, "en"))

    def render(self, lang: Language) -> str:
        """The error's text in ``lang``.

        >>> NotFoundError("cluster", "x").render("da")
        "ukendt klynge 'x'"
        """
        return render(self.detail, lang)


class ConfigError(BrnGraphError):
    """A setting or option has a value that cannot be used."""


class DataLoadError(BrnGraphError):
    """A data file cannot be read or parsed; names the file and, where known, the line."""

    def __init__(self, path: Path, reason: str | Message, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(message("errors.data_load", where=where, reason=reason))


class NotFoundError(BrnGraphError):
    """An identifier (cluster, goal, document, query ...) is not in the graph or catalogue."""

    def __init__(self, kind: str, identifier: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.identifier = identifier
        self.suggestions = tuple(suggestions)
        what: str | Message = message(f"errors.kind.{kind}") if kind in NOT_FOUND_KINDS else kind
        if self.suggestions:
            detail = message(
                "errors.not_found.suggest",
                kind=what,
                identifier=repr(identifier),
                suggestions=self.suggestions,
            )
        else:
            detail = message("errors.not_found", kind=what, identifier=repr(identifier))
        super().__init__(detail)


class ParameterError(BrnGraphError):
    """A parameter value is missing or malformed; names the parameter."""

    def __init__(self, name: str, reason: str | Message) -> None:
        self.name = name
        self.reason = reason
        super().__init__(message("errors.parameter", name=repr(name), reason=reason))

    def render_reason(self, lang: Language) -> str:
        """Why the value is wrong, in ``lang`` (without the parameter's name)."""
        return render(self.reason, lang)


class AmbiguousError(ParameterError):
    """A name fits more than one resource; carries each candidate with its type and document."""

    def __init__(self, name: str, text: str, candidates: Sequence[tuple[str, str, str]]) -> None:
        self.text = text
        #: (id, type, document) of each candidate; type and document may be empty.
        self.candidates = tuple(candidates)
        listed = [
            message("errors.candidate", slug=slug, details=_details(kind, document))
            if kind or document
            else slug
            for slug, kind, document in self.candidates
        ]
        super().__init__(
            name, message("errors.reason.ambiguous", value=repr(text), candidates=listed)
        )


def _details(kind: str, document: str) -> list[str | Message]:
    """The type (a word of the catalogue where it names a known kind) and the document."""
    known = kind.casefold().replace("_", " ")
    what: str | Message = message(f"errors.kind.{known}") if known in NOT_FOUND_KINDS else kind
    return [p for p in (what, document) if p]


class QueryError(BrnGraphError):
    """Base class of errors about running a SPARQL query."""


class QuerySyntaxError(QueryError):
    """The query does not parse; carries the parser's message."""


class QueryRefusedError(QueryError):
    """The query is well formed but not allowed (update, SERVICE, LOAD, remote FROM ...)."""


class QueryTimeoutError(QueryError):
    """The query ran past its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(message("errors.timeout", seconds=float(seconds)))


class QueryLimitError(QueryError):
    """The query needed more of a bounded resource (memory) than its worker may use."""


class QueryBusyError(QueryError):
    """The client already uses its share of the query workers; retry after ``retry_after``."""

    def __init__(self, detail: str | Message, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(detail)


class EngineFailedError(QueryError):
    """The query engine crashed on this query (an engine bug); the worker was replaced."""

    def __init__(self, message: str, query_hash: str) -> None:
        self.query_hash = query_hash
        super().__init__(message)


class StoreError(BrnGraphError):
    """The store cannot be opened or answered with an error (e.g. a remote endpoint)."""
