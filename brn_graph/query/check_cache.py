"""A file cache of catalogue query checks, so an unchanged catalogue is not parsed at start-up.

Checking the catalogue (:meth:`~brn_graph.query.catalog.QueryCatalog.check`: rdflib's SPARQL
parser, the safety checks, the default parameters, the aggregated list columns) costs about a
second on every ``serve``; its outcome depends only on the query's text and the code that
checks it. An entry is keyed by a SHA-256 over the query's name and text, the rdflib version,
:data:`FORMAT` and the bytes of the checking modules themselves (so any change to the checks
is a miss), and holds what :class:`~brn_graph.query.lists.ListedQuery` records. Only queries
that passed are stored; an unreadable or malformed entry is a miss (the query is checked
again), never an error.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from brn_graph.cache import write_entry
from brn_graph.query.lists import ListedQuery

#: Bump when the entry's JSON changes.
FORMAT = "brn-query-check/1"
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@cache
def _code_digest() -> bytes:
    """The bytes of the modules whose code decides a check's outcome."""
    from brn_graph.query import catalog, check, lists

    digest = hashlib.sha256()
    for module in (check, lists, catalog):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(metadata.version("rdflib").encode())
    return digest.digest()


@dataclass(frozen=True)
class CheckCache:
    """Checked catalogue queries on disk under ``folder``."""

    folder: Path

    def key(self, name: str, text: str) -> str:
        digest = hashlib.sha256(FORMAT.encode() + b"\0" + _code_digest())
        digest.update(name.encode() + b"\0" + text.encode())
        return digest.hexdigest()

    def get(self, key: str, text: str) -> ListedQuery | None:
        """The stored check of ``text``, or ``None`` (missing, unreadable, not for ``text``)."""
        try:
            raw = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return _from_json(raw, text)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, checked: ListedQuery) -> None:
        """Store a passed check; a folder that cannot be written leaves the cache empty."""
        payload = json.dumps(
            {
                "format": FORMAT,
                "text_sha256": hashlib.sha256(checked.text.encode()).hexdigest(),
                "form": checked.form,
                "variables": list(checked.variables),
                "default_graphs": list(checked.default_graphs),
                "named_graphs": list(checked.named_graphs),
                "lists": [list(pair) for pair in checked.lists],
            }
        )
        write_entry(self.folder, key, payload)


def _from_json(raw: dict[str, Any], text: str) -> ListedQuery:
    """The entry as a checked query for ``text`` (the text the check returned: the query's
    text with codepoint escapes processed, as :func:`~brn_graph.query.check.check_query` does)."""
    from brn_graph.query.check import expand_codepoint_escapes

    if raw.get("format") != FORMAT:
        raise ValueError("other format")
    processed = expand_codepoint_escapes(text)
    if raw["text_sha256"] != hashlib.sha256(processed.encode()).hexdigest():
        raise ValueError("entry for another text")
    form = raw["form"]
    if form not in _FORMS:
        raise ValueError(f"unknown form {form!r}")

    def strings(name: str) -> tuple[str, ...]:
        values = raw[name]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise TypeError(name)
        return tuple(values)

    lists = raw["lists"]
    if not isinstance(lists, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p) for p in lists
    ):
        raise TypeError("lists")
    return ListedQuery(
        text=processed,
        form=form,
        variables=strings("variables"),
        default_graphs=strings("default_graphs"),
        named_graphs=strings("named_graphs"),
        lists=tuple((p[0], p[1]) for p in lists),
    )
