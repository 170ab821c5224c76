"""Printing for the CLI: tables, CSV/TSV, JSON, errors, and the error-to-exit-code map.

A table is for people: its headers are catalogue words (``cli.col.<column>``) in the chosen
language, and codes in it (levels, confidences) are shown as words. CSV, TSV and JSON are for
programs: their columns keep the stable names and the codes stay codes.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from brn_graph.config import Language
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
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_decimal

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


def print_error(message: str, lang: Language) -> None:
    """``brn-graph: error: ...`` on standard error, the prefix in ``lang`` too."""
    print(f"brn-graph: {text('errors.prefix', lang)}: {message}", file=sys.stderr)


def print_warning(message: str, lang: Language) -> None:
    """``brn-graph: warning: ...`` on standard error."""
    print(f"brn-graph: {text('errors.warning', lang)}: {message}", file=sys.stderr)


def headers(columns: Sequence[str], lang: Language, **named: str) -> dict[str, str]:
    """The table headers of ``columns`` in ``lang`` (``cli.col.<column>``); ``named`` gives
    headers for columns that are not in the catalogue (data-dependent ones).

    >>> headers(["cluster", "score"], "da")
    {'cluster': 'klynge', 'score': 'score'}
    """
    return {c: named[c] if c in named else text(f"cli.col.{c}", lang) for c in columns}


def code_word(kind: str, code: str | None, lang: Language) -> str | None:
    """A level or confidence code as its word (``high`` -> ``høj``); ``None`` stays ``None``.

    >>> code_word("level", "high", "da"), code_word("confidence", None, "da")
    ('høj', None)
    """
    return text(f"{kind}.{code}", lang) if code else None


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def render_rows(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    fmt: TableFormat,
    *,
    titles: Mapping[str, str] | None = None,
    lang: Language | None = None,
) -> str:
    """Rows as an aligned text table, CSV, TSV or a JSON list of objects.

    ``titles`` are the table's headers (see :func:`headers`); CSV, TSV and JSON always use
    the column names. With ``lang``, a table shows fractional numbers with the decimal mark of
    the language and yes/no for booleans; without, cells are written as CSV writes them.

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
    cells = [[_cell(r.get(c), lang) for c in columns] for r in rows]
    shown = [titles.get(c, c) for c in columns] if titles else list(columns)
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(shown)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(shown, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines) + "\n"


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
