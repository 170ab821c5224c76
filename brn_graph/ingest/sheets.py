"""Workbooks of several sheets (the ``document`` and ``meetings`` kinds): reading and cell checks.

Each sheet is read with its own mapping through :func:`~brn_graph.ingest.readers.open_table`
(the same header search, formula refusal and row cap as every other ingest), and its rows are
kept (an authoring workbook is small; the row cap bounds it). :class:`Row` checks one row's
cells and records every refusal as a :class:`~brn_graph.ingest.members.RowError` naming the
sheet, row, column and value, so all kinds report mistakes the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph, URIRef

from brn_graph.errors import NotFoundError, ParameterError
from brn_graph.graph.resolve import Candidate, resolve_identifier, slug_of
from brn_graph.ingest.mapping import Mapping, builtin_mapping_path, load_mapping
from brn_graph.ingest.members import FORMULA_START, MAX_STORED_ERRORS, RowError
from brn_graph.ingest.readers import RawRow, Table, check_xlsx_archive, is_xlsx, open_table
from brn_graph.namespaces import RDF, RDFS, SKOS

CONFIDENCES = {"stated": "Stated", "inferred": "Inferred", "weak": "Weak"}
YES = frozenset({"yes", "ja", "y", "j", "true", "1", "x"})
NO = frozenset({"no", "nej", "n", "false", "0", ""})
#: Record ids: lower-case letters, digits and hyphens, as the bundled data's IRIs.
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
#: "2.000" or "1.250.000": a Danish thousands separator, not a decimal point (refused).
THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")


@dataclass(frozen=True)
class SheetRows:
    """The rows of one sheet of a workbook, read with ``mapping``."""

    mapping: Mapping
    sheet: str
    header: dict[str, str]  # field -> the header as written
    rows: list[dict[str, str]]  # field -> cell text, with "_row" the row number
    present: bool = True


def read_sheet(path: Path, name: str, *, max_rows: int, required: bool) -> SheetRows:
    """The rows of the sheet of built-in mapping ``name``; an optional sheet may be absent."""
    mapping = load_mapping(builtin_mapping_path(name))
    if not required and is_xlsx(path) and not _has_sheet(path, mapping):
        return SheetRows(mapping, mapping.sheet or name, {}, [], present=False)
    with open_table(path, mapping, max_rows=max_rows, require_sheet=True) as table:
        return SheetRows(
            mapping, table.sheet, _headers(table), [_cells(table, r) for r in table.rows]
        )


def _has_sheet(path: Path, mapping: Mapping) -> bool:
    import openpyxl

    check_xlsx_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception:
        return True
    try:
        return any(n in workbook.sheetnames for n in mapping.sheet_names)
    finally:
        workbook.close()


def _headers(table: Table) -> dict[str, str]:
    return {name: table.header[index] for name, index in table.columns.items()}


def _cells(table: Table, row: RawRow) -> dict[str, str]:
    cells = {
        name: (row.cells[i] if i < len(row.cells) else "") for name, i in table.columns.items()
    }
    cells["_row"] = str(row.number)
    return cells


@dataclass
class Refusals:
    """Every refused cell of a workbook (the first ``MAX_STORED_ERRORS`` kept)."""

    errors: list[RowError] = field(default_factory=list)
    count: int = 0

    def add(self, error: RowError) -> None:
        self.count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(error)


class Row:
    """One row of a sheet under check; every ``refuse`` names its cell."""

    def __init__(self, sheet: SheetRows, cells: dict[str, str], refusals: Refusals) -> None:
        self.sheet, self.cells, self.refusals = sheet, cells, refusals
        self.number = int(cells["_row"])
        self.failed = False
        for name in sheet.mapping.columns:
            if self.get(name).startswith(FORMULA_START):
                self.refuse(name, "ingest.row.formula")

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def refuse(self, name: str, reason: str) -> None:
        self.failed = True
        self.refusals.add(
            RowError(
                self.sheet.sheet,
                self.number,
                self.sheet.header.get(name, name),
                self.cells.get(name),
                reason,
            )
        )

    def required(self, *names: str) -> None:
        for name in names:
            if not self.get(name):
                self.refuse(name, "ingest.row.required")

    def both_languages(self, da: str, en: str) -> None:
        """A text given in one language must be given in the other too."""
        if bool(self.get(da)) != bool(self.get(en)):
            self.refuse(en if self.get(da) else da, "authoring.row.language_missing")

    def identifier(self, name: str) -> str | None:
        value = self.get(name)
        if value and not ID_PATTERN.match(value):
            self.refuse(name, "authoring.row.id")
            return None
        return value or None

    def partial_date(self, name: str) -> tuple[str, str] | None:
        """(lexical form, XSD datatype) of YYYY, YYYY-MM or YYYY-MM-DD; ``None`` when empty."""
        value = self.get(name)[:10] if len(self.get(name)) > 10 else self.get(name)
        if not value:
            return None
        found = PARTIAL_DATE.match(value)
        if found is None:
            self.refuse(name, "authoring.row.partial_date")
            return None
        year, month, day = found.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            self.refuse(name, "authoring.row.partial_date")
            return None
        kind = "date" if day else "gYearMonth" if month else "gYear"
        return value, kind

    def url(self, name: str) -> str | None:
        value = self.get(name)
        parts = urlsplit(value)
        if value and (parts.scheme not in {"http", "https"} or not parts.netloc or " " in value):
            self.refuse(name, "ingest.row.url")
            return None
        return value or None

    def confidence(self, name: str) -> str | None:
        value = self.get(name)
        found = CONFIDENCES.get(value.strip().lower())
        if value and found is None:
            self.refuse(name, "ingest.row.confidence")
        return found

    def yes_no(self, name: str) -> bool | None:
        value = self.get(name).strip().lower()
        if value in YES:
            return True
        if value in NO:
            return False
        self.refuse(name, "authoring.row.yes_no")
        return None

    def number_value(self, name: str) -> str | None:
        """A number as an ``xsd:decimal`` lexical form; a decimal comma is accepted."""
        value = self.get(name).replace(" ", "").replace("\u00a0", "")
        if not value:
            return None
        if THOUSANDS.match(value) or not NUMBER.match(value):
            self.refuse(name, "authoring.row.number")
            return None
        try:
            return format(Decimal(value.replace(",", ".")).normalize(), "f")
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            self.refuse(name, "authoring.row.number")
            return None

    def pick(self, name: str, kind: str, candidates: list[Candidate], reason: str) -> str | None:
        """The IRI a cell names (slug, IRI or label), or a refusal with ``reason``."""
        value = self.get(name)
        if not value:
            return None
        try:
            return resolve_identifier(kind, value, candidates).iri
        except (NotFoundError, ParameterError):
            self.refuse(name, reason)
            return None

    def pick_all(self, name: str, kind: str, candidates: list[Candidate], reason: str) -> list[str]:
        """The IRIs a cell names, separated by ``;`` (two parties of an agreement)."""
        found: list[str] = []
        for part in (p.strip() for p in self.get(name).split(";")):
            if not part:
                continue
            try:
                found.append(resolve_identifier(kind, part, candidates).iri)
            except (NotFoundError, ParameterError):
                self.refuse(name, reason)
        return found


def candidates(graph: Graph, classes: tuple[URIRef, ...]) -> list[Candidate]:
    """Everything of ``classes`` in ``graph``, nameable by slug, IRI or label."""
    nodes = {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}
    out = []
    for node in sorted(nodes):
        names = tuple(
            str(x)
            for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel)
            for x in graph.objects(node, p)
        )
        out.append(Candidate(iri=str(node), slug=slug_of(str(node)), names=names))
    return out


def order_text(lexical: str, *, end: bool) -> str:
    """A partial date as the earliest (or, with ``end``, latest) day it can mean, for ordering.

    >>> order_text("2024", end=False), order_text("2023-11", end=True)
    ('2024-01-01', '2023-11-31')
    """
    if len(lexical) == 4:
        return lexical + ("-12-31" if end else "-01-01")
    if len(lexical) == 7:
        return lexical + ("-31" if end else "-01")
    return lexical
