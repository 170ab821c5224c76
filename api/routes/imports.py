"""``/api/imports``: spreadsheets uploaded over HTTP, validated, committed, listed, reverted.

Every ingest kind of the CLI is a kind here (``members``, ``assessments``, ``document``,
``meetings``; the OpenAPI document enumerates them); ``cluster`` and ``as_of`` are needed for
``members`` only.

Off unless a write token is configured (``BRN_GRAPH_WRITE_TOKEN``): then every route needs
``Authorization: Bearer <token>``, compared in constant time (401 without it, 403 with a
wrong one). ``POST /api/imports/{kind}`` takes a multipart upload (413 past
``max_upload_bytes``) and answers with the ingest report: 200 when committed, unchanged or a
valid dry run, 422 with the row report when invalid or unreadable. After a commit or a revert
the service swaps to a newly built state through its one :class:`~api.state.ServiceHolder`
(one atomic swap): requests already running keep the state they started with, later ones
see the whole import.
"""

from __future__ import annotations

import hmac
import tempfile
import threading
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from api.dependencies import LangDep, StateDep
from api.state import ServiceHolder, ServiceState, build_state, close_state
from brn_graph.config import Settings
from brn_graph.graph.loader import LoadedDataset
from brn_graph.i18n.catalogue import text
from brn_graph.ingest.mapping import builtin_mappings
from brn_graph.ingest.pipeline import (
    WORKBOOK_KINDS,
    IngestReport,
    ingest_assessments,
    ingest_members,
    ingest_workbook,
)
from brn_graph.ingest.readers import UnreadableFileError
from brn_graph.ingest.write import ImportsFolder

router = APIRouter(prefix="/api/imports", tags=["imports"])


class ImportKind(StrEnum):
    """What an upload holds: the kinds of ``brn-graph ingest``."""

    members = "members"
    assessments = "assessments"
    document = "document"
    meetings = "meetings"


KINDS = tuple(k.value for k in ImportKind)
#: Upper bound of any upload at the HTTP layer; the configured limit is checked as it streams.
HARD_BODY_LIMIT = 1 << 30
#: Seconds an old state stays open after a swap, for the requests still running on it.
RETIRE_AFTER = 120.0
_WRITER = threading.Lock()
#: Every route answers these while imports are off (404) or the token is missing or wrong.
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No bearer token."},
    403: {"description": "Wrong token."},
    404: {"description": "Imports are off (no write token configured), or no such import."},
}


def require_writer(request: Request, state: StateDep) -> ServiceState:
    token = state.settings.write_token
    if not token:
        raise HTTPException(status_code=404, detail="imports are off (no write token configured)")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            status_code=401,
            detail="a bearer token is required",
            headers={"WWW-Authenticate": 'Bearer realm="brn-graph imports"'},
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(status_code=403, detail="the token is not valid")
    return state


WriterDep = Annotated[ServiceState, Depends(require_writer)]


def _holder(request: Request) -> ServiceHolder:
    holder = request.app.state.service
    assert isinstance(holder, ServiceHolder)
    return holder


def current_state(request: Request) -> ServiceState:
    """The state the app serves now (read once, under the writer lock)."""
    state = _holder(request).current
    if state is None:
        raise HTTPException(status_code=503, detail="the graph is not loaded yet")
    return state


def swap_state(request: Request, old: ServiceState) -> ServiceState:
    """Build the state from the files now on disk and swap it in through the app's one
    :class:`~api.state.ServiceHolder` (one atomic swap); the replaced state is closed once
    the requests that took it have had time to finish."""
    new = build_state(old.settings)
    previous = _holder(request).swap(new)
    if previous is not None:
        timer = threading.Timer(RETIRE_AFTER, close_state, args=(previous,))
        timer.daemon = True
        timer.start()
    return new


def _spool(upload: UploadFile, limit: int, folder: Path) -> Path:
    name = PurePath(upload.filename or "upload").name or "upload"
    target = folder / name
    size = 0
    with target.open("wb") as out:
        while chunk := upload.file.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise HTTPException(
                    status_code=413, detail=f"the upload is larger than {limit} bytes"
                )
            out.write(chunk)
    return target


