"""The network view's node caps (a light module: the command line's options need them)."""

from __future__ import annotations

#: Views with more nodes than this are cut (least central first) and the page says so.
DEFAULT_MAX_NODES = 2500
#: The largest cap a caller may ask for.
MAX_NODES_LIMIT = 20_000
