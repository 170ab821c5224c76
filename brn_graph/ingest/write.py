"""The durable write path: one Turtle file per import in a writable folder, never a mix.

Layout of the imports folder (``Settings.imports_dir``, env ``BRN_GRAPH_IMPORTS_DIR``)::

    <id>.ttl              a committed import (loaded with the data)
    reverted/<id>.ttl     a reverted import (kept, not loaded)
    reverted/<id>.json    who reverted it, when
    .lock                 the writers' lock (one writer at a time)
    .<name>.<pid>.part    a write in progress (never loaded; removed by the next writer)

Each write goes to a temporary file, is flushed and fsynced, renamed over its target (atomic
on POSIX) and the folder is fsynced, so a crash at any point leaves the old state or the new
one. The first line of every import file is a comment with its summary as JSON, so listing
imports reads one line per file, not the whole graph.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brn_graph.errors import BrnGraphError, NotFoundError

HEADER = "# brn-graph-import "
REVERTED = "reverted"
CHUNK = 1 << 16


class ImportConflictError(BrnGraphError):
    """Another writer holds the lock for longer than we wait."""


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
                            f"{self.path}: another import is being written; try again"
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
        for e in self.entries():
            if e.import_id == import_id:
                return e
        raise NotFoundError("import", import_id, tuple(e.import_id for e in self.entries())[:5])

    def revert(self, import_id: str, *, agent: str, when: str) -> ImportEntry:
        """Move an active import aside (atomic rename) after recording who and when."""
        with self.lock():
            if not self.is_active(import_id):
                self.entry(import_id)  # raises NotFoundError when unknown
                raise NotFoundError("active import", import_id, ())
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
