"""The library's log lines reach a command's stderr once, in the command's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reference import run_cli


@pytest.fixture
def data_with_a_skipped_file(tmp_path: Path) -> Path:
    (tmp_path / "a.ttl").write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:p "x" .\n', encoding="utf-8"
    )
    (tmp_path / "b.nq").write_text(
        '<http://example.org/a> <http://example.org/p> "x" <http://example.org/g> .\n',
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("lang", "expected", "foreign"),
    [
        ("da", "brn-graph: advarsel: {path}: sprunget over: .nq-filer indlæses ikke", "skipped"),
        ("en", "brn-graph: warning: {path}: skipped: .nq files are not loaded", "sprunget"),
    ],
)
def test_a_skipped_data_file_is_warned_about_once_in_the_chosen_language(
    data_with_a_skipped_file: Path, lang: str, expected: str, foreign: str
) -> None:
    result = run_cli("--lang", lang, "--data", str(data_with_a_skipped_file), "stats")
    assert result.returncode == 0, result.stderr
    line = expected.format(path=data_with_a_skipped_file / "b.nq")
    assert result.stderr.count(line) == 1, result.stderr
    assert foreign not in result.stderr.replace(str(data_with_a_skipped_file), "")
