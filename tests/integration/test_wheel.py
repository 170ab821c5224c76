"""The installable package: build the wheel, install it into a fresh virtual environment
outside the source tree, and run ``validate``, ``rank`` and ``serve`` from an empty folder.

This is the test that the ontology, shapes, themes, queries and bundled data travel inside the
wheel and are found through :mod:`importlib.resources`, not through the source tree. pip
installs the pinned dependencies (``constraints.txt``) from its cache or the registry.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.server]

PROJECT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"} and not k.startswith("BRN_GRAPH_")
    }
    env["PIP_CONSTRAINT"] = str(PROJECT / "constraints.txt")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(args: list[str], cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the fresh venv's bin folder, an empty working folder)."""
    root = tmp_path_factory.mktemp("wheel")
    wheels = root / "wheels"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(PROJECT)],
        cwd=root,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("brn_graph-*.whl")
    venv = root / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], cwd=root)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / "bin"
    install = _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=root)
    assert install.returncode == 0, install.stderr
    empty = root / "empty"
    empty.mkdir()
    return bin_dir, empty


def test_the_installed_package_finds_its_resources_inside_itself(
    installed: tuple[Path, Path],
) -> None:
    bin_dir, empty = installed
    probe = _run(
        [
            str(bin_dir / "python"),
            "-c",
            "import json, brn_graph, brn_graph.config as c; s = c.Settings(); "
            "print(json.dumps([brn_graph.__file__, str(s.ontology_dir), str(s.queries_dir), "
            "[str(p) for p in s.data_paths]]))",
        ],
        cwd=empty,
    )
    assert probe.returncode == 0, probe.stderr
    module, ontology, queries, data = json.loads(probe.stdout)
    venv = bin_dir.parent.resolve()
    assert Path(module).resolve().is_relative_to(venv)
    for folder in (ontology, queries, *data):
        assert Path(folder).resolve().is_relative_to(venv)
        assert "/brn_graph/resources/" in folder
    assert (Path(ontology) / "shapes.ttl").is_file()
    assert (Path(ontology) / "themes.ttl").is_file()
    assert list(empty.iterdir()) == []


def test_validate_and_rank_run_from_an_empty_folder(installed: tuple[Path, Path]) -> None:
    bin_dir, empty = installed
    cli = str(bin_dir / "brn-graph")
    validate = _run([cli, "validate", "--format", "json"], cwd=empty)
    assert validate.returncode == 0, validate.stderr
    assert json.loads(validate.stdout)["conforms"] is True

    rank = _run([cli, "--lang", "en", "rank", "--samples", "50", "--format", "json"], cwd=empty)
    assert rank.returncode == 0, rank.stderr
    ranking = json.loads(rank.stdout)
    ranked = [c["id"] for c in ranking["clusters"]]
    assert len(ranked) >= 5  # the long list of the default decision context
    assert "energy-cluster-denmark" in ranked
    assert rank.stderr == ""  # the bundled data conforms: no warning
    assert list(empty.iterdir()) == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_answers_a_request_from_an_empty_folder(installed: tuple[Path, Path]) -> None:
    bin_dir, empty = installed
    port = _free_port()
    server = subprocess.Popen(
        [str(bin_dir / "brn-graph"), "serve", "--port", str(port), "--log-level", "warning"],
        cwd=empty,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        body = None
        while body is None:
            if server.poll() is not None:
                errors = server.stderr.read() if server.stderr else ""
                pytest.fail(f"serve exited with {server.returncode}: {errors}")
            if time.monotonic() > deadline:
                pytest.fail("serve did not answer within 300 s")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                    body = json.loads(r.read())
            except OSError:
                time.sleep(1)
        assert body["conforms"] is True
        assert body["triples"] > 1000
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/network", timeout=60) as r:
            page = r.read().decode("utf-8")
        assert "/static/vis-network/vis-network.min.js" in page
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/vis-network/vis-network.min.js", timeout=60
        ) as r:
            assert b"vis-network" in r.read(400)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
