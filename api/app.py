"""The FastAPI application factory and its lifespan.

``create_app(settings)`` builds a new app; nothing happens at import time. The lifespan
loads and validates the graph once (:func:`api.state.build_state`) and keeps it on
``app.state.service`` (a :class:`api.state.ServiceHolder`); a request only ever reads it.
``brn-graph serve`` builds the state itself before the port opens and hands it over with
:func:`attach_state`, so a refusal is a plain command-line error.

Every response gets ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy``; every HTML
page a Content-Security-Policy allowing this server only (a route may set a stricter one).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import brn_graph
from api.csp import CSP_EDITORS, CSP_PAGES, EDITOR_PATHS
from api.errors import install_error_handlers
from api.imports_watch import ImportsWatchMiddleware
from api.memo import DEFAULT_MEMO_BYTES, MemoMiddleware, ResponseMemo
from api.routes import (
    analytics,
    brief,
    clusters,
    docs,
    documents,
    doors,
    goals,
    health,
    imports,
    linked_data,
    network,
    pages,
    queries,
    sparql,
    validation,
)
from api.sparql_fast import SparqlGetMiddleware
from api.state import ServiceHolder, ServiceState, build_state, close_state
from brn_graph.config import Settings
from brn_graph.graph.session import Session
from brn_graph.i18n.assessed import format_assessed_mean
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_number, format_score
from brn_graph.namespaces import PREFIXES
from brn_graph.templating import make_environment
from brn_graph.view.assets import page_static_dir, vis_network_dir

LOG = logging.getLogger("brn_graph.api")
HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

#: Where the network page's scripts are served: vis-network from the pyvis package, the
#: page's own script and stylesheet from brn_graph (both mounted before ``/static``).
VIS_NETWORK_URL = "/static/vis-network"
NETWORK_PAGE_URL = "/static/network"

API_DESCRIPTION = """
Alignment of the Danish national business clusters with the framework documents of North
Jutland (Business Region North Denmark), with a source on every fact.

* **REST/JSON** under `/api/`: clusters, documents, goals, strength positions, alignment,
  gaps, overlaps, engagement, ranking, explanations, the named query catalogue and the SHACL
  report. Labels follow `?lang=da|en`, then `Accept-Language` (default Danish).
* **SPARQL 1.1 Protocol** at `/sparql` (read-only; SERVICE, LOAD and remote FROM refused; a
  row cap and a time limit apply). Browsers get a YASGUI editor there.
"""


def create_app(
    settings: Settings,
    *,
    load_graph: bool = True,
    memo_bytes: int = DEFAULT_MEMO_BYTES,
    watch_imports: bool = False,
    session: Session | None = None,
    wait_for_engine: bool = True,
) -> FastAPI:
    """A new app serving the graph described by ``settings``.

    With ``load_graph=False`` the lifespan does not build the graph (tests provide the state
    through a dependency override or :func:`attach_state`). ``memo_bytes`` bounds the memo of
    read-only answers (:mod:`api.memo`); 0 turns it off. With ``watch_imports`` (one of
    several server processes) the state is rebuilt when another process committed an import
    (:mod:`api.imports_watch`). With ``session`` (already built for these settings) the
    lifespan only starts the query engine. With ``wait_for_engine=False`` (``serve``) the
    app serves as soon as the session is built, while the engine still starts
    (:func:`api.state.build_state`).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned: ServiceState | None = None
        if load_graph and service_holder(app).current is None:
            build = partial(build_state, settings, session=session, wait_for_engine=wait_for_engine)
            owned = await run_in_threadpool(build)
            attach_state(app, owned)
        try:
            yield
        finally:
            if owned is not None:
                close_state(owned)

    app = FastAPI(
        title="brn-graph",
        version=brn_graph.__version__,
        summary="Clusters and North Jutland framework documents: REST API and SPARQL endpoint",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        max_body_size=settings.max_body_bytes,
    )
    app.state.settings = settings
    app.state.service = ServiceHolder()
    app.state.default_lang = settings.lang
    app.state.templates = make_templates()
    install_error_handlers(app)
    holder = app.state.service
    # Innermost (added first): its answers get the security headers like the route's.
    app.add_middleware(SparqlGetMiddleware, state_of=lambda _scope: holder.current)
    app.add_middleware(SecurityHeadersMiddleware)
    # Outermost (added last): a kept answer already carries the security headers.
    app.add_middleware(
        MemoMiddleware,
        state_of=lambda _scope: holder.current,
        memo=ResponseMemo(max_bytes=memo_bytes),
        default_lang=settings.lang,
    )
    if watch_imports:  # outside the memo: a reload comes before any kept answer
        app.add_middleware(ImportsWatchMiddleware, holder=holder, folder=settings.imports_dir)
    for module in (
        health,
        validation,
        clusters,
        documents,
        goals,
        analytics,
        queries,
        sparql,
        pages,
        network,
        docs,
        doors,
        linked_data,
        brief,
        imports,
    ):
        app.include_router(module.router)
    app.include_router(doors.pages)
    app.state.templates.env.globals["tx"] = text
    app.state.templates.env.globals["project_prefixes"] = dict(PREFIXES)
    app.state.templates.env.filters["id_path"] = partial(id_path, base_iri=settings.base_iri)
    app.state.templates.env.filters["slug"] = lambda iri: str(iri).rstrip("/").rsplit("/", 1)[-1]
    app.mount(VIS_NETWORK_URL, StaticFiles(directory=vis_network_dir()), name="vis-network")
    app.mount(NETWORK_PAGE_URL, StaticFiles(directory=page_static_dir()), name="network-static")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def service_holder(app: FastAPI) -> ServiceHolder:
    """The one reference to the state ``app`` serves (see :class:`api.state.ServiceHolder`)."""
    holder = app.state.service
    assert isinstance(holder, ServiceHolder)
    return holder


