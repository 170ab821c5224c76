"""The members template's lists: the codes column is headed as codes, and a municipality
outside the drop-down (a four-digit code, as the help sheet allows) only gets a warning."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rdflib import Graph

from brn_graph.ingest.template import write_template


@pytest.mark.parametrize(("lang", "code"), [("da", "kode"), ("en", "code")])
def test_the_municipality_list_heads_its_codes_as_codes(
    tmp_path: Path, bundled_graph: Graph, lang: str, code: str
) -> None:
    target = write_template("members", bundled_graph, tmp_path / "m.xlsx", lang=lang)  # type: ignore[arg-type]
    lists = openpyxl.load_workbook(target)["lists"]
    assert lists["B1"].value == code
    codes = [c.value for c in lists["B"]][1:]
    assert "0851" in codes
    assert all(isinstance(c, str) and len(c) == 4 and c.isdigit() for c in codes)


def test_a_municipality_outside_the_list_is_a_warning_not_a_refusal(
    tmp_path: Path, bundled_graph: Graph
) -> None:
    target = write_template("members", bundled_graph, tmp_path / "m.xlsx", lang="da")
    sheet = openpyxl.load_workbook(target)["members"]
    (rule,) = [r for r in sheet.data_validations.dataValidation if "C2" in str(r.sqref)]
    assert rule.errorStyle == "warning"
    assert rule.error is not None
    assert "firecifret kommunekode" in rule.error


def test_assessment_lists_still_refuse_values_outside_them(
    tmp_path: Path, bundled_graph: Graph
) -> None:
    target = write_template("assessments", bundled_graph, tmp_path / "a.xlsx", lang="en")
    book = openpyxl.load_workbook(target)
    rules = [r for s in book.worksheets for r in s.data_validations.dataValidation]
    assert rules
    assert {r.errorStyle for r in rules} <= {None, "stop"}
