"""The browser pages: ``/`` (front page) and ``/clusters/{id}`` (one cluster), server-rendered.

Every value reaches the templates as plain text and is escaped by Jinja2's autoescaping; no
page carries inline scripts or styles (the Content-Security-Policy forbids both).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import context_views
from api.context_views import ranking as context_ranking
from api.dependencies import AsOfQuery, ContextQuery, LangDep, StateDep, TemplatesDep
from api.models import RankingOut
from api.state import ServiceState
from api.views import (
    cluster_alignment,
    cluster_profile,
    cluster_summaries,
    default_document,
    document_list,
    document_matrix,
    gaps,
    overlaps,
)
from brn_graph.config import Language
from brn_graph.errors import NotFoundError, ParameterError
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import render

router = APIRouter(include_in_schema=False)


def heat_class(score: float | None) -> str:
    """The CSS class of a heat-map cell: ``heat-0`` .. ``heat-10``, ``heat-none`` when unaligned.

    >>> heat_class(0.36), heat_class(None), heat_class(1.0)
    ('heat-4', 'heat-none', 'heat-10')
    """
    if score is None:
        return "heat-none"
    return f"heat-{max(0, min(10, round(score * 10)))}"


def page_context(request: Request, state: ServiceState, lang: Language) -> dict[str, Any]:
    """What every page needs: the language, the link to the other language, the banner."""
    other: Language = "en" if lang == "da" else "da"
    params = dict(request.query_params)
    params["lang"] = other
    banner = None
    if not state.conforms:
        banner = text("banner.invalid_data", lang, count=state.violation_count)
    return {
        "lang": lang,
        "other_lang": other,
        "switch_url": f"{request.url.path}?{urlencode(params)}",
        "banner": banner,
        "heat_class": heat_class,
    }


WEIGHT_FIELD = "w:"


def _weights_from_form(request: Request) -> str | None:
    """``w:<criterion>=<value>`` form fields as one ``weights`` value (``None`` without any)."""
    pairs = [
        (key.removeprefix(WEIGHT_FIELD), value.strip().replace(",", "."))
        for key, value in request.query_params.multi_items()
        if key.startswith(WEIGHT_FIELD)
    ]
    return ",".join(f"{k}={v}" for k, v in pairs) if pairs else None


@router.get("/", response_class=HTMLResponse)
def front_page(
    request: Request,
    state: StateDep,
    lang: LangDep,
    templates: TemplatesDep,
    document: Annotated[str | None, Query(max_length=500)] = None,
    weights: Annotated[str | None, Query(max_length=2000)] = None,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
) -> Response:
    """The decision first: context, ranking chart and table with intervals, the weights (a form
    that recomputes on the server; the address keeps them), downloads; then matrix and gaps.

    ``?context=`` and ``?as_of=`` choose the decision context and its date as on the other
    routes (an invalid date or an unknown context is refused the same way); without them the
    page shows the default decision on its own date."""
    chosen_context = {k: v for k, v in (("context", context), ("as_of", as_of)) if v}
    from_form = _weights_from_form(request)
    if from_form is not None:  # a submitted form becomes a short, shareable address
        params = {
            "lang": lang,
            "weights": from_form,
            **({"document": document} if document else {}),
            **chosen_context,
        }
        return RedirectResponse(f"/?{urlencode(params)}#decision", status_code=303)
    if chosen_context:  # refused before anything else: a bad date is an error, not ignored
        context_views.context_model(state, context, as_of)
    weights_error = None
    decision: RankingOut | None
    try:
        decision = context_ranking(state, lang, weights=weights, context=context, as_of=as_of)
    except ParameterError as exc:
        weights_error = render(exc.reason, lang)
        decision = context_ranking(state, lang, context=context, as_of=as_of)
        weights = None
    except NotFoundError:  # data without the default decision context: no decision section
        decision = None
    documents = [d for d in document_list(state, lang) if d.goals > 0]
    chosen = document or default_document(state)
    if chosen_context:
        matrix = (
            context_views.document_matrix_on(state, chosen, lang, context=context, as_of=as_of)
            if chosen
            else None
        )
        found_gaps = context_views.gaps(state, lang, context=context, as_of=as_of)
        found_overlaps = context_views.overlaps(state, lang, context=context, as_of=as_of)
    else:
        matrix = document_matrix(state, chosen, lang) if chosen else None
        found_gaps = gaps(state, lang)
        found_overlaps = overlaps(state, lang)
    query = urlencode({"lang": lang, **({"weights": weights} if weights else {}), **chosen_context})
    members, members_as_of = _members(state, lang, context=context, as_of=as_of)
    page = {
        **page_context(request, state, lang),
        "decision": decision,
        "weights_error": weights_error,
        "query": query,
        "chosen_context": chosen_context,
        "clusters": cluster_summaries(state, lang),
        "documents": documents,
        "chosen_document": matrix.document.id if matrix else None,
        "matrix": matrix,
        "gaps": found_gaps,
        "overlaps": found_overlaps,
        "members": members,
        "members_as_of": members_as_of,
    }
    response: HTMLResponse = templates.TemplateResponse(request, "index.html", page)
    return response


def _members(
    state: ServiceState, lang: Language, *, context: str | None = None, as_of: str | None = None
) -> tuple[dict[str, Any], str | None]:
    """The members column of the front page's tables: per cluster IRI its cell text, title
    (source and date, or why unknown) and the source's page; empty without a decision
    context (the column is then left out)."""
    try:
        counts, on = context_views.members_on(state, lang, context=context, as_of=as_of)
    except NotFoundError:
        return {}, None
    cells = {}
    for iri, count in counts.items():
        source = count.source_iri
        base = state.settings.base_iri + "id/"
        cells[iri] = {
            "text": count.cell(lang),
            "known": count.members is not None,
            "title": count.title(lang, on),
            "href": "/id/" + source.removeprefix(base)
            if source and source.startswith(base)
            else None,
        }
    return cells, on


@router.get("/clusters/{cluster_id:path}", response_class=HTMLResponse)
def cluster_page(
    request: Request,
    state: StateDep,
    lang: LangDep,
    templates: TemplatesDep,
    cluster_id: Annotated[str, Path(min_length=1, max_length=500)],
) -> HTMLResponse:
    profile = cluster_profile(state, cluster_id, lang)
    alignment = cluster_alignment(state, profile.cluster.id, lang)
    context = {
        **page_context(request, state, lang),
        # the numbers on the page hold for this decision context and date
        "context_line": state.context.header(lang) if state.context else None,
        "profile": profile,
        "alignment": alignment,
    }
    response: HTMLResponse = templates.TemplateResponse(request, "cluster.html", context)
    return response
