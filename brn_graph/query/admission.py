"""Fair sharing of the query workers: a share per client, a bounded queue, a kept slot.

Each client (an address, as the HTTP layer sees it) may run ``client_concurrency`` queries at
once and have ``client_queue`` more waiting; a request beyond that, or one that waits longer
than ``queue_seconds`` (or its own deadline), is refused with :class:`QueryBusyError` (429
with ``Retry-After``). Ad-hoc queries may hold all workers but one: the last worker is kept
for catalogue queries, so the precomputed and named-query routes keep answering while
ad-hoc SPARQL is busy. Requests without a client (the CLI, internal calls) only take the
ad-hoc/catalogue rule.

Waiting is first come, first served and fair between clients:

- within one client, queries of one kind (ad-hoc, catalogue) are admitted in arrival order;
  a catalogue query may pass the client's earlier ad-hoc ones only to use the kept worker,
  which they may not take;
- between clients, a free share goes to the waiting client served least recently (round
  robin), so a client with many connections cannot starve one with a single query;
- each waiter has its own :class:`threading.Event`: a release hands the freed share straight
  to the chosen waiter (counted as running before it wakes), so no other thread is woken and
  no newcomer can take the share first. A waiter whose time runs out leaves the queue; if the
  share was handed to it in the meantime it keeps it (the hand-over came first), so no share
  is lost.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from brn_graph.errors import QueryBusyError
from brn_graph.i18n.message import Message, message


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


@dataclass(eq=False)
class _Waiter:
    """One request waiting for a share; ``granted`` is set (under the lock) on hand-over."""

    seq: int
    catalogue: bool
    event: threading.Event = field(default_factory=threading.Event)
    granted: bool = False

    def wait(self, seconds: float) -> bool:
        """Sleep until handed a share or ``seconds`` pass; whether it was woken."""
        return self.event.wait(seconds)


@dataclass
class _ClientQueue:
    """The waiters of one client, one arrival-ordered queue per kind."""

    adhoc: deque[_Waiter] = field(default_factory=deque)
    catalogue: deque[_Waiter] = field(default_factory=deque)

    def __len__(self) -> int:
        return len(self.adhoc) + len(self.catalogue)


@dataclass(frozen=True)
class AdmissionState:
    """A snapshot of who runs and who waits (for tests and diagnostics)."""

    running: dict[str | None, int]
    waiting: dict[str | None, int]
    adhoc: int


class Admission:
    """Who may take a worker now; thread-safe."""

    def __init__(self, limits: AdmissionLimits) -> None:
        self._lock = threading.Lock()
        self._limits = limits
        self._running: dict[str | None, int] = {}
        self._adhoc = 0
        #: Clients with waiters, in the order they started waiting (ties in the round robin).
        self._queues: dict[str | None, _ClientQueue] = {}
        #: When each active client (running or waiting) was last admitted; absent: never.
        self._served: dict[str | None, int] = {}
        self._ticks = itertools.count()

    @property
    def limits(self) -> AdmissionLimits:
        return self._limits

    @limits.setter
    def limits(self, limits: AdmissionLimits) -> None:
        """New limits apply at once: waiters they let in are admitted now."""
        with self._lock:
            self._limits = limits
            self._dispatch()

    def state(self) -> AdmissionState:
        """Who runs and who waits now."""
        with self._lock:
            return AdmissionState(
                running=dict(self._running),
                waiting={k: len(q) for k, q in self._queues.items()},
                adhoc=self._adhoc,
            )

    @contextlib.contextmanager
    def admit(self, client: str | None, *, catalogue: bool, deadline: float) -> Iterator[None]:
        """Hold a share for one query; raises :class:`QueryBusyError` when none comes."""
        with self._lock:
            if self._may_run(client, catalogue):
                self._take(client, catalogue)
                waiter = None
            else:
                waiter = self._enqueue(client, catalogue)
        if waiter is not None:
            self._wait(client, waiter, deadline)
        try:
            yield
        finally:
            with self._lock:
                self._give_back(client, catalogue)
                self._dispatch()

    # -- under the lock ---------------------------------------------------------------

    def _may_run(self, client: str | None, catalogue: bool) -> bool:
        limits = self._limits
        if client is not None and self._running.get(client, 0) >= limits.client_concurrency:
            return False
        return catalogue or self._adhoc < limits.adhoc_slots

    def _take(self, client: str | None, catalogue: bool) -> None:
        self._running[client] = self._running.get(client, 0) + 1
        if not catalogue:
            self._adhoc += 1
        self._served[client] = next(self._ticks)

    def _give_back(self, client: str | None, catalogue: bool) -> None:
        left = self._running.get(client, 1) - 1
        if left > 0:
            self._running[client] = left
        else:
            self._running.pop(client, None)
            if client not in self._queues:
                self._served.pop(client, None)
        if not catalogue:
            self._adhoc -= 1

    def _enqueue(self, client: str | None, catalogue: bool) -> _Waiter:
        """Queue a request that may not run now; refused when the client's queue is full."""
        queue = self._queues.get(client)
        if client is not None and (len(queue) if queue else 0) >= self._limits.client_queue:
            raise self._busy(
                message(
                    "admission.queue_full",
                    running=self._limits.client_concurrency,
                    waiting=self._limits.client_queue,
                )
            )
        if queue is None:
            queue = self._queues[client] = _ClientQueue()
        waiter = _Waiter(seq=next(self._ticks), catalogue=catalogue)
        (queue.catalogue if catalogue else queue.adhoc).append(waiter)
        return waiter

    def _head(self, client: str | None, queue: _ClientQueue) -> _Waiter | None:
        """The client's first waiter that may run now (earliest arrival among the kinds)."""
        limits = self._limits
        if client is not None and self._running.get(client, 0) >= limits.client_concurrency:
            return None
        heads = [queue.catalogue[0]] if queue.catalogue else []
        if queue.adhoc and self._adhoc < limits.adhoc_slots:
            heads.append(queue.adhoc[0])
        return min(heads, key=lambda w: w.seq, default=None)

    def _dispatch(self) -> None:
        """Hand every free share to the waiter that should have it, one wake-up each."""
        while self._queues:
            chosen: tuple[str | None, _ClientQueue, _Waiter] | None = None
            chosen_served = 0
            for client, queue in self._queues.items():
                head = self._head(client, queue)
                if head is None:
                    continue
                served = self._served.get(client, -1)
                if chosen is None or served < chosen_served:
                    chosen, chosen_served = (client, queue, head), served
            if chosen is None:
                return
            client, queue, waiter = chosen
            (queue.catalogue if waiter.catalogue else queue.adhoc).popleft()
            if not queue:
                del self._queues[client]
            self._take(client, waiter.catalogue)
            waiter.granted = True
            waiter.event.set()

    def _leave(self, client: str | None, waiter: _Waiter) -> None:
        queue = self._queues[client]
        (queue.catalogue if waiter.catalogue else queue.adhoc).remove(waiter)
        if not queue:
            del self._queues[client]
            if client not in self._running:
                self._served.pop(client, None)

    # -- waiting (without the lock) -----------------------------------------------------

    def _wait(self, client: str | None, waiter: _Waiter, deadline: float) -> None:
        """Wait for a hand-over until the queue limit or the deadline; raises if none came."""
        until = min(deadline, time.monotonic() + self._limits.queue_seconds)
        waiter.wait(max(0.0, until - time.monotonic()))
        with self._lock:
            if waiter.granted:  # handed over, possibly just as the wait ran out: keep it
                return
            self._leave(client, waiter)
        raise self._busy(message("admission.stayed_busy", seconds=self._limits.queue_seconds))

    def _busy(self, detail: Message) -> QueryBusyError:
        return QueryBusyError(detail, retry_after=max(1.0, math.ceil(self._limits.queue_seconds)))
