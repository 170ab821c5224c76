"""One router per resource; each is a thin adapter over brn_graph functions."""
