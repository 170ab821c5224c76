"""The HTTP service: a thin FastAPI layer over the brn_graph library."""