def attach_state(app: FastAPI, state: ServiceState) -> ServiceState | None:
    """Serve ``state`` from ``app`` from the next request on (the lifespan does this after
    loading; a reload swaps in a new state the same way). Returns the state it replaced."""
    return service_holder(app).swap(state)


def make_templates() -> Jinja2Templates:
    """The project's Jinja environment (:func:`brn_graph.templating.make_environment`:
    autoescaping on for every template) over ``api/templates``, with the UI strings as ``t()``."""
    env = make_environment(
        TEMPLATES_DIR,
        names={"t": text, "static": static_url, "assessed_mean": format_assessed_mean},
        filters={"score": _score_filter, "number": format_number, "http_url": http_url},
    )
    return Jinja2Templates(env=env)


def id_path(iri: object, base_iri: str) -> str:
    """Where this service shows ``iri``: ``/id/...`` for the project's resources, ``/ontology``
    for its terms, the address itself for other http(s) IRIs, else ``#``.

    >>> id_path("https://w3id.org/brn-graph/id/cluster/made", "https://w3id.org/brn-graph/")
    '/id/cluster/made'
    """
    text = str(iri or "")
    if text.startswith(base_iri + "id/"):
        return "/id/" + quote(text[len(base_iri) + 3 :], safe="/")
    if text.startswith(base_iri + "ontology"):
        return "/ontology#" + quote(text.rsplit("#", 1)[-1])
    return http_url(text)


def static_url(path: str) -> str:
    """The address of a file under ``api/static`` (relative to the site root)."""
    return "/static/" + path.lstrip("/")


def http_url(value: object) -> str:
    """``value`` when it is an http(s) address, else ``#``: data never becomes a script URL.

    >>> http_url("https://example.org/a"), http_url("javascript:alert(1)")
    ('https://example.org/a', '#')
    """
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else "#"


def _score_filter(value: object, lang: str = "da") -> str:
    """A score in the page's language; anything that is not a number passes as text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return format_score(value, lang)


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy to HTML responses and hardening headers to all."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        policy = CSP_EDITORS if path.startswith(EDITOR_PATHS) else CSP_PAGES

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                content_type = next(
                    (v for k, v in headers if k.lower() == b"content-type"), b""
                ).lower()
                extra: list[tuple[bytes, bytes]] = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if content_type.startswith(b"text/html"):
                    extra += [
                        (b"content-security-policy", policy.encode()),
                        (b"x-frame-options", b"DENY"),
                    ]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
