"""``brn-graph queries``, ``query`` and ``sparql`` through the real command (a new process)."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import time
from pathlib import Path

from tests.reference import run_cli

EXIT_BAD_INPUT = 2
EXIT_TIMEOUT = 3


def brn_graph(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command with English messages (the tests read them)."""
    return run_cli("--lang", "en", *args, stdin=stdin)


def test_queries_lists_the_catalogue_in_both_languages() -> None:
    danish = run_cli("--lang", "da", "queries", "--wide")
    assert danish.returncode == 0, danish.stderr
    assert "list_clusters" in danish.stdout
    assert "Klynger med deres fokusområder" in danish.stdout
    listing = json.loads(brn_graph("--lang", "en", "queries", "--format", "json").stdout)
    by_name = {q["name"]: q for q in listing}
    assert len(by_name) >= 15
    profile = by_name["get_cluster_profile"]
    assert profile["summary"]["en"].startswith("One cluster's profile")
    assert profile["parameters"][0]["name"] == "cluster"
    assert profile["parameters"][0]["example"] == "cluster:energy-cluster-denmark"


def test_query_with_parameters_as_csv() -> None:
    result = brn_graph(
        "--lang", "en", "query", "get_cluster_profile", "--param", "cluster=cluster:made",
        "--format", "csv",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    names = {r["value"] for r in rows if r["aspect"] == "name"}
    assert names == {"MADE – Manufacturing Academy of Denmark"}
    assert {r["lang"] for r in rows} == {"en"}


def test_query_table_and_json_and_tsv() -> None:
    table = brn_graph("query", "list_clusters", "--wide")
    assert table.returncode == 0, table.stderr
    assert "cluster:energy-cluster-denmark" in table.stdout
    assert "14 rows in" in table.stdout
    document = json.loads(brn_graph("query", "list_clusters", "--format", "json").stdout)
    assert document["head"]["vars"][0] == "cluster"
    assert len(document["results"]["bindings"]) == 14
    assert document["truncated"] is False
    tsv = brn_graph("query", "list_document_goals", "--format", "tsv").stdout.splitlines()
    assert tsv[0].startswith("?document\t?goal")
    assert len(tsv) == 6


def test_sparql_from_text_file_and_stdin(tmp_path: Path) -> None:
    text = (
        "PREFIX brn: <https://w3id.org/brn-graph/ontology#>\n"
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c a brn:Cluster }\n"
    )
    inline = brn_graph("sparql", text, "--format", "csv")
    assert inline.returncode == 0, inline.stderr
    assert inline.stdout.splitlines() == ["n", "14"]
    query_file = tmp_path / "count.rq"
    query_file.write_text(text, encoding="utf-8")
    assert brn_graph("sparql", f"@{query_file}", "--format", "csv").stdout == inline.stdout
    assert brn_graph("sparql", "@-", "--format", "csv", stdin=text).stdout == inline.stdout


def test_sparql_construct_as_turtle() -> None:
    result = brn_graph(
        "sparql",
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { "
        "<https://w3id.org/brn-graph/id/cluster/made> skos:prefLabel ?l BIND(<urn:x> AS ?c) }",
        "--format",
        "turtle",
    )
    assert result.returncode == 0, result.stderr
    assert "MADE" in result.stdout
    assert "@prefix" in result.stdout


def test_service_is_refused_and_no_connection_is_made() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as canary:
        canary.bind(("127.0.0.1", 0))
        canary.listen(5)
        canary.settimeout(0.3)
        port = canary.getsockname()[1]
        result = brn_graph(
            "sparql", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
        )
        assert result.returncode == EXIT_BAD_INPUT
        assert "SERVICE" in result.stderr
        assert "not allowed" in result.stderr
        try:
            canary.accept()
        except TimeoutError:
            pass
        else:
            raise AssertionError("the SERVICE query opened a connection")


def test_a_cross_product_with_a_two_second_limit_ends_within_five_seconds() -> None:
    started = time.monotonic()
    result = brn_graph(
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "--timeout",
        "2",
    )
    elapsed = time.monotonic() - started
    assert result.returncode == EXIT_TIMEOUT, result.stderr
    assert "time limit of 2 s" in result.stderr
    assert elapsed < 5, f"took {elapsed:.1f} s"


def test_a_result_past_the_row_cap_says_it_was_truncated() -> None:
    result = brn_graph("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "3")
    assert result.returncode == 0, result.stderr
    assert "truncated to its first 3 rows" in result.stderr
    assert "3 rows (truncated)" in result.stdout
    as_json = json.loads(
        brn_graph(
            "sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "3", "--format", "json"
        ).stdout
    )
    assert as_json["truncated"] is True
    assert len(as_json["results"]["bindings"]) == 3


def test_errors_say_what_to_fix() -> None:
    cases = [
        (("query", "list_clustrs"), "did you mean: list_clusters"),
        (("query", "get_cluster_profile", "--param", "clustr=x"), "its parameters: cluster"),
        (("query", "get_cluster_profile", "--param", "cluster"), "--param KEY=VALUE"),
        (("query", "get_cluster_profile", "-p", "cluster=nope:x"), "unknown prefix 'nope'"),
        (("sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), "read-only"),
        (("sparql", "LOAD <http://example.org/x.ttl>"), "LOAD is not allowed"),
        (("sparql", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"), "FROM <file"),
        (("sparql", "SELEC ?s"), "does not parse"),
        (("sparql", "@/no/such/file.rq"), "unknown query file"),
        (("--store", "rocksdb", "sparql", "ASK {}"), "use oxigraph, oxigraph:DIR, memory"),
        (("query", "list_clusters", "--format", "turtle"), "use table, csv, tsv, json or xml"),
    ]
    for args, message in cases:
        result = brn_graph("--lang", "en", *args)
        assert result.returncode == EXIT_BAD_INPUT, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)


def test_excel_csv_from_query_and_sparql_before_or_after_the_command() -> None:
    """`--excel` reaches `query` and `sparql` CSV (BOM, `;`, decimal comma), in either place."""
    before = run_cli(
        "--lang", "da", "--excel", "query", "count_members_per_cluster", "--format", "csv"
    )
    after = run_cli(
        "--lang", "da", "query", "count_members_per_cluster", "--format", "csv", "--excel"
    )
    for done in (before, after):
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("\ufeffcluster;label;members;")
        rows = list(csv.DictReader(io.StringIO(done.stdout[1:]), delimiter=";"))
        assert len(rows) >= 9
        assert "," not in done.stdout.splitlines()[0]
    plain = run_cli("--lang", "da", "query", "count_members_per_cluster", "--format", "csv")
    assert plain.stdout.startswith("cluster,label,members,")
    ad_hoc = run_cli("sparql", "SELECT ?x WHERE { BIND(0.25 AS ?x) }", "--format", "csv", "--excel")
    assert ad_hoc.returncode == 0, ad_hoc.stderr
    assert ad_hoc.stdout == "\ufeffx\n0,25\n"  # text mode reads CRLF as LF
