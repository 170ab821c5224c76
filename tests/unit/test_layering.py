"""The library knows no web: an AST walk over every module of ``brn_graph``.

No module imports ``api``, ``fastapi`` or ``starlette`` (at the top or inside a function, by
``import`` or ``importlib``), and no file under ``brn_graph`` reads ``api``'s resources
(``importlib.resources.files("api")``, a path into ``api/static`` or ``api/templates``).
The web service joins the command line through an entry point instead (``serve``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parents[2] / "brn_graph"
WEB = ("api", "fastapi", "starlette")


def _is_web(module: str) -> bool:
    return module.split(".")[0] in WEB


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def web_uses(source: str) -> list[str]:
    """Every place in ``source`` that imports the web layer or reads its files."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if _is_web(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if _is_web(node.module):
                found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            name = _callee(node)
            if (
                name in {"import_module", "__import__", "files", "find_spec"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and _is_web(first.value)
            ):
                found.append(f"{name}({first.value!r})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.replace("\\", "/")
            if "api/static" in text or "api/templates" in text:
                found.append(f"path {node.value!r}")
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import api.app", ["import api.app"]),
        ("def f():\n    from fastapi import FastAPI", ["from fastapi import ..."]),
        ("from starlette.types import ASGIApp", ["from starlette.types import ..."]),
        ("import importlib\nimportlib.import_module('api.state')", ["import_module('api.state')"]),
        ("from importlib import resources\nresources.files('api')", ["files('api')"]),
        ("p = ROOT / 'api/static/network.js'", ["path 'api/static/network.js'"]),
        ("import apis\nfrom brn_graph.api_like import x\nresources.files('pyvis')", []),
    ],
)
def test_the_checker_finds_what_it_should(source: str, expected: list[str]) -> None:
    assert web_uses(source) == expected


def test_no_module_in_brn_graph_imports_or_reads_the_web_layer() -> None:
    modules = sorted(LIBRARY.rglob("*.py"))
    assert len(modules) > 40
    offenders = {
        str(path.relative_to(LIBRARY)): uses
        for path in modules
        if (uses := web_uses(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_no_template_or_asset_of_brn_graph_points_into_api() -> None:
    files = [p for p in LIBRARY.rglob("*") if p.suffix in {".html", ".js", ".css"}]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "api/static" not in text, path
        assert "api/templates" not in text, path
