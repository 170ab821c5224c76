"""The baseline of ``benchmarks/http.py``: a minimal FastAPI app answering fixed bytes.

``app()`` (a uvicorn factory) reads ``BRN_BENCH_ANSWERS``, a JSON map of path with query
string to ``[content type, body]`` (the project's answers), and answers each with the same
bytes from one route: the framework's own cost, nothing computed.
"""

from __future__ import annotations

import json
import os

from fastapi import FastAPI, Request, Response


def app() -> FastAPI:
    with open(os.environ["BRN_BENCH_ANSWERS"], encoding="utf-8") as handle:
        table = json.load(handle)
    answers = {path: (kind, body.encode("utf-8")) for path, (kind, body) in table.items()}
    application = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @application.get("/{rest:path}")
    async def answer(request: Request) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        kind, body = answers.get(target, ("text/plain", b"not benchmarked"))
        return Response(content=body, media_type=kind)

    return application
