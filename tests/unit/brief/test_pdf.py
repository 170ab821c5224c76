"""The PDF brief on the bundled data, in both languages, read back with poppler's tools.

The headings below are written out here (not read from the catalogue), so a heading that
loses its translation, or a Danish brief with an English heading, fails this test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from brn_graph.brief.model import Brief, build_brief
from brn_graph.brief.pdf import render_brief_pdf
from brn_graph.config import Settings
from brn_graph.context.view import build_context_model
from brn_graph.graph.store import open_store
from brn_graph.query.analytics import GraphQueries
from tests.unit.alignment.fixture import catalog

HEADINGS = {
    "da": ["Resumé", "Beslutningen", "Rangordning", "Sammenhæng med målene",
           "Engagement i Nordjylland", "Huller og overlap", "Datakvalitet", "Kilder"],
    "en": ["Summary", "The decision", "Ranking", "Alignment with the goals",
           "Engagement in North Jutland", "Gaps and overlaps", "Data quality", "Sources"],
}  # fmt: skip
PAGE_WORD = {"da": "Side", "en": "Page"}

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="poppler-utils (pdftotext, pdftoppm) is not installed; CI installs it",
)


def _brief(lang: str) -> Brief:
    settings = Settings()
    store = open_store(settings)
    queries = GraphQueries.local(store, catalog(settings.queries_dir))
    built = build_context_model(queries, settings)
    return build_brief(
        store.dataset,
        built,
        settings,
        queries=queries,
        lang=lang,  # type: ignore[arg-type]
        fingerprint=store.fingerprint,
    )


@pytest.fixture(scope="module", params=["da", "en"])
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Brief, Path]:
    lang = str(request.param)
    brief = _brief(lang)
    path = tmp_path_factory.mktemp(f"brief-{lang}") / "brief.pdf"
    path.write_bytes(render_brief_pdf(brief))
    return lang, brief, path


@needs_poppler
def test_pdf_has_every_section_in_its_language_only(rendered: tuple[str, Brief, Path]) -> None:
    lang, brief, path = rendered
    other = "en" if lang == "da" else "da"
    body = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in HEADINGS[lang]:
        assert heading in body, heading
    for heading in HEADINGS[other]:
        if heading not in HEADINGS[lang]:
            assert heading not in body, f"{heading!r} in the {lang} brief"
    for page in brief.clusters:
        assert page.cluster.label in body
    assert f"{PAGE_WORD[lang]} 1 " in body  # the running footer with page numbers
    assert "æ" in body or lang == "en"


@needs_poppler
def test_pdf_pages_render_as_a4(rendered: tuple[str, Brief, Path]) -> None:
    _lang, brief, path = rendered
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    # summary, ranking, matrix, one page or more per cluster, gaps, quality, sources
    assert pages >= 6 + len(brief.clusters)
    out = path.parent / "page"
    subprocess.run(
        ["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "3", str(path), str(out)], check=True
    )
    pngs = sorted(path.parent.glob("page-*.png"))
    assert len(pngs) == 3
    assert all(p.stat().st_size > 1000 for p in pngs)
