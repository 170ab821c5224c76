"""The front page leads with the decision (issue 11): in headless Chromium at 1440x1000 the
ranking chart is loaded and above the fold, and changing a weight recomputes on the server,
keeps the weights in the address and changes the chart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="da-DK", service_workers="block", viewport={"width": 1440, "height": 1000}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        yield page
    finally:
        context.close()
        assert errors == []  # no CSP violation, no failed image


def _chart(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """() => { const img = document.querySelector('#ranking-chart');
                  const box = img.getBoundingClientRect();
                  return {top: box.top, bottom: box.bottom, width: img.naturalWidth,
                          src: img.getAttribute('src')}; }"""
    )
    return result


def test_ranking_chart_is_above_the_fold(page: Any, browser_server: str) -> None:
    page.goto(browser_server + "/?lang=da", wait_until="networkidle")
    chart = _chart(page)
    assert chart["width"] > 0  # the SVG loaded
    assert chart["top"] >= 0
    assert chart["bottom"] <= 1000
    assert page.locator("#ranking-table tbody tr").count() == 9  # the long list


def test_a_weight_change_recomputes_and_is_kept_in_the_address(
    page: Any, browser_server: str
) -> None:
    page.goto(browser_server + "/?lang=da", wait_until="networkidle")
    before = page.locator("#ranking-table tbody").inner_text()
    inputs = page.locator('#weights input[type="number"]')
    names = [inputs.nth(i).get_attribute("name") for i in range(inputs.count())]
    assert "w:engagement" in names
    # Put all the weight on engagement: a different ranking from the default one.
    for i, name in enumerate(names):
        inputs.nth(i).fill("1" if name == "w:engagement" else "0")
    page.locator('#weights button[type="submit"]').click()
    page.wait_for_load_state("networkidle")
    weights = parse_qs(urlsplit(page.url).query)["weights"][0]
    assert "engagement=1" in weights
    after = page.locator("#ranking-table tbody").inner_text()
    assert after != before
    assert "weights=" in _chart(page)["src"]
    assert _chart(page)["width"] > 0
