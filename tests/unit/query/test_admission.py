"""First-come-first-served, fair admission to the query workers (``brn_graph.query.admission``).

Behaviour only: who is admitted in which order, what is refused, what the state is after.
Threads are sequenced by waiting until the admission's own state shows them queued; no
assertion depends on how long anything takes (the timings are in ``benchmarks/``).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter

import pytest

from brn_graph.errors import QueryBusyError
from brn_graph.i18n.message import Message
from brn_graph.query import admission as admission_module
from brn_graph.query.admission import Admission, AdmissionLimits

FAR = 1e12  # a deadline that never comes


def limits(**changes: float) -> AdmissionLimits:
    base: dict[str, float] = {
        "workers": 2,  # one ad-hoc slot, one kept for the catalogue
        "client_concurrency": 64,
        "client_queue": 64,
        "queue_seconds": 60.0,
    }
    base.update(changes)
    return AdmissionLimits(**base)  # type: ignore[arg-type]


class Query(threading.Thread):
    """One query in a thread: logs its name when admitted, then holds its share until
    :attr:`done` is set (set from the start when ``hold`` is false)."""

    def __init__(
        self,
        admission: Admission,
        client: str | None,
        name: str,
        log: list[str],
        *,
        catalogue: bool = False,
        hold: bool = False,
        deadline: float = FAR,
    ) -> None:
        super().__init__(name=name, daemon=True)
        self.admission = admission
        self.client = client
        self.log = log
        self.catalogue = catalogue
        self.deadline = deadline
        self.admitted = threading.Event()
        self.done = threading.Event()
        if not hold:
            self.done.set()
        self.error: QueryBusyError | None = None

    def run(self) -> None:
        try:
            with self.admission.admit(
                self.client, catalogue=self.catalogue, deadline=self.deadline
            ):
                self.log.append(self.name)
                self.admitted.set()
                self.done.wait(60)
        except QueryBusyError as exc:
            self.error = exc


def until(condition: object, what: str) -> None:
    """Wait (without asserting on time) until ``condition()`` holds; fail after 30 s."""
    assert callable(condition)
    give_up = time.monotonic() + 30
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.001)


def queue(admission: Admission, query: Query) -> Query:
    """Start ``query`` and wait until it waits in the queue (so arrival order is known)."""
    before = admission.state().waiting.get(query.client, 0)
    query.start()
    until(
        lambda: admission.state().waiting.get(query.client, 0) == before + 1,
        f"{query.name} queued",
    )
    return query


def hold(admission: Admission, client: str | None, log: list[str], **kw: bool) -> Query:
    """A query admitted at once that keeps its share until ``done`` is set."""
    query = Query(admission, client, f"holder-{client}", log, hold=True, **kw)
    query.start()
    assert query.admitted.wait(30), "the holder should be admitted at once"
    return query


def finish(*queries: Query) -> None:
    for query in queries:
        query.done.set()
    for query in queries:
        query.join(30)
        assert not query.is_alive()


def assert_clean(admission: Admission) -> None:
    state = admission.state()
    assert (state.running, state.waiting, state.adhoc) == ({}, {}, 0)
    assert admission._served == {}  # no client is remembered once it has left


# ----------------------------------------------------------------------------- order


def test_one_clients_queries_are_admitted_in_arrival_order() -> None:
    admission = Admission(limits())
    log: list[str] = []
    holder = hold(admission, "a", log)
    waiting = [queue(admission, Query(admission, "a", f"a{i}", log)) for i in range(8)]
    finish(holder, *waiting)
    assert log == ["holder-a", *(f"a{i}" for i in range(8))]
    assert_clean(admission)


def test_arrival_order_holds_per_client_under_the_client_share() -> None:
    """The client's own limit (one at a time) is what holds them: still in order."""
    admission = Admission(limits(workers=8, client_concurrency=1))
    log: list[str] = []
    holder = hold(admission, "a", log)
    waiting = [queue(admission, Query(admission, "a", f"a{i}", log)) for i in range(6)]
    finish(holder, *waiting)
    assert log == ["holder-a", *(f"a{i}" for i in range(6))]
    assert_clean(admission)


def test_a_single_query_is_admitted_before_another_clients_flood() -> None:
    admission = Admission(limits())
    log: list[str] = []
    holder = hold(admission, "flood", log)
    flood = [queue(admission, Query(admission, "flood", f"f{i}", log)) for i in range(10)]
    single = queue(admission, Query(admission, "single", "single", log))
    finish(holder, *flood, single)
    assert log[:2] == ["holder-flood", "single"]
    assert log[2:] == [f"f{i}" for i in range(10)]
    assert_clean(admission)


