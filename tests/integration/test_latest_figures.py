"""``count_members_per_cluster`` picks the latest national figure: one row per cluster.

Regression for issue 15: for the query's old shape (inside an ``OPTIONAL``, a ``MAX(STR(?date))``
sub-select joined to the figures with ``FILTER(STR(?date) = ?latest)``) Virtuoso 7.2.5 dropped
the filter and returned every combination of yearly figures: 10,000 rows instead of 120 on
the data below, 9,727 instead of 120 on the synthetic 1M graph. The query now keeps every
national figure MINUS those with a later national figure of the same cluster.

The data: the hand-written fixture (``tests/fixtures/queries/latest-figures``: two or more
dated figures per cluster, a later figure for one municipality, which is not national, dates
of two datatypes, a cluster without figures, one with member lists; expected values read off
its header) and 120 generated clusters with ten yearly member and SME figures each (2015-2024;
the latest is 2024's), the size at which Virtuoso's plan dropped the filter. The same data
runs on Virtuoso in ``test_virtuoso.py`` when it is installed; here it runs on embedded
Oxigraph, always. (rdflib's engine needs over 60 s for this query on these 124 clusters; it
is compared with Oxigraph on the bundled and the synthetic 10k data in
``test_catalogue_queries.py``.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from brn_graph.config import Settings
from brn_graph.graph.terms import QueryResult
from brn_graph.query.catalog import load_catalog
from brn_graph.query.engine import QueryEngine

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "queries" / "latest-figures"
CLUSTER = "https://w3id.org/brn-graph/id/cluster/"
#: cluster -> (members, members basis, members date, SMEs, SMEs basis, SMEs date)
EXPECTED: dict[str, tuple[float | None, str, str | None, float | None, str, str | None]] = {
    CLUSTER + "test-alpha": (120.0, "figure", "2023", 70.0, "figure", "2023"),
    CLUSTER + "test-beta": (310.0, "figure", "2023-12-31", None, "unknown", None),
    CLUSTER + "test-gamma": (None, "unknown", None, None, "unknown", None),
    CLUSTER + "test-delta": (1.0, "memberships", None, 40.0, "figure", "2022"),
}
GENERATED_CLUSTERS = 120
YEARS = range(2015, 2025)
Summary = list[tuple[str, float | None, str, str | None, float | None, str, str | None]]


def members_in(cluster: int, year: int) -> int:
    """The generated member figure of a cluster for a year (SMEs: half of it)."""
    return 100 + 3 * cluster + (year - YEARS.start)


def write_data(folder: Path) -> Path:
    """The fixture plus the generated clusters, in ``folder``; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    fixture = (FIXTURE / "figures.ttl").read_text(encoding="utf-8")
    (folder / "figures.ttl").write_text(fixture, encoding="utf-8")
    prefixes = [line for line in fixture.splitlines() if line.startswith("@prefix")]
    lines = list(prefixes)
    for c in range(GENERATED_CLUSTERS):
        lines.append(
            f"cluster:test-{c:03d} a brn:Cluster ; "
            f'skos:prefLabel "Testklynge {c:03d}"@da , "Test cluster {c:03d}"@en .'
        )
        for year in YEARS:
            for measure, slug, value in (
                ("Members", "members", members_in(c, year)),
                ("SMEMembers", "smes", members_in(c, year) // 2),
            ):
                lines.append(
                    f"fig:test-{c:03d}-{slug}-{year} a brn:Figure ; "
                    f"brn:figureOf cluster:test-{c:03d} ; brn:measure brn:{measure} ; "
                    f'schema:value {value} ; dct:date "{year}"^^xsd:gYear .'
                )
    (folder / "generated.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def data_settings(folder: Path) -> Settings:
    return Settings(data_paths=(folder,), query_timeout=60.0)


def run_query(engine: QueryEngine, lang: str = "en") -> QueryResult:
    catalog = load_catalog(Settings().queries_dir)
    bound = catalog.bind("count_members_per_cluster", {}, lang=lang)  # type: ignore[arg-type]
    return engine.run(bound.checked, bindings=bound.bindings)


def summary(result: QueryResult) -> Summary:
    """One tuple per row (duplicates kept), in the order of :data:`EXPECTED`'s values."""

    def number(value: str | None) -> float | None:
        return None if value is None else float(value)

    rows = []
    for record in result.records():
        cell = {k: t.value for k, t in record.items()}
        rows.append(
            (
                cell["cluster"],
                number(cell.get("members")),
                cell["members_basis"],
                cell.get("members_date"),
                number(cell.get("smes")),
                cell["smes_basis"],
                cell.get("smes_date"),
            )
        )
    return sorted(rows, key=repr)


def expected_summary() -> Summary:
    rows: Summary = [(cluster, *values) for cluster, values in EXPECTED.items()]
    latest = YEARS[-1]
    for c in range(GENERATED_CLUSTERS):
        members = members_in(c, latest)
        rows.append(
            (
                f"{CLUSTER}test-{c:03d}",
                float(members),
                "figure",
                str(latest),
                float(members // 2),
                "figure",
                str(latest),
            )
        )
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_data(tmp_path_factory.mktemp("latest-figures"))


@pytest.fixture(scope="module")
def engine(data: Path) -> Iterator[QueryEngine]:
    settings = data_settings(data).with_overrides(store="oxigraph")
    with QueryEngine(settings, workers=1) as started:
        yield started


@pytest.mark.parametrize("lang", ["da", "en"])
def test_one_row_per_cluster_with_its_latest_national_figure(
    engine: QueryEngine, lang: str
) -> None:
    result = run_query(engine, lang)
    assert len(result.rows) == len(EXPECTED) + GENERATED_CLUSTERS
    assert summary(result) == expected_summary()
