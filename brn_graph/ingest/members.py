"""Member-list rows to checked member records, with a row-level report of what was refused.

Per row: the CVR number checked with python-stdnum (length, digits, modulus-11 check digit);
the municipality resolved against the official code list; the DB07 industry code kept; the
size class by the EU SME definition from the head count or the register's interval (fewer
than 250 employed; an interval straddling 250 is unknown, never a guess; turnover and
balance sheet are not in the lists, so the class rests on head count alone); the name of a
sole proprietorship (a person's name) dropped unless asked to keep it. Cells that look like
spreadsheet formulas (``=``, ``+``, ``-``, ``@``) are refused, never evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from brn_graph.ingest.mapping import Mapping, fold
from brn_graph.ingest.municipalities import Municipalities, Municipality
from brn_graph.ingest.readers import RawRow, Table

SME_LIMIT = 250
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_STORED_ERRORS = 1000
_INTERVAL = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")
_OPEN_INTERVAL = re.compile(r"^(\d+)\s*\+$|^(?:over|mindst|min\.?|>=?)\s*(\d+)$")


@dataclass(frozen=True)
class RowError:
    """A refused cell: where (sheet, row, column), the value, and why (a catalogue key)."""

    sheet: str
    row: int
    column: str | None
    value: str | None
    reason: str


@dataclass(frozen=True)
class Member:
    """One checked member company."""

    cvr: str
    row: int
    name: str | None
    municipality: Municipality
    industry: str | None
    employees: int | None
    interval: str | None
    sme: bool | None
    sole_proprietorship: bool


@dataclass
class MemberRows:
    """The outcome of checking every row."""

    members: dict[str, Member] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows_read: int = 0
    duplicates: dict[str, list[int]] = field(default_factory=dict)
    names_dropped: int = 0

    def refuse(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(error)


def parse_size(text: str) -> tuple[int | None, str | None, bool | None]:
    """(head count, interval, SME?) from ``"12"``, ``"10-19"``, ``"1000+"`` or ``""``.

    >>> parse_size("12")
    (12, None, True)
    >>> parse_size("200-499 ansatte")
    (None, '200-499', None)
    >>> parse_size("250+")
    (None, '250+', False)
    >>> parse_size("")
    (None, None, None)
    """
    value = re.sub(r"\s*(ansatte|employees|personer)\s*$", "", text.strip(), flags=re.I)
    if not value:
        return None, None, None
    plain = value.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,0+)?|\d+(,0+)?", plain):  # "1.200" is Danish 1200
        count = int(plain.split(",")[0].replace(".", ""))
        return count, None, count < SME_LIMIT
    match = _INTERVAL.match(value)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if low > high:
            raise ValueError(value)
        sme = True if high < SME_LIMIT else False if low >= SME_LIMIT else None
        return None, f"{low}-{high}", sme
    match = _OPEN_INTERVAL.match(value.lower())
    if match:
        low = int(match.group(1) or match.group(2))
        return None, f"{low}+", False if low >= SME_LIMIT else None
    raise ValueError(value)


def industry_code(text: str) -> str:
    """A DB07 code as digits: ``"62.01.00"`` -> ``"620100"``; 2 to 6 digits.

    >>> industry_code("62.01.00")
    '620100'
    """
    digits = re.sub(r"[.\s]", "", text)
    if not re.fullmatch(r"\d{2,6}", digits):
        raise ValueError(text)
    return digits


def check_rows(
    table: Table,
    mapping: Mapping,
    municipalities: Municipalities,
    *,
    keep_names: bool,
) -> MemberRows:
    """Check every row of ``table``; duplicates of a CVR number are merged (first row wins)."""
    out = MemberRows()
    sole_forms = mapping.value_set("sole_proprietorship")
    headers = {name: table.header[index] for name, index in table.columns.items()}
    for row in table.rows:
        out.rows_read += 1
        member = _check_row(row, table, headers, municipalities, sole_forms, keep_names, out)
        if member is None:
            continue
        if member.sole_proprietorship and not keep_names:
            out.names_dropped += 1
        first = out.members.get(member.cvr)
        if first is None:
            out.members[member.cvr] = member
        else:
            out.duplicates.setdefault(member.cvr, [first.row]).append(member.row)
    return out


def _cell(row: RawRow, table: Table, name: str) -> str:
    index = table.columns.get(name)
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index]


def _check_row(
    row: RawRow,
    table: Table,
    headers: dict[str, str],
    municipalities: Municipalities,
    sole_forms: Iterable[str],
    keep_names: bool,
    out: MemberRows,
) -> Member | None:
    errors: list[RowError] = []

    def refuse(name: str, value: str, reason: str) -> None:
        errors.append(RowError(table.sheet, row.number, headers.get(name), value, reason))

    cells = {name: _cell(row, table, name) for name in table.columns}
    for column, value in cells.items():
        if value.startswith(FORMULA_START) and not (column == "employees" and value == "-"):
            refuse(column, value, "ingest.row.formula")
    if errors:
        for error in errors:
            out.refuse(error)
        return None
    cvr_text = cells.get("cvr", "")
    cvr: str | None = None
    if not cvr_text:
        refuse("cvr", cvr_text, "ingest.row.cvr_missing")
    else:
        try:
            cvr = stdnum_cvr.validate(cvr_text)
        except InvalidChecksum:
            refuse("cvr", cvr_text, "ingest.row.cvr_checksum")
        except InvalidLength:
            refuse("cvr", cvr_text, "ingest.row.cvr_length")
        except (InvalidFormat, ValidationError):
            refuse("cvr", cvr_text, "ingest.row.cvr_format")
    municipality_text = cells.get("municipality", "")
    municipality = municipalities.resolve(municipality_text) if municipality_text else None
    if not municipality_text:
        refuse("municipality", municipality_text, "ingest.row.municipality_missing")
    elif municipality is None:
        refuse("municipality", municipality_text, "ingest.row.municipality_unknown")
    industry: str | None = None
    if cells.get("industry"):
        try:
            industry = industry_code(cells["industry"])
        except ValueError:
            refuse("industry", cells["industry"], "ingest.row.industry")
    employees: int | None = None
    interval: str | None = None
    sme: bool | None = None
    size_text = cells.get("employees", "")
    if size_text and size_text != "-":
        try:
            employees, interval, sme = parse_size(size_text)
        except ValueError:
            refuse("employees", size_text, "ingest.row.employees")
    if errors or cvr is None or municipality is None:
        for error in errors:
            out.refuse(error)
        return None
    sole = fold(cells.get("legal_form", "")) in set(sole_forms)
    name: str | None = cells.get("name") or None
    if name is None and not sole:
        out.refuse(RowError(table.sheet, row.number, headers.get("name"), "", "ingest.row.name"))
        return None
    if sole and not keep_names:
        name = None
    return Member(
        cvr=cvr,
        row=row.number,
        name=name,
        municipality=municipality,
        industry=industry,
        employees=employees,
        interval=interval,
        sme=sme,
        sole_proprietorship=sole,
    )
