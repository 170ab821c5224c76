"""A corpus of malformed member lists, written on demand: (name, expected outcome, writer).

Outcomes: ``"rows"`` (the report lists invalid rows: exit 1) or ``"unreadable"`` (exit 2).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

HEADER = "CVR-nummer;Navn;Kommune;Branchekode;Virksomhedsform;Antal ansatte\r\n"
GOOD = "13585628;Firma A/S;Aalborg;620100;Aktieselskab;12\r\n"


def _csv(body: str, encoding: str = "utf-8-sig") -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes((HEADER + GOOD + body).encode(encoding))

    return write


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data) and None


def _xlsx(rows: list[list[object]]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(
            ["CVR-nummer", "Navn", "Kommune", "Branchekode", "Virksomhedsform", "Antal ansatte"]
        )
        for row in rows:
            sheet.append(row)
        book.save(path)

    return write


def _truncated_xlsx(path: Path) -> None:
    _xlsx([[13585628, "Firma A/S", "Aalborg", 620100, "Aktieselskab", 12]])(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zip_bomb(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(64):  # 64 MiB of zeros packs to well under 1 MiB
                member.write(bytes(1 << 20))
    path.write_bytes(buffer.getvalue())


def _zip_not_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")


def _late_bad_utf8(path: Path) -> None:
    lines = [HEADER] + [GOOD] * 30000 + ["25313763;Fejl \xe6 ApS;Thisted;;;3\r\n"]
    data = "".join(lines).encode("utf-8")
    bad = data.replace("\xe6".encode(), b"\xe6")  # a lone Latin-1 byte after the UTF-8 sample
    path.write_bytes(bad)


def _huge_field(path: Path) -> None:
    path.write_bytes((HEADER + GOOD + '25313763;"' + "x" * 200_000 + "\r\n").encode())


def million_rows(path: Path) -> None:
    """1,000,001 lines: refused as too many rows before any row is parsed."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        block = GOOD * 10_000
        for _ in range(100):
            handle.write(block)


CORPUS: list[tuple[str, str, Callable[[Path], None]]] = [
    ("bad-check-digit.csv", "rows", _csv("13585627;Forkert A/S;Aalborg;;;\r\n")),
    ("short-cvr.csv", "rows", _csv("1358562;Kort A/S;Aalborg;;;\r\n")),
    ("letters-cvr.csv", "rows", _csv("DK1358X628;Bogstav A/S;Aalborg;;;\r\n")),
    ("unknown-municipality-name.csv", "rows", _csv("25313763;Et ApS;Gotham;;;\r\n")),
    ("unknown-municipality-code.csv", "rows", _csv("25313763;Et ApS;9999;;;\r\n")),
    ("missing-municipality.csv", "rows", _csv("25313763;Et ApS;;;;\r\n")),
    ("formula-equals.csv", "rows", _csv('25313763;=HYPERLINK("http://x");Aalborg;;;\r\n')),
    ("formula-plus.csv", "rows", _csv("25313763;+cmd|' /C calc'!A0;Aalborg;;;\r\n")),
    ("formula-at.csv", "rows", _csv("25313763;@SUM(1+1)*cmd;Aalborg;;;\r\n")),
    ("formula-minus.csv", "rows", _csv("-2+3+cmd;Et ApS;Aalborg;;;\r\n")),
    ("bad-employees.csv", "rows", _csv("25313763;Et ApS;Aalborg;;;mange\r\n")),
    ("bad-industry.csv", "rows", _csv("25313763;Et ApS;Aalborg;IT-branchen;;\r\n")),
    ("missing-name.csv", "rows", _csv("25313763;;Aalborg;;Anpartsselskab;\r\n")),
    ("xlsx-formula.xlsx", "rows", _xlsx([[25313763, "=1+1", "Aalborg", None, None, 3]])),
    ("xlsx-bad-cvr.xlsx", "rows", _xlsx([[25313764, "Et ApS", "Aalborg", None, None, 3]])),
    ("xlsx-date-as-cvr.xlsx", "rows", _xlsx([["2024-01-01", "Et ApS", "Aalborg", None, None, 3]])),
    ("utf16.csv", "unreadable", lambda p: p.write_bytes((HEADER + GOOD).encode("utf-16"))),
    ("late-bad-utf8.csv", "unreadable", _late_bad_utf8),
    ("empty.csv", "unreadable", _bytes(b"")),
    ("header-only.csv", "unreadable", _bytes(HEADER.encode())),
    ("no-header.csv", "unreadable", _bytes(b"a;b;c\r\n1;2;3\r\n")),
    ("truncated.xlsx", "unreadable", _truncated_xlsx),
    ("zip-bomb.xlsx", "unreadable", _zip_bomb),
    ("zip-not-xlsx.xlsx", "unreadable", _zip_not_xlsx),
    ("binary.png", "unreadable", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))),
    ("huge-field.csv", "unreadable", _huge_field),
    ("million-rows.csv", "unreadable", million_rows),
]
