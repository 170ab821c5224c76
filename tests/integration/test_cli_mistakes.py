"""A corpus of wrong invocations: each ends in one or two lines in the chosen language, never a
traceback, with the documented exit code (2 bad input, 4 store unreachable).

Most cases fail while the arguments are parsed, so they run in-process through ``main()`` (the
console script's entry point); a few run as real processes to show the same on a real stderr.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brn_graph.cli import main
from tests.reference import run_cli

EMPTY = "tests/fixtures"  # replaced per test by an empty folder

#: (arguments after ``--lang X``, expected exit code). Every case runs in both languages.
CORPUS: list[tuple[tuple[str, ...], int]] = [
    ((), 2),  # only the global --lang: no command
    (("clusters",), 2),  # unknown command
    (("rnak",), 2),
    (("help", "nope"), 2),
    (("rank", "--format", "pdf"), 2),
    (("rank", "--format"), 2),
    (("rank", "--samples", "abc"), 2),
    (("rank", "--samples", "1.5"), 2),
    (("rank", "--top", "many"), 2),
    (("rank", "--bogus"), 2),
    (("rank", "extra"), 2),
    (("rank", "--weights"), 2),
    (("rank", "--include-dissolved=maybe"), 2),
    (("explain", "ecd"), 2),
    (("explain",), 2),
    (("alignment", "a", "b"), 2),
    (("alignment", "--document"), 2),
    (("alignment", "--format", "pdf"), 2),
    (("gaps", "--format", "html"), 2),
    (("gaps", "extra"), 2),
    (("engagement", "--format", "yaml"), 2),
    (("network-stats", "--format", "xml"), 2),
    (("network",), 2),  # -o missing
    (("network", "-o"), 2),
    (("network", "-o", "x.html", "--min-level", "huge"), 2),
    (("query",), 2),
    (("query", "list_clusters", "-p"), 2),
    (("query", "list_clusters", "--format", "excel"), 2),
    (("query", "list_clusters", "--timeout", "soon"), 2),
    (("query", "list_clusters", "--max-rows", "-3"), 2),
    (("sparql",), 2),
    (("sparql", "ASK {}", "--format", "svg"), 2),
    (("validate", "--format", "xml"), 2),
    (("validate", "extra"), 2),
    (("stats", "--format", "csv"), 2),
    (("queries", "--format", "table"), 2),
    (("serve", "--port", "http"), 2),
    (("serve", "--port", "70000"), 2),
    (("--store", "rocksdb", "gaps"), 2),
    (("--store", "sparql:", "gaps"), 2),
    (("--store", "sparql:ftp://example.org/", "gaps"), 2),
    (("--store", "sparql:http://[::1", "gaps"), 2),
    (("--data", "/no/such/folder", "gaps"), 2),
    (("--data", EMPTY, "validate"), 2),
    (("--data", EMPTY, "rank"), 2),
    (("--lang",), 2),
    (("--nope", "gaps"), 2),
    (("help", "rank", "extra"), 2),
]

DANISH_MARK = "brn-graph: fejl:"
ENGLISH_MARK = "brn-graph: error:"
#: English words a Danish message must not contain (and the Danish ones an English must not).
ENGLISH_WORDS = re.compile(r"\b(unknown|invalid|missing|expects|needs|error|hint)\b", re.I)
DANISH_WORDS = re.compile(r"\b(ukendt|ugyldig|mangler|forventer|kræver|fejl|tip)\b", re.I)


def _run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        main(args)
    captured = capsys.readouterr()
    code = ended.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(
    ("args", "expected"), CORPUS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v)
)
def test_a_mistake_is_one_or_two_lines_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    args: tuple[str, ...],
    expected: int,
) -> None:
    monkeypatch.delenv("BRN_GRAPH_LANG", raising=False)
    (tmp_path / "empty").mkdir()
    argv = [str(tmp_path / "empty") if a == EMPTY else a for a in args]
    # After a command the language goes right behind it (global options may follow a command).
    if argv and not argv[0].startswith("-"):
        full = [argv[0], "--lang", lang, *argv[1:]]
    else:
        full = ["--lang", lang, *argv]
    code, _out, err = _run(capsys, full)
    assert code == expected, (full, err)
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2, err
    if lang == "da":
        assert lines[0].startswith(DANISH_MARK), err
        assert not ENGLISH_WORDS.search(err.replace("brn-graph help", "")), err
    else:
        assert lines[0].startswith(ENGLISH_MARK), err
        assert not DANISH_WORDS.search(err), err


def test_choices_ignore_case_and_global_options_follow_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, ["queries", "--format", "JSON", "--lang", "EN"])
    assert code == 0, err
    assert '"name": "list_clusters"' in out


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    import brn_graph

    code, out, _ = _run(capsys, ["--version"])
    assert (code, out.strip()) == (0, f"brn-graph {brn_graph.__version__}")
    code, out, _ = _run(capsys, ["help"])
    assert code == 0
    assert "network-stats" in out
    code, out, _ = _run(capsys, ["help", "RANK"])
    assert code == 0
    assert "--weights" in out


def test_an_unknown_command_suggests_the_near_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, ["--lang", "en", "rnak"])
    assert code == 2
    assert "unknown command 'rnak'; did you mean: rank?" in err


def test_a_bad_choice_names_the_allowed_values(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, ["rank", "--format", "pdf"])
    assert code == 2
    assert "ugyldig værdi for --format: 'pdf'; mulige værdier: table, csv, tsv, json, xlsx" in err


def test_an_unreachable_store_is_exit_4_in_a_real_process() -> None:
    result = run_cli("--lang", "en", "--store", "sparql:http://127.0.0.1:9/", "gaps")
    assert result.returncode == 4, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(ENGLISH_MARK)


def test_the_real_process_shows_no_traceback() -> None:
    for args in (("clusters",), ("rank", "--format", "JSON", "--top", "nope"), ()):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(DANISH_MARK), result.stderr
