"""The checks of ad-hoc queries remembered by query text: a repeated query is not parsed again.

:meth:`~brn_graph.query.engine.QueryEngine.check` parses a query in a worker under the time
and memory limits; the :class:`~brn_graph.query.check.CheckedQuery` it returns depends only
on the text, the named graphs a ``FROM`` may name and the base IRI, so it is kept under that
key. Only queries that passed are kept (a refusal is checked again, and told in the asker's
language). The entry is the check's own result, so what runs is exactly what was checked.
The map is bounded (least recently used first out) by entries and by characters of text; a
short lock guards the map only, never a parse.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from brn_graph.query.check import CheckedQuery

DEFAULT_ENTRIES = 2048
DEFAULT_CHARS = 8_000_000


class AdhocChecks:
    """Checked queries by (text, allowed graphs, base IRI), least recently used out first.

    >>> from brn_graph.query.check import check_query
    >>> cache = AdhocChecks(max_entries=1)
    >>> cache.put(("ASK {}",), check_query("ASK {}"))
    >>> cache.get(("ASK {}",)).form, cache.get(("SELECT",)) is None
    ('ASK', True)
    >>> cache.put(("ASK { ?s ?p ?o }",), check_query("ASK { ?s ?p ?o }"))
    >>> cache.get(("ASK {}",)) is None, len(cache)
    (True, 1)
    """

    def __init__(self, max_entries: int = DEFAULT_ENTRIES, max_chars: int = DEFAULT_CHARS) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self._entries: OrderedDict[Hashable, CheckedQuery] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()
        self.hits = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> CheckedQuery | None:
        with self._lock:
            checked = self._entries.get(key)
            if checked is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            return checked

    def put(self, key: Hashable, checked: CheckedQuery) -> None:
        size = len(checked.text)
        if size > self.max_chars or self.max_entries < 1:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._chars -= len(previous.text)
            self._entries[key] = checked
            self._chars += size
            while self._entries and (
                len(self._entries) > self.max_entries or self._chars > self.max_chars
            ):
                _, dropped = self._entries.popitem(last=False)
                self._chars -= len(dropped.text)
