"""``GET /sparql?query=...`` answered without FastAPI's routing and parameter binding.

The query operation by GET is the one ad-hoc route under load, and FastAPI's share of it
(matching the route among all others, binding and validating its parameters and
dependencies, its per-route middleware) cost more CPU than the query itself. This middleware
is a shorter way in to the same code: it reads the protocol's parameters straight from the
query string and calls :func:`api.sparql_protocol.execute`, the route's own function, in the
same thread pool; errors are answered by the app's own exception handlers (same status,
body, language and headers). Anything the route would treat otherwise goes on to the route
unchanged: no query or several, ``update=``, a ``lang`` the route would refuse (422), or no
state served yet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast
from urllib.parse import parse_qsl

from starlette._utils import is_async_callable
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.sparql_protocol import ProtocolRequest, execute
from brn_graph.config import LANGUAGES

PATH = "/sparql"
Handler = Callable[[Request, Exception], Response | Awaitable[Response]]


def protocol_request(scope: Scope) -> ProtocolRequest | None:
    """The query operation of a ``GET /sparql`` as the route would read it, or ``None``
    when the route must decide (no query or several, an update, a ``lang`` it refuses).

    >>> scope = {"query_string": b"query=ASK%20%7B%7D&default-graph-uri=g", "headers": []}
    >>> request = protocol_request({**scope, "client": ("10.0.0.1", 5)})
    >>> request.query, request.default_graphs, request.client
    ('ASK {}', ('g',), '10.0.0.1')
    >>> protocol_request({**scope, "query_string": b"query=x&update=y"}) is None
    True
    """
    # As Starlette's QueryParams reads it, so both ways in see the same values.
    query_string = bytes(scope.get("query_string", b"")).decode("latin-1")
    pairs = parse_qsl(query_string, keep_blank_values=True)
    queries: list[str] = []
    default_graphs: list[str] = []
    named_graphs: list[str] = []
    for name, value in pairs:
        if name == "query":
            queries.append(value)
        elif name == "default-graph-uri":
            default_graphs.append(value)
        elif name == "named-graph-uri":
            named_graphs.append(value)
        elif name == "update" or (name == "lang" and value not in LANGUAGES):
            return None
    if len(queries) != 1:
        return None
    accept: str | None = None
    for key, value in scope.get("headers", ()):
        if key == b"accept":
            accept = bytes(value).decode("latin-1")
            break
    client = scope.get("client")
    return ProtocolRequest(
        query=queries[0],
        default_graphs=tuple(default_graphs),
        named_graphs=tuple(named_graphs),
        accept=accept,
        client=client[0] if client else "unknown",
    )


def handler_for(app: Any, exc: Exception) -> Handler | None:
    """The app's handler of ``exc`` as its exception middleware would pick it (by the
    exception's classes, most specific first); ``None`` for the server-error handler's."""
    handlers: dict[Any, Handler] = getattr(app, "exception_handlers", {})
    for cls in type(exc).__mro__:
        if cls in (Exception, BaseException):
            return None
        if cls in handlers:
            return handlers[cls]
    return None


class SparqlGetMiddleware:
    """Answers ``GET /sparql`` with a query through :func:`api.sparql_protocol.execute`.

    ``state_of(scope)`` returns the :class:`~api.state.ServiceState` served now (``None``:
    the route answers, e.g. while starting or when tests inject a state).
    """

    def __init__(self, app: ASGIApp, *, state_of: Callable[[Scope], Any]) -> None:
        self.app = app
        self.state_of = state_of
        #: Requests answered here (not by the route).
        self.answered = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        protocol = protocol_request(scope)
        state = self.state_of(scope) if protocol is not None else None
        if protocol is None or state is None:
            await self.app(scope, receive, send)
            return
        self.answered += 1
        try:
            response = await run_in_threadpool(execute, state, protocol)
        except Exception as exc:
            handler = handler_for(scope.get("app"), exc)
            if handler is None:
                raise
            request = Request(scope, receive)
            if is_async_callable(handler):
                response = await cast(Awaitable[Response], handler(request, exc))
            else:
                plain = cast(Callable[[Request, Exception], Response], handler)
                response = await run_in_threadpool(plain, request, exc)
        await response(scope, receive, send)
