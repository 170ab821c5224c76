"""``python -m brn_graph`` runs the ``brn-graph`` command."""

from brn_graph.cli import main

main()
