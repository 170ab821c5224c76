"""Membership tallies: every store derives them from the files, the same on every backend, and
a remote endpoint without them is refused (the member counts would leave memberships out)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from brn_graph.cli import app
from brn_graph.config import Settings
from brn_graph.errors import StoreError
from brn_graph.graph.store import METADATA_FILE, open_store
from brn_graph.graph.tallies import TALLY_GRAPH
from tests.conftest import oxigraph_serving
from tests.reference import run_cli

# Two clusters, two municipalities; the memberships say who counts:
# - A (Aalborg, SME): two memberships of C1 (counted once) and a board seat in C2 (not a member);
# - B (Aalborg, large): a membership of C1 that ended (not counted);
# - D (Hjørring, size unknown): a member of C2;
# - E (no municipality): a member of C1 (in the cluster's tally, in no area's);
# - F (Aalborg, SME): a member of C1 from a member list (the list counts it, not the tally).
DATA = """\
@prefix brn: <https://w3id.org/brn-graph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/> .

ex:C1 a brn:Cluster . ex:C2 a brn:Cluster .
ex:A brn:municipality ex:Aalborg ; brn:enterpriseSize brn:SME .
ex:B brn:municipality ex:Aalborg ; brn:enterpriseSize brn:LargeEnterprise .
ex:D brn:municipality ex:Hjorring .
ex:F brn:municipality ex:Aalborg ; brn:enterpriseSize brn:SME .
ex:m1 org:member ex:A ; org:organization ex:C1 ; org:role brn:RoleMember .
ex:m2 org:member ex:A ; org:organization ex:C1 ; org:role brn:RoleMember .
ex:m3 org:member ex:A ; org:organization ex:C2 ; org:role ex:Board .
ex:m4 org:member ex:B ; org:organization ex:C1 ; org:role brn:RoleMember ;
      schema:endDate "2023-12-31"^^<http://www.w3.org/2001/XMLSchema#date> .
ex:m5 org:member ex:D ; org:organization ex:C2 ; org:role brn:RoleMember .
ex:m6 org:member ex:E ; org:organization ex:C1 ; org:role brn:RoleMember .
ex:list brn:memberListOf ex:C1 ; dct:date "2024-06-01"^^<http://www.w3.org/2001/XMLSchema#date> .
ex:m7 org:member ex:F ; org:organization ex:C1 ; org:role brn:RoleMember ;
      prov:wasGeneratedBy ex:list .
