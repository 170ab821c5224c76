"""Aggregated lists in one order on every engine.

SPARQL leaves the order of the parts of a ``GROUP_CONCAT`` to the engine, and Oxigraph and
rdflib do differ ("Life science; Welfare technology" on one, the reverse on the other). A
library query (:mod:`brn_graph.query.catalog`) therefore knows its ``GROUP_CONCAT`` columns
and their separators, read from its text when it is checked; the engine then sorts
the parts of those columns in every result (:func:`order_lists`): Danish collation, then code
points, so equal input gives equal text whichever engine answered. Ad-hoc queries (the SPARQL
endpoint, ``brn-graph sparql``) are returned as the engine gave them.

A part that itself contains the separator is split there too: the order stays the same on
every engine, but such a value reads better with another separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from brn_graph.graph.terms import QueryResult, Term
from brn_graph.i18n.collation import danish_sort_key
from brn_graph.query.check import CheckedQuery

#: SPARQL's default GROUP_CONCAT separator.
DEFAULT_SEPARATOR = " "


@dataclass(frozen=True, kw_only=True)
class ListedQuery(CheckedQuery):
    """A checked query that names its aggregated list columns: ``(column, separator)``."""

    lists: tuple[tuple[str, str], ...] = ()
    #: The query's own row limit (its header's ``limit:``): the engine's row cap for it
    #: unless the caller gives one.
    row_limit: int | None = None

    @classmethod
    def of(
        cls,
        checked: CheckedQuery,
        lists: tuple[tuple[str, str], ...],
        *,
        row_limit: int | None = None,
    ) -> ListedQuery:
        values = {f.name: getattr(checked, f.name) for f in fields(CheckedQuery)}
        return cls(**values, lists=lists, row_limit=row_limit)


def aggregated_lists(text: str) -> tuple[tuple[str, str], ...]:
    """The result columns of ``text`` bound to a ``GROUP_CONCAT``, with their separators.

    Only a column that is the ``GROUP_CONCAT`` itself, ``(GROUP_CONCAT(...) AS ?column)``,
    is a list; comments and string literals are skipped. Call it on a query that
    :func:`~brn_graph.query.check.check_query` accepted.

    >>> aggregated_lists('SELECT (GROUP_CONCAT(?o; separator="; ") AS ?all) WHERE { ?s ?p ?o }')
    (('all', '; '),)
    >>> aggregated_lists('SELECT (CONCAT("a", GROUP_CONCAT(?o)) AS ?x) WHERE { ?s ?p ?o }')
    ()
    """
    code, strings = _mask(text)
    found: dict[str, str] = {}
    for match in _GROUP_CONCAT.finditer(code):
        start = match.end() - 1  # the opening parenthesis
        end = _closing(code, start)
        if end is None:
            continue
        after = _AS_VARIABLE.match(code, end + 1)
        before = code[: match.start()].rstrip()
        if after is None or not before.endswith("("):
            continue
        separator = DEFAULT_SEPARATOR
        inner = _SEPARATOR.search(code, start, end)
        if inner is not None:
            separator = strings.get(inner.end() - 1, DEFAULT_SEPARATOR)
        found[after.group(1)] = separator
    return tuple(sorted(found.items()))


_GROUP_CONCAT = re.compile(r"(?<![\w:])GROUP_CONCAT\s*\(", re.IGNORECASE)
_AS_VARIABLE = re.compile(r"\s*AS\s*[?$](\w+)\s*\)", re.IGNORECASE)
_SEPARATOR = re.compile(r";\s*SEPARATOR\s*=\s*\S", re.IGNORECASE)


def _mask(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with comments blanked and each string literal replaced by one quote mark.

    The quote mark's position maps to the literal's value, so parentheses and keywords in
    strings or comments never count.
    """
    out: list[str] = []
    strings: dict[int, str] = {}
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if char in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else char
            j = i + len(quote)
            value: list[str] = []
            while j < n and not text.startswith(quote, j):
                if text[j] == "\\" and j + 1 < n:
                    value.append(_ESCAPES.get(text[j + 1], text[j + 1]))
                    j += 2
                    continue
                value.append(text[j])
                j += 1
            strings[len(out)] = "".join(value)
            out.append('"')
            i = j + len(quote)
            continue
        out.append(char)
        i += 1
    return "".join(out), strings


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _closing(code: str, start: int) -> int | None:
    depth = 0
    for index in range(start, len(code)):
        if code[index] == "(":
            depth += 1
        elif code[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


def order_lists(result: QueryResult, lists: tuple[tuple[str, str], ...]) -> QueryResult:
    """``result`` with the parts of each list column sorted (other columns unchanged)."""
    positions = [
        (result.variables.index(column), separator)
        for column, separator in lists
        if column in result.variables
    ]
    if not positions or not result.rows:
        return result
    rows = []
    for row in result.rows:
        cells = list(row)
        for index, separator in positions:
            cell = cells[index]
            if cell is not None and cell.kind == "literal" and separator:
                cells[index] = _sorted_parts(cell, separator)
        rows.append(tuple(cells))
    return replace(result, rows=tuple(rows))


def _sorted_parts(term: Term, separator: str) -> Term:
    parts = sorted(term.value.split(separator), key=lambda p: (danish_sort_key(p), p))
    return Term.literal(separator.join(parts), datatype=term.datatype, lang=term.lang)
