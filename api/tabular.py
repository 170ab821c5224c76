"""List routes as spreadsheets: ``Accept: text/csv`` or the XLSX media type (or ``?format=``).

A list route computes its JSON body as always and, when the client asked for a table, hands
it to :func:`table_response` with a flattening function. The flattening reads the JSON body,
so the table holds exactly the API's numbers. ``?excel=true`` makes the CSV Danish-Excel CSV
(``;``, decimal comma, byte-order mark); without it the CSV is RFC 4180 (``,``, decimal point).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from brn_graph.config import Language
from brn_graph.i18n.catalogue import text
from brn_graph.tables import XLSX_MEDIA_TYPE, excel_csv, xlsx_table

TableKind = Literal["csv", "xlsx"]
#: OpenAPI ``responses`` entry for a list route that also answers as a table.
TABLE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}},
        "description": "JSON, or the same list as CSV (`Accept: text/csv`, `?format=csv`, "
        "`&excel=true` for Danish Excel) or XLSX (`?format=xlsx`).",
    }
}
Column = tuple[str, str]  # (key in the row, message id of the header)
Flatten = Callable[[Mapping[str, Any]], list[dict[str, Any]]]
Body = TypeVar("Body", bound=BaseModel)


def wanted_table(request: Request) -> TableKind | None:
    """``csv`` or ``xlsx`` when the client asked for a table (``?format=`` wins over Accept)."""
    requested = request.query_params.get("format", "").lower()
    if requested in ("csv", "xlsx"):
        return requested  # type: ignore[return-value]
    best: tuple[float, str] = (0.0, "")
    for part in request.headers.get("accept", "").split(","):
        media, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        media = media.strip().lower()
        if media in ("application/json", "text/csv", XLSX_MEDIA_TYPE) and quality > best[0]:
            best = (quality, media)
    return {"text/csv": "csv", XLSX_MEDIA_TYPE: "xlsx"}.get(best[1])  # type: ignore[return-value]


def table_response(
    request: Request,
    kind: TableKind,
    *,
    name: str,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    lang: Language,
) -> Response:
    """The rows as a CSV or XLSX download named ``name``, headers in ``lang``."""
    headers = [text(message, lang) for _key, message in columns]
    keyed = [
        {h: row.get(key) for (key, _m), h in zip(columns, headers, strict=True)} for row in rows
    ]
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{kind}"'}
    if kind == "xlsx":
        body = xlsx_table(title, headers, keyed)
        return Response(body, media_type=XLSX_MEDIA_TYPE, headers=disposition)
    if request.query_params.get("excel", "").lower() in ("1", "true", "yes"):
        return Response(
            excel_csv(headers, keyed).encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers=disposition,
        )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(keyed)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=disposition)


def ranking_rows(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **c,
            "rank_low": c["rank_interval"][0],
            "rank_high": c["rank_interval"][1],
        }
        for c in body["clusters"]
    ]


RANKING_COLUMNS: tuple[Column, ...] = (
    ("rank", "brief.col.rank"),
    ("label", "brief.col.cluster"),
    ("score", "brief.col.score"),
    ("rank_low", "brief.col.interval_low"),
    ("rank_high", "brief.col.interval_high"),
    ("top_k_probability", "brief.col.top_k_plain"),
    ("verdict", "brief.col.verdict"),
)


def engagement_rows(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "cluster": c["cluster"]["label"],
            "metric": m["label"],
            "scope": m.get("scope"),
            "value": m["value"],
            "unit": m.get("unit"),
            "date": m.get("date"),
        }
        for c in body["clusters"]
        for m in c["metrics"].values()
    ]


ENGAGEMENT_COLUMNS: tuple[Column, ...] = (
    ("cluster", "brief.col.cluster"),
    ("metric", "brief.col.metric"),
    ("scope", "brief.col.scope"),
    ("value", "brief.col.value"),
    ("unit", "brief.col.unit"),
    ("date", "brief.col.date"),
)


def gap_rows(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "kind": g["kind"],
            "goal": g["goal"]["label"],
            "document": g["document"]["label"],
            "clusters": ", ".join(s["cluster"]["label"] for s in g["clusters"]),
        }
        for g in body["gaps"]
    ]


GAP_COLUMNS: tuple[Column, ...] = (
    ("kind", "brief.col.kind"),
    ("goal", "brief.col.goal"),
    ("document", "brief.col.framework"),
    ("clusters", "brief.col.clusters"),
)


def json_or_table(
    request: Request,
    result: Body,
    *,
    name: str,
    title: str,
    columns: Sequence[Column],
    flatten: Flatten,
    lang: Language,
) -> Body | Response:
    """``result`` as JSON, or as the table the client asked for (its rows from the JSON body)."""
    kind = wanted_table(request)
    if kind is None:
        return result
    return table_response(
        request,
        kind,
        name=name,
        title=text(title, lang),
        columns=columns,
        rows=flatten(result.model_dump()),
        lang=lang,
    )
