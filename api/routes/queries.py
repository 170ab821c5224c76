"""``/api/queries``: the catalogue of named queries, and running one with parameters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.dependencies import LangDep, StateDep
from api.models import ErrorOut, NamedQueryOut, NotFoundOut, TimeoutOut, ValidationErrorOut
from api.sparql_protocol import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES
from api.views import named_queries, run_named_query_response

router = APIRouter(prefix="/api/queries", tags=["queries"])

RUN_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The result in the negotiated format (SPARQL JSON by default).",
        "content": {
            media_type: {"schema": {"type": "string"}}
            for media_type in (*RESULT_MEDIA_TYPES, *GRAPH_MEDIA_TYPES)
        },
    },
    404: {"model": NotFoundOut, "description": "Unknown query name; suggestions listed."},
    406: {"model": ErrorOut, "description": "No acceptable result format."},
    422: {"model": ValidationErrorOut, "description": "An unknown or malformed parameter."},
    503: {"model": TimeoutOut, "description": "The query ran past its time limit."},
}


@router.get("", response_model=list[NamedQueryOut], summary="The named query catalogue")
def list_queries(state: StateDep, lang: LangDep) -> list[NamedQueryOut]:
    """Every query in ``queries/*.rq``: its summary, parameters (with types and examples, which
    are also the defaults), result columns and SPARQL text."""
    return named_queries(state, lang)


@router.get(
    "/{name}",
    responses=RUN_RESPONSES,
    response_class=Response,
    summary="Run a named query",
)
async def run_query(
    name: Annotated[
        str, Path(description="The query name (file name without .rq).", max_length=200)
    ],
    request: Request,
    state: StateDep,
    lang: LangDep,
) -> Response:
    """Run the named query. Every query parameter of the URL other than ``lang`` is a value
    for a parameter of the query (``?cluster=cluster:made``); the others take their
    defaults. The format follows ``Accept``: SPARQL JSON, XML, CSV or TSV (Turtle, JSON-LD,
    N-Triples or RDF/XML for CONSTRUCT queries)."""
    values = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    accept = request.headers.get("accept")
    return await run_in_threadpool(run_named_query_response, state, name, values, lang, accept)
