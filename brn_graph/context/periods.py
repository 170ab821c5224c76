"""Whether a framework document is in force on a day.

A document is in force on day ``d`` when its period has begun (the beginning of its
``dct:temporal`` interval, else its issue or acceptance date) and not ended (the end of the
interval), and no document that replaces it (``dct:replaces``) has begun by ``d``. A document
with no dates at all is counted as in force with its period *unknown*, and every output says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from brn_graph.context.dates import earliest, latest
from brn_graph.graph.terms import Record


class InForce(StrEnum):
    IN_FORCE = "in-force"
    PERIOD_UNKNOWN = "period-unknown"
    NOT_YET = "not-yet"
    EXPIRED = "expired"
    REPLACED = "replaced"


@dataclass(frozen=True, kw_only=True)
class DocumentPeriod:
    """The dates of one document as recorded (texts, partial dates allowed)."""

    document: str
    begin: str | None = None
    end: str | None = None
    issued: str | None = None
    replaces: tuple[str, ...] = ()

    @property
    def start_text(self) -> str | None:
        return self.begin or self.issued

    def has_begun(self, day: date) -> bool:
        start = earliest(self.start_text)
        return start is not None and start <= day

    def status(self, day: date) -> InForce:
        """In force on ``day``, ignoring replacement (see :func:`document_status`)."""
        start, stop = earliest(self.start_text), latest(self.end)
        if start is None and stop is None:
            return InForce.PERIOD_UNKNOWN
        if start is not None and start > day:
            return InForce.NOT_YET
        if stop is not None and stop < day:
            return InForce.EXPIRED
        return InForce.IN_FORCE


@dataclass(frozen=True, kw_only=True)
class DocumentStatus:
    document: str
    status: InForce
    replaced_by: str | None = None

    @property
    def counts(self) -> bool:
        return self.status in (InForce.IN_FORCE, InForce.PERIOD_UNKNOWN)


def read_periods(rows: Iterable[Record]) -> dict[str, DocumentPeriod]:
    """``queries/context/list_document_periods.rq`` rows, one period per document."""
    fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        document = str(row["document"])
        fields[document]
        for key in ("begin", "end", "issued", "accepted", "replaces"):
            if key in row:
                fields[document][key].add(str(row[key]))

    def first(values: set[str]) -> str | None:
        return min(values, key=lambda v: earliest(v) or date.max) if values else None

    def last(values: set[str]) -> str | None:
        return max(values, key=lambda v: latest(v) or date.min) if values else None

    return {
        document: DocumentPeriod(
            document=document,
            begin=first(f["begin"]),
            end=last(f["end"]),
            issued=first(f["issued"] | f["accepted"]),
            replaces=tuple(sorted(f["replaces"])),
        )
        for document, f in fields.items()
    }


def document_status(
    document: str, day: date, periods: Mapping[str, DocumentPeriod]
) -> DocumentStatus:
    """Whether ``document`` is in force on ``day`` (a document unknown to ``periods`` has an
    unknown period)."""
    period = periods.get(document, DocumentPeriod(document=document))
    status = period.status(day)
    if status is not InForce.NOT_YET:
        for other in sorted(periods.values(), key=lambda p: p.document):
            if document in other.replaces and other.has_begun(day):
                return DocumentStatus(
                    document=document, status=InForce.REPLACED, replaced_by=other.document
                )
    return DocumentStatus(document=document, status=status)


__all__ = ["DocumentPeriod", "DocumentStatus", "InForce", "document_status", "read_periods"]
