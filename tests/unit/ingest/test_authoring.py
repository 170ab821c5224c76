"""The ``document`` and ``meetings`` authoring kinds through the CLI, end to end on the bundled
data: template -> filled in with openpyxl -> ingest -> the named queries and the decision
context see the records with their sources; bad rows name their cell and change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl

from tests.reference import PROJECT
from tests.unit.ingest.authoring_books import (
    CHAPTER,
    CHAPTER_URL,
    append,
    fill_chapter,
    fill_meetings_da,
)

ID = "https://w3id.org/brn-graph/id/"


def cli(imports: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRN_GRAPH_IMPORTS_DIR": str(imports)}
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", "--lang", lang, *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=300,
        check=False,
    )


def bindings(result: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def framework(imports: Path, name: str) -> dict[str, Any]:
    result = cli(imports, "alignment", "--format", "json")
    assert result.returncode == 0, result.stderr
    frameworks = json.loads(result.stdout)["context"]["frameworks"]
    found: dict[str, Any] = next(f for f in frameworks if f["id"].endswith(name))
    return found


def test_document_round_trip_completes_the_chapter_and_the_context_counts_it(
    tmp_path: Path,
) -> None:
    imports = tmp_path / "imports"
    before = framework(imports, "regional-chapter")
    assert (before["use"], before["used"]) == ("stand-in", "deb-2020-2023-nordjylland")

    template = tmp_path / "document.xlsx"
    assert cli(imports, "template", "document", "-o", str(template)).returncode == 0
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == [
        "Document",
        "Goals",
        "Strength positions",
        "Targets",
        "lists",
        "help",
    ]
    assert book["lists"].sheet_state == "hidden"
    lists = {c.value for col in book["lists"].iter_cols() for c in col}
    assert {CHAPTER, "erhvervshus-nordjylland", "green-transition", "nordjylland"} <= lists
    assert "brn-cluster-decision-2024-results-contract" in lists
    filled = fill_chapter(template, tmp_path / "filled.xlsx")

    result = cli(imports, "ingest", "document", str(filled), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert (report["status"], report["rows_read"], report["accepted"]) == ("committed", 5, 5)

    goals = bindings(
        cli(
            imports,
            "query",
            "list_document_goals",
            "--param",
            f"document=doc:{CHAPTER}",
            "--param",
            "lang=en",
            "--format",
            "json",
        )
    )
    by_goal = {row["goal"].rsplit("/", 1)[-1]: row for row in goals}
    assert set(by_goal) == {"deb-2024-2027-nj-test-1", "deb-2024-2027-nj-test-1-1"}
    assert by_goal["deb-2024-2027-nj-test-1"]["label"] == "Green transition (test goal)"
    assert by_goal["deb-2024-2027-nj-test-1"]["targets"] == "1"
    assert by_goal["deb-2024-2027-nj-test-1-1"]["broader"] == ID + "goal/deb-2024-2027-nj-test-1"

    sources = bindings(
        cli(
            imports,
            "sparql",
            "SELECT ?url ?citation WHERE { <" + ID + "goal/deb-2024-2027-nj-test-1> "
            "<http://www.w3.org/ns/prov#wasDerivedFrom> ?s . "
            "OPTIONAL { ?s <https://schema.org/url> ?url } "
            "OPTIONAL { ?s <http://purl.org/dc/terms/bibliographicCitation> ?citation } }",
            "--format",
            "json",
        )
    )
    assert CHAPTER_URL in {s.get("url") for s in sources}
    assert any(report["sha256"] in s.get("citation", "") for s in sources)

    values = bindings(
        cli(
            imports,
            "sparql",
            "PREFIX brn: <https://w3id.org/brn-graph/ontology#> "
            "PREFIX schema: <https://schema.org/> "
            "SELECT ?value ?unit ?deadline WHERE { <" + ID + "goal/deb-2024-2027-nj-test-1> "
            "brn:hasTarget ?t . ?t brn:targetValue [ schema:value ?value ; schema:unitText ?unit ] "
            "; brn:deadline ?deadline }",
            "--format",
            "json",
        )
    )
    assert values == [{"value": "500", "unit": "companies", "deadline": "2027"}]

    after = framework(imports, "regional-chapter")
    assert (after["use"], after["used"]) == ("document", CHAPTER)

    again = cli(imports, "ingest", "document", str(filled), "--format", "json")
    assert json.loads(again.stdout)["status"] == "unchanged"
    assert len(list(imports.glob("*.ttl"))) == 1

    assert cli(imports, "imports", "revert", report["import_id"]).returncode == 0
    reverted = framework(imports, "regional-chapter")
    assert (reverted["use"], reverted["used"]) == ("stand-in", "deb-2020-2023-nordjylland")


def test_a_new_results_contract_linked_to_its_framework_replaces_the_stand_in(
    tmp_path: Path,
) -> None:
    imports = tmp_path / "imports"
    template = tmp_path / "contract.xlsx"
    assert cli(imports, "template", "document", "-o", str(template)).returncode == 0
    book = openpyxl.load_workbook(template)
    append(
        book["Document"],
        {
            "Document id": "test-resultatkontrakt-2024",
            "Type": "results-contract",
            "Title (da)": "Resultatkontrakt 2024 (test)",
            "Title (en)": "Results contract 2024 (test)",
            "Publisher": "erhvervshus-nordjylland",
            "Area": "nordjylland",
            "Period start": "2024-01-01",
            "Period end": "2024-12-31",
            "Framework of the decision context": "brn-cluster-decision-2024-results-contract",
            "Source URL": "https://example.org/resultatkontrakt-2024",
            "Confidence": "stated",
        },
    )
    append(
        book["Goals"],
        {
            "Goal id": "test-resultatkontrakt-2024-1",
            "Goal (da)": "Flere virksomheder vejledes (test)",
            "Goal (en)": "More companies guided (test)",
        },
    )
    book.save(template)
    before = framework(imports, "results-contract")
    assert before["use"] == "stand-in"
    result = cli(imports, "ingest", "document", str(template), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    after = framework(imports, "results-contract")
    assert (after["use"], after["used"]) == ("document", "test-resultatkontrakt-2024")


def test_bad_document_rows_name_their_cells_and_change_nothing(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    template = tmp_path / "bad.xlsx"
    assert cli(imports, "template", "document", "-o", str(template)).returncode == 0
    book = openpyxl.load_workbook(template)
    append(
        book["Document"],
        {
            "Document id": "test-bad-document",
            "Type": "strategy",
            "Title (da)": "Dårligt dokument",
            "Title (en)": "Bad document",
            "Publisher": "brn",
            "Period start": "2027",
            "Period end": "2024",
            "Issued": "2024-13-01",
            "Source URL": "https://example.org/bad",
            "Confidence": "stated",
        },
    )
    append(book["Goals"], {"Goal id": "test-bad-1", "Goal (da)": "Kun dansk"})
    append(
        book["Goals"],
        {"Goal id": "test-bad-2", "Goal (da)": "Mål", "Goal (en)": "Goal", "Theme": "no-theme"},
    )
    book.save(template)

    result = cli(imports, "ingest", "document", str(template), "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    report = json.loads(result.stdout)
    errors = {(e["sheet"], e["row"], e["column"], e["code"]) for e in report["errors"]}
    assert errors == {
        ("Document", 2, "Period end", "authoring.row.period_order"),
        ("Document", 2, "Issued", "authoring.row.partial_date"),
        ("Goals", 2, "Goal (en)", "ingest.row.required"),
        ("Goals", 3, "Theme", "authoring.row.unknown_theme"),
    }
    assert report["status"] == "invalid"
    assert not imports.exists() or not list(imports.glob("*.ttl"))

    danish = cli(imports, "ingest", "document", str(template), lang="da")
    assert danish.returncode == 1
    assert "perioden slutter, før den begynder" in danish.stdout
    assert "Afvist" in danish.stdout or "afvist" in danish.stdout
    assert "the period ends" not in danish.stdout
    english = cli(imports, "ingest", "document", str(template))
    assert "the period ends before it begins" in english.stdout
    assert "perioden" not in english.stdout


def test_meetings_round_trip_in_danish_shows_in_the_process_timeline(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    template = tmp_path / "moeder.xlsx"
    assert cli(imports, "template", "meetings", "-o", str(template), lang="da").returncode == 0
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Møder", "Deltagere", "Udfald", "lists", "help"]
    help_text = " ".join(str(c.value) for c in book["help"]["A"] if c.value)
    assert "Indlæs med: brn-graph ingest meetings" in help_text
    assert "Read back" not in help_text
    filled = fill_meetings_da(template, tmp_path / "udfyldt.xlsx")

    dry = cli(imports, "ingest", "meetings", str(filled), "--dry-run", "--format", "json")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert json.loads(dry.stdout)["status"] == "dry-run"
    assert not imports.exists() or not list(imports.glob("*.ttl"))

    result = cli(imports, "ingest", "meetings", str(filled), lang="da")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Gemt som import meetings-" in result.stdout

    timeline = bindings(
        cli(imports, "query", "list_process_timeline", "--param", "lang=en", "--format", "json")
    )
    meeting = ID + "event/test-1to1-made-2024-06-12"
    mine = {row["event"]: row for row in timeline if row["event"].startswith(meeting)}
    kinds = {row["kind"].rsplit("#", 1)[-1] for row in mine.values()}
    assert kinds == {"Meeting", "Decision", "Outcome"}
    assert mine[meeting]["label"] == "1:1 meeting with MADE (test)"
    assert mine[meeting]["date"] == "2024-06-12"
    decision = next(r for r in mine.values() if r["kind"].endswith("Decision"))
    assert decision["generated_by"] == meeting
    assert decision["date"] == "2024-06-12"

    facts = bindings(
        cli(
            imports,
            "sparql",
            "SELECT ?p ?o WHERE { <" + meeting + "> ?p ?o }",
            "--format",
            "json",
        )
    )
    participants = {f["o"] for f in facts if f["p"].endswith("#participant")}
    assert participants == {ID + "org/brn-sekretariat", ID + "cluster/made"}
    sources = bindings(
        cli(
            imports,
            "sparql",
            "SELECT ?url WHERE { <" + meeting + "> <http://www.w3.org/ns/prov#wasDerivedFrom> "
            "?s . ?s <https://schema.org/url> ?url }",
            "--format",
            "json",
        )
    )
    assert [s["url"] for s in sources] == ["https://example.org/referat-made"]


def test_bad_meeting_rows_name_their_cells_and_change_nothing(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    template = tmp_path / "meetings.xlsx"
    assert cli(imports, "template", "meetings", "-o", str(template)).returncode == 0
    book = openpyxl.load_workbook(template)
    append(
        book["Meetings"],
        {
            "Meeting id": "test-bad-meeting",
            "Date": "12-06-2024",
            "Title (da)": "Møde",
            "Title (en)": "Meeting",
            "Status": "held",
            "Body": "brn-bestyrelse",
            "Source URL": "https://example.org/x",
            "Confidence": "stated",
        },
    )
    append(
        book["Outcomes"],
        {
            "Meeting id": "test-bad-meeting",
            "Outcome (da)": "Udfald",
            "Outcome (en)": "Outcome",
            "Decision": "maybe",
            "Cluster concerned": "no-such-cluster",
        },
    )
    append(book["Participants"], {"Meeting id": "no-such-meeting", "Organisation": "made"})
    book.save(template)
    result = cli(imports, "ingest", "meetings", str(template), "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    errors = {
        (e["sheet"], e["row"], e["column"], e["value"], e["code"])
        for e in json.loads(result.stdout)["errors"]
    }
    assert errors == {
        ("Meetings", 2, "Date", "12-06-2024", "authoring.row.partial_date"),
        ("Participants", 2, "Meeting id", "no-such-meeting", "authoring.row.unknown_meeting"),
        ("Outcomes", 2, "Decision", "maybe", "authoring.row.yes_no"),
        ("Outcomes", 2, "Cluster concerned", "no-such-cluster", "ingest.row.unknown_cluster"),
    }
    assert not imports.exists() or not list(imports.glob("*.ttl"))


def test_a_csv_or_a_workbook_without_the_sheet_is_unreadable_exit_2(tmp_path: Path) -> None:
    imports = tmp_path / "imports"
    csv_file = tmp_path / "meetings.csv"
    csv_file.write_text("Meeting id;Date\nx;2024\n", encoding="utf-8")
    result = cli(imports, "ingest", "meetings", str(csv_file))
    assert result.returncode == 2
    assert "not an XLSX workbook" in result.stderr
    book = openpyxl.Workbook()
    book.save(tmp_path / "empty.xlsx")
    result = cli(imports, "ingest", "document", str(tmp_path / "empty.xlsx"))
    assert result.returncode == 2
    assert "the sheet Document / Dokument is missing" in result.stderr
    missing = cli(imports, "ingest", "document", str(tmp_path / "nope.xlsx"), lang="da")
    assert missing.returncode == 2
    assert "Tip: udfyld `brn-graph template document`" in missing.stderr
