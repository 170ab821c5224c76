"""The ``.rq`` catalogue, the safety check, the engine with its workers, result formats."""
