"""The network view: projection, cut, layout, style and the HTML page.

For analysts (a notebook): :func:`network_view` makes the view of a session's graph, and
:func:`to_networkx` / :func:`to_pyvis` turn it into a networkx graph or a pyvis network whose
``write_html()`` gives the safe, self-contained page.

>>> from brn_graph.view import ViewOptions, network_view, to_networkx, to_pyvis
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from brn_graph.view.cut import ViewOptions
from brn_graph.view.graphs import to_networkx
from brn_graph.view.model import NetworkView, build_view
from brn_graph.view.page import to_pyvis
from brn_graph.view.projection import project_for_view

if TYPE_CHECKING:
    from brn_graph.graph.session import Session

__all__ = ["NetworkView", "ViewOptions", "build_view", "network_view", "to_networkx", "to_pyvis"]


def network_view(session: Session, options: ViewOptions | None = None) -> NetworkView:
    """The view of the session's graph (cut by ``options``: document, focus, level, cap)."""
    projection = project_for_view(session.queries, session.model, session.settings)
    return build_view(projection, options or ViewOptions(lang=session.settings.lang))
