"""Request-scoped providers: the service state, the settings, the language, the templates.

Every provider reads ``request.app.state``; nothing is global. Tests replace
:func:`get_state` through ``app.dependency_overrides``. The providers are ``async``: they only
read memory, and FastAPI runs a plain ``def`` dependency in the thread pool (one thread hop
per dependency per request).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.templating import Jinja2Templates

from api.i18n import choose_language
from api.state import ServiceHolder, ServiceState
from brn_graph.config import Language, Settings
from brn_graph.i18n.message import message as msg


async def get_state(request: Request) -> ServiceState:
    """The loaded graph and what came with it; 503 while the service is still starting."""
    holder = getattr(request.app.state, "service", None)
    state = holder.current if isinstance(holder, ServiceHolder) else None
    if state is None:
        raise HTTPException(status_code=503, detail=msg("errors.not_loaded"))
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]


async def get_settings(state: StateDep) -> Settings:
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_language(
    request: Request,
    lang: Annotated[
        Language | None,
        Query(description="Language of labels and messages (default: Accept-Language, then da)."),
    ] = None,
) -> Language:
    """``?lang=`` (validated: da or en), else ``Accept-Language``, else the configured default."""
    default: Language = getattr(request.app.state, "default_lang", "da")
    return choose_language(lang, request.headers.get("accept-language"), default)


LangDep = Annotated[Language, Depends(get_language)]


def get_language_for_error(request: Request) -> Language:
    """The language of an error page, without failing on a bad ``lang`` value."""
    requested = request.query_params.get("lang")
    default: Language = getattr(request.app.state, "default_lang", "da")
    return choose_language(requested, request.headers.get("accept-language"), default)


def get_templates(request: Request) -> Jinja2Templates:
    templates = request.app.state.templates
    assert isinstance(templates, Jinja2Templates)
    return templates


async def _templates(request: Request) -> Jinja2Templates:
    return get_templates(request)


TemplatesDep = Annotated[Jinja2Templates, Depends(_templates)]


#: The decision context and as-of date every context-aware route and page takes.
ContextQuery = Annotated[
    str | None,
    Query(
        description="Decision context (slug or IRI); default: the 2024 cluster decision.",
        max_length=500,
        examples=["brn-cluster-decision-2024"],
    ),
]
AsOfQuery = Annotated[
    str | None,
    Query(
        description="The date (YYYY-MM-DD) the result holds for; default: the context's date.",
        max_length=10,
        examples=["2021-06-01"],
    ),
]
