"""The README's notebook example runs as written and its page is the safe, offline one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def notebook_example() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("In a notebook, the same view as a networkx graph or a pyvis network:")
    match = re.search(r"```python\n(.*?)```", text[start:], re.S)
    assert match is not None
    return match.group(1)


def test_readme_notebook_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = notebook_example()
    assert len([line for line in code.splitlines() if line.strip()]) == 5
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(code + '\nnet.write_html("landscape.html")\n', "README.md", "exec"), scope)
    graph, net, view = scope["graph"], scope["net"], scope["view"]
    assert graph.number_of_nodes() == len(view.nodes) > 20  # type: ignore[attr-defined]
    assert len(net.nodes) == len(view.nodes)  # type: ignore[attr-defined]
    html = (tmp_path / "landscape.html").read_text(encoding="utf-8")
    assert "Nordjyllandsstemme" in html
    assert not re.search(r"(src|href)=\"https?://", html)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["landscape.html"]
