"""Linked data: every ``id/`` IRI dereferences here, the ontology is documented at
``/ontology``, and the dataset describes itself at ``/.well-known/void``.

``GET /id/{path}`` answers directly (200, no 303 redirect; ``Vary: Accept``): HTML for
browsers, Turtle, JSON-LD, N-Triples or RDF/XML by content negotiation (or ``?format=ttl``,
``jsonld``, ``nt``, ``rdf``). The resource ``https://w3id.org/brn-graph/id/cluster/x`` is
served at ``/id/cluster/x``: the path after the base IRI. An IRI the graph says nothing about
is a 404 with suggestions from the search index.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.dependencies import LangDep, StateDep, TemplatesDep
from api.models import NotFoundOut, ValidationErrorOut
from api.routes.doors import _page, search_index
from api.state import ServiceState
from brn_graph.errors import NotFoundError
from brn_graph.graph.describe import describe, resource_graph
from brn_graph.graph.linked_data import RDF_MEDIA, choose_media, ontology_html, void_graph
from brn_graph.i18n.message import message
from brn_graph.namespaces import shorten

router = APIRouter(tags=["linked data"])

_RDF_CONTENT: dict[str, Any] = {media: {} for media in ("text/turtle", *RDF_MEDIA)}
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Nothing is said about this IRI; suggestions."},
    422: {"model": ValidationErrorOut, "description": "A parameter is malformed."},
}
PAGE_OR_RDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}, **_RDF_CONTENT}, "description": "HTML or RDF."},
    **ERRORS,
}
RDF_ONLY: dict[int | str, dict[str, Any]] = {
    200: {"content": _RDF_CONTENT, "description": "RDF."},
    422: ERRORS[422],
}

FORMAT_ALIASES = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "html": "text/html",
}
FormatQuery = Annotated[
    str | None,
    Query(alias="format", description="ttl, jsonld, nt, rdf or html (overrides Accept)."),
]


def _media(request: Request, fmt: str | None) -> str:
    if fmt:
        media = FORMAT_ALIASES.get(fmt.casefold())
        if media is None:
            from brn_graph.errors import ParameterError

            raise ParameterError("format", message("errors.reason.rdf_format"))
        return media
    return choose_media(request.headers.get("accept"), ("text/html", *RDF_MEDIA))


def _rdf_response(graph: Any, media: str) -> Response:
    body = graph.serialize(format=RDF_MEDIA[media])
    return Response(
        body if isinstance(body, str) else body.decode("utf-8"),
        media_type=media,
        headers={"Vary": "Accept"},
    )


@router.get(
    "/id/{path:path}",
    summary="Dereference a resource IRI (HTML or RDF)",
    response_class=Response,
    responses=PAGE_OR_RDF,
)
def dereference(
    request: Request,
    state: StateDep,
    lang: LangDep,
    templates: TemplatesDep,
    path: Annotated[str, Path(max_length=500)],
    fmt: FormatQuery = None,
) -> Response:
    """The resource ``<base>id/{path}``: an HTML page, or its statements and its neighbours'
    labels as Turtle, JSON-LD, N-Triples or RDF/XML."""
    iri = state.settings.base_iri + "id/" + path
    dataset = state.store.dataset
    media = _media(request, fmt)
    description = describe(dataset, iri, lang)
    if not description.exists:
        _not_found(state, path, lang)
    if media == "text/html":
        response = _page(
            request, state, lang, templates, "resource.html", r=description.to_dict(), kind=None
        )
        response.headers["Vary"] = "Accept"
        return response
    return _rdf_response(resource_graph(dataset, iri), media)


def _not_found(state: ServiceState, path: str, lang: Any) -> None:
    words = path.replace("/", " ").replace("-", " ")
    hits = search_index(state).search(words, lang=lang, limit=5) if words.strip() else []
    raise NotFoundError("resource", "id/" + path, [shorten(h.iri) for h in hits])


@router.get(
    "/ontology",
    summary="The ontology: HTML documentation or Turtle",
    response_class=Response,
    responses={200: PAGE_OR_RDF[200], 422: ERRORS[422]},
)
def ontology(request: Request, state: StateDep, fmt: FormatQuery = None) -> Response:
    """The OWL ontology: documentation generated with pyLODE for browsers, the Turtle file
    (or JSON-LD, N-Triples, RDF/XML) by content negotiation."""
    media = _media(request, fmt)
    source = state.settings.ontology_dir / "brn.ttl"
    if media == "text/html":
        html = state.remember(("doors", "ontology-html"), lambda: ontology_html(source))
        return HTMLResponse(html, headers={"Vary": "Accept"})
    if media == "text/turtle":
        return Response(
            FilePath(source).read_text(encoding="utf-8"),
            media_type="text/turtle",
            headers={"Vary": "Accept"},
        )
    from rdflib import Graph

    return _rdf_response(Graph().parse(source, format="turtle"), media)


@router.get(
    "/.well-known/void",
    summary="VoID description of the dataset",
    response_class=Response,
    responses=RDF_ONLY,
)
def void(request: Request, state: StateDep, fmt: FormatQuery = None) -> Response:
    """Counts, vocabularies, licence, the SPARQL endpoint and the IRI space, in VoID."""
    media = _media(request, fmt)
    if media == "text/html":
        media = "text/turtle"
    endpoint = str(request.base_url).rstrip("/") + "/sparql"
    graph = state.remember(
        ("doors", "void", endpoint),
        lambda: void_graph(state.store.dataset, state.settings, endpoint, state.total_triples),
    )
    return _rdf_response(graph, media)
