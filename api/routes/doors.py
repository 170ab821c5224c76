"""Doors for every kind of thing: ``/api/search``, ``/api/municipalities``,
``/api/organisations`` and their HTML pages (``/municipalities/...``, ``/organisations/...``).

Identifiers resolve like everywhere else (slug, prefixed name, IRI, name in either language;
a municipality also by its code); an unknown one is a 404 with suggestions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from api.dependencies import LangDep, StateDep, TemplatesDep
from api.models import NotFoundOut, ValidationErrorOut
from api.routes.pages import page_context
from api.state import ServiceState
from brn_graph.config import Language
from brn_graph.graph.doors import (
    MUNICIPALITY_CLASSES,
    ORGANISATION_CLASSES,
    listing,
    municipality_view,
    organisation_view,
    resolve_municipality,
    resolve_organisation,
)
from brn_graph.i18n.catalogue import text
from brn_graph.search.index import SearchIndex, build_index

router = APIRouter(tags=["municipalities, organisations and search"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Unknown identifier; suggestions listed."},
    422: {"model": ValidationErrorOut, "description": "A parameter is malformed or ambiguous."},
}
pages = APIRouter(include_in_schema=False)

Identifier = Annotated[
    str,
    Path(
        description="Slug, prefixed name, IRI or name (a municipality also by code).",
        max_length=500,
    ),
]


def search_index(state: ServiceState) -> SearchIndex:
    """The service's search index, built on first use and kept."""
    return state.remember(
        ("doors", "search-index"),
        lambda: build_index(state.queries),
    )


@router.get("/api/search", summary="Full-text search over names and descriptions")
def search(
    state: StateDep,
    lang: LangDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Labels, alternative labels and descriptions in Danish and English, on an SQLite FTS5
    index with Danish folding (æ/ae, ø/oe, å/aa), prefix and near-spelling matches; best first,
    each hit with its type and a snippet (hits in ``[...]``)."""
    hits = search_index(state).search(q, lang=lang, limit=limit)
    return {"query": q, "count": len(hits), "hits": [h.to_dict() for h in hits]}


@router.get("/api/municipalities", summary="The municipalities")
def list_municipalities(state: StateDep, lang: LangDep) -> list[dict[str, Any]]:
    """Every municipality with its code."""
    dataset = state.store.dataset
    rows = listing(dataset, MUNICIPALITY_CLASSES, lang)
    for row in rows:
        view = municipality_view(dataset, str(row["iri"]), lang, "")
        row["code"] = view.code
        row["clusters_present"] = len(view.clusters_present)
    return rows


@router.get(
    "/api/municipalities/{municipality_id:path}", summary="One municipality", responses=NOT_FOUND
)
def get_municipality(municipality_id: Identifier, state: StateDep, lang: LangDep) -> dict[str, Any]:
    """Code, region, the clusters with an office there, the organisations located there, its
    sources and confidence; ``members`` is null until member lists are ingested."""
    dataset = state.store.dataset
    iri = resolve_municipality(dataset, municipality_id, lang)
    return municipality_view(dataset, iri, lang, text("doors.members_unknown", lang)).to_dict()


@router.get("/api/organisations", summary="The organisations")
def list_organisations(state: StateDep, lang: LangDep) -> list[dict[str, Any]]:
    """Every organisation (public bodies, business hubs, networks, BRN and its units, clusters)."""
    return listing(state.store.dataset, ORGANISATION_CLASSES, lang)


@router.get(
    "/api/organisations/{organisation_id:path}", summary="One organisation", responses=NOT_FOUND
)
def get_organisation(organisation_id: Identifier, state: StateDep, lang: LangDep) -> dict[str, Any]:
    """Its description (where the sources name people in roles), units, offices, memberships
    both ways, dissolution date, known gaps and sources."""
    dataset = state.store.dataset
    iri = resolve_organisation(dataset, organisation_id, lang)
    return organisation_view(dataset, iri, lang).to_dict()


# ----------------------------------------------------------------------------- pages


def _page(
    request: Request,
    state: ServiceState,
    lang: Language,
    templates: Any,
    template: str,
    **context: Any,
) -> HTMLResponse:
    full = {**page_context(request, state, lang), "tx": text, **context}
    response: HTMLResponse = templates.TemplateResponse(request, template, full)
    return response


#: Each list page: its title's catalogue key, the API route giving its rows, whether it
#: shows a code column.
_LIST_PAGES: dict[str, tuple[str, Callable[[ServiceState, Language], list[dict[str, Any]]], bool]]
_LIST_PAGES = {
    "municipalities": ("doors.page.municipalities", list_municipalities, True),
    "organisations": ("doors.page.organisations", list_organisations, False),
}


def _list_page(
    request: Request, state: ServiceState, lang: Language, templates: Any, kind: str
) -> HTMLResponse:
    """The HTML list of one kind (a key of :data:`_LIST_PAGES`), from its API route."""
    title_key, rows, show_code = _LIST_PAGES[kind]
    return _page(
        request,
        state,
        lang,
        templates,
        "doors_list.html",
        title=text(title_key, lang),
        rows=rows(state, lang),
        base=f"/{kind}/",
        api=f"/api/{kind}",
        show_code=show_code,
    )


@pages.get("/municipalities", response_class=HTMLResponse)
def municipalities_page(
    request: Request, state: StateDep, lang: LangDep, templates: TemplatesDep
) -> HTMLResponse:
    return _list_page(request, state, lang, templates, "municipalities")


@pages.get("/organisations", response_class=HTMLResponse)
def organisations_page(
    request: Request, state: StateDep, lang: LangDep, templates: TemplatesDep
) -> HTMLResponse:
    return _list_page(request, state, lang, templates, "organisations")


@pages.get("/municipalities/{municipality_id:path}", response_class=HTMLResponse)
def municipality_page(
    request: Request,
    state: StateDep,
    lang: LangDep,
    templates: TemplatesDep,
    municipality_id: Identifier,
) -> HTMLResponse:
    view = get_municipality(municipality_id, state, lang)
    return _page(request, state, lang, templates, "resource.html", r=view, kind="municipality")


@pages.get("/organisations/{organisation_id:path}", response_class=HTMLResponse)
def organisation_page(
    request: Request,
    state: StateDep,
    lang: LangDep,
    templates: TemplatesDep,
    organisation_id: Identifier,
) -> HTMLResponse:
    view = get_organisation(organisation_id, state, lang)
    return _page(request, state, lang, templates, "resource.html", r=view, kind="organisation")


@pages.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    state: StateDep,
    lang: LangDep,
    templates: TemplatesDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    hits = search(state, lang, q)["hits"] if q and q.strip() else []
    return _page(request, state, lang, templates, "search.html", q=q or "", hits=hits)
