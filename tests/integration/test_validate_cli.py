"""``brn-graph validate`` and ``stats`` through the real command, on the bundled data and copies."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.reference import PROJECT, run_cli

DATA = PROJECT / "data"


def brn_graph(*args: str) -> subprocess.CompletedProcess[str]:
    """The command with English messages (the tests read them)."""
    return run_cli("--lang", "en", *args)


def test_bundled_data_conforms() -> None:
    result = brn_graph("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_an_extra_bare_cluster_fails_and_is_named(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    (copy / "extra.ttl").write_text(
        "@prefix brn: <https://w3id.org/brn-graph/ontology#> .\n"
        "<https://w3id.org/brn-graph/id/cluster/phantom> a brn:Cluster .\n",
        encoding="utf-8",
    )
    result = brn_graph("--data", str(copy), "validate", "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    focus = {r["focus_node"] for r in report["results"] if r["severity"] == "Violation"}
    assert focus == {"https://w3id.org/brn-graph/id/cluster/phantom"}
    assert {r["source_file"] for r in report["results"]} == {str(copy / "extra.ttl")}


def test_text_report_names_the_resource_in_danish(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix brn: <https://w3id.org/brn-graph/ontology#> .\n"
        "<https://w3id.org/brn-graph/id/cluster/phantom> a brn:Cluster .\n",
        encoding="utf-8",
    )
    result = run_cli("--lang", "da", "--data", str(bad), "validate")
    assert result.returncode == 1
    assert "https://w3id.org/brn-graph/id/cluster/phantom" in result.stdout
    assert "1 datafiler: overholder IKKE formerne (4 brud" in result.stdout
    assert "Brud: " in result.stdout
    assert "conform" not in result.stdout
    assert "Violation" not in result.stdout


def test_a_broken_turtle_file_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "good.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    (folder / "broken.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n    ex:d .\n", encoding="utf-8"
    )
    result = brn_graph("--data", str(folder), "validate")
    assert result.returncode == 2
    assert f"{folder / 'broken.ttl'}:4" in result.stderr
    assert result.stdout == ""


def test_a_missing_data_path_exits_2(tmp_path: Path) -> None:
    result = brn_graph("--data", str(tmp_path / "nothing-here"), "validate")
    assert result.returncode == 2
    assert "nothing-here" in result.stderr


def test_stats_reports_graphs_classes_and_provenance() -> None:
    result = brn_graph("stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    files = {g["file"] for g in stats["graphs"]}
    assert "data/clusters.ttl" in files
    assert "ontology/brn.ttl" in files
    assert stats["instances_per_class"]["brn:Cluster"] >= 9
    assert stats["provenance"]["share"] >= 0.9
    assert stats["total_triples"] == sum(g["triples"] for g in stats["graphs"])
