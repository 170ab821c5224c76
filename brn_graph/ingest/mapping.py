"""Column mappings as files: which spreadsheet column feeds which field of a record.

A mapping is a small TOML file (format in ``docs/ingest-mappings.md``)::

    [mapping]
    name = "cvr-export"
    kind = "members"
    sheet = "members"          # optional: the XLSX sheet to read (default: the first);
                               # a list names it in each language (["Goals", "Mål"])

    [columns]                  # field -> accepted column headers, first match wins
    cvr = ["CVR-nummer", "CVR"]
    municipality = ["Kommune", "Kommunekode"]

    [values]
    sole_proprietorship = ["Enkeltmandsvirksomhed"]

Headers are compared folded (case, spaces and punctuation ignored), so ``"CVR-nummer"``
matches ``"cvr nummer"``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from brn_graph.errors import ConfigError
from brn_graph.i18n.message import message as msg

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"

#: The fields of each kind: (required, optional).
KIND_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "members": (("cvr", "municipality"), ("name", "industry", "employees", "legal_form")),
    "assessments": (
        ("cluster", "goal", "level", "evidence", "source_url", "confidence", "assessor", "date"),
        ("evidence_en", "passage"),
    ),
    # the sheets of the `document` authoring workbook (brn_graph.ingest.documents)
    "document": (
        ("id", "source_url", "confidence"),
        (
            "type",
            "title_da",
            "title_en",
            "publisher",
            "part_of",
            "area",
            "period_start",
            "period_end",
            "issued",
            "accepted",
            "replaces",
            "framework",
            "description_da",
            "description_en",
        ),
    ),
    "document-goals": (
        ("id", "label_da", "label_en"),
        ("notation", "parent", "theme", "definition_da", "definition_en"),
    ),
    "document-strengths": (
        ("id", "label_da", "label_en"),
        ("notation", "theme", "definition_da", "definition_en"),
    ),
    "document-targets": (
        ("goal", "label_da", "label_en"),
        ("indicator_da", "indicator_en", "value", "unit", "year"),
    ),
    # the sheets of the `meetings` authoring workbook (brn_graph.ingest.meetings)
    "meetings": (
        ("id", "date", "title_da", "title_en", "status", "source_url", "confidence"),
        ("body", "process", "agenda_da", "agenda_en"),
    ),
    "meeting-participants": (("meeting", "organisation"), ()),
    "meeting-outcomes": (("meeting", "text_da", "text_en", "decision"), ("cluster",)),
}


def fold(text: str) -> str:
    """A header or value folded for comparison: lower case, letters and digits only.

    >>> fold("CVR-nummer ")
    'cvrnummer'
    >>> fold("Hjørring Kommune") == fold("HJØRRING  kommune")
    True
    """
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"[\W_]+", "", text)


@dataclass(frozen=True)
class Mapping:
    """A parsed mapping file."""

    name: str
    kind: str
    path: Path
    columns: dict[str, tuple[str, ...]]
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sheet: str | None = None
    description: str = ""
    #: Every accepted name of the sheet (``sheet`` first); empty when ``sheet`` is None.
    sheet_names: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[str, ...]:
        return KIND_FIELDS[self.kind][0]

    def match_header(self, header: list[str]) -> dict[str, int] | None:
        """Field -> column index when ``header`` holds every required field, else ``None``."""
        folded = [fold(h) for h in header]
        found: dict[str, int] = {}
        for name, candidates in self.columns.items():
            for candidate in candidates:
                key = fold(candidate)
                if key in folded:
                    found[name] = folded.index(key)
                    break
        if all(r in found for r in self.required):
            return found
        return None

    def value_set(self, name: str) -> frozenset[str]:
        return frozenset(fold(v) for v in self.values.get(name, ()))


def builtin_mapping_path(name: str) -> Path:
    return MAPPINGS_DIR / f"{name}.toml"


def builtin_mappings() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in MAPPINGS_DIR.glob("*.toml")))


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; a mistake is a :class:`ConfigError` naming the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(msg("mapping.unreadable", path=path, reason=reason)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(msg("mapping.not_toml", path=path, reason=str(exc))) from exc
    head = raw.get("mapping", {})
    kind = head.get("kind")
    if kind not in KIND_FIELDS:
        raise ConfigError(msg("mapping.kind", path=path, kinds=list(KIND_FIELDS)))
    required, optional = KIND_FIELDS[kind]
    columns: dict[str, tuple[str, ...]] = {}
    for name, value in raw.get("columns", {}).items():
        if name not in required + optional:
            known = list(required + optional)
            raise ConfigError(
                msg("mapping.unknown_field", path=path, name=repr(name), kind=kind, known=known)
            )
        names = (value,) if isinstance(value, str) else value
        if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
            raise ConfigError(msg("mapping.headers", path=path, name=name))
        columns[name] = tuple(names)
    missing = [r for r in required if r not in columns]
    if missing:
        raise ConfigError(msg("mapping.required", path=path, fields=missing))
    values = {
        k: tuple(str(x) for x in (v if isinstance(v, list) else [v]))
        for k, v in raw.get("values", {}).items()
    }
    sheet = head.get("sheet")
    names = (
        tuple(str(n) for n in sheet)
        if isinstance(sheet, list)
        else ((str(sheet),) if sheet else ())
    )
    return Mapping(
        name=str(head.get("name", path.stem)),
        kind=kind,
        path=path,
        columns=columns,
        values=values,
        sheet=names[0] if names else None,
        description=str(head.get("description", "")),
        sheet_names=names,
    )
