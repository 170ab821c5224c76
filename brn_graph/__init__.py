"""brn-graph: a knowledge graph of Danish business clusters and North Jutland framework documents.

The package is a library: every door onto it (the ``brn-graph`` command, the FastAPI
service in ``api/``) is a thin adapter over these modules.
"""

__version__ = "0.1.0"
