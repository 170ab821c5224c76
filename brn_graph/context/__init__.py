"""Decision contexts and as-of semantics: which documents, clusters and facts count on a date.

A decision context (``brn:DecisionContext``, ``data/decision-context-*.ttl``) names the meeting
that decides, its as-of date, the frameworks with their weights and declared stand-ins, and the
long list of clusters. :mod:`brn_graph.context.read` reads contexts from the graph,
:mod:`brn_graph.context.periods` decides whether a document is in force on a date,
:mod:`brn_graph.context.view` resolves a context on a date and restricts the alignment data to
what counts then.
"""
