"""The exception hierarchy of brn-graph, and nothing else.

Every error the library raises on purpose is a :class:`BrnGraphError`. The CLI maps them to
exit codes in one place (``cli.py``) and the API to HTTP statuses in one place
(``api/errors.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class BrnGraphError(Exception):
    """Base class of every error raised by brn-graph on purpose."""


class ConfigError(BrnGraphError):
    """A setting or option has a value that cannot be used."""


class DataLoadError(BrnGraphError):
    """A data file cannot be read or parsed; names the file and, where known, the line."""

    def __init__(self, path: Path, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")


class NotFoundError(BrnGraphError):
    """An identifier (cluster, goal, document, query ...) is not in the graph or catalogue."""

    def __init__(self, kind: str, identifier: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.identifier = identifier
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {identifier!r}{hint}")


class ParameterError(BrnGraphError):
    """A parameter value is missing or malformed; names the parameter."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"parameter {name!r}: {reason}")


class AmbiguousError(ParameterError):
    """A name fits more than one resource; carries each candidate with its type and document."""

    def __init__(self, name: str, text: str, candidates: Sequence[tuple[str, str, str]]) -> None:
        self.text = text
        #: (id, type, document) of each candidate; type and document may be empty.
        self.candidates = tuple(candidates)
        listed = "; ".join(
            f"{slug} ({', '.join(p for p in (kind, document) if p)})" if kind or document else slug
            for slug, kind, document in self.candidates
        )
        super().__init__(name, f"{text!r} is ambiguous: {listed}")


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
        super().__init__(f"query stopped after its time limit of {seconds:g} s")


class QueryLimitError(QueryError):
    """The query needed more of a bounded resource (memory) than its worker may use."""


class QueryBusyError(QueryError):
    """The client already uses its share of the query workers; retry after ``retry_after``."""

    def __init__(self, message: str, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class EngineFailedError(QueryError):
    """The query engine crashed on this query (an engine bug); the worker was replaced."""

    def __init__(self, message: str, query_hash: str) -> None:
        self.query_hash = query_hash
        super().__init__(message)


class StoreError(BrnGraphError):
    """The store cannot be opened or answered with an error (e.g. a remote endpoint)."""
