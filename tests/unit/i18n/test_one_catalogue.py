"""There is one message catalogue: no other module holds a table of Danish and English texts.

An AST walk over ``brn_graph`` and ``api`` finds every dict literal with both a ``"da"`` and
an ``"en"`` key whose values are string constants (the shape of a string table) and every
``if lang == "da"``-style choice between two string literals; only the area modules under
``brn_graph/i18n/messages`` may hold the former, and nothing the latter.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MESSAGES = ROOT / "brn_graph" / "i18n" / "messages"


def _modules() -> list[Path]:
    files = [*(ROOT / "brn_graph").rglob("*.py"), *(ROOT / "api").rglob("*.py")]
    return sorted(f for f in files if MESSAGES not in f.parents)


def _is_text(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _string_tables(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"da", "en"} <= keys and all(_is_text(v) for v in node.values):
                lines.append(node.lineno)
    return lines


def _language_choices(tree: ast.AST) -> list[int]:
    """``"x" if lang == "da" else "y"`` with two string literals (other than language codes:
    ``"en" if lang == "da" else "da"`` names the other language, it says nothing)."""
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.IfExp)
            and _is_text(node.body)
            and _is_text(node.orelse)
            and {node.body.value, node.orelse.value} - {"da", "en"}  # type: ignore[attr-defined]
            and isinstance(node.test, ast.Compare)
            and any(_is_text(c) and c.value in ("da", "en") for c in node.test.comparators)  # type: ignore[attr-defined]
        ):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_outside_the_catalogue_holds_bilingual_strings(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _string_tables(tree) == [], f"{path}: a da/en string table"
    assert _language_choices(tree) == [], f"{path}: a da/en choice between literals"


def test_the_walk_sees_a_table_and_a_choice() -> None:
    tree = ast.parse(
        'T = {"da": "Klynge", "en": "Cluster"}\n'
        'x = "ja" if lang == "da" else "yes"\n'
        'other = "en" if lang == "da" else "da"\n'
    )
    assert _string_tables(tree) == [1]
    assert _language_choices(tree) == [2]


def test_every_area_module_is_joined() -> None:
    from brn_graph.i18n.catalogue import messages

    areas = {p.stem for p in MESSAGES.glob("*.py") if p.stem != "__init__"}
    assert {"common", "pages", "view", "network_page", "cli", "errors", "alignment"} <= areas
    assert len(messages()) > 300
