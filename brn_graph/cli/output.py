"""Printing for the CLI: tables, CSV/TSV, JSON, errors, and the error-to-exit-code map.

A table is for people: its headers are catalogue words (``cli.col.<column>``) in the chosen
language, and codes in it (levels, confidences) are shown as words. CSV, TSV and JSON are for
programs: their columns keep the stable names and the codes stay codes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from brn_graph.config import Language
from brn_graph.errors import (
    BrnGraphError,
    ConfigError,
    DataLoadError,
    EngineFailedError,
    NotFoundError,
    ParameterError,
    QueryBusyError,
    QueryError,
    QueryLimitError,
    QueryTimeoutError,
    StoreError,
)
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_decimal
from brn_graph.i18n.message import message
from brn_graph.tables import excel_csv, xlsx_table

EXIT_OK = 0
EXIT_NOT_CONFORMING = 1
EXIT_BAD_INPUT = 2
EXIT_TIMEOUT = 3
EXIT_STORE = 4


class TextFormat(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xlsx = "xlsx"


@dataclass
class TableLayout:
    """How tables are laid out: the global ``--wide``, ``--columns`` and ``--excel`` options.

    ``width`` ``None`` means the terminal's: ``COLUMNS`` when set, else the terminal's own
    width; output into a pipe or a file (no terminal, no ``COLUMNS``) is not wrapped.
    """

    wide: bool = False
    columns: tuple[str, ...] = ()
    width: int | None = None
    excel: bool = False

    def target_width(self) -> int | None:
        if self.wide:
            return None
        if self.width:
            return self.width
        if "COLUMNS" not in os.environ and not sys.stdout.isatty():
            return None
        return shutil.get_terminal_size((100, 24)).columns


#: The layout of this process's tables; the CLI's global options set it once.
LAYOUT = TableLayout()
#: No column is squeezed below this many characters (or its widest cell, when narrower).
MIN_COLUMN_WIDTH = 8


def exit_code_for(exc: BrnGraphError) -> int:
    """The one map from library errors to exit codes."""
    if isinstance(exc, QueryTimeoutError | QueryLimitError | QueryBusyError):
        return EXIT_TIMEOUT
    if isinstance(exc, EngineFailedError):
        return EXIT_STORE
    if isinstance(exc, StoreError):
        return EXIT_STORE
    if isinstance(exc, DataLoadError | ConfigError | NotFoundError | ParameterError | QueryError):
        return EXIT_BAD_INPUT
    return EXIT_BAD_INPUT


def print_error(message: str, lang: Language) -> None:
    """``brn-graph: fejl: ...`` (``error`` in English) on standard error."""
    print(text("doors.cli.error", lang, message=message), file=sys.stderr)


def print_warning(message: str, lang: Language) -> None:
    """``brn-graph: warning: ...`` on standard error."""
    print(f"brn-graph: {text('errors.warning', lang)}: {message}", file=sys.stderr)


def headers(columns: Sequence[str], lang: Language, **named: str) -> dict[str, str]:
    """The table headers of ``columns`` in ``lang`` (``cli.col.<column>``); ``named`` gives
    headers for columns that are not in the catalogue (data-dependent ones).

    >>> headers(["cluster", "score"], "da")
    {'cluster': 'klynge', 'score': 'point'}
    """
    return {c: named[c] if c in named else text(f"cli.col.{c}", lang) for c in columns}


def code_word(kind: str, code: str | None, lang: Language) -> str | None:
    """A level or confidence code as its word (``high`` -> ``høj``); ``None`` stays ``None``.

    >>> code_word("level", "high", "da"), code_word("confidence", None, "da")
    ('høj', None)
    """
    return text(f"{kind}.{code}", lang) if code else None


def say(prose: str = "") -> None:
    """Print prose under a table, each line wrapped to the table width (unless ``--wide``).

    A wrapped line keeps its indentation plus two spaces on its continuation lines.
    """
    width = LAYOUT.target_width()
    if width is None:
        print(prose)
        return
    out: list[str] = []
    for line in prose.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.extend(
            textwrap.wrap(
                line.strip(),
                width=width,
                initial_indent=indent,
                subsequent_indent=indent + "  ",
                break_long_words=True,
                break_on_hyphens=False,
            )
        )
    print("\n".join(out))


def emit_rows(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    fmt: TableFormat,
    *,
    title: str,
    titles: Mapping[str, str] | None = None,
    lang: Language | None = None,
) -> None:
    """Print rows in ``fmt``; XLSX goes to standard output as bytes, never to a terminal.

    A text table gets ``titles`` as headers and ``lang``'s number words (see
    :func:`render_rows`); files keep the stable column names.
    """
    if fmt is TableFormat.table:
        print(render_rows(columns, rows, fmt, titles=titles, lang=lang), end="")
        return
    if fmt is not TableFormat.xlsx:
        print(render_rows(columns, rows, fmt), end="")
        return
    if sys.stdout.isatty():
        raise ParameterError("--format", message("errors.reason.xlsx_tty"))
    sys.stdout.flush()
    sys.stdout.buffer.write(xlsx_table(title, columns, rows))
    sys.stdout.buffer.flush()


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def render_rows(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    fmt: TableFormat,
    *,
    titles: Mapping[str, str] | None = None,
    lang: Language | None = None,
    layout: TableLayout | None = None,
) -> str:
    """Rows as an aligned text table, CSV, TSV or a JSON list of objects.

    ``titles`` are the table's headers (see :func:`headers`); CSV, TSV and JSON always use
    the column names and hold every column in full. With ``lang``, a table shows fractional
    numbers with the decimal mark of the language and yes/no for booleans; without, cells are
    written as CSV writes them. A text table keeps the columns chosen with ``--columns`` (all
    by default; named by their stable names) and fits the terminal width by wrapping long
    cells onto continuation lines, unless ``--wide``.

    >>> print(render_rows(["a", "b"], [{"a": "x", "b": 1}], TableFormat.csv), end="")
    a,b
    x,1
    """
    if fmt is TableFormat.json:
        return json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt is TableFormat.csv and (layout or LAYOUT).excel:
        return excel_csv(columns, rows)
    if fmt in (TableFormat.csv, TableFormat.tsv):
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, delimiter="," if fmt is TableFormat.csv else "\t", lineterminator="\n"
        )
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        return buffer.getvalue()
    layout = layout or LAYOUT
    columns = choose_columns(columns, layout.columns)
    cells = [[_cell(r.get(c), lang) for c in columns] for r in rows]
    shown = [titles.get(c, c) for c in columns] if titles else list(columns)
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(shown)]
    target = layout.target_width()
    if target is not None:
        widths = fit_widths(widths, target, [len(h) for h in shown])
    lines = _table_lines([shown], widths, header=True)
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(_table_lines(cells, widths, header=False))
    return "\n".join(lines) + "\n"


def choose_columns(columns: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """The columns named in ``wanted`` (in that order), or all; an unknown name is an error.

    >>> choose_columns(["a", "b", "c"], ["c", "a"])
    ['c', 'a']
    """
    if not wanted:
        return list(columns)
    unknown = [w for w in wanted if w not in columns]
    if unknown:
        raise ParameterError(
            "--columns",
            message(
                "errors.reason.no_column",
                names=[repr(u) for u in unknown],
                columns=[repr(c) for c in columns],
            ),
        )
    return list(wanted)


def fit_widths(natural: Sequence[int], total: int, headers: Sequence[int]) -> list[int]:
    """Column widths whose sum (with two spaces between columns) fits ``total``.

    The widest column gives up a character at a time; no column goes below
    :data:`MIN_COLUMN_WIDTH` (or its natural width), so a table with very many columns may
    still be wider than ``total``.

    >>> fit_widths([10, 60, 5], 50, [4, 4, 4])
    [10, 31, 5]
    """
    widths = list(natural)
    budget = total - 2 * (len(widths) - 1)
    # First spare headers (up to 12 characters), then squeeze to the minimum, then further.
    for tier in range(3):
        floors = [
            min(n, (max(MIN_COLUMN_WIDTH, min(h, 12)), MIN_COLUMN_WIDTH, 4)[tier])
            for n, h in zip(natural, headers, strict=True)
        ]
        while sum(widths) > budget:
            shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def _table_lines(
    rows: Sequence[Sequence[str]], widths: Sequence[int], *, header: bool
) -> list[str]:
    lines: list[str] = []
    for row in rows:
        pieces = [
            [value[: w - 1] + "…"] if header and len(value) > w else _wrap(value, w)
            for value, w in zip(row, widths, strict=True)
        ]
        for k in range(max(len(p) for p in pieces)):
            parts = [
                (p[k] if k < len(p) else "").ljust(w) for p, w in zip(pieces, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
    return lines


def _wrap(value: str, width: int) -> list[str]:
    if len(value) <= width:
        return [value]
    return textwrap.wrap(value, width=width, break_long_words=True, break_on_hyphens=True) or [""]


def _cell(value: Any, lang: Language | None = None) -> str:
    if value is None:
        return ""
    if lang is not None and isinstance(value, bool):
        return text("answer.yes" if value else "answer.no", lang)
    if isinstance(value, float):
        if lang is None:
            return (
                f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
            )
        return format_decimal(value, lang)
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v, lang) for v in value)
    return str(value)
