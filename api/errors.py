"""The one map from library errors to HTTP statuses, and the error bodies.

Routes never catch library errors: they propagate here. API and SPARQL clients get JSON
(``{"detail": ..., ...}``); browsers asking for a page get the error page in their language.
A 422 names the offending field in FastAPI's own format (``detail[0].loc``), so clients see
one shape for every validation error.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.dependencies import get_language_for_error
from brn_graph.config import Language
from brn_graph.errors import (
    AmbiguousError,
    BrnGraphError,
    ConfigError,
    DataLoadError,
    EngineFailedError,
    NotFoundError,
    ParameterError,
    QueryBusyError,
    QueryLimitError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    StoreError,
)
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import Message

LOG = logging.getLogger("brn_graph.api")

#: Paths whose errors are always JSON, whatever the client accepts.
JSON_PREFIXES = ("/api/", "/sparql", "/health", "/docs", "/openapi.json")


def status_for(exc: BrnGraphError) -> int:
    """The HTTP status of a library error: the only place this decision is made.

    >>> status_for(NotFoundError("cluster", "x"))
    404
    >>> status_for(QueryTimeoutError(1.0))
    503
    """
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ParameterError):
        return 422
    if isinstance(exc, QuerySyntaxError):
        return 400
    if isinstance(exc, QueryRefusedError):
        # A refused *query* (SERVICE, LOAD, remote FROM, an update text sent as a query) is a
        # bad request; the update *operation* itself is answered 403 by the SPARQL route.
        return 400
    if isinstance(exc, QueryTimeoutError | QueryLimitError):
        return 503
    if isinstance(exc, QueryBusyError):
        return 429
    if isinstance(exc, EngineFailedError):
        return 500
    if isinstance(exc, StoreError):
        return 502
    if isinstance(exc, ConfigError | DataLoadError):
        return 500
    return 400


def body_for(exc: BrnGraphError, lang: Language = "en") -> dict[str, Any]:
    """The JSON body of a library error, its message in ``lang``.

    >>> body_for(NotFoundError("cluster", "x"), "da")["detail"]
    "ukendt klynge 'x'"
    """
    if isinstance(exc, AmbiguousError):
        # The 422 shape of every validation error, plus the candidates.
        return {
            "detail": [{"loc": [exc.name], "msg": exc.render_reason(lang), "type": "ambiguous"}],
            "error": "AmbiguousError",
            "candidates": [
                {"id": slug, "type": kind or None, "document": document or None}
                for slug, kind, document in exc.candidates
            ],
        }
    if isinstance(exc, ParameterError):
        return {
            "detail": [
                {
                    "loc": ["query", exc.name],
                    "msg": exc.render_reason(lang),
                    "type": "value_error",
                }
            ]
        }
    body: dict[str, Any] = {"detail": exc.render(lang), "error": type(exc).__name__}
    if isinstance(exc.detail, Message):
        body["message_key"] = exc.detail.key
    if isinstance(exc, NotFoundError):
        body.update(kind=exc.kind, identifier=exc.identifier, suggestions=list(exc.suggestions))
    if isinstance(exc, QueryTimeoutError):
        body["timeout_seconds"] = exc.seconds
    if isinstance(exc, EngineFailedError):
        body["query_hash"] = exc.query_hash
    return body


def http_detail(status: int, detail: object, lang: Language) -> str:
    """The text of an HTTP error the routing raised (no route, wrong method) in ``lang``.

    A route words its own details as a :class:`Message`; Starlette's reason phrases are
    replaced by the catalogue's.

    >>> http_detail(404, "Not Found", "da"), http_detail(405, "Method Not Allowed", "da")
    ('Ikke fundet', 'Metoden er ikke tilladt')
    """
    if isinstance(detail, Message):
        return detail.render(lang)
    if status in (404, 405) and detail == HTTPStatus(status).phrase:
        return text(f"errors.http.{status}", lang)
    if not detail or detail == _phrase(status):
        return text("errors.http.other", lang, status=status)
    return str(detail)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def wants_html(request: Request) -> bool:
    """Whether the error should be a page: a browser route, and the client accepts HTML."""
    if request.url.path.startswith(JSON_PREFIXES):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or request.url.path in {"/", ""}


async def handle_library_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BrnGraphError)
    status = status_for(exc)
    if status >= 500:
        LOG.error("%s %s failed: %s", request.method, request.url.path, exc)
    headers = {"Retry-After": "5"} if isinstance(exc, QueryTimeoutError) else None
    lang = get_language_for_error(request)
    if isinstance(exc, QueryBusyError):
        headers = {"Retry-After": str(int(exc.retry_after))}
    if wants_html(request):
        suggestions = exc.suggestions if isinstance(exc, NotFoundError) else ()
        return render_error_page(request, status, exc.render(lang), suggestions)
    return JSONResponse(body_for(exc, lang), status_code=status, headers=headers)


def render_error_page(
    request: Request, status: int, message: str, suggestions: tuple[str, ...] = ()
) -> Response:
    """The error page in the reader's language, with links to the suggestions."""
    from urllib.parse import quote, urlencode

    from api.dependencies import get_templates

    lang = get_language_for_error(request)
    other = "en" if lang == "da" else "da"
    params = {**request.query_params, "lang": other}
    path = request.url.path
    if path == "/":  # an unknown ?document= on the front page
        links = [(s, "/?" + urlencode({"document": s, "lang": lang})) for s in suggestions]
    else:
        base = path.rsplit("/", 1)[0] + "/"
        links = [(s, f"{base}{quote(s, safe='')}?lang={lang}") for s in suggestions]
    response: Response = get_templates(request).TemplateResponse(
        request,
        "error.html",
        {
            "lang": lang,
            "other_lang": other,
            "switch_url": f"{request.url.path}?{urlencode(params)}",
            "banner": None,
            "status": status,
            "message": message,
            "suggestions": links,
        },
        status_code=status,
    )
    return response


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    """FastAPI's request-validation errors: 422 with ``loc`` naming the field."""
    assert isinstance(exc, RequestValidationError)
    lang = get_language_for_error(request)
    errors = [
        {
            "loc": e.get("loc"),
            "msg": validation_message(str(e.get("type", "")), e.get("ctx") or {}, lang),
            "type": e.get("type"),
        }
        for e in exc.errors()
        if isinstance(e, dict)
    ]
    if wants_html(request):  # a page asked for by a browser: an error page, not JSON
        lines = [
            text("errors.parameter", lang, name=repr(_field_of(e["loc"])), reason=e["msg"])
            for e in errors
        ]
        return render_error_page(request, 422, "; ".join(lines))
    return JSONResponse({"detail": errors}, status_code=422)


