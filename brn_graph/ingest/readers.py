"""Streaming readers for member lists: Danish Excel CSV and XLSX, header found by the mapping.

CSV: UTF-8 (with or without BOM) or Windows-1252, semicolon, comma or tab, header rows that
are not on line 1, empty rows. XLSX: openpyxl in read-only mode, formulas never evaluated
(``data_only=False`` hands back the formula text, which the row checks refuse), refused before
opening when the archive is damaged or inflates suspiciously (a zip bomb). Rows are yielded
one at a time and the row count is capped, so memory stays bounded on any input.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from brn_graph.errors import BrnGraphError
from brn_graph.ingest.mapping import Mapping

HEADER_SEARCH_ROWS = 30
SAMPLE_BYTES = 1 << 20
#: Limits on an XLSX archive: total inflated size and inflation ratio.
MAX_XLSX_INFLATED = 512 << 20
MAX_XLSX_RATIO = 200


class UnreadableFileError(BrnGraphError):
    """The file cannot be read as a table of the mapping's layout (exit 2): names the file.

    ``key`` and ``values`` give the message in the catalogue (area ``ingest``).
    """

    def __init__(self, path: Path, key: str, *, line: int | None = None, **values: Any) -> None:
        self.path = path
        self.key = key
        self.line = line
        self.values = values
        where = f"{path.name}:{line}" if line is not None else path.name
        super().__init__(f"{where}: {key} {values}" if values else f"{where}: {key}")


@dataclass(frozen=True)
class RawRow:
    """One non-empty data row: its number in the file (1-based) and its cells as text."""

    number: int
    cells: tuple[str, ...]


@dataclass
class Table:
    """A readable table: where its header is, which column feeds which field, and its rows."""

    sheet: str
    header_row: int
    header: list[str]
    columns: dict[str, int]
    rows: Iterator[RawRow]
    encoding: str = ""
    delimiter: str = ""


def is_xlsx(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


@contextmanager
def open_table(
    path: Path, mapping: Mapping, *, max_rows: int, require_sheet: bool = False
) -> Iterator[Table]:
    """Open ``path`` (CSV or XLSX by content, not by name) as a :class:`Table`.

    ``require_sheet``: the mapping's sheet must be in the workbook (no fallback to the first
    sheet), for the workbooks of several sheets; such workbooks are XLSX only."""
    try:
        xlsx = is_xlsx(path)
    except OSError as exc:
        raise UnreadableFileError(path, "ingest.unreadable.io", reason=exc.strerror) from exc
    if xlsx:
        with _open_xlsx(path, mapping, max_rows=max_rows, require_sheet=require_sheet) as table:
            yield table
    elif require_sheet:
        raise UnreadableFileError(path, "authoring.unreadable.not_xlsx")
    else:
        with _open_csv(path, mapping, max_rows=max_rows) as table:
            yield table


def cell_text(value: object) -> str:
    """A cell value as text: integral floats without ``.0``, dates in ISO form.

    >>> cell_text(12.0), cell_text(None), cell_text(datetime(2024, 5, 1))
    ('12', '', '2024-05-01')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# ---------------------------------------------------------------------------------- CSV


