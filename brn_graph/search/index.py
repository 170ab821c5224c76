"""Full-text search over every named resource: labels, alternative labels and descriptions in
Danish and English.

Built on SQLite FTS5 from the standard library: a real inverted index with BM25 ranking and
prefix queries, and no new dependency (a search server or a Python search package would add
one for a graph of a few thousand texts). What FTS5 does not do is done around it:

* **Danish folding**: texts and queries are folded the same way (``æ``→``ae``, ``ø``→``oe``,
  ``å``→``aa``, accents dropped, case folded), so ``Læsø``, ``laesoe`` and ``LÆSØ`` meet;
* **fuzzy matching**: a query word that is not in the index's vocabulary (FTS5's ``vocab``
  table) is widened to the indexed words closest to it (:mod:`difflib`, ratio >= 0.75), so
  ``Lauresn`` still finds ``Laursen``; prefixes match too (``energ`` finds ``energy``);
* **snippets** come from the original text (not the folded one), around the first hit.

Ranking: BM25 with the label weighted 10, the alternative labels 5, the description 1.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from brn_graph.config import Language
from brn_graph.errors import ParameterError
from brn_graph.i18n.message import message
from brn_graph.namespaces import PREFIXES, shorten
from brn_graph.query.analytics import GraphQueries

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_WORD = re.compile(r"\w+", re.UNICODE)
#: Field weights for BM25, in the column order of the table (label, alt, description).
WEIGHTS = (10.0, 5.0, 1.0)
FUZZY_CUTOFF = 0.75
ONTOLOGY = PREFIXES["brn"]
#: Types whose texts mostly mention other resources: ranked after the resources themselves.
MENTIONING_TYPES = frozenset({ONTOLOGY + "Source", PREFIXES["org"] + "Membership"})


def fold(text: str) -> str:
    """``text`` as the index sees it: case folded, Danish letters spelt out, accents dropped.

    >>> fold("Læsø Kommune & Brønderslev, Café")
    'laesoe kommune & broenderslev, cafe'
    """
    folded = text.casefold().translate(_DANISH)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    """One resource found: what it is, how well it matched, and where."""

    iri: str
    label: str
    type_iri: str | None
    type_label: str | None
    score: float
    field: str
    snippet: str

    def to_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "label": self.label,
            "type": self.type_iri,
            "type_label": self.type_label,
            "score": round(self.score, 4),
            "field": self.field,
            "snippet": self.snippet,
        }


@dataclass
class _Record:
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    alts: list[str] = field(default_factory=list)
    descriptions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    types: set[str] = field(default_factory=set)


class SearchIndex:
    """An in-memory FTS5 index of the graph's texts; build once, query many times."""

    def __init__(self, records: Mapping[str, _Record]) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "iri UNINDEXED, label, alt, description, tokenize = 'unicode61 remove_diacritics 2')"
        )
        self._db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row')")
        self._records = dict(records)
        self._db.executemany(
            "INSERT INTO docs (iri, label, alt, description) VALUES (?, ?, ?, ?)",
            [
                (
                    iri,
                    fold(" ".join(t for texts in r.labels.values() for t in texts)),
                    fold(" ".join(r.alts)),
                    fold(" ".join(t for texts in r.descriptions.values() for t in texts)),
                )
                for iri, r in self._records.items()
            ],
        )
        self._vocabulary = [row[0] for row in self._db.execute("SELECT term FROM vocab")]

    def __len__(self) -> int:
        return len(self._records)

    def search(self, text: str, *, lang: Language = "da", limit: int = 20) -> list[SearchHit]:
        """The resources matching every word of ``text`` (by prefix or closely), best first."""
        words = _WORD.findall(fold(text))
        if not words:
            raise ParameterError("q", message("errors.reason.search_words"))
        if limit < 1:
            raise ParameterError("limit", message("errors.reason.at_least", minimum=1))
        clauses = [self._clause(w) for w in words[:12]]
        query = " AND ".join(clauses)
        rows = self._db.execute(
            "SELECT iri, bm25(docs, 0, ?, ?, ?) AS rank FROM docs WHERE docs MATCH ? "
            "ORDER BY rank LIMIT ?",
            (*WEIGHTS, query, max(limit * 5, 50)),
        ).fetchall()
        wanted = " ".join(words)
        scored = sorted(
            ((self._adjust(iri, -rank, wanted), iri) for iri, rank in rows),
            key=lambda pair: (-pair[0], pair[1]),
        )
        return [self._hit(iri, score, words, lang) for score, iri in scored[:limit]]

    def _adjust(self, iri: str, score: float, wanted: str) -> float:
        """BM25, then names before mentions: a resource named exactly what was asked comes
        first, one whose name starts with it next; sources and memberships (which mostly
        mention other things) count a third."""
        record = self._records[iri]
        names = [
            " ".join(_WORD.findall(fold(n)))
            for n in (*(t for texts in record.labels.values() for t in texts), *record.alts)
        ]
        if wanted in names:
            score += 1000.0
        elif any(n.startswith(wanted) for n in names):
            score += 100.0
        if record.types & MENTIONING_TYPES:
            score /= 3.0
        return score

    def _clause(self, word: str) -> str:
        alternatives = {f'"{word}"*'}
        if not any(term.startswith(word) for term in self._vocabulary):
            close = difflib.get_close_matches(word, self._vocabulary, n=3, cutoff=FUZZY_CUTOFF)
            alternatives.update(f'"{c}"' for c in close)
        return "(" + " OR ".join(sorted(alternatives)) + ")"

    def _hit(self, iri: str, score: float, words: list[str], lang: Language) -> SearchHit:
        record = self._records[iri]
        label = _pick(record.labels, lang) or shorten(iri)
        type_iri = min(record.types, key=lambda t: (not t.startswith(ONTOLOGY), t), default=None)
        type_label = None
        if type_iri is not None:
            known = self._records.get(type_iri)
            type_label = (_pick(known.labels, lang) if known else None) or shorten(type_iri)
        candidates = [
            ("label", [label]),
            ("alt", record.alts),
            ("description", [_pick(record.descriptions, lang) or ""]),
            ("description", [t for texts in record.descriptions.values() for t in texts]),
        ]
        for field_name, texts in candidates:
            for t in texts:
                snippet = _snippet(t, words, self._vocabulary)
                if snippet:
                    return SearchHit(
                        iri=iri,
                        label=label,
                        type_iri=type_iri,
                        type_label=type_label,
                        score=score,
                        field=field_name,
                        snippet=snippet,
                    )
        return SearchHit(
            iri=iri,
            label=label,
            type_iri=type_iri,
            type_label=type_label,
            score=score,
            field="label",
            snippet=label,
        )


