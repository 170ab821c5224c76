"""``/api/imports``: member lists uploaded over HTTP, validated, committed, listed, reverted.

Off unless a write token is configured (``BRN_GRAPH_WRITE_TOKEN``): then every route needs
``Authorization: Bearer <token>``, compared in constant time (401 without it, 403 with a
wrong one). ``POST /api/imports/{kind}`` takes a multipart upload (413 past
``max_upload_bytes``) and answers with the ingest report: 200 when committed, unchanged or a
valid dry run, 422 with the row report when invalid or unreadable. After a commit or a revert
the service swaps to a newly built state in one reference assignment: requests already
running keep the state they started with, later ones see the whole import.
"""

from __future__ import annotations

import hmac
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from api.dependencies import LangDep, StateDep
from api.state import ServiceState, build_state, close_state
from brn_graph.i18n.catalogue import text
from brn_graph.ingest.mapping import builtin_mappings
from brn_graph.ingest.pipeline import ingest_members
from brn_graph.ingest.readers import UnreadableFileError
from brn_graph.ingest.write import ImportsFolder

router = APIRouter(prefix="/api/imports", tags=["imports"])
KINDS = ("members",)
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


def swap_state(request: Request, old: ServiceState) -> ServiceState:
    """Build the state from the files now on disk and put it in place in one assignment."""
    new = build_state(old.settings)
    request.app.state.service = new
    timer = threading.Timer(RETIRE_AFTER, close_state, args=(old,))
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
    summary="Upload a member list (CSV or XLSX); all or nothing",
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
    kind: str,
    state: WriterDep,
    lang: LangDep,
    file: Annotated[UploadFile, File(description="The member list, CSV or XLSX.")],
    cluster: Annotated[str, Form(description="The cluster (slug, IRI or name).")],
    as_of: Annotated[str, Form(description="The date the list is valid for (YYYY-MM-DD).")],
    mapping: Annotated[str | None, Form(description="A built-in mapping name.")] = None,
    dry_run: Annotated[bool, Form()] = False,
    keep_names: Annotated[bool, Form()] = False,
) -> JSONResponse:
    if kind not in KINDS:
        raise HTTPException(status_code=404, detail=f"unknown import kind {kind!r}")
    if mapping is not None and mapping not in builtin_mappings():
        known = ", ".join(builtin_mappings())
        raise HTTPException(status_code=422, detail=f"unknown mapping {mapping!r} ({known})")
    settings = state.settings.with_overrides(lang=lang)
    with tempfile.TemporaryDirectory(prefix="brn-upload-") as tmp:
        path = _spool(file, settings.max_upload_bytes, Path(tmp))
        with _WRITER:
            current = request.app.state.service
            try:
                report = ingest_members(
                    settings,
                    path,
                    cluster=cluster,
                    as_of=as_of,
                    mapping=mapping,
                    dry_run=dry_run,
                    keep_names=keep_names,
                    agent="http",
                    display_name=path.name,
                    loaded=current.loaded,
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


@router.get("", summary="Every import, active or reverted", responses=AUTH_RESPONSES)
def list_imports(state: WriterDep) -> list[dict[str, Any]]:
    return [e.to_dict() for e in ImportsFolder(state.settings.imports_dir).entries()]


@router.delete(
    "/{import_id}", summary="Revert one import (atomic; recorded)", responses=AUTH_RESPONSES
)
def delete_import(request: Request, import_id: str, state: WriterDep) -> dict[str, Any]:
    with _WRITER:
        current = request.app.state.service
        when = datetime.now(UTC).replace(microsecond=0).isoformat()
        entry = ImportsFolder(state.settings.imports_dir).revert(import_id, agent="http", when=when)
        swap_state(request, current)
    return entry.to_dict()
