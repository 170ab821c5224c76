"""``/`` and ``/clusters/{id}``: server-rendered, bilingual, escaped, with a tight CSP."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from html.parser import HTMLParser

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.dependencies import get_state
from api.routes.pages import heat_class
from api.state import ServiceState
from brn_graph.alignment.data import Labels

HTML = {"Accept": "text/html"}


class Elements(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_front_page(client: TestClient) -> None:
    response = client.get("/", headers=HTML)
    assert response.status_code == 200
    html = response.text
    assert '<html lang="da">' in html
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    for link in ('href="/network', 'href="/sparql', 'href="/docs', 'href="/clusters/'):
        assert link in html, link
    sections = ("decision", "matrix", "gaps", "overlaps", "clusters")
    positions = [html.index(f'id="{section}"') for section in sections]
    assert positions == sorted(positions)  # the decision first, the long clusters table last
    assert re.search(r'class="cell heat-(\d+|none)"', html)


def test_front_page_has_no_inline_script_or_style(client: TestClient) -> None:
    for tag, attrs in parse(client.get("/", headers=HTML).text):
        assert "style" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs  # type: ignore[union-attr]


def test_front_page_in_english(client: TestClient) -> None:
    html = client.get("/?lang=en", headers=HTML).text
    assert '<html lang="en">' in html
    assert ">Clusters<" in html
    by_header = client.get("/", headers={**HTML, "Accept-Language": "en-US,en;q=0.8"}).text
    assert '<html lang="en">' in by_header


def test_front_page_document_choice(client: TestClient) -> None:
    documents = [d for d in client.get("/api/documents").json() if d["goals"]]
    last = documents[-1]["id"]
    html = client.get("/", params={"document": last}, headers=HTML).text
    assert f'<option value="{last}" selected>' in html


def test_front_page_opens_on_brns_own_strategy(client: TestClient) -> None:
    html = client.get("/", headers=HTML).text
    assert '<option value="brn-nordjyllandsstemme" selected>' in html


def test_cluster_without_known_offices_is_unknown_not_absent(client: TestClient) -> None:
    html = client.get("/?lang=en", headers=HTML).text
    table = html[html.index('id="clusters"') :]
    row = table[table.index("/clusters/censec") :]
    row = row[: row.index("</tr>")]
    assert "unknown: no offices in the sources" in row


def test_unknown_document_page_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/", params={"document": "brn-nordjylland"}, headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "/?document=" in response.text


def test_cluster_page(client: TestClient) -> None:
    response = client.get("/clusters/energy-cluster-denmark?lang=en", headers=HTML)
    assert response.status_code == 200
    assert "<h1>Energy Cluster Denmark</h1>" in response.text
    missing = client.get("/clusters/energy-cluster", headers=HTML)
    assert missing.status_code == 404
    assert 'href="/clusters/energy-cluster-denmark?lang=da"' in missing.text


def test_labels_are_escaped(service_state: ServiceState) -> None:
    """A hostile label in the data shows as text, never as markup."""
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    data = service_state.model.data
    first = data.clusters[0]
    evil = replace(first, labels=Labels(da=payload, en=payload, fallback=first.slug))
    model = replace(
        service_state.model,
        data=replace(data, clusters=(evil, *data.clusters[1:])),
    )
    state = replace(service_state, session=replace(service_state.session, model=model), memo={})
    app: FastAPI = create_app(state.settings, load_graph=False)
    app.dependency_overrides[get_state] = lambda: state
    with TestClient(app) as client:
        for path in ("/", f"/clusters/{first.slug}"):
            html = client.get(path, headers=HTML).text
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
            assert "<script>alert(1)" not in html
            assert not any("onerror" in attrs for _tag, attrs in parse(html)), path


@pytest.mark.parametrize(
    ("score", "expected"),
    [(None, "heat-none"), (0.0, "heat-0"), (0.55, "heat-6"), (1.0, "heat-10")],
)
def test_heat_class(score: float | None, expected: str) -> None:
    assert heat_class(score) == expected


def test_docs_are_served_from_vendored_files(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    for tag, attrs in parse(response.text):
        for name in ("src", "href"):
            value = attrs.get(name)
            if value:
                assert value.startswith("/"), (tag, value)
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/vendor/yasgui/yasgui.min.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "brn-graph"


def test_cluster_page_names_its_context_and_date(client: TestClient) -> None:
    """Issue 9: every number on a cluster page comes with the context and date it holds for."""
    for lang, word in (("da", "skæringsdato 2024-09-20"), ("en", "as of 2024-09-20")):
        html = client.get(f"/clusters/energy-cluster-denmark?lang={lang}", headers=HTML).text
        assert 'class="muted context-line"' in html
        assert word in html


def _matrix_means(html: str) -> dict[str, str]:
    """The last cell (the mean) of each matrix row, by cluster id."""
    table = html[html.index('class="matrix"') :]
    table = table[: table.index("</table>")]
    means = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        cluster = re.search(r'href="/clusters/([^"?]+)', row)
        cells = re.findall(r'<td class="num">(.*?)</td>', row, flags=re.S)
        if cluster and cells:
            means[cluster.group(1)] = cells[-1].strip()
    return means


@pytest.mark.parametrize(
    ("lang", "none", "of"), [("da", "ikke vurderet", "af"), ("en", "not assessed", "of")]
)
def test_matrix_mean_counts_assessed_cells_only(
    client: TestClient, lang: str, none: str, of: str
) -> None:
    """Unknown is never 0: a row of "·" reads "not assessed", and a row with one assessed cell
    of five shows that cell's score with "(1 of 5)", not the score divided by five."""
    matrix = client.get(
        "/api/documents/brn-nordjyllandsstemme/matrix", params={"lang": lang}
    ).json()
    means = _matrix_means(client.get("/", params={"lang": lang}, headers=HTML).text)
    assert set(means) == {r["cluster"]["id"] for r in matrix["rows"]}
    seen_none = seen_partial = False
    for row in matrix["rows"]:
        assessed = [c for c in row["cells"] if c["origin"]]
        assert row["assessed"] == len(assessed)
        assert row["goals"] == len(row["cells"])
        shown = means[row["cluster"]["id"]]
        if not assessed:
            seen_none = True
            assert row["assessed_mean"] is None
            assert shown == none
        else:
            mean = sum(c["score"] for c in assessed) / len(assessed)
            assert row["assessed_mean"] == pytest.approx(mean, abs=1e-3)
            assert shown.endswith(f"({len(assessed)} {of} {len(row['cells'])})"), shown
            seen_partial = seen_partial or len(assessed) < len(row["cells"])
    assert seen_none  # the data has rows of both kinds
    assert seen_partial


