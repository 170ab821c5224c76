"""Fair sharing of the query workers: a share per client, a bounded queue, a kept slot.

Each client (an address, as the HTTP layer sees it) may run ``client_concurrency`` queries at
once and have ``client_queue`` more waiting; a request beyond that, or one that waits longer
than ``queue_seconds`` (or its own deadline), is refused with :class:`QueryBusyError` (429
with ``Retry-After``). Ad-hoc queries may hold all workers but one: the last worker is kept
for catalogue queries, so the precomputed and named-query routes keep answering while
ad-hoc SPARQL is busy. Requests without a client (the CLI, internal calls) only take the
ad-hoc/catalogue rule.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from brn_graph.errors import QueryBusyError


@dataclass(frozen=True)
class AdmissionLimits:
    workers: int
    client_concurrency: int
    client_queue: int
    queue_seconds: float

    @property
    def adhoc_slots(self) -> int:
        """Workers ad-hoc queries may hold at once (one kept for the catalogue when >1)."""
        return max(1, self.workers - 1)


class Admission:
    """Who may take a worker now; thread-safe."""

    def __init__(self, limits: AdmissionLimits) -> None:
        self.limits = limits
        self._changed = threading.Condition()
        self._running: dict[str, int] = {}
        self._waiting: dict[str, int] = {}
        self._adhoc = 0

    def _free(self, client: str | None, catalogue: bool) -> bool:
        if client is not None and self._running.get(client, 0) >= self.limits.client_concurrency:
            return False
        return catalogue or self._adhoc < self.limits.adhoc_slots

    @contextlib.contextmanager
    def admit(self, client: str | None, *, catalogue: bool, deadline: float) -> Iterator[None]:
        """Hold a share for one query; raises :class:`QueryBusyError` when none comes."""
        with self._changed:
            if not self._free(client, catalogue):
                self._wait(client, catalogue, deadline)
            if client is not None:
                self._running[client] = self._running.get(client, 0) + 1
            if not catalogue:
                self._adhoc += 1
        try:
            yield
        finally:
            with self._changed:
                if client is not None:
                    left = self._running.get(client, 1) - 1
                    if left > 0:
                        self._running[client] = left
                    else:
                        self._running.pop(client, None)
                if not catalogue:
                    self._adhoc -= 1
                self._changed.notify_all()

    def _wait(self, client: str | None, catalogue: bool, deadline: float) -> None:
        """Wait in the client's queue (lock held); raises when the queue is full or too slow."""
        key = client or ""
        if client is not None and self._waiting.get(key, 0) >= self.limits.client_queue:
            raise self._busy(
                f"too many queries from this client: {self.limits.client_concurrency} may run "
                f"and {self.limits.client_queue} wait at once; retry later"
            )
        until = min(deadline, time.monotonic() + self.limits.queue_seconds)
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            while not self._free(client, catalogue):
                remaining = until - time.monotonic()
                if remaining <= 0:
                    raise self._busy(
                        "every query worker this request may use stayed busy for "
                        f"{self.limits.queue_seconds:g} s; retry later"
                    )
                self._changed.wait(remaining)
        finally:
            left = self._waiting.get(key, 1) - 1
            if left > 0:
                self._waiting[key] = left
            else:
                self._waiting.pop(key, None)

    def _busy(self, message: str) -> QueryBusyError:
        return QueryBusyError(message, retry_after=max(1.0, math.ceil(self.limits.queue_seconds)))
