"""``GET /docs``: Swagger UI for the OpenAPI schema, from vendored files (no CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from api.dependencies import LangDep, TemplatesDep

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def get_docs(request: Request, templates: TemplatesDep, lang: LangDep) -> HTMLResponse:
    response: HTMLResponse = templates.TemplateResponse(
        request, "docs.html", {"lang": lang, "openapi_url": request.app.openapi_url}
    )
    return response


@router.get("/favicon.ico")
def get_favicon() -> FileResponse:
    """Browsers ask for it whatever the page says; the same icon as the pages'."""
    from api.app import STATIC_DIR

    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")
