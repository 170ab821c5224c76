"""The Content-Security-Policy values of the service's HTML pages (one place for both)."""

from __future__ import annotations

#: The policy of every HTML page, the network page included: scripts, styles and images
#: only from this server (plus ``data:`` images, which vis-network's stylesheet uses).
CSP_PAGES = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
#: YASGUI and Swagger UI set ``style`` attributes from their scripts, so these pages allow
#: inline *styles* (never inline scripts).
CSP_EDITORS = CSP_PAGES.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
EDITOR_PATHS = ("/sparql", "/docs")
