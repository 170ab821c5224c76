"""Full-text search over the graph (SQLite FTS5): see :mod:`brn_graph.search.index`."""
