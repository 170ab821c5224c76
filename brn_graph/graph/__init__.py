"""Files to a Dataset, terms, the store, SHACL validation and statistics: the graph layer."""
