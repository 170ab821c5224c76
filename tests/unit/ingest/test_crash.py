"""Crash injection: SIGKILL the write path at random points; the folder is old or new, whole.

Each run forks a child that commits one import (or reverts one) in an imports folder, and
kills it after a random delay spread over the operation's duration (measured first). After
every kill the folder must load (every ``*.ttl`` parses) and hold exactly the old state or
the new one: never a partial file, never a half-moved revert.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from brn_graph.graph.loader import parse_quads
from brn_graph.ingest.write import ImportsFolder, header_line

RUNS = 240
IMPORT_ID = "members-test-2024-06-01-000000000000"
SUMMARY = {"id": IMPORT_ID, "kind": "members", "accepted": 3000}


def payload() -> bytes:
    lines = [
        f"<https://w3id.org/brn-graph/id/company/{n:08d}> "
        f'<https://w3id.org/brn-graph/ontology#cvrNumber> "{n:08d}" .\n'
        for n in range(20000)
    ]
    return "".join(lines).encode()


def state_of(folder: Path, expected: bytes) -> str:
    """'old' (no import), 'new' (committed), 'reverted'; fails on anything else."""
    for path in folder.glob("*.ttl"):
        parse_quads(path)  # loadable
    active = folder / f"{IMPORT_ID}.ttl"
    aside = folder / "reverted" / f"{IMPORT_ID}.ttl"
    assert not (active.exists() and aside.exists()), "import both active and reverted"
    assert [p.name for p in folder.glob("*.ttl")] in ([], [active.name])
    if active.exists():
        assert active.read_bytes() == expected, "partial import file"
        return "new"
    if aside.exists():
        assert aside.read_bytes() == expected, "partial reverted file"
        return "reverted"
    return "old"


def operate(operation: str, folder: Path) -> None:
    imports = ImportsFolder(folder)
    if operation == "commit":
        with imports.lock():
            imports.commit(IMPORT_ID, SUMMARY, payload())
    else:
        imports.revert(IMPORT_ID, agent="test", when="2024-06-01T00:00:00+00:00")


def prepare(operation: str, folder: Path) -> None:
    if operation == "revert":
        operate("commit", folder)


def run_forked(operation: str, folder: Path, kill_after: float | None) -> float:
    """Run the operation in a child; SIGKILL it after ``kill_after`` s (None: let it end)."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: do the operation, then leave without cleanup
        try:
            operate(operation, folder)
        finally:
            os._exit(0)
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return time.perf_counter() - started


def test_sigkill_at_random_points_leaves_old_or_new_state(tmp_path: Path) -> None:
    expected = header_line(SUMMARY) + payload()
    durations = {}
    for operation in ("commit", "revert"):
        folder = tmp_path / f"measure-{operation}"
        prepare(operation, folder)
        durations[operation] = run_forked(operation, folder, None)
    rng = random.Random(20240920)
    seen: dict[str, set[str]] = {"commit": set(), "revert": set()}
    for run in range(RUNS):
        operation = "commit" if run % 2 == 0 else "revert"
        folder = tmp_path / f"run{run}"
        prepare(operation, folder)
        run_forked(operation, folder, rng.uniform(0, durations[operation] * 1.3))
        state = state_of(folder, expected)
        allowed = {"old", "new"} if operation == "commit" else {"new", "reverted"}
        assert state in allowed, (run, operation, state)
        seen[operation].add(state)
    # the kills landed both before and after the switch, for both operations
    assert seen == {"commit": {"old", "new"}, "revert": {"new", "reverted"}}
