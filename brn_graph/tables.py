"""Rows as files people open in a spreadsheet: Danish-Excel CSV and XLSX.

Danish Excel reads a CSV file with ``;`` between fields, a decimal comma, and (to see the
Danish letters) a UTF-8 byte-order mark; :func:`excel_csv` writes exactly that, one value per
cell (a value and its date are separate columns, never "200 (2023)"), CRLF line ends, and text
that Excel would run as a formula prefixed with ``'``. :func:`xlsx_table` writes the same rows
as a typed sheet (numbers as numbers, ISO dates as dates, frozen header, filter).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

#: Leading characters that make a spreadsheet evaluate a cell (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _excel_value(value: Any) -> str:
    """One cell of a Danish-Excel CSV.

    >>> [_excel_value(v) for v in (0.25, 3, None, True, "=1+1", "-", "Ærø")]
    ['0,25', '3', '', 'TRUE', "'=1+1", "'-", 'Ærø']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value == value else ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def excel_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """``rows`` as Danish-Excel CSV text, starting with the byte-order mark.

    >>> excel_csv(["cluster", "score"], [{"cluster": "ECD", "score": 0.37}])
    '\\ufeffcluster;score\\r\\nECD;0,37\\r\\n'
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_excel_value(row.get(c)) for c in columns])
    return buffer.getvalue()


def _typed(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def add_sheet(
    workbook: Any, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Append a typed sheet to an openpyxl ``workbook`` (frozen header row, auto filter)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        sheet.append([_typed(v) for v in row])
        count += 1
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{count + 1}"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(header) + 4))


def xlsx_table(title: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """``rows`` as a one-sheet XLSX workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheet(workbook, title, columns, ([row.get(c) for c in columns] for row in rows))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
