"""The command line resolves the same sloppy names as the other doors, and finds by search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brn_graph.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        main(list(args))
    out = capsys.readouterr()
    code = ended.value.code
    return (code if isinstance(code, int) else 0), out.out, out.err


def test_alignment_and_named_query_take_a_name_in_part(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "alignment", "food and bio", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["cluster"]["id"] == "food-bio-cluster-denmark"
    code, out, err = _run(
        capsys, "query", "get_cluster_profile", "-p", "cluster=ECD", "--format", "csv"
    )
    assert code == 0, err
    assert "cluster/energy-cluster-denmark" in out


def test_a_mistyped_prefixed_name_is_exit_2_not_zero_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(
        capsys,
        "--lang",
        "en",
        "query",
        "get_cluster_profile",
        "-p",
        "cluster=cluster:energy-cluster",
    )
    assert code == 2
    assert out == ""
    assert "unknown cluster 'cluster:energy-cluster'" in err
    assert "energy-cluster-denmark" in err


def test_network_focus_takes_the_abbreviation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "n.html"
    code, _, err = _run(capsys, "network", "-o", str(output), "--focus", "ECD")
    assert code == 0, err
    assert "energy-cluster-denmark" in output.read_text(encoding="utf-8")


def test_search_finds_the_chair(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--lang", "en", "search", "Laursen", "--format", "json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits[0]["iri"].endswith("/org/brn-bestyrelse")
    assert "Per Bach [Laursen]" in hits[0]["snippet"]


def test_ad_hoc_sparql_knows_the_project_prefixes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(
        capsys, "sparql", "SELECT ?c WHERE { ?c a brn:Cluster ; skos:altLabel 'ECD' }"
    )
    assert code == 0, err
    assert "cluster:energy-cluster-denmark" in out
    code, _, err = _run(capsys, "--lang", "en", "sparql", "SELECT ?c WHERE { ?c a brn:Cluster ")
    assert code == 2
    assert "column 36" in err  # counted in the query as written, not after the prefixes


def test_doors_for_municipalities_organisations_and_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "municipalities", "Læsø", "--format", "json")
    assert code == 0, err
    laesoe = json.loads(out)
    assert (laesoe["code"], laesoe["members"]) == ("0825", None)
    code, out, err = _run(capsys, "--lang", "en", "organisations", "BRN", "--format", "json")
    assert code == 0, err
    assert "BRN board" in {u["text"] for u in json.loads(out)["units"]}
    code, out, err = _run(capsys, "documents", "deb-2024-2027-nordjylland", "--format", "json")
    assert code == 0, err
    assert set(json.loads(out)["known_gaps"]) == {"da", "en"}
    code, _, err = _run(capsys, "--lang", "en", "municipalities", "Laesoee")
    assert code == 2
    assert "laesoe" in err
