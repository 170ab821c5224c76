"""Headless Chromium against a live server: the front page and the YASGUI editor work offline.

Every request the page makes is recorded and must go to the server itself (no CDN, no
prefix.cc, no LOV); the console must stay free of errors (CSP violations included); a
catalogue query run from its YASGUI tab must show result rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]


class PageWatch:
    """Records requests and console errors of one page."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console: {message.text}") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def foreign_requests(self, base_url: str) -> list[str]:
        own = urlsplit(base_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob", "about"} and urlsplit(url).netloc != own
        ]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="da-DK", service_workers="block")
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()


def test_front_page_renders_offline(page: Any, browser_server: str) -> None:
    watch = PageWatch(page)
    response = page.goto(browser_server + "/", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    assert "default-src 'self'" in (response.headers.get("content-security-policy") or "")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("#clusters table tbody tr").count() > 0
    assert page.locator("#matrix table.matrix").count() == 1
    for href in ("/sparql", "/docs", "/network"):
        assert page.locator(f'a[href^="{href}"]').count() > 0, href
    assert watch.errors == []
    assert watch.foreign_requests(browser_server) == []


def test_front_page_in_english(page: Any, browser_server: str) -> None:
    watch = PageWatch(page)
    page.goto(browser_server + "/?lang=en", wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#clusters-h").inner_text() == "Clusters"
    assert watch.errors == []


def test_cluster_page_from_front_page(page: Any, browser_server: str) -> None:
    watch = PageWatch(page)
    page.goto(browser_server + "/", wait_until="networkidle")
    page.locator("#clusters table tbody tr a").first.click()
    page.wait_for_load_state("networkidle")
    assert "/clusters/" in page.url
    assert page.locator("h1").inner_text().strip() != ""
    assert watch.errors == []
    assert watch.foreign_requests(browser_server) == []


def test_yasgui_runs_a_catalogue_query(page: Any, browser_server: str) -> None:
    watch = PageWatch(page)
    response = page.goto(browser_server + "/sparql", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    assert "text/html" in response.headers["content-type"]
    page.wait_for_selector(".yasgui .tabsList .tab")
    tabs = page.locator(".yasgui .tabsList .tab")
    assert tabs.count() >= 1
    names = [name.strip() for name in tabs.all_inner_texts()]
    catalogue = page.evaluate(
        "JSON.parse(document.getElementById('sparql-examples').textContent).map(e => e.name)"
    )
    assert catalogue, "the catalogue gives the editor at least one example tab"
    assert any(catalogue[0] in name for name in names), (catalogue, names)

    page.locator(".yasqe .yasqe_queryButton").first.click()
    rows = page.locator(".yasr .yasr_results table tbody tr")
    rows.first.wait_for(state="visible")
    assert rows.count() > 0
    assert watch.errors == []
    assert watch.foreign_requests(browser_server) == []
    # The query went to this server's endpoint, by POST.
    assert any(urlsplit(url).path == "/sparql" for url in watch.requests)


def test_docs_page_offline(page: Any, browser_server: str) -> None:
    watch = PageWatch(page)
    page.goto(browser_server + "/docs", wait_until="networkidle")
    page.wait_for_selector(".swagger-ui .opblock")
    assert watch.errors == []
    assert watch.foreign_requests(browser_server) == []


def test_yasgui_prefills_the_project_prefixes_and_shows_plain_values_and_readable_errors(
    page: Any, browser_server: str
) -> None:
    watch = PageWatch(page)
    page.goto(browser_server + "/sparql?lang=en", wait_until="networkidle")
    page.wait_for_selector(".yasgui .tabsList .tab")
    first_tab = page.locator(".yasgui .tabsList .tab").first.inner_text()
    assert "New query" in first_tab
    query = page.evaluate("window.brnYasgui.getTab().getYasqe().getValue()")
    assert "PREFIX brn: <https://w3id.org/brn-graph/ontology#>" in query
    assert "PREFIX cluster: <https://w3id.org/brn-graph/id/cluster/>" in query
    yasqe = "window.brnYasgui.getTab().getYasqe()"
    page.evaluate(
        f"{yasqe}.setValue({yasqe}.getValue().split('SELECT')[0] + "
        "'SELECT (COUNT(?c) AS ?n) WHERE { ?c a brn:Cluster }')"
    )
    page.locator(".yasqe .yasqe_queryButton").first.click()
    cell = page.locator(".yasr .yasr_results table tbody tr td").first
    cell.wait_for(state="visible")
    text = cell.inner_text().strip()
    assert text.isdigit(), text  # a number, not "14"^^<...#integer>
    page.evaluate(f"{yasqe}.setValue('SELECT ?x WHERE {{ ?x ?y ')")
    page.locator(".yasqe .yasqe_queryButton").first.click()
    message = page.locator(".yasr .errorMessage").first
    message.wait_for(state="visible")
    assert message.inner_text().startswith("the query does not parse")
    assert watch.foreign_requests(browser_server) == []