@router.post(
    "/{kind}",
    summary="Upload a spreadsheet of one kind (CSV or XLSX); all or nothing",
    max_body_size=HARD_BODY_LIMIT,
    responses={
        **AUTH_RESPONSES,
        400: {"description": "A malformed multipart body."},
        413: {"description": "Larger than max_upload_bytes."},
        422: {"description": "Invalid rows or an unreadable file: the report, nothing written."},
    },
)
def post_import(
    request: Request,
    kind: ImportKind,
    state: WriterDep,
    lang: LangDep,
    file: Annotated[UploadFile, File(description="The spreadsheet (CSV or XLSX).")],
    cluster: Annotated[
        str | None, Form(description="members: the cluster (slug, IRI or name).")
    ] = None,
    as_of: Annotated[
        str | None, Form(description="members: the date the list is valid for (YYYY-MM-DD).")
    ] = None,
    mapping: Annotated[str | None, Form(description="A built-in mapping name.")] = None,
    dry_run: Annotated[bool, Form()] = False,
    keep_names: Annotated[bool, Form()] = False,
) -> JSONResponse:
    if mapping is not None and mapping not in builtin_mappings():
        known = ", ".join(builtin_mappings())
        raise HTTPException(status_code=422, detail=f"unknown mapping {mapping!r} ({known})")
    if kind is ImportKind.members and not (cluster and as_of):
        raise HTTPException(status_code=422, detail="members needs the fields cluster and as_of")
    settings = state.settings.with_overrides(lang=lang)
    with tempfile.TemporaryDirectory(prefix="brn-upload-") as tmp:
        path = _spool(file, settings.max_upload_bytes, Path(tmp))
        with _WRITER:
            current = current_state(request)
            try:
                report = _ingest(
                    kind,
                    settings,
                    path,
                    current.loaded,
                    cluster=cluster or "",
                    as_of=as_of or "",
                    mapping=mapping,
                    dry_run=dry_run,
                    keep_names=keep_names,
                )
            except UnreadableFileError as exc:
                message = text(exc.key, lang, **exc.values)
                where = f"{path.name}:{exc.line}" if exc.line else path.name
                return JSONResponse(
                    {"detail": f"{where}: {message}", "status": "unreadable"}, status_code=422
                )
            if report.status == "committed":
                swap_state(request, current)
    body: dict[str, Any] = report.to_dict(lang)
    body["message"] = report.render(lang).splitlines()[-1]
    return JSONResponse(body, status_code=200 if report.ok else 422)


def _ingest(
    kind: ImportKind,
    settings: Settings,
    path: Path,
    loaded: LoadedDataset,
    *,
    cluster: str,
    as_of: str,
    mapping: str | None,
    dry_run: bool,
    keep_names: bool,
) -> IngestReport:
    """One ingest through the same pipeline function the CLI calls for ``kind``."""
    common: dict[str, Any] = {
        "dry_run": dry_run,
        "agent": "http",
        "display_name": path.name,
        "loaded": loaded,
    }
    if kind is ImportKind.members:
        return ingest_members(
            settings,
            path,
            cluster=cluster,
            as_of=as_of,
            mapping=mapping,
            keep_names=keep_names,
            **common,
        )
    if kind is ImportKind.assessments:
        return ingest_assessments(settings, path, mapping=mapping, **common)
    assert kind.value in WORKBOOK_KINDS
    return ingest_workbook(settings, path, kind=kind.value, **common)


@router.get("", summary="Every import, active or reverted", responses=AUTH_RESPONSES)
def list_imports(state: WriterDep) -> list[dict[str, Any]]:
    return [e.to_dict() for e in ImportsFolder(state.settings.imports_dir).entries()]


@router.delete(
    "/{import_id}", summary="Revert one import (atomic; recorded)", responses=AUTH_RESPONSES
)
def delete_import(request: Request, import_id: str, state: WriterDep) -> dict[str, Any]:
    with _WRITER:
        current = current_state(request)
        when = datetime.now(UTC).replace(microsecond=0).isoformat()
        entry = ImportsFolder(state.settings.imports_dir).revert(import_id, agent="http", when=when)
        swap_state(request, current)
    return entry.to_dict()
