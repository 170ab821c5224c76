"""Printing for the CLI: tables, CSV/TSV, JSON, errors, and the error-to-exit-code map."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from brn_graph.errors import (
    BrnGraphError,
    ConfigError,
    DataLoadError,
    NotFoundError,
    ParameterError,
    QueryError,
    QueryTimeoutError,
    StoreError,
)

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


def exit_code_for(exc: BrnGraphError) -> int:
    """The one map from library errors to exit codes."""
    if isinstance(exc, QueryTimeoutError):
        return EXIT_TIMEOUT
    if isinstance(exc, StoreError):
        return EXIT_STORE
    if isinstance(exc, DataLoadError | ConfigError | NotFoundError | ParameterError | QueryError):
        return EXIT_BAD_INPUT
    return EXIT_BAD_INPUT


def print_error(message: str) -> None:
    print(f"brn-graph: error: {message}", file=sys.stderr)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def render_rows(columns: Sequence[str], rows: Sequence[Mapping[str, Any]], fmt: TableFormat) -> str:
    """Rows as an aligned text table, CSV, TSV or a JSON list of objects.

    >>> print(render_rows(["a", "b"], [{"a": "x", "b": 1}], TableFormat.csv), end="")
    a,b
    x,1
    """
    if fmt is TableFormat.json:
        return json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt in (TableFormat.csv, TableFormat.tsv):
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, delimiter="," if fmt is TableFormat.csv else "\t", lineterminator="\n"
        )
        writer.writerow(columns)
        for r in rows:
            writer.writerow([_cell(r.get(c)) for c in columns])
        return buffer.getvalue()
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)
