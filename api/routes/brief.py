"""``/brief``: the decision brief as an HTML page, with ``/brief.pdf`` and ``/brief.xlsx``.

The brief is built by the library (:mod:`brn_graph.brief`) from the service's loaded graph,
with the same settings as ``/api/ranking``, and memoised per language and weights. The HTML
page carries its own Content-Security-Policy (no script; its one style block by hash).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from api.dependencies import LangDep, StateDep
from api.state import ServiceState
from brn_graph.brief.html import Charts, brief_csp, draw_charts, page_css, render_brief_html
from brn_graph.brief.model import Brief, build_brief
from brn_graph.config import Language, parse_weights
from brn_graph.errors import ParameterError
from brn_graph.tables import XLSX_MEDIA_TYPE

router = APIRouter(tags=["brief"])


WeightsQuery = Annotated[
    str | None,
    Query(
        description="Criteria weights NAME=VALUE,... as for /api/ranking.",
        max_length=2000,
    ),
]


def _brief(state: ServiceState, lang: Language, weights: str | None) -> tuple[Brief, Charts]:
    try:
        parsed = parse_weights(weights) if weights else {}
    except ValueError as exc:
        raise ParameterError("weights", str(exc)) from exc

    def build() -> tuple[Brief, Charts]:
        brief = build_brief(
            state.store.dataset,
            state.model,
            state.settings,
            lang=lang,
            weights=parsed,
            fingerprint=state.fingerprint,
        )
        return brief, draw_charts(brief)

    return state.remember(("brief", lang, tuple(sorted(parsed.items()))), build)


def _query(lang: Language, weights: str | None) -> str:
    params = {"lang": lang, **({"weights": weights} if weights else {})}
    return urlencode(params)


@router.get("/brief", response_class=HTMLResponse, summary="The decision brief (HTML)")
def get_brief(state: StateDep, lang: LangDep, weights: WeightsQuery = None) -> HTMLResponse:
    """The brief for the board, with links to the same brief as PDF and XLSX."""
    brief, charts = _brief(state, lang, weights)
    query = _query(lang, weights)
    html = render_brief_html(
        brief,
        charts=charts,
        downloads=(("PDF", f"/brief.pdf?{query}"), ("XLSX", f"/brief.xlsx?{query}")),
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": brief_csp(page_css(brief))})


@router.get("/brief.pdf", summary="The decision brief (PDF, A4)")
def get_brief_pdf(state: StateDep, lang: LangDep, weights: WeightsQuery = None) -> Response:
    from brn_graph.brief.pdf import render_brief_pdf

    brief, charts = _brief(state, lang, weights)
    body = state.remember(
        ("brief.pdf", lang, weights), lambda: render_brief_pdf(brief, charts=charts)
    )
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="brn-brief-{lang}.pdf"'},
    )


@router.get("/brief.xlsx", summary="The decision brief's annex (XLSX)")
def get_brief_xlsx(state: StateDep, lang: LangDep, weights: WeightsQuery = None) -> Response:
    from brn_graph.brief.xlsx import render_brief_xlsx

    brief, _charts = _brief(state, lang, weights)
    return Response(
        render_brief_xlsx(brief),
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="brn-brief-{lang}.xlsx"'},
    )