def _detect_encoding(path: Path, sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in sample:
        raise UnreadableFileError(path, "ingest.unreadable.binary")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _count_lines(path: Path, limit: int) -> int:
    """Line count, stopping early past ``limit`` (a cheap pass before parsing)."""
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(SAMPLE_BYTES):
            count += chunk.count(b"\n")
            if count > limit:
                break
    return count


@contextmanager
def _open_csv(path: Path, mapping: Mapping, *, max_rows: int) -> Iterator[Table]:
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
    if not sample.strip():
        raise UnreadableFileError(path, "ingest.unreadable.empty")
    if _count_lines(path, max_rows + HEADER_SEARCH_ROWS) > max_rows + HEADER_SEARCH_ROWS:
        raise UnreadableFileError(path, "ingest.unreadable.too_many_rows", limit=max_rows)
    encoding = _detect_encoding(path, sample)
    text_sample = sample.decode(encoding, errors="ignore")
    try:
        delimiter = csv.Sniffer().sniff(text_sample[:65536], delimiters=";,\t").delimiter
    except csv.Error:
        first = text_sample.splitlines()[0] if text_sample else ""
        delimiter = max(";,\t", key=first.count)
    handle = io.TextIOWrapper(path.open("rb"), encoding=encoding, errors="strict", newline="")
    try:
        reader = csv.reader(handle, delimiter=delimiter)
        header_row, header, columns = _find_header(path, mapping, _csv_rows(path, reader, encoding))
        rows = _capped(path, _skip_empty(_csv_rows(path, reader, encoding)), header_row, max_rows)
        yield Table(
            sheet=path.name,
            header_row=header_row,
            header=header,
            columns=columns,
            rows=rows,
            encoding=encoding,
            delimiter=delimiter,
        )
    finally:
        handle.close()


def _csv_rows(path: Path, reader: Any, encoding: str) -> Iterator[RawRow]:
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise UnreadableFileError(
                path, "ingest.unreadable.encoding", line=reader.line_num + 1, encoding=encoding
            ) from exc
        except csv.Error as exc:
            raise UnreadableFileError(
                path, "ingest.unreadable.csv", line=reader.line_num, reason=str(exc)
            ) from exc
        yield RawRow(reader.line_num, tuple(c.strip() for c in cells))


# --------------------------------------------------------------------------------- XLSX


def check_xlsx_archive(path: Path) -> None:
    """Refuse a damaged archive or one that inflates past the limits (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            inflated = sum(i.file_size for i in infos)
            compressed = sum(i.compress_size for i in infos) or 1
            bad = archive.testzip() if inflated < (64 << 20) else None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UnreadableFileError(path, "ingest.unreadable.xlsx", reason=str(exc)) from exc
    if inflated > MAX_XLSX_INFLATED or inflated / compressed > MAX_XLSX_RATIO:
        raise UnreadableFileError(
            path, "ingest.unreadable.zip_bomb", inflated=inflated, compressed=compressed
        )
    if bad is not None:
        raise UnreadableFileError(path, "ingest.unreadable.xlsx", reason=f"damaged member {bad}")


@contextmanager
def _open_xlsx(
    path: Path, mapping: Mapping, *, max_rows: int, require_sheet: bool = False
) -> Iterator[Table]:
    import openpyxl  # imported here: only XLSX input needs it

    check_xlsx_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
        raise UnreadableFileError(path, "ingest.unreadable.xlsx", reason=str(exc)) from exc
    try:
        present = [n for n in mapping.sheet_names if n in workbook.sheetnames]
        if present:
            sheet = workbook[present[0]]
        elif require_sheet:
            raise UnreadableFileError(
                path, "authoring.unreadable.no_sheet", sheet=" / ".join(mapping.sheet_names)
            )
        else:
            sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > max_rows + HEADER_SEARCH_ROWS:
            raise UnreadableFileError(path, "ingest.unreadable.too_many_rows", limit=max_rows)

        def rows() -> Iterator[RawRow]:
            try:
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                    yield RawRow(number, tuple(cell_text(v) for v in values))
            except UnreadableFileError:
                raise
            except Exception as exc:
                raise UnreadableFileError(path, "ingest.unreadable.xlsx", reason=str(exc)) from exc

        source = rows()
        header_row, header, columns = _find_header(path, mapping, source)
        yield Table(
            sheet=str(sheet.title),
            header_row=header_row,
            header=header,
            columns=columns,
            rows=_capped(path, _skip_empty(source), header_row, max_rows),
        )
    finally:
        workbook.close()


# ------------------------------------------------------------------------------- common


def _find_header(
    path: Path, mapping: Mapping, rows: Iterator[RawRow]
) -> tuple[int, list[str], dict[str, int]]:
    for row in rows:
        columns = mapping.match_header(list(row.cells))
        if columns is not None:
            return row.number, list(row.cells), columns
        if row.number >= HEADER_SEARCH_ROWS:
            break
    expected = ", ".join(" / ".join(mapping.columns[r]) for r in mapping.required)
    raise UnreadableFileError(
        path, "ingest.unreadable.no_header", mapping=mapping.name, expected=expected
    )


def _skip_empty(rows: Iterator[RawRow]) -> Iterator[RawRow]:
    return (r for r in rows if any(r.cells))


def _capped(path: Path, rows: Iterator[RawRow], header_row: int, limit: int) -> Iterator[RawRow]:
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise UnreadableFileError(path, "ingest.unreadable.too_many_rows", limit=limit)
        yield row
