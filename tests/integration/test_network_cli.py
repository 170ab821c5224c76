"""``brn-graph network`` through the real command: the file, the cut, and errors as exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.ingest_generate import ELSEWHERE, member_rows, write_csv
from tests.reference import PROCESS_PLAN_CLUSTERS, PROJECT, run_cli


def brn_graph(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args)


def test_writes_a_self_contained_file(tmp_path: Path) -> None:
    output = tmp_path / "network.html"
    result = brn_graph(
        "network", "-o", str(output), "--focus", "energy-cluster-denmark", "--min-level", "medium"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{output}: ")
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert '<meta http-equiv="Content-Security-Policy"' in html
    assert "<script src=" not in html
    assert "Fokus: Energy Cluster Denmark og naboer" in html


def test_a_cap_is_reported(tmp_path: Path) -> None:
    result = brn_graph("network", "-o", str(tmp_path / "n.html"), "--max-nodes", "10")
    assert result.returncode == 0, result.stderr
    assert "Viser 10 af" in result.stderr
    assert "--document" in result.stderr


def test_unknown_document_exits_2_with_suggestions(tmp_path: Path) -> None:
    result = run_cli("network", "-o", str(tmp_path / "n.html"), "--document", "nordjyllandsstemm")
    assert result.returncode == 2
    # Danish by default, the error too (it used to say "did you mean" under Danish output).
    assert "ukendt dokument 'nordjyllandsstemm'; mente du: brn-nordjyllandsstemme?" in result.stderr
    english = run_cli(
        "--lang", "en", "network", "-o", str(tmp_path / "n.html"), "--document", "nordjyllandsstemm"
    )
    assert "did you mean: brn-nordjyllandsstemme?" in english.stderr
    assert not (tmp_path / "n.html").exists()


# --------------------------------------------------------------------------------------
# The decision context by default, the full graph on request
# --------------------------------------------------------------------------------------

ID = "https://w3id.org/brn-graph/id/"


def page_data(path: Path) -> dict[str, Any]:
    html = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html)
    assert match, "no page data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_default_file_is_the_decision_context_and_full_is_the_whole_graph(
    tmp_path: Path,
) -> None:
    context = tmp_path / "context.html"
    result = brn_graph("network", "-o", str(context))
    assert result.returncode == 0, result.stderr
    data = page_data(context)
    kinds = Counter(n["group"] for n in data["nodes"])
    assert data["mode"] == "context"
    assert {n["id"] for n in data["nodes"] if n["group"] == "cluster"} == {
        ID + "cluster/" + slug for slug in PROCESS_PLAN_CLUSTERS
    }
    assert kinds["document"] == 4  # one header per framework counted on 2024-09-20
    assert not {"office", "municipality", "company", "company_group"} & set(kinds)
    assert {e["kind"] for e in data["edges"]} == {"alignment"}
    html = context.read_text(encoding="utf-8")
    assert "skæringsdato 2024-09-20" in html
    assert "Hele grafen: brn-graph network --view full -o FIL.html" in html

    full = tmp_path / "full.html"
    result = brn_graph("--lang", "en", "network", "-o", str(full), "--view", "full")
    assert result.returncode == 0, result.stderr
    whole = page_data(full)
    assert whole["mode"] == "full"
    whole_kinds = Counter(n["group"] for n in whole["nodes"])
    assert whole_kinds["office"] > 0
    assert whole_kinds["cluster"] > kinds["cluster"]  # clusters off the long list too
    assert "The decision context: brn-graph network -o FILE.html" in full.read_text("utf-8")


def test_an_unknown_view_is_a_usage_error(tmp_path: Path) -> None:
    result = brn_graph("network", "-o", str(tmp_path / "n.html"), "--view", "everything")
    assert result.returncode == 2
    assert "--view" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "n.html").exists()


def with_imports(imports: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "BRN_GRAPH_IMPORTS_DIR": str(imports)},
        timeout=600,
        check=False,
    )


def test_imported_members_are_grouped_per_municipality_until_expanded(tmp_path: Path) -> None:
    rows = list(member_rows(120, seed=11))
    source = write_csv(tmp_path / "members.csv", rows)
    imports = tmp_path / "imports"
    result = with_imports(
        imports,
        "ingest",
        "members",
        str(source),
        "--cluster",
        "energy-cluster-denmark",
        "--as-of",
        "2024-06-01",
    )
    assert result.returncode == 0, result.stdout + result.stderr

    grouped = tmp_path / "grouped.html"
    result = with_imports(imports, "network", "--view", "full", "-o", str(grouped))
    assert result.returncode == 0, result.stderr
    data = page_data(grouped)
    assert not [n for n in data["nodes"] if n["group"] == "company"]
    groups = {n["label"]: n["id"] for n in data["nodes"] if n["group"] == "company_group"}
    in_aalborg = sum(1 for r in rows if r[5] in {"Aalborg", "0851"})
    in_region = sum(1 for r in rows if r[5] not in ELSEWHERE)
    assert f"{in_aalborg} companies in Aalborg Municipality" in groups
    counted = sum(int(label.split()[0]) for label in groups)
    assert counted == len(rows)
    outside = [label for label in groups if "outside the municipalities" in label]
    assert outside == [
        f"{len(rows) - in_region} companies outside the municipalities the graph knows"
    ]
    ecd = ID + "cluster/energy-cluster-denmark"
    linked = {e["from"] for e in data["edges"] if e["to"] == ecd and e["kind"] == "membership"}
    assert linked == set(groups.values())
    assert "Member companies are grouped in one node per municipality." in grouped.read_text(
        "utf-8"
    )

    expanded = tmp_path / "expanded.html"
    result = with_imports(
        imports, "network", "--view", "full", "--companies", "expanded", "-o", str(expanded)
    )
    assert result.returncode == 0, result.stderr
    companies = [n for n in page_data(expanded)["nodes"] if n["group"] == "company"]
    assert len(companies) == len(rows)


def test_an_unwritable_output_is_told_in_danish_words(tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "x.html"
    result = run_cli("--lang", "da", "network", "-o", str(out))
    assert result.returncode == 2
    assert f"{out}: kan ikke skrives: mappen findes ikke" in result.stderr
    assert "No such file" not in result.stderr
