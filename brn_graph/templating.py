"""The one Jinja environment factory of the project.

Every HTML the project writes (the network page here, the service's pages in ``api``) comes
from an environment made by :func:`make_environment`: autoescaping on for every template
(whatever its file name), undefined names an error rather than an empty string, and the same
whitespace handling. Callers pass the globals (``names``) and filters their templates use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined


def make_environment(
    templates: Path | BaseLoader,
    *,
    names: Mapping[str, Any] | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
) -> Environment:
    """A new autoescaping, strict Jinja environment over a template folder (or a loader).

    >>> from jinja2 import DictLoader
    >>> env = make_environment(DictLoader({"t.txt": "{{ x }}"}))
    >>> env.get_template("t.txt").render(x="<b>")
    '&lt;b&gt;'
    """
    loader = FileSystemLoader(templates) if isinstance(templates, Path) else templates
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(names or {})
    env.filters.update(filters or {})
    return env
