"""Row checks of member lists: CVR, municipality, industry, SME class, names, formulas."""

from __future__ import annotations

from pathlib import Path

import pytest

from brn_graph.ingest.mapping import builtin_mapping_path, load_mapping
from brn_graph.ingest.members import check_rows, industry_code, parse_size
from brn_graph.ingest.municipalities import Municipalities
from brn_graph.ingest.readers import open_table
from tests.unit.ingest.conftest import write_text

HEADER = "CVR-nummer;Navn;Kommune;Branchekode;Virksomhedsform;Antal ansatte\n"
AALBORG = "https://w3id.org/brn-graph/id/municipality/aalborg"


def check(tmp_path: Path, municipalities: Municipalities, body: str, *, keep_names: bool = False):
    path = write_text(tmp_path / "m.csv", HEADER + body)
    mapping = load_mapping(builtin_mapping_path("cvr-export"))
    with open_table(path, mapping, max_rows=1000) as table:
        return check_rows(table, mapping, municipalities, keep_names=keep_names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", (0, None, True)),
        ("249", (249, None, True)),
        ("250", (250, None, False)),
        ("1.200", (1200, None, False)),
        ("12,0", (12, None, True)),
        ("50-99", (None, "50-99", True)),
        ("200-499", (None, "200-499", None)),  # straddles 250: unknown, not a guess
        ("250-499", (None, "250-499", False)),
        ("1000+", (None, "1000+", False)),
        ("100+", (None, "100+", None)),
        ("20-49 ansatte", (None, "20-49", True)),
        ("", (None, None, None)),
    ],
)
def test_size_class_by_eu_head_count(text: str, expected: tuple[object, ...]) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["mange", "12.5", "12.5,3", "99-10", "ca. 40"])
def test_unreadable_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_size(text)


def test_industry_codes_lose_their_dots() -> None:
    assert industry_code("62.01.00") == "620100"
    with pytest.raises(ValueError, match="6201000"):
        industry_code("6201000")


@pytest.mark.parametrize(
    ("text", "code", "iri"),
    [
        ("Aalborg", "0851", AALBORG),
        ("AALBORG KOMMUNE", "0851", AALBORG),
        ("aalborg municipality", "0851", AALBORG),
        ("0851", "0851", AALBORG),
        ("851", "0851", AALBORG),
        ("brønderslev", "0810", "https://w3id.org/brn-graph/id/municipality/broenderslev"),
        ("0751", "0751", None),  # a valid code without a node in the graph
    ],
)
def test_municipalities_resolve_by_name_or_code(
    municipalities: Municipalities, text: str, code: str, iri: str | None
) -> None:
    found = municipalities.resolve(text)
    assert found is not None
    assert (found.code, found.iri) == (code, iri)


@pytest.mark.parametrize("text", ["0411", "9999", "Aalborrg", "Atlantis"])
def test_unknown_municipalities_do_not_resolve(municipalities: Municipalities, text: str) -> None:
    assert municipalities.resolve(text) is None


def test_rows_are_checked_and_each_error_names_row_column_value(
    tmp_path: Path, municipalities: Municipalities
) -> None:
    rows = check(
        tmp_path,
        municipalities,
        "13585628;Firma A/S;Aalborg;620100;Aktieselskab;12\n"
        "13585627;Forkert Ciffer A/S;Aalborg;;;\n"
        "1358562;Kort A/S;Aalborg;;;\n"
        "25313763;Ukendt Kommune A/S;Gotham;;;\n"
        "=1+1;Formel A/S;Aalborg;;;\n"
        "10403782;@SUM(A1);Thisted;;;\n",
    )
    assert list(rows.members) == ["13585628"]
    got = {(e.row, e.column, e.value, e.reason) for e in rows.errors}
    assert got == {
        (3, "CVR-nummer", "13585627", "ingest.row.cvr_checksum"),
        (4, "CVR-nummer", "1358562", "ingest.row.cvr_length"),
        (5, "Kommune", "Gotham", "ingest.row.municipality_unknown"),
        (6, "CVR-nummer", "=1+1", "ingest.row.formula"),
        (7, "Navn", "@SUM(A1)", "ingest.row.formula"),
    }
    assert rows.error_count == 5
    assert rows.rows_read == 6


def test_duplicate_cvr_numbers_are_merged_and_reported(
    tmp_path: Path, municipalities: Municipalities
) -> None:
    rows = check(
        tmp_path,
        municipalities,
        "13585628;Firma A/S;Aalborg;;;12\n"
        "25313763;Andet ApS;Thisted;;;3\n"
        "13585628;Firma A/S (igen);Aalborg;;;12\n",
    )
    assert sorted(rows.members) == ["13585628", "25313763"]
    assert rows.members["13585628"].name == "Firma A/S"
    assert rows.duplicates == {"13585628": [2, 4]}


def test_sole_proprietorship_names_are_dropped_unless_kept(
    tmp_path: Path, municipalities: Municipalities
) -> None:
    body = "13585628;Jens Jensen;Aalborg;;Enkeltmandsvirksomhed;1\n"
    dropped = check(tmp_path, municipalities, body)
    kept = check(tmp_path, municipalities, body, keep_names=True)
    assert dropped.members["13585628"].name is None
    assert dropped.names_dropped == 1
    assert kept.members["13585628"].name == "Jens Jensen"


def test_a_missing_name_is_an_error_unless_sole_proprietorship(
    tmp_path: Path, municipalities: Municipalities
) -> None:
    rows = check(tmp_path, municipalities, "13585628;;Aalborg;;Aktieselskab;1\n")
    assert [e.reason for e in rows.errors] == ["ingest.row.name"]