@pytest.mark.parametrize(
    ("lang", "share_words", "weight_words"),
    [
        ("da", "andel af sammenhængskriteriet", "vægt i samlet score"),
        ("en", "share of the alignment criterion", "weight in the total score"),
    ],
)
def test_framework_share_and_total_weight_are_named_apart(
    client: TestClient, lang: str, share_words: str, weight_words: str
) -> None:
    """A framework's share of the alignment criterion (25 %) and its weight in the total score
    (0.125) are two numbers: no page calls both plain "weight"."""
    ranking = client.get("/api/ranking", params={"lang": lang, "samples": 0}).json()
    front = client.get("/", params={"lang": lang}, headers=HTML).text
    brief = client.get("/brief", params={"lang": lang}).text
    context_lines = ranking["context"]["summary"]
    framework_lines = [line for line in context_lines if share_words in line]
    assert len(framework_lines) == 4  # one per framework of the decision context
    bare = "vægt " if lang == "da" else "weight "
    for line in framework_lines:
        assert bare not in line.replace(weight_words, ""), line
        assert escape(line).replace("&#x27;", "&#39;") in front
    assert weight_words.split(" ", 1)[1] + "</legend>" in front  # the weights form's legend
    assert weight_words in brief
    assert f": {bare}0" not in brief


def test_front_page_honours_as_of_and_context(client: TestClient) -> None:
    """`?as_of=` and `?context=` choose the decision shown, as on /network and /api/ranking."""
    default = client.get("/", params={"lang": "en"}, headers=HTML)
    assert "as of 2021-06-01" not in default.text
    dated = client.get("/", params={"lang": "en", "as_of": "2021-06-01"}, headers=HTML)
    assert dated.status_code == 200
    assert "The figures are as of 2021-06-01" in dated.text
    assert ("input", {"type": "hidden", "name": "as_of", "value": "2021-06-01"}) in parse(
        dated.text
    )
    assert "as_of=2021-06-01" in dated.text  # the downloads keep the date
    assert 'href="/?lang=en&amp;as_of=2021-06-01#decision"' in dated.text  # so does "reset"
    ranking = client.get("/api/ranking", params={"lang": "en", "as_of": "2021-06-01"}).json()
    assert ranking["context"]["as_of"] == "2021-06-01"
    named = client.get("/", params={"lang": "en", "context": ranking["context"]["id"]})
    assert named.status_code == 200


@pytest.mark.parametrize(
    ("params", "status"), [({"as_of": "2024-13-01"}, 422), ({"context": "no-such-context"}, 404)]
)
def test_front_page_refuses_a_bad_date_or_context_like_network(
    client: TestClient, params: dict[str, str], status: int
) -> None:
    front = client.get("/", params={"lang": "en", **params}, headers=HTML)
    network = client.get("/network", params={"lang": "en", **params}, headers=HTML)
    assert (front.status_code, network.status_code) == (status, status)
    assert _main(front.text) == _main(network.text)  # the same error, in the same words


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]
