"""Text tables fit a 100-column terminal; ``--wide`` and ``--columns`` change that; CSV does not."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from tests.reference import PROJECT


def run(*args: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("BRN_GRAPH_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("alignment",),
        ("explain", "ECD", "goal:brn-nordjyllandsstemme-1"),
        ("gaps",),
        ("engagement",),
        ("rank", "--samples", "50"),
        ("network-stats",),
    ],
    ids=lambda a: a[0],
)
def test_no_line_is_wider_than_the_terminal(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 3
    widest = max(lines, key=len)
    assert len(widest) <= 100, widest


def test_wide_keeps_every_cell_on_one_line_and_csv_is_unchanged() -> None:
    wide = run("gaps", "--wide")
    assert wide.returncode == 0, wide.stderr
    assert max(len(line) for line in wide.stdout.splitlines()) > 100
    table = csv.DictReader(io.StringIO(run("gaps", "--format", "csv").stdout))
    longest = max(len(row["clusters"]) for row in table)
    assert longest > 100  # CSV keeps the full cell


def test_columns_chooses_and_orders_the_columns() -> None:
    # Columns are named by their stable names; the table heads them in the chosen language.
    result = run("--lang", "en", "gaps", "--columns", "item,finding")
    assert result.returncode == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if line.startswith("item"))
    assert header.split() == ["item", "finding"]
    danish = run("--lang", "da", "gaps", "--columns", "item,finding")
    assert any(line.split() == ["emne", "fund"] for line in danish.stdout.splitlines())
    bad = run("--lang", "en", "gaps", "--columns", "nope")
    assert bad.returncode == 2
    assert "no column 'nope'" in bad.stderr
