"""Every analytics command on the bundled data, through the real ``brn-graph`` command.

Also checks the promises of the issue on the bundled data: every score expands through
explain into evidence whose sources are web addresses, and every cluster of the process plan
appears in the ranking (one without evidence last, saying so).
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from brn_graph.alignment.explain import explain_alignment
from brn_graph.alignment.scores import AlignmentModel, build_alignment_model
from brn_graph.config import Settings
from brn_graph.context.view import build_context_model
from tests.reference import PROCESS_PLAN_CLUSTERS, run_cli
from tests.unit.alignment.fixture import graph_queries


def brn_graph(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--lang", "en", *args)


def run_json(*args: str) -> Any:
    result = brn_graph(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@cache
def model() -> AlignmentModel:
    settings = Settings(lang="en")
    return build_alignment_model(graph_queries(settings), settings)


@pytest.mark.parametrize(
    "args",
    [
        ("alignment",),
        ("alignment", "energy-cluster-denmark"),
        ("alignment", "--document", "brn-nordjyllandsstemme"),
        ("gaps",),
        ("rank", "--samples", "200"),
        ("engagement",),
        ("network-stats",),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_every_command_runs(args: tuple[str, ...], fmt: str) -> None:
    result = brn_graph(*args, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    if fmt == "json":
        json.loads(result.stdout)


@cache
def decision_model() -> AlignmentModel:
    """The default decision context on its date: what the commands show by default."""
    settings = Settings(lang="en")
    return build_context_model(graph_queries(settings), settings).model


def test_explain_runs_in_every_format() -> None:
    pair = next(iter(decision_model().scores))
    cluster, goal = (iri.rsplit("/", 1)[-1] for iri in pair)
    for fmt in ("table", "csv", "json"):
        result = brn_graph("explain", cluster, goal, "--format", fmt)
        assert result.returncode == 0, result.stderr
    data = run_json("explain", cluster, goal)
    assert data["score"] > 0
    assert data["evidence"]
    assert data["context"]["as_of"] == "2024-09-20"


def test_rank_names_its_context_date_frameworks_and_stand_ins() -> None:
    ranking = run_json("rank", "--samples", "0")
    context = ranking["context"]
    assert context["id"] == "brn-cluster-decision-2024"
    assert context["as_of"] == "2024-09-20"
    assert sorted(c["id"] for c in ranking["clusters"]) == sorted(PROCESS_PLAN_CLUSTERS)
    assert sorted(context["long_list"]) == sorted(PROCESS_PLAN_CLUSTERS)
    used = {f["used"] for f in context["frameworks"] if f["used"]}
    documents = {
        c["document"]["id"] for c in ranking["criteria"] if c["name"].startswith("alignment:")
    }
    assert documents == used
    assert sum(c["weight"] for c in ranking["criteria"]) == pytest.approx(1.0, abs=1e-3)
    assert context["stand_ins"], "the 2024 decision rests on declared stand-ins"
    for stand_in in context["stand_ins"]:
        assert stand_in["stand_in"] in used
        assert stand_in["note"]


def test_rank_on_an_earlier_date_and_the_comparison() -> None:
    early = run_json("rank", "--samples", "0", "--as-of", "2021-06-01")
    late = run_json("rank", "--samples", "0")
    assert early["context"]["as_of"] == "2021-06-01"
    assert [f["status"] for f in early["context"]["frameworks"]] != [
        f["status"] for f in late["context"]["frameworks"]
    ]
    compared = run_json(
        "rank", "--samples", "0", "--as-of", "2024-09-20", "--compare-to", "2021-06-01"
    )
    assert compared["baseline_context"]["as_of"] == "2021-06-01"
    by_id = {c["cluster"]["id"]: c for c in compared["clusters"]}
    assert set(by_id) == set(PROCESS_PLAN_CLUSTERS)
    early_ranks = {c["id"]: c["rank"] for c in early["clusters"]}
    assert {k: v["baseline_rank"] for k, v in by_id.items()} == early_ranks


def test_gaps_of_kind_no_cluster_have_no_cluster() -> None:
    report = run_json("gaps", "--kind", "no-cluster")
    assert report["context"]["as_of"] == "2024-09-20"
    for gap in report["gaps"]:
        assert gap["kind"] == "no-cluster"
        assert gap["clusters"] == []


def test_completeness_is_reported_for_the_context() -> None:
    found = run_json("alignment", "--completeness")["completeness"]
    assert found["pairs"] > 0
    assert found["assessed"] + len(found["missing"]) == found["pairs"]


def test_danish_context_lines_have_no_english() -> None:
    result = run_cli("--lang", "da", "rank", "--samples", "0")
    assert result.returncode == 0, result.stderr
    head = result.stdout.split("\n\n", 1)[0]
    assert head.startswith("Kontekst: ")
    for word in ("Context", "as of", "Framework", "weight", "stand-in", " used", "not counted"):
        assert word not in head


def test_bad_dates_are_usage_errors() -> None:
    for args in (("rank", "--as-of", "2024-13-01"), ("gaps", "--as-of", "yesterday")):
        result = brn_graph(*args)
        assert result.returncode == 2
        assert "as-of" in result.stderr
        assert "Traceback" not in result.stderr


def test_rank_lists_every_process_plan_cluster_with_its_interval() -> None:
    ranking = run_json("rank", "--samples", "300", "--top", "3", "--seed", "1")
    clusters = {c["id"]: c for c in ranking["clusters"]}
    assert set(PROCESS_PLAN_CLUSTERS) <= set(clusters)
    for entry in ranking["clusters"]:
        assert {"id", "label", "score", "rank", "rank_interval", "top_k_probability"} <= set(entry)
        low, high = entry["rank_interval"]
        assert entry["rank_min"] <= low <= high <= entry["rank_max"]
    ranks = [c["rank"] for c in ranking["clusters"]]
    assert ranks == sorted(ranks)
    without = [c for c in ranking["clusters"] if not c["has_evidence"]]
    if without:
        first_without = min(c["rank"] for c in without)
        assert all(c["rank"] < first_without for c in ranking["clusters"] if c["has_evidence"])
        assert all("ranked last" in c["note"] for c in without)
    assert ranking["conclusions"]
    for entry in ranking["excluded"]:
        assert entry["dissolved"]
        assert entry["id"] not in clusters


def test_rank_is_reproducible_with_a_seed() -> None:
    first = run_json("rank", "--samples", "200", "--seed", "5")
    second = run_json("rank", "--samples", "200", "--seed", "5")
    assert first == second


def test_rank_weights_from_the_command_line() -> None:
    ranking = run_json("rank", "--weights", "engagement=1,alignment=0,evidence=0", "--samples", "0")
    weights = {c["name"]: c["weight"] for c in ranking["criteria"]}
    assert weights["engagement"] == 1.0
    assert sum(weights.values()) == pytest.approx(1.0)


def test_every_score_expands_into_evidence_with_web_sources() -> None:
    m = model()
    assert m.scores, "the bundled data gives no alignment at all"
    missing = []
    for cluster, goal in m.scores:
        explanation = explain_alignment(m, cluster, goal, lang="en")
        counted = [e for e in explanation.evidence if e.counted]
        assert counted, f"{cluster} x {goal}: a score without evidence"
        for item in counted:
            if not item.web_sources:
                missing.append(f"{item.alignment or item.rule}: {cluster} x {goal}")
    assert not missing, "evidence without a web source:\n" + "\n".join(missing)


def test_unknown_names_fail_with_suggestions() -> None:
    result = brn_graph("explain", "energy-cluster", "brn-nordjyllandsstemme-1")
    assert result.returncode == 2
    assert "did you mean" in result.stderr
    assert "energy-cluster-denmark" in result.stderr
    result = brn_graph("alignment", "--document", "brn-nordjylandsstemme")
    assert result.returncode == 2
    assert "brn-nordjyllandsstemme" in result.stderr
    result = brn_graph("rank", "--weights", "engagment=1")
    assert result.returncode == 2
    assert "engagement" in result.stderr


def test_engagement_shows_missing_as_missing() -> None:
    report = run_json("engagement")
    names = {c["cluster"]["id"] for c in report["clusters"]}
    assert set(PROCESS_PLAN_CLUSTERS) <= names
    for cluster in report["clusters"]:
        for metric in cluster["metrics"].values():
            assert metric["missing"] == (metric["value"] is None)
            if not metric["missing"] and metric["items"]:
                assert metric["sources"], f"{cluster['cluster']['id']} {metric['name']}"


def test_both_backends_give_the_same_scores() -> None:
    settings = Settings(lang="en", store="memory")
    reference = build_alignment_model(graph_queries(settings), settings)
    assert {p: s.score for p, s in reference.scores.items()} == {
        p: s.score for p, s in model().scores.items()
    }


def test_network_view_names_its_context_and_date(tmp_path: Path) -> None:
    out = tmp_path / "network.html"
    result = brn_graph("network", "-o", str(out), "--as-of", "2021-06-01")
    assert result.returncode == 0, result.stderr
    assert "Context: " in result.stdout
    assert "as of 2021-06-01" in result.stdout


def test_rank_as_danish_excel_csv_and_xlsx(tmp_path: Path) -> None:
    """Issue 11: `--excel` CSV opens in Danish Excel; `--format xlsx` is a typed sheet."""
    import csv
    import io
    import sys

    from openpyxl import load_workbook

    cli = [sys.executable, "-m", "brn_graph"]
    done = subprocess.run(
        [*cli, "--lang", "da", "--excel", "rank", "--format", "csv"],
        capture_output=True,
        check=True,
    )
    body = done.stdout.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 9
    assert all(0 <= float(r["score"].replace(",", ".")) <= 1 for r in rows)
    assert all(int(r["interval_low"]) <= int(r["interval_high"]) for r in rows)
    out = tmp_path / "rank.xlsx"
    with out.open("wb") as handle:
        subprocess.run([*cli, "rank", "--format", "xlsx"], stdout=handle, check=True)
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "rank"
    assert isinstance(sheet["C2"].value, float)


def test_alignment_mean_counts_assessed_goals_only() -> None:
    """Unknown is never 0: the CSV has the number of assessed goals and their mean (empty when
    none is assessed), the matrix leaves unassessed goals empty, and the table says how many of
    how many were assessed, or "not assessed"."""
    matrix = run_json("alignment", "--document", "brn-nordjyllandsstemme")
    result = run_cli("--lang", "en", "alignment", "--document", "brn-nordjyllandsstemme",
                     "--format", "csv")  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines[0].split(",")
    assert "mean_score" not in header
    by_cluster = {line.split(",")[0]: dict(zip(header, line.split(","), strict=True))
                  for line in lines[1:]}  # fmt: skip
    assert "not assessed" in brn_graph("alignment", "--document", "brn-nordjyllandsstemme").stdout
    for row in matrix["rows"]:
        csv_row = by_cluster[row["cluster"]["id"]]
        assessed = [c for c in row["cells"] if c["origin"]]
        assert int(csv_row["assessed"]) == len(assessed)
        if not assessed:
            assert csv_row["assessed_mean"] == ""
        else:
            mean = sum(c["score"] for c in assessed) / len(assessed)
            assert float(csv_row["assessed_mean"]) == pytest.approx(mean, abs=1e-3)
        goals = [v for k, v in csv_row.items() if k not in ("cluster", "coverage", "assessed",
                                                              "assessed_mean")]  # fmt: skip
        assert sum(1 for v in goals if v != "") == len(assessed)


def test_engagement_projects_of_unknown_place_are_unknown_not_zero() -> None:
    """CenSec's only project in the bundled data is a national programme with no recorded
    place and no partner anchored in North Jutland: its North Jutland projects are unknown."""
    report = run_json("engagement")
    censec = next(c for c in report["clusters"] if c["cluster"]["id"] == "censec")
    assert censec["metrics"]["projects"]["value"] is None
    assert censec["metrics"]["project_value"]["value"] is None
    energy = next(c for c in report["clusters"] if c["cluster"]["id"] == "energy-cluster-denmark")
    assert energy["metrics"]["projects"]["value"] == 2  # known projects in the region still count


def _table_head(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    rule = next(k for k, line in enumerate(lines) if line.startswith("----"))
    return lines[rule - 1].split()


@pytest.mark.parametrize("command", ["rank", "engagement"])
def test_danish_text_table_headers_are_danish_and_csv_keeps_stable_names(command: str) -> None:
    danish = run_cli("--lang", "da", "--wide", command)
    assert danish.returncode == 0, danish.stderr
    header = _table_head(danish.stdout)
    assert "point" in header
    assert "score" not in header
    assert "note" not in header
    english = _table_head(run_cli("--lang", "en", "--wide", command).stdout)
    assert "score" in english
    csv_header = run_cli("--lang", "da", command, "--format", "csv").stdout.splitlines()[0]
    assert "score" in csv_header.split(",")
    if command == "rank":
        assert "bemærkning" in header
        assert "note" in english
        assert "note" in csv_header.split(",")
