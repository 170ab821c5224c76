"""Bounded resources per query: memory limit, engine crashes, the check in a worker, fair
sharing. Behaviour only; the timings are in ``benchmarks/fairness.py``."""

from __future__ import annotations

import logging
import resource
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from brn_graph.config import Settings
from brn_graph.errors import (
    EngineFailedError,
    QueryBusyError,
    QueryLimitError,
    QueryTimeoutError,
)
from brn_graph.query.admission import Admission, AdmissionLimits
from brn_graph.query.engine import QueryEngine
from tests.reference import MIXED_ORDER

OPTIONAL_CHAIN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f OPTIONAL { ?g ?h ?i "
    "OPTIONAL { ?j ?k ?l } } } }"
)
LONG_FILTER = "ASK { ?s ?p ?o FILTER(1" + " + 1" * 20_000 + " > 0) }"


@pytest.fixture(scope="module")
def engine() -> Iterator[QueryEngine]:
    settings = Settings(worker_memory_mb=256, query_timeout=20.0, lang="en")
    with QueryEngine(settings, workers=3) as started:
        yield started


def test_a_query_past_the_memory_limit_ends_with_a_limit_error(engine: QueryEngine) -> None:
    before = set(engine.info.worker_pids)
    with pytest.raises(QueryLimitError, match="256 MiB"):
        engine.run(OPTIONAL_CHAIN)
    assert engine.info.live_workers == 3
    assert set(engine.info.worker_pids) != before  # the worker was replaced
    assert engine.run("ASK { ?s ?p ?o }").boolean is True


def test_an_engine_crash_is_reported_as_such_and_the_worker_replaced(
    engine: QueryEngine,
) -> None:
    with pytest.raises(EngineFailedError, match="engine failed on this query") as info:
        engine.run(MIXED_ORDER)
    assert len(info.value.query_hash) == 16
    assert "out of memory" not in str(info.value)
    assert engine.info.live_workers == 3
    assert engine.run("ASK { ?s ?p ?o }").boolean is True


def test_an_engine_panic_goes_to_the_debug_log_not_the_terminal(
    engine: QueryEngine, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    """The worker's stderr (Oxigraph's Rust panic line) is captured and logged at debug."""
    with caplog.at_level(logging.DEBUG, logger="brn_graph.query"), pytest.raises(EngineFailedError):
        engine.run(MIXED_ORDER)
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("panicked" in line for line in debug), debug
    assert "panicked" not in capfd.readouterr().err


def test_a_slow_check_runs_in_a_worker_and_blocks_no_one(engine: QueryEngine) -> None:
    """The 20,000-term FILTER parses in a worker: a small ASK answers while it runs."""
    outcome: list[BaseException | None] = []

    def slow() -> None:
        try:
            engine.run(LONG_FILTER, timeout=15.0)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=slow)
    thread.start()
    try:
        assert engine.run("ASK { ?s ?p ?o }").boolean is True
        assert thread.is_alive(), "the long FILTER should still be parsing"
    finally:
        thread.join(60)
    assert len(outcome) == 1
    assert outcome[0] is None or isinstance(outcome[0], QueryTimeoutError | QueryLimitError)


def _core_limit(pid: int) -> str:
    limits = Path(f"/proc/{pid}/limits").read_text(encoding="ascii")
    return next(line for line in limits.splitlines() if line.startswith("Max core file size"))


def test_a_crash_writes_no_core_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Core dumps on (as on many CI and server hosts): a crash still writes no copy of the
    worker's memory, and the workers cannot turn them back on (hard limit 0)."""
    monkeypatch.chdir(tmp_path)
    soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
    try:
        with QueryEngine(Settings(worker_memory_mb=256, lang="en"), workers=1) as engine:
            engine.run("ASK { ?s ?p ?o }")
            for pid in engine.info.worker_pids:
                assert _core_limit(pid).split()[-3:-1] == ["0", "0"], _core_limit(pid)
            with pytest.raises(EngineFailedError):
                engine.run(MIXED_ORDER)
    finally:
        resource.setrlimit(resource.RLIMIT_CORE, (soft, hard))
    assert list(tmp_path.iterdir()) == []