def _field_of(loc: object) -> str:
    """The parameter a validation error is about (``as_of`` of ``["query", "as_of"]``)."""
    if isinstance(loc, list | tuple) and loc:
        return str(loc[-1])
    return str(loc)


def validation_message(kind: str, ctx: Mapping[str, Any], lang: Language) -> str:
    """pydantic's error ``type`` (and its context) as a message of the catalogue.

    pydantic words its messages in English only, so they are rebuilt here from the type.

    >>> validation_message("enum", {"expected": "'da' or 'en'"}, "da")
    "skal være en af: 'da' eller 'en'"
    >>> validation_message("greater_than_equal", {"ge": 1}, "en")
    'must be at least 1'
    """
    if kind in {"enum", "literal_error"}:
        # pydantic joins the choices with an English "or": ours says it in ``lang``.
        expected = str(ctx.get("expected", "")).replace(" or ", f" {text('errors.or', lang)} ")
        return text("errors.validation.choice", lang, expected=expected)
    if kind in {"greater_than_equal", "greater_than"}:
        return text("errors.validation.greater_than_equal", lang, limit=_limit(ctx, "ge", "gt"))
    if kind in {"less_than_equal", "less_than"}:
        return text("errors.validation.less_than_equal", lang, limit=_limit(ctx, "le", "lt"))
    if kind == "string_too_long":
        return text("errors.validation.string_too_long", lang, limit=ctx.get("max_length", ""))
    if kind in {"missing", "int_parsing", "float_parsing", "bool_parsing"}:
        return text(f"errors.validation.{kind}", lang)
    return text("errors.validation.other", lang)


def _limit(ctx: Mapping[str, Any], *names: str) -> object:
    return next((ctx[n] for n in names if n in ctx), "")


def allowed_methods(request: Request) -> str:
    """Every method some route of this path accepts (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)  # PARTIAL: the path fits, the method does not
        route_methods = getattr(route, "methods", None)
        if match is not Match.NONE and route_methods:
            methods |= set(route_methods)
    return ", ".join(sorted(methods))


async def handle_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    lang = get_language_for_error(request)
    detail = http_detail(exc.status_code, exc.detail, lang)
    if exc.status_code == 405:
        headers = {**(exc.headers or {}), "Allow": allowed_methods(request)}
        return JSONResponse({"detail": detail}, status_code=405, headers=headers)
    if wants_html(request):
        return render_error_page(request, exc.status_code, detail)
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def handle_recursion_error(request: Request, exc: Exception) -> Response:
    """Deeply nested input can exhaust the parser's stack: a bad request, not a crash."""
    detail = text("errors.nested_too_deeply", get_language_for_error(request))
    return JSONResponse({"detail": detail}, status_code=400)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(BrnGraphError, handle_library_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(RecursionError, handle_recursion_error)
