"""Cell checks of the authoring workbooks, and refusals that need the graph (in process)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rdflib import Graph, URIRef

from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset, union_graph
from brn_graph.ingest.mapping import builtin_mapping_path, load_mapping
from brn_graph.ingest.members import RowError
from brn_graph.ingest.pipeline import ingest_workbook
from brn_graph.ingest.sheets import Refusals, Row, SheetRows
from brn_graph.ingest.workbooks import write_workbook
from brn_graph.namespaces import BRN, DCTERMS
from tests.unit.ingest.authoring_books import CHAPTER, append


def row(**cells: str) -> tuple[Row, Refusals]:
    mapping = load_mapping(builtin_mapping_path("brn-template-document-targets"))
    sheet = SheetRows(mapping, "Targets", {k: k.title() for k in mapping.columns}, [])
    refusals = Refusals()
    return Row(sheet, {**cells, "_row": "7"}, refusals), refusals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", ("2024", "gYear")),
        ("2024-11", ("2024-11", "gYearMonth")),
        ("2024-02-29", ("2024-02-29", "date")),
        ("2023-02-29", None),
        ("24-11-2024", None),
        ("2024-13", None),
    ],
)
def test_partial_dates(text: str, expected: tuple[str, str] | None) -> None:
    checked, refusals = row(year=text)
    assert checked.partial_date("year") == expected
    assert refusals.count == (expected is None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500", "500"),
        ("12,5", "12.5"),
        ("12.50", "12.5"),
        ("2.000", None),
        ("1.250.000", None),
        ("ca. 500", None),
        ("", None),
    ],
)
def test_numbers_refuse_a_thousands_separator(text: str, expected: str | None) -> None:
    checked, refusals = row(value=text)
    assert checked.number_value("value") == expected
    assert refusals.count == (text != "" and expected is None)


def test_a_refusal_names_sheet_row_column_and_value() -> None:
    checked, refusals = row(goal="=HYPERLINK(1)", label_da="x")
    checked.both_languages("label_da", "label_en")
    assert refusals.errors == [
        RowError("Targets", 7, "Goal", "=HYPERLINK(1)", "ingest.row.formula"),
        RowError("Targets", 7, "Label_En", None, "authoring.row.language_missing"),
    ]


def test_yes_no_in_both_languages() -> None:
    for text, expected in (("ja", True), ("Yes", True), ("nej", False), ("", False)):
        checked, _ = row(decision=text)
        assert checked.yes_no("decision") is expected
    checked, refusals = row(decision="måske")
    assert checked.yes_no("decision") is None
    assert refusals.count == 1


def test_what_the_graph_already_says_is_not_contradicted(tmp_path: Path) -> None:
    settings = Settings(imports_dir=tmp_path / "imports", lang="en")
    loaded = load_dataset(settings)
    book_path = write_workbook("document", union_graph(loaded), tmp_path / "d.xlsx", lang="en")
    book = openpyxl.load_workbook(book_path)
    append(
        book["Document"],
        {
            "Document id": CHAPTER,
            "Title (da)": "En anden titel",
            "Title (en)": "Another title",
            "Period start": "2025",
            "Framework of the decision context": "brn-cluster-decision-2024-strategy",
            "Source URL": "https://example.org/x",
            "Confidence": "stated",
        },
    )
    append(
        book["Goals"],
        {"Goal id": "brn-nordjyllandsstemme-1", "Goal (da)": "Mål", "Goal (en)": "Goal"},
    )
    append(
        book["Targets"],
        {"Goal id": "no-such-goal", "Target (da)": "x", "Target (en)": "x", "Value": "2.000"},
    )
    book.save(book_path)
    report = ingest_workbook(settings, book_path, kind="document", loaded=loaded)
    assert report.status == "invalid"
    assert {(e.sheet, e.column, e.reason) for e in report.row_errors} == {
        ("Document", "Title (da)", "authoring.row.document_differs"),
        ("Document", "Title (en)", "authoring.row.document_differs"),
        ("Document", "Period start", "authoring.row.document_differs"),
        ("Document", "Framework of the decision context", "authoring.row.framework_taken"),
        ("Goals", "Goal id", "authoring.row.id_taken"),
        ("Targets", "Goal id", "authoring.row.unknown_goal"),
        ("Targets", "Value", "authoring.row.number"),
    }
    assert not (tmp_path / "imports").exists() or not list((tmp_path / "imports").glob("*.ttl"))


def test_an_agreement_has_both_parties_as_publishers(tmp_path: Path) -> None:
    settings = Settings(imports_dir=tmp_path / "imports", lang="en")
    loaded = load_dataset(settings)
    book_path = write_workbook("document", union_graph(loaded), tmp_path / "a.xlsx", lang="da")
    book = openpyxl.load_workbook(book_path)
    append(
        book["Dokument"],
        {
            "Dokument-id": "test-aftale-2024",
            "Type": "agreement",
            "Titel (da)": "Testaftale",
            "Titel (en)": "Test agreement",
            "Udgiver": "erhvervshus-nordjylland; kkr-nordjylland",
            "Kilde-URL": "https://example.org/aftale",
            "Sikkerhed": "inferred",
        },
    )
    book.save(book_path)
    report = ingest_workbook(settings, book_path, kind="document", loaded=loaded)
    assert report.status == "committed", report.render("en")
    graph = Graph().parse(settings.imports_dir / f"{report.import_id}.ttl")
    document = URIRef("https://w3id.org/brn-graph/id/document/test-aftale-2024")
    assert {str(o).rsplit("/", 1)[-1] for o in graph.objects(document, DCTERMS.publisher)} == {
        "erhvervshus-nordjylland",
        "kkr-nordjylland",
    }
    assert graph.value(document, BRN.confidence) == BRN.Inferred
