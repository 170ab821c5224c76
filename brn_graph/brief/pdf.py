"""The brief as an A4 PDF, printed from its HTML by WeasyPrint (in-process, offline).

WeasyPrint lays out the same HTML as :mod:`brn_graph.brief.html` with its print styles: A4,
a running head, "page X of Y", charts as vectors (SVG), fonts embedded. It needs Pango from
the operating system; when that is missing the error says what to install.
"""

from __future__ import annotations

from brn_graph.brief.html import Charts, render_brief_html
from brn_graph.brief.model import Brief
from brn_graph.errors import BrnGraphError
from brn_graph.i18n.catalogue import text


class PdfEngineMissingError(BrnGraphError):
    """WeasyPrint or the system libraries it needs (Pango) are not installed."""


def render_brief_pdf(brief: Brief, *, charts: Charts | None = None) -> bytes:
    """The brief as PDF bytes. Nothing is fetched: the HTML holds every image inline."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # OSError: Pango's shared libraries are missing
        raise PdfEngineMissingError(text("brief.pdf_missing", brief.lang, error=error)) from error
    html = render_brief_html(brief, charts=charts)

    # Only the inline data: images may be read; any other address is refused, never fetched.
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    pdf: bytes = document.write_pdf()
    return pdf