"""

EX = "http://example.org/"
#: (kind, cluster, area, companies, SMEs, of a known size)
EXPECTED = {
    ("ClusterMembershipTally", "C1", None, 2, None, None),
    ("ClusterMembershipTally", "C2", None, 1, None, None),
    ("AreaMembershipTally", "C1", "Aalborg", 1, 1, 1),
    ("AreaMembershipTally", "C2", "Hjorring", 1, 0, 0),
}

TALLIES = f"""
PREFIX brn: <https://w3id.org/brn-graph/ontology#>
SELECT ?kind ?cluster ?area ?companies ?smes ?sized
WHERE {{
  GRAPH <{TALLY_GRAPH}> {{
    ?tally a ?kind ; brn:tallyOf ?cluster ; brn:companyCount ?companies .
    FILTER(?kind != brn:MembershipTally)
    OPTIONAL {{ ?tally brn:tallyArea ?area }}
    OPTIONAL {{ ?tally brn:smeCount ?smes }}
    OPTIONAL {{ ?tally brn:sizedCount ?sized }}
  }}
}}
"""


def _short(term: object) -> object:
    if term is None:
        return None
    text = str(term)
    if text.isdigit():
        return int(text)
    return text.rsplit("#", 1)[-1].removeprefix(EX)


def data_settings(folder: Path, store: str) -> Settings:
    folder.mkdir(exist_ok=True)
    (folder / "members.ttl").write_text(DATA, encoding="utf-8")
    return Settings(data_paths=(folder,), store=store)


@pytest.mark.parametrize("store", ["oxigraph", "memory", "disk"])
def test_every_local_store_derives_the_same_tallies(tmp_path: Path, store: str) -> None:
    spec = f"oxigraph:{tmp_path / 'store'}" if store == "disk" else store
    opened = open_store(data_settings(tmp_path / "data", spec))
    rows = {tuple(_short(v) for v in row) for row in opened.dataset.query(TALLIES)}  # type: ignore[union-attr]
    assert rows == EXPECTED
    # the tallies say what they come from, and are not one of the files' graphs
    derived = opened.dataset.query(
        f"SELECT ?g WHERE {{ <{TALLY_GRAPH}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?g }}"
    )
    assert {str(r[0]) for r in derived} >= {str(g) for g in opened.graph_iris}  # type: ignore[index]
    assert TALLY_GRAPH not in {str(g) for g in opened.graph_iris}


def test_a_disk_store_of_the_previous_format_is_rebuilt_with_its_tallies(tmp_path: Path) -> None:
    settings = data_settings(tmp_path / "data", f"oxigraph:{tmp_path / 'store'}")
    assert open_store(settings).rebuilt
    meta_path = tmp_path / "store" / METADATA_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["format_version"] = 1  # a folder built before the tallies: it has none
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    reopened = open_store(settings)
    assert reopened.rebuilt
    assert len(list(reopened.dataset.query(TALLIES))) == len(EXPECTED)


def test_the_tallies_follow_a_change_of_the_files(tmp_path: Path) -> None:
    settings = data_settings(tmp_path / "data", f"oxigraph:{tmp_path / 'store'}")
    open_store(settings)
    with (tmp_path / "data" / "members.ttl").open("a", encoding="utf-8") as f:
        f.write("ex:m8 org:member ex:G ; org:organization ex:C2 ; org:role brn:RoleMember .\n")
    rows = {tuple(_short(v) for v in r) for r in open_store(settings).dataset.query(TALLIES)}  # type: ignore[union-attr]
    assert ("ClusterMembershipTally", "C2", None, 2, None, None) in rows


def test_the_cli_writes_the_tallies_for_a_server(tmp_path: Path) -> None:
    settings_folder = tmp_path / "data"
    data_settings(settings_folder, "oxigraph")
    out = tmp_path / "tallies.ttl"
    result = CliRunner().invoke(
        app, ["--lang", "en", "--data", str(settings_folder), "tallies", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote the membership tallies" in result.output
    assert TALLY_GRAPH in result.output
    graph = ox.Store()
    graph.load(out.read_bytes(), format=ox.RdfFormat.TURTLE)
    counts = {
        (str(s["cluster"].value).removeprefix(EX), int(s["n"].value))
        for s in graph.query(
            "PREFIX brn: <https://w3id.org/brn-graph/ontology#> SELECT ?cluster ?n "
            "{ ?t a brn:ClusterMembershipTally ; brn:tallyOf ?cluster ; brn:companyCount ?n }"
        )  # type: ignore[union-attr]
    }
    assert counts == {("C1", 2), ("C2", 1)}


@pytest.fixture
def server_without_tallies(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server holding the files' graphs only (loaded as the README said before)."""
    dump = tmp_path / "files.nq"
    dump.write_text(
        "<http://example.org/C1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/brn-graph/ontology#Cluster> "
        "<https://w3id.org/brn-graph/graph/data/x> .\n",
        encoding="utf-8",
    )
    with oxigraph_serving(dump, tmp_path) as url:
        yield url


def test_an_endpoint_without_the_tallies_is_refused(server_without_tallies: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(Settings(store=f"sparql:{server_without_tallies}"))
    for lang, words in (("en", "does not hold the graph"), ("da", "har ikke grafen")):
        text = info.value.render(lang)  # type: ignore[arg-type]
        assert words in text
        assert TALLY_GRAPH in text
        assert "brn-graph tallies" in text


def test_the_cli_says_so_in_danish(server_without_tallies: str) -> None:
    result = run_cli("--store", f"sparql:{server_without_tallies}", "query", "list_clusters")
    assert result.returncode != 0
    assert "har ikke grafen" in result.stderr
    assert "brn-graph tallies" in result.stderr
    assert "Traceback" not in result.stderr