def test_two_waiting_clients_take_turns() -> None:
    admission = Admission(limits())
    log: list[str] = []
    holder = hold(admission, "c", log)
    a = [queue(admission, Query(admission, "a", f"a{i}", log)) for i in range(3)]
    b = [queue(admission, Query(admission, "b", f"b{i}", log)) for i in range(3)]
    finish(holder, *a, *b)
    assert log == ["holder-c", "a0", "b0", "a1", "b1", "a2", "b2"]
    assert_clean(admission)


def test_a_newcomer_does_not_pass_the_waiters() -> None:
    """A freed share goes to the waiter; a request arriving later queues behind it."""
    admission = Admission(limits())
    log: list[str] = []
    holder = hold(admission, "a", log)
    first = queue(admission, Query(admission, "b", "first", log, hold=True))
    holder.done.set()
    assert first.admitted.wait(30)
    late = queue(admission, Query(admission, "c", "late", log))
    assert log == ["holder-a", "first"]
    finish(holder, first, late)
    assert log == ["holder-a", "first", "late"]
    assert_clean(admission)


# ----------------------------------------------------------------------------- catalogue slot


def test_a_catalogue_query_uses_the_kept_worker_while_ad_hoc_ones_wait() -> None:
    admission = Admission(limits(workers=3))  # two ad-hoc slots
    log: list[str] = []
    h1, h2 = hold(admission, "a", log), hold(admission, "b", log)
    adhoc = queue(admission, Query(admission, "c", "adhoc", log))
    catalogue = Query(admission, "c", "catalogue", log, catalogue=True, hold=True)
    catalogue.start()
    assert catalogue.admitted.wait(30), "the kept worker is free for the catalogue"
    assert admission.state().waiting == {"c": 1}
    h1.done.set()
    assert adhoc.admitted.wait(30)
    finish(h1, h2, adhoc, catalogue)
    assert log == ["holder-a", "holder-b", "catalogue", "adhoc"]
    assert_clean(admission)


def test_a_clients_catalogue_query_passes_its_ad_hoc_ones_only_for_the_kept_worker() -> None:
    """One query at a time for client a; its ad-hoc query (earlier) cannot run while b holds
    the one ad-hoc slot, so its catalogue query (later) takes a's freed share first."""
    admission = Admission(limits(workers=2, client_concurrency=1))
    log: list[str] = []
    mine = hold(admission, "a", log, catalogue=True)
    other = hold(admission, "b", log)
    adhoc = queue(admission, Query(admission, "a", "adhoc", log, hold=True))
    catalogue = queue(admission, Query(admission, "a", "catalogue", log, catalogue=True))
    mine.done.set()
    catalogue.join(30)
    assert log == ["holder-a", "holder-b", "catalogue"]
    assert admission.state().waiting == {"a": 1}
    other.done.set()
    assert adhoc.admitted.wait(30)
    finish(mine, other, adhoc, catalogue)
    assert log == ["holder-a", "holder-b", "catalogue", "adhoc"]
    assert_clean(admission)


def test_requests_without_a_client_share_only_the_ad_hoc_rule() -> None:
    admission = Admission(limits(workers=2, client_concurrency=1, client_queue=0))
    log: list[str] = []
    holder = hold(admission, None, log)
    catalogue = [hold(admission, None, log, catalogue=True) for _ in range(3)]
    waiting = queue(admission, Query(admission, None, "cli", log))  # no queue limit
    finish(holder, *catalogue, waiting)
    assert log[-1] == "cli"
    assert_clean(admission)


# ----------------------------------------------------------------------------- refusals


def test_a_full_queue_is_refused_at_once_in_the_readers_language() -> None:
    admission = Admission(limits(client_concurrency=1, client_queue=1, queue_seconds=4))
    log: list[str] = []
    holder = hold(admission, "a", log)
    waiting = queue(admission, Query(admission, "a", "a1", log))
    with pytest.raises(QueryBusyError) as info, admission.admit("a", catalogue=False, deadline=FAR):
        pass
    assert isinstance(info.value.detail, Message)
    assert info.value.detail.key == "admission.queue_full"
    assert info.value.render("da") == (
        "for mange forespørgsler fra denne klient: 1 må køre og 1 vente ad gangen; prøv igen senere"
    )
    assert "too many queries from this client" in info.value.render("en")
    assert info.value.retry_after == 4
    finish(holder, waiting)
    assert log == ["holder-a", "a1"]
    assert_clean(admission)


