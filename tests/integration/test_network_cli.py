"""``brn-graph network`` through the real command: the file, the cut, and errors as exit codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.reference import run_cli


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
