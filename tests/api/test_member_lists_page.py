"""The front page's members column: North Jutland members and SMEs per cluster on the
decision context's date, from the list that holds then, with its source; unknown, never 0.

The graph is the bundled data with three generated member lists of Energy Cluster Denmark:
``old.csv`` (2024-06-01), ``new.csv`` (2024-09-01, the list that holds on 2024-09-20) and
``late.csv`` (2024-10-01, after the decision: it must not count).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from api.app import attach_state, create_app, service_holder
from api.state import ServiceState, build_state, close_state
from benchmarks.ingest_generate import NORTH_JUTLAND, member_rows, write_csv
from brn_graph.config import Settings
from brn_graph.ingest.pipeline import ingest_members
from brn_graph.network.analytics import EdgeKind, NetworkProjection, project_network

ECD = "energy-cluster-denmark"
NJ = {name for _, name in NORTH_JUTLAND} | {code for code, _ in NORTH_JUTLAND}
SME = {"0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-199"}
LARGE = {"500-999", "1000+"}


class Tables(HTMLParser):
    """Each table's rows (by the table's id or class): per cell its text, title and link."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[dict[str, str]]]] = {}
        self.current: list[list[dict[str, str]]] | None = None
        self.cell: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.current = self.tables.setdefault(a.get("id") or a.get("class", ""), [])
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in ("td", "th") and self.current is not None:
            self.cell = {"text": "", "title": "", "href": "", "header_title": a.get("title", "")}
            self.current[-1].append(self.cell)
        elif self.cell is not None and tag in ("a", "span"):
            self.cell["title"] = self.cell["title"] or a.get("title", "")
            if tag == "a" and not self.cell["href"]:
                self.cell["href"] = a.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"] += data