def test_waiters_that_run_out_of_time_leave_the_queue_clean() -> None:
    admission = Admission(limits(queue_seconds=0.05))
    log: list[str] = []
    holder = hold(admission, "a", log)
    gave_up = [Query(admission, c, f"{c}{i}", log) for i in range(3) for c in "ab"]
    for query in gave_up:
        query.start()
    for query in gave_up:
        query.join(30)
    errors = [q.error for q in gave_up if q.error is not None]
    assert len(errors) == len(gave_up)
    assert all(isinstance(e.detail, Message) for e in errors)
    assert {e.detail.key for e in errors if isinstance(e.detail, Message)} == {
        "admission.stayed_busy"
    }
    assert errors[0].render("da") == (
        "alle forespørgselsprocesser, som denne anmodning må bruge, var optaget i 0,05 s; "
        "prøv igen senere"
    )
    assert admission.state().waiting == {}
    finish(holder)
    assert log == ["holder-a"]
    assert_clean(admission)
    with admission.admit("b", catalogue=False, deadline=FAR):  # nothing left behind
        assert admission.state().running == {"b": 1}


def test_a_passed_deadline_is_refused_without_waiting() -> None:
    admission = Admission(limits())
    log: list[str] = []
    holder = hold(admission, "a", log)
    with (
        pytest.raises(QueryBusyError),
        admission.admit("b", catalogue=False, deadline=time.monotonic() - 1),
    ):
        pass
    assert admission.state().waiting == {}
    finish(holder)
    assert_clean(admission)


def test_a_share_handed_over_as_the_wait_runs_out_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race: the release hands the share over just after the waiter's sleep ended.
    The waiter keeps the share (and gives it back when done): nothing is lost."""
    admission = Admission(limits())
    log: list[str] = []
    holder = hold(admission, "a", log)

    def sleep_then_lose_the_race(waiter: admission_module._Waiter, seconds: float) -> bool:
        finish(holder)  # the holder leaves and hands its share to this waiter ...
        assert waiter.granted
        return False  # ... but the waiter's own sleep reports a timeout

    monkeypatch.setattr(admission_module._Waiter, "wait", sleep_then_lose_the_race)
    with admission.admit("b", catalogue=False, deadline=FAR):
        assert admission.state() == admission_module.AdmissionState(
            running={"b": 1}, waiting={}, adhoc=1
        )
    assert_clean(admission)


def test_raised_limits_admit_waiters_at_once() -> None:
    admission = Admission(limits(workers=2))
    log: list[str] = []
    holder = hold(admission, "a", log)
    waiting = queue(admission, Query(admission, "b", "b", log, hold=True))
    admission.limits = limits(workers=3)
    assert waiting.admitted.wait(30)
    finish(holder, waiting)
    assert_clean(admission)


# ----------------------------------------------------------------------------- stress


def test_no_wake_up_is_lost_under_contention() -> None:
    """Many threads of several clients, mixed kinds: every request is admitted (a lost
    wake-up would leave one waiting until its 60 s queue limit: a refusal), no limit is ever
    exceeded, and nothing is left behind."""
    admission = Admission(limits(workers=3, client_concurrency=2, client_queue=64))
    guard = threading.Lock()
    running: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    admitted: Counter[str] = Counter()
    refusals: list[QueryBusyError] = []
    per_thread = 200

    def client_thread(client: str, seed: int) -> None:
        chooser = random.Random(seed)
        for _ in range(per_thread):
            catalogue = chooser.random() < 0.25
            kind = "catalogue" if catalogue else "adhoc"
            try:
                with admission.admit(client, catalogue=catalogue, deadline=FAR):
                    with guard:
                        running[client] += 1
                        running[kind] += 1
                        for key in (client, kind):
                            peak[key] = max(peak[key], running[key])
                        admitted[client] += 1
                    if chooser.random() < 0.5:
                        time.sleep(0)  # let another thread in while the share is held
                    with guard:
                        running[client] -= 1
                        running[kind] -= 1
            except QueryBusyError as exc:
                with guard:
                    refusals.append(exc)

    clients = [f"c{i}" for i in range(6)]
    threads = [
        threading.Thread(target=client_thread, args=(client, n * 10 + k), daemon=True)
        for n, client in enumerate(clients)
        for k in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(t.is_alive() for t in threads)
    assert refusals == []
    assert admitted == dict.fromkeys(clients, 4 * per_thread)
    assert peak["adhoc"] <= 2  # one of the three workers kept for the catalogue
    assert all(peak[client] <= 2 for client in clients)
    assert_clean(admission)
