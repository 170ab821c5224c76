"""A corpus of malformed files: each gets its report, the right exit, and changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brn_graph.config import Settings
from brn_graph.graph.loader import LoadedDataset, load_dataset
from brn_graph.ingest.pipeline import ingest_members
from brn_graph.ingest.readers import UnreadableFileError
from tests.reference import PROJECT
from tests.unit.ingest.corpus import CORPUS, million_rows


@pytest.fixture(scope="module")
def loaded() -> LoadedDataset:
    return load_dataset(Settings(imports_dir=Path("/nonexistent")))


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 25


@pytest.mark.parametrize(("name", "outcome", "write"), CORPUS, ids=[c[0] for c in CORPUS])
def test_malformed_file_is_reported_and_changes_nothing(
    tmp_path: Path, loaded: LoadedDataset, name: str, outcome: str, write: object
) -> None:
    path = tmp_path / name
    write(path)  # type: ignore[operator]
    imports = tmp_path / "imports"
    settings = Settings(imports_dir=imports, ingest_max_rows=500_000)
    if outcome == "unreadable":
        with pytest.raises(UnreadableFileError) as info:
            ingest_members(
                settings, path, cluster="energy-cluster-denmark", as_of="2024-06-01", loaded=loaded
            )
        assert info.value.path == path
    else:
        report = ingest_members(
            settings, path, cluster="energy-cluster-denmark", as_of="2024-06-01", loaded=loaded
        )
        assert report.status == "invalid"
        assert report.error_count >= 1
        assert all(e.row >= 2 and e.column for e in report.row_errors)
    assert not list(imports.glob("*.ttl")) if imports.exists() else True


def _cli(*args: str, imports: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRN_GRAPH_IMPORTS_DIR": str(imports)}
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=300,
        check=False,
    )


def test_cli_exit_1_for_invalid_rows_with_sheet_row_column(tmp_path: Path) -> None:
    name, _, write = next(c for c in CORPUS if c[0] == "bad-check-digit.csv")
    write(tmp_path / name)
    result = _cli(
        "--lang",
        "en",
        "ingest",
        "members",
        str(tmp_path / name),
        "--cluster",
        "energy-cluster-denmark",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
        imports=tmp_path / "imports",
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["status"] == "invalid"
    assert report["errors"] == [
        {
            "sheet": name,
            "row": 3,
            "column": "CVR-nummer",
            "value": "13585627",
            "reason": "the CVR number has a wrong check digit (modulus 11)",
            "code": "ingest.row.cvr_checksum",
        }
    ]
    assert not (tmp_path / "imports").exists() or not list((tmp_path / "imports").glob("*.ttl"))


def test_cli_exit_2_for_an_unreadable_file_in_danish(tmp_path: Path) -> None:
    name, _, write = next(c for c in CORPUS if c[0] == "truncated.xlsx")
    write(tmp_path / name)
    result = _cli(
        "--lang",
        "da",
        "ingest",
        "members",
        str(tmp_path / name),
        "--cluster",
        "energy-cluster-denmark",
        "--as-of",
        "2024-06-01",
        imports=tmp_path / "imports",
    )
    assert result.returncode == 2
    assert "XLSX-filen er ødelagt eller afkortet" in result.stderr
    assert "Traceback" not in result.stderr


def _refusal_peak_kib(path: Path, imports: Path, max_rows: int) -> tuple[str, int]:
    """Refuse ``path`` as too many rows in a fresh process; its key and peak RSS (KiB)."""
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from brn_graph.config import Settings\n"
        "from brn_graph.ingest.pipeline import ingest_members\n"
        "from brn_graph.ingest.readers import UnreadableFileError\n"
        "try:\n"
        f"    ingest_members(Settings(imports_dir=Path({str(imports)!r}), "
        f"ingest_max_rows={max_rows}), Path({str(path)!r}), cluster='made', "
        "as_of='2024-01-01')\n"
        "except UnreadableFileError as e:\n"
        "    print(e.key)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, check=False
    )
    assert result.returncode == 0, result.stderr
    key, peak = result.stdout.split()
    return key, int(peak)


def test_a_million_rows_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """The 45 MB file is streamed, never held: refusing it costs no more memory than refusing
    a 10,000-row file (baseline measured in the same run, same code path)."""
    big = tmp_path / "million.csv"
    million_rows(big)
    assert big.stat().st_size > 40_000_000
    small = tmp_path / "small.csv"
    with big.open(encoding="utf-8") as source, small.open("w", encoding="utf-8") as target:
        for _, line in zip(range(10_002), source, strict=False):
            target.write(line)
    key_small, baseline = _refusal_peak_kib(small, tmp_path / "a", max_rows=5_000)
    key_big, peak = _refusal_peak_kib(big, tmp_path / "b", max_rows=500_000)
    assert key_small == key_big == "ingest.unreadable.too_many_rows"
    assert peak - baseline < 100 * 1024, (peak, baseline)
