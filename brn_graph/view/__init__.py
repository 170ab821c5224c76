"""The network view: projection, cut, layout, style and the HTML page.

For analysts (a notebook): :func:`network_view` makes the view of a session's graph, and
:func:`to_networkx` / :func:`to_pyvis` turn it into a networkx graph or a pyvis network whose
``write_html()`` gives the safe, self-contained page.

>>> from brn_graph.view import ViewOptions, network_view, to_networkx, to_pyvis
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brn_graph.graph.session import Session
    from brn_graph.view.cut import ViewOptions
    from brn_graph.view.graphs import to_networkx
    from brn_graph.view.model import NetworkView, build_view
    from brn_graph.view.page import to_pyvis

__all__ = ["NetworkView", "ViewOptions", "build_view", "network_view", "to_networkx", "to_pyvis"]

#: Where each public name lives; imported on first use, so that importing a submodule
#: (``brn_graph.view.limits`` from the command line) does not pull networkx and jinja2.
_LAZY = {
    "ViewOptions": "brn_graph.view.cut",
    "to_networkx": "brn_graph.view.graphs",
    "NetworkView": "brn_graph.view.model",
    "build_view": "brn_graph.view.model",
    "to_pyvis": "brn_graph.view.page",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def network_view(session: Session, options: ViewOptions | None = None) -> NetworkView:
    """The view of the session's graph (cut by ``options``: document, focus, level, cap)."""
    from brn_graph.view.cut import ViewOptions
    from brn_graph.view.model import build_view
    from brn_graph.view.projection import project_for_view

    projection = project_for_view(session.queries, session.model, session.settings)
    return build_view(projection, options or ViewOptions(lang=session.settings.lang))