def _pick(texts: Mapping[str, list[str]], lang: Language) -> str | None:
    for key in (lang, "", "en" if lang == "da" else "da"):
        if texts.get(key):
            return sorted(texts[key])[0]
    return None


def _snippet(text: str, words: list[str], vocabulary: list[str], radius: int = 8) -> str:
    """The original words around the first one that matches a query word, hits in ``[...]``."""
    tokens = text.split()
    folded = [_WORD.findall(fold(token)) for token in tokens]
    hits = [i for i, fs in enumerate(folded) if any(f.startswith(w) for w in words for f in fs)]
    if not hits:
        hits = [i for i, fs in enumerate(folded) if any(_close(w, f) for w in words for f in fs)]
    if not hits:
        return ""
    start = max(0, hits[0] - radius)
    end = min(len(tokens), hits[0] + radius + 1)
    shown = [f"[{t}]" if i in hits else t for i, t in enumerate(tokens) if start <= i < end]
    return ("… " if start else "") + " ".join(shown) + (" …" if end < len(tokens) else "")


def _close(word: str, token: str) -> bool:
    return len(word) > 3 and difflib.SequenceMatcher(None, word, token).ratio() >= FUZZY_CUTOFF


def build_index(queries: GraphQueries) -> SearchIndex:
    """The search index of everything in the graph that has a name or a description."""
    rows = queries.select("doors/search_records")
    return SearchIndex(_records(rows))


def _records(rows: Iterable[Mapping[str, object]]) -> dict[str, _Record]:
    records: dict[str, _Record] = defaultdict(_Record)
    seen: set[tuple[str, str, str, str]] = set()
    for row in rows:
        iri, field_name, text = str(row["resource"]), str(row["field"]), str(row["text"])
        lang = str(row.get("lang") or "")
        record = records[iri]
        if row.get("type") is not None:
            record.types.add(str(row["type"]))
        key = (iri, field_name, text, lang)
        if key in seen:
            continue
        seen.add(key)
        if field_name == "label":
            record.labels[lang].append(text)
        elif field_name == "alt":
            record.alts.append(text)
        else:
            record.descriptions[lang].append(text)
    return dict(records)
