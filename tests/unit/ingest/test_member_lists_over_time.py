"""Member lists over time: a newer list supersedes an older one for the dates it holds.

Two generated lists for Energy Cluster Denmark: ``old.csv`` as of 2024-06-01 and ``new.csv``
as of 2024-09-01 (the old list without its first 30 companies, plus 20 new ones); some tests
add ``late.csv`` as of 2024-10-01, after the 2024 decision (2024-09-20). The expected counts
are worked out from the generated rows here, not from the code under test.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from benchmarks.ingest_generate import NORTH_JUTLAND, member_rows, write_csv
from brn_graph.alignment.engagement import Metric, compute_engagement
from brn_graph.config import Settings
from brn_graph.context.view import build_context_model
from brn_graph.graph.loader import load_dataset
from brn_graph.graph.store import open_store
from brn_graph.graph.terms import Record, Term
from brn_graph.ingest.pipeline import ingest_members
from brn_graph.ingest.write import ImportsFolder
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import load_catalog

ECD = "https://w3id.org/brn-graph/id/cluster/energy-cluster-denmark"
IMPORT = "https://w3id.org/brn-graph/id/import/"
NJ_NAMES = {name for _, name in NORTH_JUTLAND} | {code for code, _ in NORTH_JUTLAND}
SME_SIZES = {"0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-199"}
Rows = list[tuple[str, ...]]


def in_nj(rows: Rows) -> tuple[int, int]:
    """(members, SMEs) in North Jutland, counted from the generated rows."""
    nj = [r for r in rows if r[5] in NJ_NAMES]
    return len(nj), sum(1 for r in nj if r[8] in SME_SIZES)


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Rows]]:
    folder = tmp_path_factory.mktemp("lists")
    old = list(member_rows(120, seed=101))
    new = old[30:] + list(member_rows(20, seed=202))
    late = new[:70]
    assert len({r[0] for r in new}) == len(new)  # the seeds give distinct CVR numbers
    return {
        name: (write_csv(folder / f"{name}.csv", rows), rows)
        for name, rows in (("old", old), ("new", new), ("late", late))
    }


class Graph:
    """The bundled data with the imports of ``settings``, loaded afresh (as a new process)."""

    def __init__(self, settings: Settings, store: str = "oxigraph") -> None:
        self.settings = settings.with_overrides(store=store)
        loaded = load_dataset(self.settings)
        self.queries = GraphQueries.local(
            open_store(self.settings, loaded), load_catalog(self.settings.queries_dir)
        )

    def per_cluster(self, as_of: str) -> Record:
        rows = self.queries.select(
            "count_members_per_cluster", as_of=Term.literal(as_of, datatype=XSD_DATE)
        )
        return next(r for r in rows if str(r["cluster"]) == ECD)

    def per_municipality(self, as_of: str) -> list[dict[str, str]]:
        rows = self.queries.select(
            "count_members_per_municipality", as_of=Term.literal(as_of, datatype=XSD_DATE)
        )
        return sorted(
            ({k: str(v) for k, v in r.items()} for r in rows if str(r["cluster"]) == ECD),
            key=lambda r: r["municipality"],
        )

    def nj_totals(self, as_of: str) -> tuple[int, int]:
        rows = self.per_municipality(as_of)
        return sum(int(r["members"]) for r in rows), sum(int(r["smes"]) for r in rows)

    def engagement(self, as_of: str | None = None) -> tuple[Metric, Metric]:
        day = date.fromisoformat(as_of) if as_of else None
        built = build_context_model(self.queries, self.settings, as_of=day)
        report = compute_engagement(self.queries, built.model, self.settings, lang="en")
        found = report.by_cluster(ECD)
        assert found is not None
        return found.metric("members_nj"), found.metric("smes_nj")


XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def ingest(settings: Settings, path: Path, as_of: str) -> str:
    report = ingest_members(settings, path, cluster="energy-cluster-denmark", as_of=as_of)
    assert report.status == "committed", report.render("en")
    return report.import_id


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(imports_dir=tmp_path / "imports", lang="en")


def test_counts_come_from_the_latest_list_on_or_before_the_date(
    settings: Settings, lists: dict[str, tuple[Path, Rows]]
) -> None:
    (old_path, old), (new_path, new) = lists["old"], lists["new"]
    old_id = ingest(settings, old_path, "2024-06-01")
    new_id = ingest(settings, new_path, "2024-09-01")
    graph = Graph(settings)

    # before the first list: no list holds; the cluster's national figure (500, 2024) counts
    before = graph.per_cluster("2024-05-31")
    assert (str(before["members_basis"]), "members_list" in before) == ("figure", False)
    assert graph.per_municipality("2024-05-31") == []

    # between the two: the old list, members who left still counted
    between = graph.per_cluster("2024-06-01")
    assert (int(str(between["members"])), str(between["members_basis"])) == (120, "memberships")
    assert (str(between["members_date"]), str(between["members_list"])) == (
        "2024-06-01",
        IMPORT + old_id,
    )
    assert graph.nj_totals("2024-08-31") == in_nj(old)

    # from the newer list's date on: only the new list (30 left, 20 joined)
    after = graph.per_cluster("2024-09-20")
    assert (int(str(after["members"])), str(after["members_list"])) == (110, IMPORT + new_id)
    assert graph.nj_totals("2024-09-01") == in_nj(new)
    assert graph.nj_totals("2030-01-01") == in_nj(new)
    assert {r["member_list"] for r in graph.per_municipality("2024-09-20")} == {IMPORT + new_id}
    assert in_nj(old) != in_nj(new)  # (so that the dates above tell the lists apart)


def test_both_engines_pick_the_same_list(
    settings: Settings, lists: dict[str, tuple[Path, Rows]]
) -> None:
    ingest(settings, lists["old"][0], "2024-06-01")
    ingest(settings, lists["new"][0], "2024-09-01")
    oxigraph, rdflib = Graph(settings), Graph(settings, store="memory")
    for day in ("2024-07-01", "2024-09-20"):
        assert oxigraph.per_municipality(day) == rdflib.per_municipality(day), day
        assert oxigraph.per_cluster(day) == rdflib.per_cluster(day), day


def test_engagement_says_which_list_it_used_and_which_came_too_late(
    settings: Settings, lists: dict[str, tuple[Path, Rows]]
) -> None:
    ingest(settings, lists["old"][0], "2024-06-01")
    ingest(settings, lists["new"][0], "2024-09-01")
    ingest(settings, lists["late"][0], "2024-10-01")
    graph = Graph(settings)

    # the decision context (2024-09-20): the list of 2024-09-01; the later one named, not used
    members, smes = graph.engagement()
    assert (members.value, smes.value) == in_nj(lists["new"][1])
    assert members.date == "2024-09-01"
    assert members.note is not None
    assert "from the member list as of 2024-09-01 (Imported file new.csv)" in members.note
    assert "a member list as of 2024-10-01 is dated after 2024-09-20" in members.note
    assert [s.title.get("en") for s in members.sources] == ["Imported file new.csv"]

    # on a date between the first two: the old list, and both later lists named
    members, _ = graph.engagement("2024-07-01")
    assert members.value == in_nj(lists["old"][1])[0]
    assert members.note is not None
    assert "(Imported file old.csv)" in members.note
    assert "as of 2024-09-01 is dated after 2024-07-01" in members.note

    # after the late list's date it counts
    members, _ = graph.engagement("2024-10-15")
    assert members.value == in_nj(lists["late"][1])[0]
    assert members.note is not None
    assert "dated after" not in members.note


def test_reverting_the_newer_list_restores_the_older_counts_exactly(
    settings: Settings, lists: dict[str, tuple[Path, Rows]]
) -> None:
    ingest(settings, lists["old"][0], "2024-06-01")
    graph = Graph(settings)
    before = (graph.per_cluster("2024-09-20"), graph.per_municipality("2024-09-20"))
    engagement_before = [m.to_dict() for m in graph.engagement()]

    new_id = ingest(settings, lists["new"][0], "2024-09-01")
    assert Graph(settings).per_municipality("2024-09-20") != before[1]

    ImportsFolder(settings.imports_dir).revert(new_id, agent="test", when="2024-09-02T00:00:00")
    graph = Graph(settings)
    assert (graph.per_cluster("2024-09-20"), graph.per_municipality("2024-09-20")) == before
    assert [m.to_dict() for m in graph.engagement()] == engagement_before


def test_an_older_list_imported_after_a_newer_one_does_not_supersede_it(
    settings: Settings, lists: dict[str, tuple[Path, Rows]]
) -> None:
    new_id = ingest(settings, lists["new"][0], "2024-09-01")
    old_id = ingest(settings, lists["old"][0], "2024-06-01")
    graph = Graph(settings)
    assert str(graph.per_cluster("2024-09-20")["members_list"]) == IMPORT + new_id
    assert graph.nj_totals("2024-09-20") == in_nj(lists["new"][1])
    assert str(graph.per_cluster("2024-07-01")["members_list"]) == IMPORT + old_id
    assert graph.nj_totals("2024-07-01") == in_nj(lists["old"][1])
    members, _ = graph.engagement()
    assert members.value == in_nj(lists["new"][1])[0]


def test_re_importing_the_newer_list_changes_nothing(
    settings: Settings, lists: dict[str, tuple[Path, Rows]]
) -> None:
    ingest(settings, lists["old"][0], "2024-06-01")
    ingest(settings, lists["new"][0], "2024-09-01")
    files = sorted(p.read_bytes() for p in settings.imports_dir.glob("*.ttl"))
    again = ingest_members(
        settings, lists["new"][0], cluster="energy-cluster-denmark", as_of="2024-09-01"
    )
    assert again.status == "unchanged"
    assert sorted(p.read_bytes() for p in settings.imports_dir.glob("*.ttl")) == files


def test_of_two_lists_with_the_same_date_the_one_imported_last_holds(
    settings: Settings, lists: dict[str, tuple[Path, Rows]]
) -> None:
    # a corrected export for the same day, imported later (import times are whole seconds)
    new_id = ingest(settings, lists["new"][0], "2024-09-01")
    time.sleep(1.1)
    fixed_id = ingest(settings, lists["late"][0], "2024-09-01")
    graph = Graph(settings)
    assert str(graph.per_cluster("2024-09-20")["members_list"]) == IMPORT + fixed_id
    assert graph.nj_totals("2024-09-20") == in_nj(lists["late"][1])
    members, _ = graph.engagement()
    assert members.value == in_nj(lists["late"][1])[0]

    ImportsFolder(settings.imports_dir).revert(fixed_id, agent="test", when="2024-09-02T00:00:00")
    graph = Graph(settings)
    assert str(graph.per_cluster("2024-09-20")["members_list"]) == IMPORT + new_id


def test_a_company_whose_size_changed_counts_by_each_lists_own_size(
    settings: Settings, tmp_path: Path
) -> None:
    header = "CVR-nummer;Navn;Kommune;Branchekode;Virksomhedsform;Antal ansatte\n"
    small = tmp_path / "small.csv"
    small.write_text(header + "13585628;Firma A/S;Aalborg;;;12\n", encoding="utf-8")
    grown = tmp_path / "grown.csv"
    grown.write_text(header + "13585628;Firma A/S;Aalborg;;;300\n", encoding="utf-8")
    ingest(settings, small, "2024-06-01")
    ingest(settings, grown, "2024-09-01")
    graph = Graph(settings)
    assert graph.nj_totals("2024-07-01") == (1, 1)  # an SME on the first list
    assert graph.nj_totals("2024-09-20") == (1, 0)  # large on the second
    _, smes = graph.engagement()
    assert smes.value == 0
