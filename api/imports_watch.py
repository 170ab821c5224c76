"""With several server processes, each sees an import another process committed.

An import (``POST``/``DELETE /api/imports``) swaps the new graph into the process that took
the request. The other processes of ``brn-graph serve --workers N`` notice it on their next
request: the imports folder's entry changes (its modification time and inode, one ``stat``
per request), and the process builds its state again from the files on disk (the cached
validation report makes that quick) before it answers. Requests arriving meanwhile wait for
the new state, so no process answers from a graph older than an import it could see.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from api.state import ServiceHolder, ServiceState, build_state, close_state
from brn_graph.i18n.catalogue import text

LOG = logging.getLogger("brn_graph.api")
#: Seconds a replaced state stays open for the requests still running on it.
RETIRE_AFTER = 120.0

Generation = tuple[int, int] | None


def generation(folder: Path) -> Generation:
    """What changes when an import is committed or reverted: the folder's mtime and inode.

    >>> generation(Path("/no/such/folder")) is None
    True
    """
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_ino)


def retire(state: ServiceState) -> None:
    """Close ``state`` once the requests that took it have had time to finish."""
    timer = threading.Timer(RETIRE_AFTER, close_state, args=(state,))
    timer.daemon = True
    timer.start()


class ImportsWatchMiddleware:
    """Rebuilds the state before a request when the imports folder changed since it was built."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        holder: ServiceHolder,
        folder: Path,
        build: Callable[[ServiceState], ServiceState] | None = None,
    ) -> None:
        self.app = app
        self.holder = holder
        self.folder = folder
        self.build = build or (lambda old: build_state(old.settings))
        self.seen: Generation = generation(folder)
        self._lock = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and generation(self.folder) != self.seen:
            await self.reload()
        await self.app(scope, receive, send)

    async def reload(self) -> None:
        async with self._lock:
            now = generation(self.folder)
            if now == self.seen:
                return  # another request reloaded meanwhile
            old = self.holder.current
            if old is None:  # still starting: the start-up reads the folder as it is
                self.seen = now
                return
            # Read the generation before building: a change during the build reloads again.
            new = await run_in_threadpool(self.build, old)
            previous = self.holder.swap(new)
            self.seen = now
            LOG.info(
                "%s",
                text("serve.log.imports_changed", new.settings.lang, fingerprint=new.fingerprint),
            )
            if previous is not None and previous is not new:
                retire(previous)
