"""The only bridge from the RDF graph to networkx, and the graph analytics built on it."""
