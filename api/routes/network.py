"""``GET /network``: the interactive network of clusters, documents, goals and alignments.

The same view as ``brn-graph network -o FILE.html``, cut on the server by the query
parameters, with vis-network and the page script served from ``/static`` and a
Content-Security-Policy that allows nothing else. The projection is read once per loaded
graph and kept on the service state; each request only cuts, lays out and renders.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.dependencies import LangDep, StateDep
from api.state import ServiceState
from brn_graph.config import Language
from brn_graph.graph.doors import resolve_any
from brn_graph.query.analytics import GraphQueries
from brn_graph.view.cut import DEFAULT_MAX_NODES, MAX_NODES_LIMIT, ViewOptions
from brn_graph.view.model import build_view
from brn_graph.view.page import SERVED_PAGE_CSP, LinkedAssets, PageLinks, render_network_html
from brn_graph.view.projection import Projection, project_for_view

router = APIRouter(include_in_schema=False)

#: The key of the projection in the service state's memo.
PROJECTION_KEY = ("network", "projection")


def network_projection(state: ServiceState) -> Projection:
    """The view's projection of the loaded graph, computed on first use."""
    return state.remember(
        PROJECTION_KEY,
        lambda: project_for_view(
            GraphQueries.local(state.store, state.catalog), state.model, state.settings
        ),
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    state: StateDep,
    lang: LangDep,
    document: Annotated[
        str | None, Query(max_length=500, description="Framework document (slug, IRI, title).")
    ] = None,
    focus: Annotated[
        str | None, Query(max_length=500, description="A cluster or goal: it and its neighbours.")
    ] = None,
    min_level: Annotated[
        Literal["low", "medium", "high"] | None, Query(description="Lowest alignment level.")
    ] = None,
    companies: Annotated[bool, Query(description="Show member companies.")] = True,
    municipalities: Annotated[bool, Query(description="Show municipalities.")] = True,
    offices: Annotated[bool, Query(description="Show cluster offices.")] = True,
    max_nodes: Annotated[int, Query(ge=1, le=MAX_NODES_LIMIT)] = DEFAULT_MAX_NODES,
) -> HTMLResponse:
    """The network page; unknown documents or focus nodes are 404 with suggestions."""
    if focus:
        focus = resolve_any(state.store.dataset, "node", focus, lang, follow_mergers=True)
    options = ViewOptions(
        lang=lang,
        document=document or None,
        focus=focus or None,
        min_level=min_level,
        show_companies=companies,
        show_municipalities=municipalities,
        show_offices=offices,
        max_nodes=max_nodes,
    )
    view = build_view(network_projection(state), options)
    html = render_network_html(
        view,
        assets=LinkedAssets.under(request.app.url_path_for("static", path="/")),
        links=_links(request, lang),
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": SERVED_PAGE_CSP})


def _links(request: Request, lang: Language) -> PageLinks:
    other: Language = "en" if lang == "da" else "da"
    params = dict(request.query_params)
    params["lang"] = other
    return PageLinks(
        home=f"/?{urlencode({'lang': lang})}",
        other_language=f"{request.url.path}?{urlencode(params)}",
        network=request.url.path,
    )
