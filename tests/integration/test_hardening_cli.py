"""The CLI under the hardening issue: numeric options validated (exit 2, no traceback),
limits and engine failures as clear messages with their exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reference import MIXED_ORDER, PROJECT, run_cli

EXIT_BAD_INPUT = 2
EXIT_LIMIT = 3
EXIT_ENGINE = 4


@pytest.mark.parametrize(
    "args",
    [
        ("sparql", "ASK {}", "--timeout", "0"),
        ("sparql", "ASK {}", "--timeout", "-1"),
        ("sparql", "ASK {}", "--timeout", "nan"),
        ("sparql", "ASK {}", "--timeout", "inf"),
        ("sparql", "ASK {}", "--timeout", "soon"),
        ("sparql", "ASK {}", "--max-rows", "0"),
        ("sparql", "ASK {}", "--max-rows", "1.5"),
        ("query", "list_clusters", "--max-rows", "-3"),
        ("rank", "--top", "0"),
        ("rank", "--samples", "-1"),
        ("rank", "--seed", "-1"),
        ("rank", "--weights", "alignment=1e308,engagement=1e308"),
        ("rank", "--weights", "alignment=0,engagement=0,evidence=0"),
        ("serve", "--port", "70000"),
        ("network", "--max-nodes", "0"),
    ],
)
def test_a_bad_numeric_option_is_exit_2_with_a_message(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == EXIT_BAD_INPUT, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def _cli_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
        check=False,
        env={**os.environ, **env},
    )


def test_a_query_past_the_memory_limit_is_exit_3_naming_the_limit() -> None:
    result = _cli_with(
        {"BRN_GRAPH_WORKER_MEMORY_MB": "200"},
        "--lang",
        "en",
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f OPTIONAL "
        "{ ?g ?h ?i OPTIONAL { ?j ?k ?l } } } }",
        "--timeout",
        "60",
    )
    assert result.returncode == EXIT_LIMIT, result.stderr
    assert "200 MiB" in result.stderr
    assert "worker_memory_mb" in result.stderr


def test_an_engine_crash_is_exit_4_saying_the_engine_failed() -> None:
    result = run_cli("--lang", "en", "sparql", MIXED_ORDER)
    assert result.returncode == EXIT_ENGINE, result.stderr
    assert "the engine failed on this query" in result.stderr
    assert "out of memory" not in result.stderr


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_engine_crash_shows_no_rust_panic_and_no_traceback(lang: str) -> None:
    result = run_cli("--lang", lang, "sparql", MIXED_ORDER)
    assert result.returncode == EXIT_ENGINE, result.stderr
    assert "panicked" not in result.stderr
    assert "RUST_BACKTRACE" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "ORDER BY" in result.stderr  # the hint, in either language


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + str(i - 1 or "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:ex="http://example.org/">\n <rdf:Description rdf:about="http://example.org/a">'
    "<ex:p>&lol9;</ex:p></rdf:Description>\n</rdf:RDF>\n"
)


def _pathological(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as out:
        out.write("@prefix ex: <http://example.org/> .\n")
        if name == "big-literal.ttl":
            out.write('ex:a ex:p "' + "x" * 50_000_000 + '" .\n')
        elif name == "nested.ttl":
            out.write("ex:a ex:p " + "[ ex:p " * 1_000_000 + "ex:b" + " ]" * 1_000_000 + " .\n")
        elif name == "listed.ttl":
            out.write("ex:a ex:p ( " + "[] " * 1_000_000 + ") .\n")
    if name == "laughs.rdf":
        path.write_text(LAUGHS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("big-literal.ttl", "max_file_bytes"),
        ("nested.ttl", "max_nesting"),
        ("listed.ttl", "max_file_triples"),
        ("laughs.rdf", "DOCTYPE"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "stats"])
def test_a_pathological_file_is_exit_2_naming_the_file(
    tmp_path: Path, name: str, reason: str, command: str
) -> None:
    path = _pathological(tmp_path, name)
    result = run_cli("--data", str(path), command)
    assert result.returncode == EXIT_BAD_INPUT, result.stderr
    assert str(path) in result.stderr
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