def test_a_crash_in_one_query_does_not_fail_a_concurrent_one(engine: QueryEngine) -> None:
    results: list[object] = []

    def crash() -> None:
        try:
            engine.run(MIXED_ORDER, client="crasher")
        except (EngineFailedError, QueryBusyError, QueryTimeoutError) as exc:
            # the second crasher waits for the first (one query per client); on a loaded
            # machine it may run out of time while waiting: its own failure, nobody else's
            results.append(exc)

    threads = [threading.Thread(target=crash) for _ in range(2)]
    for t in threads:
        t.start()
    answers = [engine.run("SELECT ?s WHERE { ?s a ?t } LIMIT 3", client="other") for _ in range(5)]
    for t in threads:
        t.join(60)
    assert all(len(a.rows) == 3 for a in answers)
    assert len(results) == 2
    assert any(isinstance(r, EngineFailedError) for r in results), [repr(r) for r in results]


# --------------------------------------------------------------------------- admission


def limits(**changes: float) -> AdmissionLimits:
    base = {"workers": 3, "client_concurrency": 1, "client_queue": 1, "queue_seconds": 0.2}
    base.update(changes)
    return AdmissionLimits(**base)  # type: ignore[arg-type]


def test_a_client_over_its_share_and_queue_is_refused_at_once() -> None:
    admission = Admission(limits(client_queue=0))
    with (
        admission.admit("a", catalogue=False, deadline=1e12),
        pytest.raises(QueryBusyError, match="too many queries from this client") as info,
        admission.admit("a", catalogue=False, deadline=1e12),
    ):
        pass
    assert info.value.retry_after >= 1


def test_a_queued_request_waits_then_is_refused_when_nothing_frees() -> None:
    admission = Admission(limits())
    with (
        admission.admit("a", catalogue=False, deadline=1e12),
        pytest.raises(QueryBusyError, match="stayed busy"),
        admission.admit("a", catalogue=False, deadline=1e12),
    ):
        pass


def test_a_queued_request_runs_when_the_clients_earlier_one_ends() -> None:
    admission = Admission(limits(queue_seconds=30))
    first = admission.admit("a", catalogue=False, deadline=1e12)
    first.__enter__()
    admitted = threading.Event()

    def second() -> None:
        with admission.admit("a", catalogue=False, deadline=1e12):
            admitted.set()

    thread = threading.Thread(target=second)
    thread.start()
    assert not admitted.wait(0.2)
    first.__exit__(None, None, None)
    thread.join(10)
    assert admitted.is_set()


def test_other_clients_are_not_held_by_one_clients_queue() -> None:
    admission = Admission(limits())
    with (
        admission.admit("a", catalogue=False, deadline=1e12),
        admission.admit("b", catalogue=False, deadline=1e12),
    ):
        pass


def test_one_worker_is_kept_for_catalogue_queries() -> None:
    admission = Admission(limits(workers=3))
    with (
        admission.admit("a", catalogue=False, deadline=1e12),
        admission.admit("b", catalogue=False, deadline=1e12),
    ):
        with (
            pytest.raises(QueryBusyError),
            admission.admit("c", catalogue=False, deadline=1e12),
        ):
            pass
        with admission.admit("c", catalogue=True, deadline=1e12):
            pass


# --------------------------------------------------------------------------- valid queries


def test_a_negative_decimal_in_a_triple_pattern_is_accepted(engine: QueryEngine) -> None:
    assert engine.run("ASK { ?s ?p -1.0 }").boolean is False


@pytest.mark.parametrize(
    "query",
    [
        "ASK { FILTER(" + "(" * 200 + "true" + ")" * 200 + ") }",
        "ASK " + "{ " * 100 + "?s ?p ?o" + " }" * 100,
        "SELECT * WHERE " + "{ SELECT * WHERE " * 40 + "{ ?s ?p ?o }" + " }" * 40 + " LIMIT 1",
    ],
    ids=["200 parentheses", "100 braces", "40 subqueries"],
)
def test_deeply_nested_valid_queries_are_accepted(engine: QueryEngine, query: str) -> None:
    result = engine.run(query)
    assert result.boolean is True or len(result.rows) == 1


def test_nesting_past_what_the_parser_can_take_is_a_clean_syntax_error(
    engine: QueryEngine,
) -> None:
    from brn_graph.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError, match="nested too deeply"):
        engine.run("ASK { FILTER(" + "(" * 20_000 + "true" + ")" * 20_000 + ") }")
    assert engine.info.live_workers == 3
