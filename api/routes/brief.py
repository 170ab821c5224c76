"""``/brief``: the decision brief as an HTML page, with ``/brief.pdf`` and ``/brief.xlsx``.

The brief is built by the library (:mod:`brn_graph.brief`) from the service's loaded graph,
with the same settings as ``/api/ranking``, and memoised per language and weights. The HTML
page carries its own Content-Security-Policy (no script; its one style block by hash).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, Response

from api.context_views import context_model
from api.dependencies import AsOfQuery, ContextQuery, LangDep, StateDep
from api.routes.analytics import BAD_CONTEXT, WeightsQuery
from api.state import ServiceState
from brn_graph.brief.charts import ranking_chart
from brn_graph.brief.html import Charts, brief_csp, draw_charts, page_css, render_brief_html
from brn_graph.brief.model import Brief, build_brief, rank_rows_from_dict
from brn_graph.config import Language, parse_weights
from brn_graph.errors import ParameterError
from brn_graph.i18n.message import reason_of
from brn_graph.tables import XLSX_MEDIA_TYPE

router = APIRouter(tags=["brief"])


@dataclass(frozen=True)
class BriefParams:
    """What a brief (and its ranking chart) is for: the criteria weights, the decision
    context and the date, as ``/api/ranking`` takes them."""

    weights: str | None = None
    context: str | None = None
    as_of: str | None = None

    def link_query(self, lang: Language) -> str:
        """The query string of a link to the same brief in another format."""
        given = {"weights": self.weights, "context": self.context, "as_of": self.as_of}
        return urlencode({"lang": lang, **{k: v for k, v in given.items() if v}})


def brief_params(
    weights: WeightsQuery = None, context: ContextQuery = None, as_of: AsOfQuery = None
) -> BriefParams:
    """The ``weights``, ``context`` and ``as_of`` query parameters, validated as for the API."""
    return BriefParams(weights=weights, context=context, as_of=as_of)


BriefParamsDep = Annotated[BriefParams, Depends(brief_params)]


def _brief(
    state: ServiceState, lang: Language, params: BriefParams
) -> tuple[tuple[object, ...], Brief, Charts]:
    """The memo key, the brief and its charts for one context, date, language and weights."""
    try:
        parsed = parse_weights(params.weights) if params.weights else {}
    except ValueError as exc:
        raise ParameterError("weights", reason_of(exc)) from exc
    built = context_model(state, params.context, params.as_of)

    def build() -> tuple[Brief, Charts]:
        brief = build_brief(
            state.store.dataset,
            built,
            state.settings,
            queries=state.queries,
            lang=lang,
            weights=parsed,
            fingerprint=state.fingerprint,
        )
        return brief, draw_charts(brief)

    key = ("brief", built.view.spec.iri, built.view.as_of, lang, tuple(sorted(parsed.items())))
    brief, charts = state.remember(key, build)
    return key, brief, charts


def _file(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses of a route that answers a file (or a JSON error)."""
    return {
        200: {"content": {media_type: {}}, "description": what},
        **BAD_CONTEXT,
    }


@router.get(
    "/brief",
    response_class=Response,
    responses=_file("text/html", "The brief as one HTML page."),
    summary="The decision brief (HTML)",
)
def get_brief(
    state: StateDep,
    lang: LangDep,
    params: BriefParamsDep,
) -> HTMLResponse:
    """The brief for the board, with links to the same brief as PDF and XLSX."""
    _key, brief, charts = _brief(state, lang, params)
    query = params.link_query(lang)
    html = render_brief_html(
        brief,
        charts=charts,
        downloads=(("PDF", f"/brief.pdf?{query}"), ("XLSX", f"/brief.xlsx?{query}")),
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": brief_csp(page_css(brief))})


@router.get(
    "/charts/ranking.svg",
    response_class=Response,
    responses=_file("image/svg+xml", "The forest plot as SVG."),
    summary="The ranking as a forest plot (SVG)",
)
def get_ranking_chart(
    state: StateDep,
    lang: LangDep,
    params: BriefParamsDep,
) -> Response:
    """Score and 5-95 % rank interval per cluster, as on the front page and in the brief."""
    from api.context_views import ranking

    def draw() -> str:
        body = ranking(
            state, lang, weights=params.weights, context=params.context, as_of=params.as_of
        )
        return ranking_chart(rank_rows_from_dict(body.model_dump()), lang)

    key = ("ranking.svg", lang, params.weights, params.context, params.as_of)
    svg = state.remember(key, draw)
    return Response(svg, media_type="image/svg+xml")


@router.get(
    "/brief.pdf",
    response_class=Response,
    responses=_file("application/pdf", "The brief as an A4 PDF."),
    summary="The decision brief (PDF, A4)",
)
def get_brief_pdf(
    state: StateDep,
    lang: LangDep,
    params: BriefParamsDep,
) -> Response:
    from brn_graph.brief.pdf import render_brief_pdf

    key, brief, charts = _brief(state, lang, params)
    body = state.remember((*key, "pdf"), lambda: render_brief_pdf(brief, charts=charts))
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="brn-brief-{lang}.pdf"'},
    )


@router.get(
    "/brief.xlsx",
    response_class=Response,
    responses=_file(XLSX_MEDIA_TYPE, "The brief's tables as an XLSX workbook."),
    summary="The decision brief's annex (XLSX)",
)
def get_brief_xlsx(
    state: StateDep,
    lang: LangDep,
    params: BriefParamsDep,
) -> Response:
    from brn_graph.brief.xlsx import render_brief_xlsx

    _key, brief, _charts = _brief(state, lang, params)
    return Response(
        render_brief_xlsx(brief),
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="brn-brief-{lang}.xlsx"'},
    )
