"""``/sparql``: the SPARQL 1.1 Protocol (query operation only) and the YASGUI editor.

- ``GET /sparql?query=...``, ``POST`` a form (``query=...``) or ``POST`` the query itself
  (``Content-Type: application/sparql-query``); ``default-graph-uri`` / ``named-graph-uri``
  may name local named graphs only.
- The answer is negotiated from ``Accept`` (q-values honoured): SELECT and ASK as SPARQL
  JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, JSON-LD, N-Triples or RDF/XML;
  406 when nothing acceptable is on offer.
- ``GET /sparql`` without a query: the YASGUI editor for browsers, else the SPARQL Service
  Description (Turtle by default).
- Read-only: updates (``update=`` or ``application/sparql-update``) are refused with 403 and
  never reach the store; ``SERVICE``, ``LOAD`` and remote ``FROM`` are refused with 400
  before evaluation. Queries run in killable workers: the row cap and the time limit of the
  query layer apply (503 past the limit). Bodies are limited to ``max_body_bytes`` (413).

The checks, the execution and the serialisation are the query layer's
(:mod:`brn_graph.query.engine`, :mod:`brn_graph.query.formats`); this module only speaks HTTP.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from api.dependencies import LangDep, StateDep, TemplatesDep, get_language_for_error
from api.models import ErrorOut, TimeoutOut
from api.routes.pages import page_context
from api.sparql_protocol import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    ProtocolRequest,
    execute,
    prefers_html,
    refuse_update,
    service_description,
)
from api.state import ServiceState
from api.views import editor_examples
from brn_graph.config import Language
from brn_graph.i18n.message import Message
from brn_graph.i18n.message import message as msg

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
MAX_FORM_FIELDS = 1000

_ALL_MEDIA_TYPES = (*RESULT_MEDIA_TYPES, *GRAPH_MEDIA_TYPES)
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The result: bindings for SELECT/ASK, a graph for CONSTRUCT/DESCRIBE, "
        "or the service description (Turtle) when no query is given.",
        "content": {media_type: {"schema": {"type": "string"}} for media_type in _ALL_MEDIA_TYPES},
    },
    400: {"model": ErrorOut, "description": "Syntax error, or a refused query (SERVICE ...)."},
    403: {"model": ErrorOut, "description": "An update: this endpoint is read-only."},
    406: {"model": ErrorOut, "description": "No acceptable result format."},
    413: {
        "description": "The request body is larger than the limit (max_body_bytes).",
        "content": {"text/plain": {"schema": {"type": "string"}}},
    },
    415: {"model": ErrorOut, "description": "Unsupported request Content-Type."},
    422: {"model": ErrorOut, "description": "A protocol parameter is malformed."},
    429: {
        "model": ErrorOut,
        "description": "This client already uses its share of the query workers (see Retry-After).",
    },
    500: {"model": ErrorOut, "description": "The engine failed on this query (logged)."},
    503: {
        "model": TimeoutOut,
        "description": "The query ran past its time limit or the worker memory limit.",
    },
}
QUERY_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            FORM: {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string", "description": "The SPARQL query."},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["query"],
                }
            },
            SPARQL_QUERY: {"schema": {"type": "string", "description": "The SPARQL query."}},
        },
    }
}

GraphUris = Annotated[
    list[str] | None,
    Query(
        alias="default-graph-uri",
        description="A local named graph to use as the default graph (repeatable).",
    ),
]
NamedGraphUris = Annotated[
    list[str] | None,
    Query(alias="named-graph-uri", description="A local named graph to make available by name."),
]


@router.get("/sparql", responses=RESPONSES, response_class=Response, summary="SPARQL query (GET)")
async def sparql_get(
    request: Request,
    state: StateDep,
    lang: LangDep,
    templates: TemplatesDep,
    query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
    default_graph_uri: GraphUris = None,
    named_graph_uri: NamedGraphUris = None,
) -> Response:
    """Run a query given in the URL; without one, the editor (browsers) or the service
    description (everyone else)."""
    accept = request.headers.get("accept")
    if "update" in request.query_params:
        refuse_update()
    if query is None:
        if prefers_html(accept):
            return editor_page(request, state, lang, templates)
        return service_description(state, accept, endpoint=str(request.url.replace(query="")))
    if len(request.query_params.getlist("query")) > 1:
        return _error(request, 400, msg("errors.protocol.one_query"))
    protocol = ProtocolRequest(
        query=query,
        default_graphs=tuple(default_graph_uri or ()),
        named_graphs=tuple(named_graph_uri or ()),
        accept=accept,
        client=_client(request),
    )
    return await run_in_threadpool(execute, state, protocol)


@router.post(
    "/sparql",
    responses=RESPONSES,
    response_class=Response,
    openapi_extra=QUERY_BODY,
    summary="SPARQL query (POST)",
)
async def sparql_post(request: Request, state: StateDep) -> Response:
    """Run a query sent as a form (``query=...``) or as the body
    (``application/sparql-query``). Updates are refused with 403."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type == SPARQL_UPDATE:
        refuse_update()
    if content_type not in (FORM, SPARQL_QUERY):
        return _error(
            request,
            415,
            msg(
                "errors.sparql.content_type",
                given=repr(content_type or "(none)"),
                form=FORM,
                query=SPARQL_QUERY,
            ),
        )
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _error(request, 400, msg("errors.sparql.body_utf8"))
    url_params = request.query_params
    if content_type == SPARQL_QUERY:
        if "update" in url_params:
            refuse_update()
        protocol = ProtocolRequest(
            query=text,
            default_graphs=tuple(url_params.getlist("default-graph-uri")),
            named_graphs=tuple(url_params.getlist("named-graph-uri")),
            accept=request.headers.get("accept"),
            client=_client(request),
        )
    else:
        try:
            form = parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
        except ValueError:
            return _error(request, 400, msg("errors.sparql.fields", limit=MAX_FORM_FIELDS))
        if "update" in form or "update" in url_params:
            refuse_update()
        queries = form.get("query", [])
        if len(queries) != 1:
            return _error(
                request,
                400,
                msg("errors.sparql.one_query" if queries else "errors.sparql.no_query"),
            )
        protocol = ProtocolRequest(
            query=queries[0],
            default_graphs=_graphs(form, "default-graph-uri"),
            named_graphs=_graphs(form, "named-graph-uri"),
            accept=request.headers.get("accept"),
            client=_client(request),
        )
    return await run_in_threadpool(execute, state, protocol)


def _client(request: Request) -> str:
    """The client a query counts against (its address) for the fair share of workers."""
    return request.client.host if request.client is not None else "unknown"


def _graphs(form: dict[str, list[str]], name: str) -> tuple[str, ...]:
    return tuple(form.get(name, []))


def _error(request: Request, status: int, detail: Message) -> Response:
    lang = get_language_for_error(request)
    return JSONResponse({"detail": detail.render(lang)}, status_code=status)


def editor_page(
    request: Request, state: ServiceState, lang: Language, templates: Jinja2Templates
) -> HTMLResponse:
    """The YASGUI editor with one tab per named query of the catalogue."""
    context = {
        **page_context(request, state, lang),
        # The page's language travels with every query, so an error reads in the same language.
        "endpoint": f"/sparql?lang={lang}",
        "examples": editor_examples(state, lang),
    }
    response: HTMLResponse = templates.TemplateResponse(request, "sparql.html", context)
    response.headers["Vary"] = "Accept"
    return response
