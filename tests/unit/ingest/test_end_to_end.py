"""A generated 2,000-row CVR export through the real command: commit, every door, revert."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.ingest_generate import member_rows, write_csv
from tests.reference import PROJECT

ECD = "https://w3id.org/brn-graph/id/cluster/energy-cluster-denmark"


def cli(imports: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRN_GRAPH_IMPORTS_DIR": str(imports)}
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=600,
        check=False,
    )


def per_municipality(imports: Path) -> dict[str, tuple[str, str]]:
    result = cli(imports, "query", "count_members_per_municipality", "--format", "csv")
    assert result.returncode == 0, result.stderr
    return {
        row["municipality_label"]: (row["members"], row["smes"])
        for row in csv.DictReader(io.StringIO(result.stdout))
        if row["cluster"] == ECD and row["basis"] == "memberships"
    }


def test_generated_member_list_commits_shows_everywhere_and_reverts(tmp_path: Path) -> None:
    rows = list(member_rows(2000, seed=7))
    source = write_csv(tmp_path / "ecd-members.csv", rows)
    imports = tmp_path / "imports"
    assert per_municipality(imports) == {}

    result = cli(
        imports,
        "ingest",
        "members",
        str(source),
        "--cluster",
        "energy-cluster-denmark",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["status"] == "committed"
    assert report["accepted"] == 2000
    import_id = report["import_id"]

    # the named query counts the members per North Jutland municipality, from the list
    in_aalborg = [r for r in rows if r[5] in {"Aalborg", "0851"}]
    sme_sizes = {"0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-199"}
    counts = per_municipality(imports)
    assert len(counts) == 11
    assert counts["Aalborg Municipality"] == (
        str(len(in_aalborg)),
        str(sum(1 for r in in_aalborg if r[8] in sme_sizes)),
    )
    in_nj = sum(int(members) for members, _ in counts.values())
    assert in_nj == report["north_jutland"]["members"]
    assert sum(int(smes) for _, smes in counts.values()) == report["north_jutland"]["smes"]

    # engagement shows members and SMEs in North Jutland, dated, with the import as source
    result = cli(imports, "engagement", "--format", "json")
    assert result.returncode == 0, result.stderr
    ecd = next(c for c in json.loads(result.stdout)["clusters"] if c["cluster"]["iri"] == ECD)
    members_nj, smes_nj = ecd["metrics"]["members_nj"], ecd["metrics"]["smes_nj"]
    assert (members_nj["value"], members_nj["date"]) == (in_nj, "2024-06-01")
    assert smes_nj["value"] == report["north_jutland"]["smes"]
    assert [s["id"] for s in members_nj["sources"]] == [f"src:import-{import_id}"]
    assert report["sha256"] in members_nj["sources"][0]["citation"]

    # re-import: same graph, nothing written
    again = cli(
        imports,
        "ingest",
        "members",
        str(source),
        "--cluster",
        "energy-cluster-denmark",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    )
    assert json.loads(again.stdout)["status"] == "unchanged"
    assert len(list(imports.glob("*.ttl"))) == 1

    listed = json.loads(cli(imports, "imports", "list", "--format", "json").stdout)
    assert [(e["id"], e["status"], e["accepted"]) for e in listed] == [(import_id, "active", 2000)]

    # revert removes exactly that, and the data still validates
    result = cli(imports, "imports", "revert", import_id)
    assert result.returncode == 0, result.stderr
    assert per_municipality(imports) == {}
    listed = json.loads(cli(imports, "imports", "list", "--format", "json").stdout)
    assert [(e["id"], e["status"]) for e in listed] == [(import_id, "reverted")]
    assert cli(imports, "validate").returncode == 0


def test_revert_of_an_unknown_import_is_a_clear_error(tmp_path: Path) -> None:
    result = cli(tmp_path / "imports", "imports", "revert", "members-nothing")
    assert result.returncode == 2
    assert "unknown import 'members-nothing'" in result.stderr
    assert "Traceback" not in result.stderr