def tables(html: str) -> dict[str, list[list[dict[str, str]]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def row_of(rows: list[list[dict[str, str]]], link: str) -> list[dict[str, str]]:
    return next(r for r in rows if any(c["href"].startswith(f"/clusters/{link}?") for c in r))


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("lists")
    settings = Settings(imports_dir=folder / "imports", lang="da")
    old = list(member_rows(150, seed=303))
    new = old[40:] + list(member_rows(30, seed=404))
    late = new[:60]
    ids = {}
    for name, rows, day in (
        ("old", old, "2024-06-01"),
        ("new", new, "2024-09-01"),
        ("late", late, "2024-10-01"),
    ):
        report = ingest_members(
            settings, write_csv(folder / f"{name}.csv", rows), cluster=ECD, as_of=day
        )
        assert report.status == "committed", report.render("en")
        ids[name] = report.import_id
    nj = [r for r in new if r[5] in NJ]
    expected = {
        "members": str(len(nj)),
        "smes": str(sum(1 for r in nj if r[8] in SME)),
        "some_unknown": str(any(r[8] not in SME | LARGE for r in nj)),
        "new_id": ids["new"],
        "new_cvrs": " ".join(sorted(r[0] for r in new)),
        "every_cvr": " ".join(sorted({r[0] for r in old + new + late})),
    }
    state: ServiceState = build_state(settings, workers=1)
    app = create_app(settings, load_graph=False)
    attach_state(app, state)
    try:
        with TestClient(app) as client:
            yield client, expected
    finally:
        close_state(state)


@pytest.mark.parametrize(
    ("lang", "column", "value", "at_least", "source", "unknown"),
    [
        (
            "en",
            "Members in North Jutland (of which SMEs)",
            "{members} ({smes} SMEs)",
            "{members} (at least {smes} SMEs)",
            "Source: Imported file new.csv, as of 2024-09-01",
            "unknown",
        ),
        (
            "da",
            "Medlemmer i Nordjylland (heraf SMV)",
            "{members} ({smes} SMV)",
            "{members} (mindst {smes} SMV)",
            "Kilde: Importeret fil new.csv, pr. 2024-09-01",
            "ukendt",
        ),
    ],
)
def test_clusters_and_ranking_tables_show_members_on_the_decision_date(
    setup: tuple[TestClient, dict[str, str]],
    lang: str,
    column: str,
    value: str,
    at_least: str,
    source: str,
    unknown: str,
) -> None:
    client, expected = setup
    response = client.get("/", params={"lang": lang})
    assert response.status_code == 200
    found = tables(response.text)
    wanted = (at_least if expected["some_unknown"] == "True" else value).format(**expected)
    for name in ("clusters", "ranking-table"):
        rows = found[name]
        header = [c["text"].strip() for c in rows[0]]
        assert header[-1] == column, name
        assert "2024-09-20" in rows[0][-1]["header_title"]
        ecd = row_of(rows, ECD)[-1]
        # the list of 2024-09-01 holds on 2024-09-20; the one of 2024-10-01 does not count
        assert ecd["text"].strip() == wanted, name
        assert ecd["title"] == source
        assert ecd["href"] == f"/id/source/import-{expected['new_id']}?lang={lang}"
        # a cluster with no member list and no figure for North Jutland: unknown, never 0
        digitallead = row_of(rows, "digitallead")[-1]
        assert digitallead["text"].strip() == unknown, name
        assert "2024-09-20" in digitallead["title"]
    # a cluster off the long list is still in the clusters table, with its own cell
    clean = row_of(found["clusters"], "clean")[-1]
    assert clean["text"].strip() == unknown


def test_the_source_link_opens_the_imported_file_record(
    setup: tuple[TestClient, dict[str, str]],
) -> None:
    client, expected = setup
    page = client.get(f"/id/source/import-{expected['new_id']}", params={"lang": "en"})
    assert page.status_code == 200
    assert "new.csv" in page.text


def ecd_rows(client: TestClient, **params: str) -> list[dict[str, str]]:
    response = client.get(
        "/api/queries/count_members_per_municipality",
        params={"lang": "en", **params},
        headers={"Accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    rows = csv.DictReader(io.StringIO(response.text))
    return [r for r in rows if r["cluster"].endswith("/" + ECD)]


def test_rest_routes_count_on_the_date_asked(setup: tuple[TestClient, dict[str, str]]) -> None:
    client, expected = setup
    listed = "https://w3id.org/brn-graph/id/import/" + expected["new_id"]
    # the named query on the decision date (its default): the list of 2024-09-01
    rows = ecd_rows(client)
    assert sum(int(r["members"]) for r in rows) == int(expected["members"])
    assert {(r["member_list"], r["as_of"]) for r in rows} == {(listed, "2024-09-20")}
    # from 2024-10-01 the late list holds
    later = {r["member_list"] for r in ecd_rows(client, as_of="2024-10-01")}
    assert len(later) == 1
    assert later != {listed}
    # engagement on the decision date names the list it used and the later one
    body = client.get("/api/engagement", params={"lang": "en"}).json()
    ecd = next(c for c in body["clusters"] if c["cluster"]["id"] == ECD)
    note = ecd["metrics"]["members_nj"]["note"]
    assert "from the member list as of 2024-09-01 (Imported file new.csv)" in note
    assert "a member list as of 2024-10-01 is dated after 2024-09-20" in note
    assert ecd["metrics"]["members_nj"]["value"] == int(expected["members"])


def _member_cvrs(projection: NetworkProjection, cluster: str) -> set[str]:
    return {
        e.source.rsplit("/", 1)[-1]
        for e in projection.edges
        if e.kind is EdgeKind.MEMBER_OF and e.target.endswith(f"/cluster/{cluster}")
    }


def test_the_network_of_the_decision_context_shows_the_members_on_its_date(
    setup: tuple[TestClient, dict[str, str]],
) -> None:
    """The network drew every membership ever imported (old, superseded and after the
    decision); in a decision context it shows the members of the list that holds then."""
    client, expected = setup
    state = service_holder(client.app).current  # type: ignore[arg-type]
    assert state is not None
    assert state.model.data.as_of == "2024-09-20"
    on_the_date = project_network(state.queries, state.model, state.settings)
    assert _member_cvrs(on_the_date, ECD) == set(expected["new_cvrs"].split())
    everything = replace(state.model, data=replace(state.model.data, as_of=None))
    recorded = project_network(state.queries, everything, state.settings)
    assert _member_cvrs(recorded, ECD) == set(expected["every_cvr"].split())
