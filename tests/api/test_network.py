"""``GET /network``: the served network page, its parameters, errors and security headers."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from api.csp import CSP_PAGES
from brn_graph.view.assets import vis_network_dir


def page_data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html)
    assert match is not None
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_network_page_has_its_csp_and_served_scripts(client: TestClient) -> None:
    response = client.get("/network")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers.get_list("content-security-policy") == [CSP_PAGES]
    html = response.text
    assert '<script src="/static/vis-network/vis-network.min.js"></script>' in html
    assert '<script src="/static/network/network.js"></script>' in html
    assert "<script>" not in html  # no inline script: CSP script-src 'self'
    assert not re.search(r"(src|href)=\"https?://", html)  # no CDN
    data = page_data(html)
    assert data["nodes"]
    assert data["server"] == "/network"


@pytest.mark.parametrize(
    "path",
    [
        "/static/vis-network/vis-network.min.js",
        "/static/vis-network/vis-network.css",
        "/static/network/network.js",
        "/static/network/network.css",
    ],
)
def test_page_assets_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_vis_network_is_served_from_the_pyvis_package(client: TestClient) -> None:
    served = client.get("/static/vis-network/vis-network.min.js").content
    assert served == (vis_network_dir() / "vis-network.min.js").read_bytes()
    assert client.get("/static/vendor/vis-network/vis-network.min.js").status_code == 404
    assert client.get("/static/vis-network/../../../api/app.py").status_code == 404


def test_front_page_links_to_the_network(client: TestClient) -> None:
    assert 'href="/network?lang=da"' in client.get("/").text


def test_language_and_server_side_cut(client: TestClient) -> None:
    full = page_data(client.get("/network").text)
    english = client.get("/network", params={"lang": "en", "max_nodes": 5})
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    assert "Showing 5 of" in english.text
    assert "--focus / ?focus=" in english.text
    data = page_data(english.text)
    assert len(data["nodes"]) == 5  # type: ignore[arg-type]
    assert len(full["nodes"]) > 5  # type: ignore[arg-type]


def test_focus_and_document_cut_the_view(client: TestClient) -> None:
    full = page_data(client.get("/network").text)
    cluster = next(n["id"] for n in full["nodes"] if n["group"] == "cluster")  # type: ignore[attr-defined, index]
    focused = client.get("/network", params={"focus": cluster})
    assert focused.status_code == 200
    nodes = page_data(focused.text)["nodes"]
    assert cluster in {n["id"] for n in nodes}  # type: ignore[attr-defined, index]
    assert len(nodes) < len(full["nodes"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"document": "no-such-document"}, 404),
        ({"focus": "no-such-cluster"}, 404),
        ({"min_level": "huge"}, 422),
        ({"max_nodes": 0}, 422),
        ({"lang": "de"}, 422),
        ({"view": "everything"}, 422),
        ({"companies": "some"}, 422),
        ({"as_of": "20-09-2024"}, 422),
        ({"context": "no-such-context"}, 404),
        ({"focus": "aalborg"}, 422),  # a municipality: not in the decision context
    ],
)
def test_bad_parameters(client: TestClient, params: dict[str, object], status: int) -> None:
    response = client.get("/network", params=params)
    assert response.status_code == status


def test_unknown_document_suggests_close_names(client: TestClient) -> None:
    response = client.get("/network", params={"document": "nordjyllandsstemm"})
    assert response.status_code == 404
    assert response.json()["suggestions"]


def kinds(data: dict[str, object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for node in data["nodes"]:  # type: ignore[attr-defined]
        found[node["group"]] = found.get(node["group"], 0) + 1
    return found


def test_the_default_is_the_decision_context_and_full_is_one_link_away(
    client: TestClient,
) -> None:
    response = client.get("/network")
    data = page_data(response.text)
    assert data["mode"] == "context"
    assert data["context"] == {"id": "brn-cluster-decision-2024", "asOf": "2024-09-20"}
    assert kinds(data) == {"cluster": 9, "document": 4, "goal": 18, "strength_position": 4}
    assert "skæringsdato 2024-09-20" in response.text
    assert 'id="nw-switch-view" href="/network?lang=da&amp;view=full">Hele grafen</a>' in (
        response.text
    )
    full = client.get("/network", params={"view": "full", "lang": "en"})
    whole = page_data(full.text)
    assert whole["mode"] == "full"
    assert kinds(whole)["office"] > 0
    assert 'href="/network?lang=en">Back to the decision context</a>' in full.text
    assert "on the as-of date 2024-09-20" in full.text


def test_an_earlier_as_of_date_counts_fewer_frameworks(client: TestClient) -> None:
    response = client.get("/network", params={"as_of": "2019-06-01", "lang": "en"})
    assert response.status_code == 200
    data = page_data(response.text)
    assert data["context"] == {"id": "brn-cluster-decision-2024", "asOf": "2019-06-01"}
    assert kinds(data)["document"] == 1  # only BRN's strategy was in force then
    assert "as of 2019-06-01" in response.text
    # The link to the full graph keeps the date.
    assert "/network?as_of=2019-06-01&amp;lang=en&amp;view=full" in response.text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/network?max_nodes=lots", "parameter 'max_nodes': "),
        ("/network?as_of=much-too-long-for-a-date", "parameter 'as_of': må højst have 10 tegn"),
        ("/network?view=everything", "parameter 'view': "),
    ],
)
def test_a_malformed_parameter_of_a_page_is_an_error_page_in_the_readers_language(
    client: TestClient, url: str, expected: str
) -> None:
    """A browser got FastAPI's JSON for a malformed page parameter, not a page."""
    response = client.get(url, headers={"Accept": "text/html", "Accept-Language": "da"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert expected in html.unescape(response.text)
    api = client.get(url, headers={"Accept": "application/json"})
    assert api.status_code == 422
    assert api.headers["content-type"].startswith("application/json")
