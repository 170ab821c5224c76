"""``brn-graph brief -o`` through the real command (a new process)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.reference import run_cli


def test_brief_file_gets_the_usual_mode(tmp_path: Path) -> None:
    """The brief is a file like any other: 0o666 less the umask (not mkstemp's 0o600)."""
    out = tmp_path / "b.html"
    result = run_cli("--lang", "da", "brief", "-o", str(out))
    assert result.returncode == 0, result.stderr
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    assert out.read_text(encoding="utf-8").startswith("<!")
