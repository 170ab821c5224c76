"""The durable write path: one Turtle file per import in a writable folder, never a mix.

Layout of the imports folder (``Settings.imports_dir``, env ``BRN_GRAPH_IMPORTS_DIR``)::

    <id>.ttl              a committed import (loaded with the data)
    <id>-r<n>.ttl         the n-th import of the same file, after the earlier ones were reverted
    reverted/<id>.ttl     a reverted import (kept, not loaded)
    reverted/<id>.json    who reverted it, when
    .lock                 the writers' lock (one writer at a time)
    .<name>.<pid>.part    a write in progress (never loaded; removed by the next writer)

Each write goes to a temporary file, is flushed and fsynced, renamed over its target (atomic
on POSIX) and the folder is fsynced, so a crash at any point leaves the old state or the new
one. The first line of every import file is a comment with its summary as JSON, so listing
imports reads one line per file, not the whole graph.

An import's id is derived from its file (the *base* id), so importing a file that is active
already is recognised and changes nothing. Once that import is reverted, importing the file
again is a new import with an id of its own (``<base>-r2``, ``-r3`` ...): every import keeps
its own record, and no revert overwrites another's.
"""

from __future__ import annotations

import contextlib
import difflib
import fcntl
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brn_graph.errors import BrnGraphError, NotFoundError
from brn_graph.i18n.message import message

HEADER = "# brn-graph-import "
REVERTED = "reverted"
CHUNK = 1 << 16
#: How a later import of the same file is told apart from the first: ``<base>-r<n>``.
AGAIN = "-r"
#: How many suggestions an unknown id gets, and how close they must be (difflib ratio).
SUGGESTIONS, CLOSE = 3, 0.75


class ImportConflictError(BrnGraphError):
    """Another writer holds the lock for longer than we wait."""


class ImportNotActiveError(NotFoundError):
    """The import exists but was reverted already; it cannot be reverted twice."""

    def __init__(self, import_id: str, reverted: dict[str, Any] | None) -> None:
        self.kind, self.identifier, self.suggestions = "import", import_id, ()
        record = reverted or {}
        BrnGraphError.__init__(
            self,
            message(
                "imports.error.already_reverted",
                id=import_id,
                by=str(record.get("by", "?")),
                at=str(record.get("at", "?")),
            ),
        )


@dataclass(frozen=True)
class ImportEntry:
    """One import as listed: its id, status and the summary from its header line."""

    import_id: str
    status: str  # "active" or "reverted"
    path: Path
    summary: dict[str, Any]
    reverted: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.import_id,
            "status": self.status,
            "file": self.path.name,
            **self.summary,
            **({"reverted": self.reverted} if self.reverted else {}),
        }


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that readers see the old file or the new one, whole."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view[:CHUNK])
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def header_line(summary: dict[str, Any]) -> bytes:
    return (HEADER + json.dumps(summary, ensure_ascii=True, sort_keys=True) + "\n").encode()


class ImportsFolder:
    """The writable folder of imports; every change happens under :meth:`lock`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def lock(self, *, timeout: float = 30.0) -> Iterator[None]:
        """One writer at a time (an exclusive ``flock`` on ``.lock``); cleans stale parts."""
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise ImportConflictError(
                            message("imports.error.busy", folder=str(self.path))
                        ) from None
                    time.sleep(0.05)
            for folder in (self.path, self.path / REVERTED):
                for stale in folder.glob(".*.part"):
                    stale.unlink(missing_ok=True)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def file_of(self, import_id: str) -> Path:
        return self.path / f"{import_id}.ttl"

    def is_active(self, import_id: str) -> bool:
        return self.file_of(import_id).is_file()

    def _taken(self, import_id: str) -> bool:
        aside = self.path / REVERTED
        return any(
            p.exists()
            for p in (
                self.file_of(import_id),
                aside / f"{import_id}.ttl",
                aside / f"{import_id}.json",
            )
        )

    def active_id(self, base: str) -> str | None:
        """The active import of the file whose base id is ``base`` (the first import or a
        later one, ``<base>-r<n>``), or ``None`` when none of them is active."""
        if self.is_active(base):
            return base
        if not self.path.is_dir():
            return None
        for path in sorted(self.path.glob(f"{base}{AGAIN}*.ttl")):
            if path.stem[len(base) + len(AGAIN) :].isdigit():
                return path.stem
        return None

    def new_id(self, base: str) -> str:
        """The id for a new import of the file whose base id is ``base``: ``base`` itself the
        first time, then ``<base>-r2``, ``-r3`` ... (never an id an earlier import had)."""
        if not self._taken(base):
            return base
        n = 2
        while self._taken(f"{base}{AGAIN}{n}"):
            n += 1
        return f"{base}{AGAIN}{n}"

    def commit(self, import_id: str, summary: dict[str, Any], turtle: bytes) -> Path:
        """Write one import file (call under :meth:`lock`)."""
        target = self.file_of(import_id)
        atomic_write(target, header_line(summary) + turtle)
        return target

    def entries(self) -> list[ImportEntry]:
        found: list[ImportEntry] = []
        if not self.path.is_dir():
            return found
        for status, folder in (("active", self.path), ("reverted", self.path / REVERTED)):
            for path in sorted(folder.glob("*.ttl")):
                record = None
                if status == "reverted":
                    record = _read_json(path.with_suffix(".json"))
                found.append(ImportEntry(path.stem, status, path, read_summary(path), record))
        found.sort(key=lambda e: (str(e.summary.get("started", "")), e.import_id))
        return found

    def entry(self, import_id: str) -> ImportEntry:
        """The import ``import_id`` (the active one, should a folder written before ids were
        unique hold it twice); unknown ids get close matches as suggestions."""
        entries = self.entries()
        found = [e for e in entries if e.import_id == import_id]
        if found:
            return next((e for e in found if e.status == "active"), found[-1])
        ids = sorted({e.import_id for e in entries})
        close = difflib.get_close_matches(import_id, ids, n=SUGGESTIONS, cutoff=CLOSE)
        raise NotFoundError("import", import_id, close)

    def revert(self, import_id: str, *, agent: str, when: str) -> ImportEntry:
        """Move an active import aside (atomic rename) after recording who and when."""
        with self.lock():
            if not self.is_active(import_id):
                known = self.entry(import_id)  # raises NotFoundError when unknown
                raise ImportNotActiveError(import_id, known.reverted)
            aside = self.path / REVERTED
            aside.mkdir(exist_ok=True)
            record = {"by": agent, "at": when}
            atomic_write(aside / f"{import_id}.json", json.dumps(record).encode())
            os.replace(self.file_of(import_id), aside / f"{import_id}.ttl")
            fsync_dir(aside)
            fsync_dir(self.path)
        return self.entry(import_id)


def read_summary(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        first = handle.readline(1 << 16).decode("utf-8", errors="replace")
    if first.startswith(HEADER):
        try:
            value = json.loads(first[len(HEADER) :])
        except json.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}
    return {}


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return value if isinstance(value, dict) else None
