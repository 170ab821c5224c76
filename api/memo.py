"""Memoised read-only responses: a GET lookup computed once, then served from memory as bytes.

The read-only lookups (``/health`` and the ``/api`` routes but the write routes) depend only
on the served state (the loaded graph, identified by its data fingerprint) and on the request:
path, query string, language, ``Accept``. The first request runs the route; its 200 answer is
kept as bytes under ``(path, query string, language, Accept)`` for that state, with an
``ETag`` (a hash of the body), and every later request with the same key is answered from
memory by this middleware, in the event loop, without routing, validation, the thread pool
or serialisation. A request whose ``If-None-Match`` names the ETag gets ``304 Not Modified``.
Requests for an answer that is being computed wait for it instead of computing it again (one
computation per key).

The memo is bounded (least recently used first out, by bytes) and emptied when another state
is served (an import swaps in a state built from the new files). ``/health`` also reports
the query workers alive and whether the query engine is still starting, so its key includes
both: a dead worker, or an engine that finished starting, changes the answer.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.i18n import choose_language

#: Default bound of the memo (bytes of bodies and headers) and of one entry.
DEFAULT_MEMO_BYTES = 64 * 1024 * 1024
DEFAULT_ENTRY_BYTES = 8 * 1024 * 1024

#: Paths answered from the memo: these prefixes, but not the write routes under them.
MEMO_PREFIXES = ("/api/", "/health")
NOT_MEMOISED = ("/api/imports",)


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept answer: its status line's headers (with the ETag) and body."""

    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 64


class ResponseMemo:
    """A least-recently-used map of answers, bounded in bytes, for one served state.

    >>> memo = ResponseMemo(max_bytes=300, max_entry=200)
    >>> old, new = object(), object()
    >>> memo.put(old, ("a",), Entry(headers=(), body=b"x" * 100, etag=b'"1"'))
    True
    >>> memo.get(old, ("a",)) is not None, memo.get(new, ("a",)) is None
    (True, True)
    >>> memo.get(old, ("a",)) is None  # the state changed: everything went
    True
    """

    def __init__(
        self, max_bytes: int = DEFAULT_MEMO_BYTES, max_entry: int = DEFAULT_ENTRY_BYTES
    ) -> None:
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self._entries: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self._owner: object = None  # the state the answers were computed on
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def _for(self, owner: object) -> None:
        if owner is not self._owner:
            self._entries.clear()
            self._bytes = 0
            self._owner = owner

    def get(self, owner: object, key: tuple[Any, ...]) -> Entry | None:
        """The answer kept for ``key`` on the state ``owner`` (another state empties the memo)."""
        with self._lock:
            self._for(owner)
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, owner: object, key: tuple[Any, ...], entry: Entry) -> bool:
        """Keep ``entry``, computed on ``owner`` (False when larger than an entry may be)."""
        size = entry.size
        if size > self.max_entry:
            return False
        with self._lock:
            self._for(owner)
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= previous.size
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.size
        return True


def etag_of(body: bytes) -> bytes:
    """A strong ETag for ``body``: a quoted 128-bit BLAKE2b hash.

    >>> tag = etag_of(b"{}")
    >>> len(tag), tag[:1], tag == etag_of(b"{}"), tag == etag_of(b"[]")
    (34, b'"', True, False)
    """
    return b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'


def etag_matches(if_none_match: str, etag: bytes) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, RFC 9110).

    >>> etag_matches('W/"a", "b"', b'"b"'), etag_matches('"a"', b'"b"'), etag_matches("*", b'"b"')
    (True, False, True)
    """
    wanted = etag.decode()
    for part in if_none_match.split(","):
        tag = part.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


def memoisable(path: str) -> bool:
    """Whether ``path`` is a read-only lookup whose answer may be kept.

    >>> memoisable("/api/clusters"), memoisable("/api/imports"), memoisable("/sparql")
    (True, False, False)
    """
    return path.startswith(MEMO_PREFIXES) and not path.startswith(NOT_MEMOISED)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class MemoMiddleware:
    """Answers repeated GET lookups from a :class:`ResponseMemo` (the outermost layer).

    ``state_of(scope)`` returns the :class:`~api.state.ServiceState` the app serves now (or
    ``None``: then nothing is memoised, e.g. while starting or when tests inject a state).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        state_of: Callable[[Scope], Any],
        memo: ResponseMemo | None = None,
        default_lang: str = "da",
    ) -> None:
        self.app = app
        self.state_of = state_of
        self.memo = memo if memo is not None else ResponseMemo()
        self.default_lang = default_lang
        #: Answers being computed now, by (state, key): later requests wait for them.
        self._pending: dict[tuple[int, tuple[Any, ...]], asyncio.Future[None]] = {}

    def key(self, scope: Scope, state: Any) -> tuple[Any, ...]:
        path: str = scope["path"]
        lang = choose_language(None, _header(scope, b"accept-language"), self.default_lang)  # type: ignore[arg-type]
        extra: object = None
        if path == "/health":
            live = getattr(state.engine, "live_workers", None)
            extra = (live() if callable(live) else None, getattr(state.engine, "status", None))
        return (path, bytes(scope.get("query_string", b"")), lang, _header(scope, b"accept"), extra)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or self.memo.max_bytes <= 0
            or not memoisable(scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        state = self.state_of(scope)
        if state is None:
            await self.app(scope, receive, send)
            return
        key = self.key(scope, state)
        pending = (id(state), key)  # the state is alive while its request runs
        entry = self.memo.get(state, key)
        if entry is None and pending in self._pending:
            # The same answer is being computed: wait for it rather than compute it again.
            await asyncio.shield(self._pending[pending])
            entry = self.memo.get(state, key)
        if entry is not None:
            await self._answer(scope, send, entry)
            return
        done = asyncio.get_running_loop().create_future()
        self._pending.setdefault(pending, done)
        try:
            await self._compute(scope, receive, send, state, key)
        finally:
            if self._pending.get(pending) is done:
                del self._pending[pending]
            done.set_result(None)

    async def _answer(self, scope: Scope, send: Send, entry: Entry) -> None:
        condition = _header(scope, b"if-none-match")
        if condition is not None and etag_matches(condition, entry.etag):
            headers = [(k, v) for k, v in entry.headers if k != b"content-length"]
            headers = [h for h in headers if h[0] != b"content-type"]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body})

    async def _compute(
        self, scope: Scope, receive: Receive, send: Send, state: object, key: tuple[Any, ...]
    ) -> None:
        """Run the route; keep a single-message 200 answer, pass anything else through."""
        start: Message | None = None
        streaming = False

        async def capture(message: Message) -> None:
            nonlocal start, streaming
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None or streaming:
                await send(message)
                return
            if message.get("more_body", False) or start["status"] != 200:
                streaming = True  # not a plain answer: send it as it comes
                await send(start)
                await send(message)
                return
            body: bytes = message.get("body", b"")
            headers = [(bytes(k), bytes(v)) for k, v in start.get("headers", [])]
            names = {k.lower() for k, _ in headers}
            if b"set-cookie" in names or b"etag" in names:
                await send(start)
                await send(message)
                return
            etag = etag_of(body)
            headers.append((b"etag", etag))
            if b"vary" not in names:  # the key's request headers, for caches on the way
                headers.append((b"vary", b"Accept, Accept-Language"))
            entry = Entry(headers=tuple(headers), body=body, etag=etag)
            if self.state_of(scope) is state:
                # Kept only when no swap happened meanwhile: the route may have read either.
                self.memo.put(state, key, entry)
            await self._answer(scope, send, entry)

        await self.app(scope, receive, capture)
