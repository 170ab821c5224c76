"""``GET /network``: the interactive network of clusters, documents, goals and alignments.

The same view as ``brn-graph network -o FILE.html``: by default the decision context
(``?context=``, ``?as_of=``: its long-list clusters and the goals of the frameworks counted on
the date, in two columns), with ``?view=full`` the whole graph (member companies grouped per
municipality unless ``?companies=expanded``); cut on the server by the query parameters,
with vis-network (pyvis' copy) and the page script served under ``/static`` and a
Content-Security-Policy that allows nothing else. The projection is read once per loaded
graph and kept on the service state; each request only cuts, lays out and renders.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.context_views import context_model
from api.csp import CSP_PAGES
from api.dependencies import AsOfQuery, ContextQuery, LangDep, StateDep
from api.state import ServiceState
from brn_graph.config import Language
from brn_graph.graph.doors import resolve_any
from brn_graph.view.assets import LinkedAssets
from brn_graph.view.cut import DEFAULT_MAX_NODES, MAX_NODES_LIMIT, ViewOptions
from brn_graph.view.decision import DecisionScope, scope_of
from brn_graph.view.model import build_view
from brn_graph.view.page import PageLinks, render_network_html
from brn_graph.view.projection import Projection, project_for_view

router = APIRouter(include_in_schema=False)

#: The key of the projection in the service state's memo.
PROJECTION_KEY = ("network", "projection")


def network_projection(state: ServiceState) -> Projection:
    """The view's projection of the loaded graph, computed on first use."""
    return state.remember(
        PROJECTION_KEY,
        lambda: project_for_view(state.queries, state.model, state.settings),
    )


def context_projection(
    state: ServiceState, context: str | None, as_of: str | None
) -> tuple[Projection, DecisionScope]:
    """The projection scored for a decision context on a date, and that context's scope.

    The default context on its own date is the loaded model's (:func:`network_projection`);
    any other is built once and remembered.
    """
    if context is None and as_of is None and state.context is not None:
        return network_projection(state), scope_of(state.context)
    built = context_model(state, context, as_of)
    projection = state.remember(
        ("network", "projection", built.view.spec.slug, built.view.as_of),
        lambda: project_for_view(state.queries, built.model, state.settings),
    )
    return projection, scope_of(built.view)


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
    view: Annotated[
        Literal["context", "full"],
        Query(description="context: the decision's clusters and goals (default); full: all."),
    ] = "context",
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
    companies: Annotated[
        Literal["grouped", "expanded", "true", "false"],
        Query(
            description="Member companies: one node per municipality (grouped, the default; "
            "also true), one by one (expanded) or hidden (false)."
        ),
    ] = "grouped",
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
        show_companies=companies != "false",
        companies="expanded" if companies == "expanded" else "grouped",
        show_municipalities=municipalities,
        show_offices=offices,
        max_nodes=max_nodes,
    )
    if context is None and as_of is None and state.context is None:
        # Data without a decision context: there is nothing to cut by; the whole graph.
        drawn = build_view(network_projection(state), options)
    else:
        projection, scope = context_projection(state, context, as_of)
        drawn = build_view(projection, options, scope=scope, mode=view)
    html = render_network_html(
        drawn,
        assets=LinkedAssets.under(
            request.app.url_path_for("vis-network", path="/"),
            request.app.url_path_for("network-static", path="/"),
        ),
        links=_links(request, lang, view, grouped=companies != "expanded"),
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP_PAGES})


def _links(request: Request, lang: Language, view: str, *, grouped: bool) -> PageLinks:
    """Home, this page in the other language, in the other view (keeping the context, date
    and language; the full view starts whole, so the cut parameters stay behind), and the
    full view with its companies expanded or grouped."""
    path = request.url.path
    params = dict(request.query_params)
    other: Language = "en" if lang == "da" else "da"
    kept = {k: params[k] for k in ("context", "as_of") if params.get(k)}
    kept["lang"] = lang
    switch = {**kept, "view": "full"} if view == "context" else kept
    companies = {**params, "lang": lang, "companies": "expanded" if grouped else "grouped"}
    return PageLinks(
        home=f"/?{urlencode({'lang': lang})}",
        other_language=f"{path}?{urlencode({**params, 'lang': other})}",
        network=path,
        switch_view=f"{path}?{urlencode(switch)}",
        switch_companies=f"{path}?{urlencode(companies)}" if view == "full" else None,
    )
