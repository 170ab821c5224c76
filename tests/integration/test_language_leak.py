"""Danish output holds no English from the message catalogue, and English output no Danish.

Every door is rendered in both languages on the bundled data: every CLI command in table
form (through the real ``brn-graph`` command, errors and warnings included), every kind of
REST error the service words itself, and every HTML page (front page, cluster page, SPARQL
editor, network page, API docs page, error page).

**What counts as a string from the other catalogue.** For each message whose Danish and
English texts differ, the texts of the *other* language are cut at their placeholders into
literal fragments, trimmed of spaces and punctuation. A fragment counts when it has at least
four letters and does not also occur, as whole words, in some text of the language being
checked: that drops shared vocabulary such as "score", "engagement", "SPARQL", "Dirichlet",
"robust", and the language names ("English" is the Danish text of the language switch).
A fragment leaks when it occurs in the output as whole words, ignoring case.

**What is not the catalogue's.** Before the search, the output loses what comes from the
data or is an identifier: every literal of the loaded graph (labels, titles, evidence texts,
in any language: proper names such as "Energy Cluster Denmark" stay as the sources write
them; single lower-case words, which are codes, are kept), IRIs and prefixed names
(``cluster:made``, ``https://...``), slugs and other identifiers
(``energy-cluster-denmark``, ``mean_score``, shape ids such as
``S01-Provenance-confidence``), quoted values (``'high'``: what the user typed or may type),
option names (``--max-rows``), parameter names (``cluster=``), the variable names heading a
SPARQL result table, paths, and, in pages, markup, scripts and styles (the page text, the
``title``/``placeholder``/``aria-label``/``alt`` attributes and the words and tooltips of
the page data are checked; a tooltip that is a data text cut short with "…" is data). Text a
third-party parser words (rdflib's "Expected {SelectQuery | ...}") travels inside our own
words and is not the catalogue's either. Log records on standard error (``ERROR:
brn_graph.api: ...``) are diagnostics for operators and stay English, as uvicorn's do.
Typer's ``--help`` texts and click's own usage errors are not rendered here: they are
English only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal

from api.app import create_app
from api.dependencies import get_state
from brn_graph.config import LANGUAGES, Language, Settings
from brn_graph.graph.store import open_store
from brn_graph.i18n.catalogue import messages
from tests.api.support import shared_state
from tests.reference import run_cli

OTHER: dict[Language, Language] = {"da": "en", "en": "da"}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_OPTION = re.compile(r"--[A-Za-z][\w-]*")
_TRIM = " \t\n.,;:!?()[]{}'\"-–=/<>…#"


def fragments_of(text: str) -> list[str]:
    """The literal parts of a message text, trimmed.

    >>> fragments_of("{cluster}: in the top {k} in {share} of samples (rank {low}-{high}).")
    ['in the top', 'in', 'of samples (rank']
    """
    parts = (p.strip(_TRIM) for p in _PLACEHOLDER.split(text))
    return [p for p in parts if p]


def _words_in(fragment: str, text: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(fragment.casefold()) + r"(?!\w)"
    return re.search(pattern, text.casefold()) is not None


@cache
def foreign_fragments(lang: Language) -> tuple[str, ...]:
    """Fragments of the other language's texts that must not appear in ``lang`` output."""
    # Command-line options (``--cluster``) are identifiers, not words of either language.
    own_texts = _OPTION.sub(
        " ", "\n".join("\n".join(fragments_of(texts[lang])) for texts in messages().values())
    )
    found: set[str] = set()
    for texts in messages().values():
        if texts["da"] == texts["en"]:
            continue
        for fragment in fragments_of(texts[OTHER[lang]]):
            if sum(c.isalpha() for c in fragment) < 4:
                continue
            if _words_in(fragment, own_texts):
                continue
            found.add(fragment)
    return tuple(sorted(found, key=lambda f: (-len(f), f)))


@cache
def data_strings() -> tuple[str, ...]:
    """Every literal of the bundled graph (labels, titles, texts), longest first."""
    dataset = open_store(Settings()).dataset
    literals = {str(o) for _, _, o, _ in dataset.quads() if isinstance(o, Literal)}
    # A single lower-case ASCII word ("cluster") is a code, not a name: it is kept, so the
    # search still sees a header or word that happens to equal a code in the data.
    names = (s for s in literals if len(s) >= 2 and not _CODE.fullmatch(s))
    return tuple(sorted(names, key=len, reverse=True))


_CODE = re.compile(r"[a-z]+")


_IDENTIFIERS = [
    re.compile(r"https?://\S+|<[^<>\s]+>"),  # addresses
    re.compile(r"'[^'\n]*'"),  # quoted values: what the user typed, or may type
    re.compile(r"(?<![\w-])[A-Za-z][\w.-]*:[\w./#-]+"),  # prefixed names, criteria
    re.compile(r"--[a-z][a-z-]*"),  # options
    re.compile(r"[\w-]+="),  # NAME=VALUE: parameter and weight names
    re.compile(r"\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b"),  # slugs and column names
    re.compile(r"\b[A-Z]+\d+(?:-\w+)+"),  # shape ids: S01-Provenance-confidence
    re.compile(r"\S*/\S*"),  # paths
    re.compile(r"`[^`\n]*`"),  # commands to type: `brn-graph help rank`
    re.compile(r"(?<=mente du: )[\w, -]+|(?<=did you mean: )[\w, -]+"),  # command names
]


def without_data(text: str) -> str:
    """``text`` without the graph's literals and without identifiers."""
    for literal in data_strings():
        if literal in text:
            # Whole words only: a literal such as "2020-2023" must not cut a slug in pieces
            # (``deb-2020-2023-nordjylland``), leaving its parts to look like words.
            bounded = r"(?<![\w-])" + re.escape(literal) + r"(?![\w-])"
            text = re.sub(bounded, " ", text)
    for pattern in _IDENTIFIERS:
        text = pattern.sub(" ", text)
    return text


def leaks(text: str, lang: Language) -> list[str]:
    """The other language's fragments found in ``text`` (rendered for ``lang``)."""
    cleaned = without_data(text)
    return [f for f in foreign_fragments(lang) if _words_in(f, cleaned)]


def test_the_leak_search_finds_a_leak_and_ignores_names() -> None:
    """The search is not blind: English headers in Danish output are found, names are not."""
    assert "cluster" in [f.casefold() for f in leaks("rank  cluster  score", "da")]
    assert leaks("Klynge: Energy Cluster Denmark (energy-cluster-denmark)", "da") == []
    assert "udledt" in leaks("level high, confidence udledt", "en")


# --- the command line ------------------------------------------------------------------------

_LOG = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL): ")
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CLI_RUNS: dict[str, tuple[str, ...]] = {
    "validate": ("validate",),
    "stats": ("stats",),
    "queries": ("queries",),
    "query": ("query", "list_clusters"),
    "query-truncated": ("query", "list_clusters", "--max-rows", "2"),
    "sparql": ("sparql", "SELECT ?c WHERE { ?c a <https://w3id.org/brn-graph/ontology#Cluster> }"),
    "alignment": ("alignment",),
    "alignment-cluster": ("alignment", "energy-cluster-denmark"),
    "alignment-document": ("alignment", "--document", "brn-nordjyllandsstemme"),
    "explain": ("explain", "energy-cluster-denmark", "brn-nordjyllandsstemme-1"),
    "explain-rule": ("explain", "copenhagen-fintech", "deb-2019-1"),
    "gaps": ("gaps",),
    "rank": ("rank", "--samples", "200"),
    "engagement": ("engagement",),
    "network-stats": ("network-stats",),
    "network": ("network", "-o", "{tmp}/network.html"),
    # decision contexts: completeness, a gap kind, a comparison with an earlier date
    "alignment-completeness": ("alignment", "--completeness"),
    "gaps-kind": ("gaps", "--kind", "no-cluster"),
    "rank-compare": ("rank", "--samples", "50", "--compare-to", "2023-01-01"),
    # every door: search, the kinds of thing, help, the brief
    "search": ("search", "energi"),
    "search-english": ("search", "energy cluster"),
    "municipalities": ("municipalities",),
    "municipality": ("municipalities", "aalborg"),
    "organisations": ("organisations",),
    "organisation": ("organisations", "aalborg-portland"),
    "documents": ("documents",),
    "document": ("documents", "brn-nordjyllandsstemme"),
    "brief": ("brief", "-o", "{tmp}/brief.html"),
    "columns": ("rank", "--samples", "50", "--columns", "rank,cluster,score"),
    # errors and warnings, one of each kind the library words
    "error-not-found": ("explain", "energy-cluster-denmark", "no-such-goal"),
    "error-weights": ("rank", "--weights", "alignment:nowhere=1"),
    "error-criterion": ("rank", "--weights", "engagemnt=1"),
    "error-parameter-syntax": ("query", "list_clusters", "--param", "x"),
    "error-refused": ("sparql", "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"),
    "error-update": ("sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    "error-syntax": ("sparql", "SELEC ?x"),
    "error-not-a-column": ("query", "list_clusters", "--param", "nothing=1"),
    "error-data-file": ("--data", "{tmp}/missing.ttl", "validate"),
    "error-timeout": ("sparql", CROSS_PRODUCT, "--timeout", "0.5"),
    "error-serve-refused": ("--data", "{tmp}/bad.ttl", "serve", "--port", "0"),
    "error-unknown-command": ("rnak",),
    "error-bad-choice": ("rank", "--format", "pdf"),
    "error-ambiguous": ("explain", "cluster", "brn-nordjyllandsstemme-1"),
    "error-no-column": ("rank", "--samples", "50", "--columns", "nothing"),
    "error-date": ("rank", "--as-of", "2024-13-45"),
    "error-weights-sum": ("rank", "--weights", "alignment=0.5"),
    "error-unknown-municipality": ("municipalities", "nowhere"),
    "error-search-empty": ("search", "!!"),
    "error-brief-suffix": ("brief", "-o", "{tmp}/brief.doc"),
}


@pytest.fixture(scope="module")
def cli_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("leak")
    (folder / "bad.ttl").write_text(  # a cluster without a name: serve refuses to start
        "@prefix brn: <https://w3id.org/brn-graph/ontology#> .\n"
        "<https://w3id.org/brn-graph/id/cluster/phantom> a brn:Cluster .\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(CLI_RUNS))
def test_cli_output_is_in_one_language(name: str, lang: Language, cli_tmp: Path) -> None:
    args = [a.replace("{tmp}", str(cli_tmp)) for a in CLI_RUNS[name]]
    # --wide: wrapping a table to the terminal would cut the data's names across lines, and
    # the search could no longer tell them from the catalogue's words.
    result = run_cli("--lang", lang, "--wide", *args)
    stdout = result.stdout
    if args[0] in ("query", "sparql") and result.returncode == 0:
        # The header of a result table is the query's own variable names (?cluster, ?label):
        # identifiers written in the .rq file, not words of the catalogue.
        stdout = stdout.split("\n", 1)[1]
    # Log records (``ERROR: brn_graph.api: ...``) are diagnostics for operators and stay
    # English, like uvicorn's own; what the user is told comes as ``brn-graph: ...`` lines.
    if args[0] == "search":
        # Search marks the matched words in its snippets ([Energy] Cluster Denmark): data.
        stdout = stdout.replace("[", "").replace("]", "")
    stderr = "\n".join(line for line in result.stderr.splitlines() if not _LOG.match(line))
    output = stdout + stderr
    assert output.strip(), f"{name} printed nothing"
    if name.startswith("error-"):
        assert result.returncode in (2, 3), output
        assert "Traceback" not in output
    found = leaks(without_excerpts(output), lang)
    assert not found, f"brn-graph --lang {lang} {' '.join(args)} shows {found}:\n{output}"


def test_cli_error_prefix_follows_the_language() -> None:
    danish = run_cli("--lang", "da", "explain", "x", "y")
    english = run_cli("--lang", "en", "explain", "x", "y")
    assert danish.stderr.startswith("brn-graph: fejl: ukendt klynge 'x'")
    assert english.stderr.startswith("brn-graph: error: unknown cluster 'x'")


# --- the web service -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    state = shared_state()
    app = create_app(state.settings, load_graph=False)
    app.dependency_overrides[get_state] = lambda: state
    with TestClient(app) as test_client:
        yield test_client


HTML = {"Accept": "text/html"}
PAGES: dict[str, str] = {
    "front": "/",
    "front-document": "/?document=brn-nordjyllandsstemme",
    "cluster": "/clusters/energy-cluster-denmark",
    "cluster-rules": "/clusters/copenhagen-fintech",
    "sparql-editor": "/sparql",
    "network": "/network",
    "docs": "/docs",
    "error-page": "/clusters/no-such-cluster",
    "error-page-route": "/no/such/page",
    "search": "/search?q=energi",
    "search-nothing": "/search?q=zzzzqqq",
    "municipalities": "/municipalities",
    "municipality": "/municipalities/aalborg",
    "organisations": "/organisations",
    "organisation": "/organisations/aalborg-portland",
    "linked-data-cluster": "/id/cluster/energy-cluster-denmark",
    "linked-data-document": "/id/document/brn-nordjyllandsstemme",
    "brief": "/brief",
}


class _PageText(HTMLParser):
    """The text a reader sees: text nodes outside scripts and styles, and the attributes a
    browser shows (``title``, ``placeholder``, ``aria-label``, ``alt``), and the words of the
    page data (``<script type="application/json">``: its ``words`` and tooltips)."""

    SHOWN: ClassVar[frozenset[str]] = frozenset({"title", "placeholder", "aria-label", "alt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip: str | None = None
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(v for k, v in attrs if k in self.SHOWN and v)
        if tag in ("script", "style"):
            self._skip = tag
            self._json = tag == "script" and ("type", "application/json") in attrs

    def handle_endtag(self, tag: str) -> None:
        if tag == self._skip:
            self._skip = None
            self._json = False

    def handle_data(self, data: str) -> None:
        if self._skip is None:
            self.parts.append(data)
        elif self._json and data.strip():
            self.parts.extend(_page_data_words(json.loads(data)))


def _page_data_words(data: Any) -> list[str]:
    """The words of the page data; placeholders and shortened data texts left out."""
    if not isinstance(data, dict):
        return []
    words = [_PLACEHOLDER.sub(" ", str(v)) for v in (data.get("words") or {}).values()]
    for item in [*data.get("nodes", []), *data.get("edges", [])]:
        for caption, text in item.get("tip", []):
            words += [str(caption), "" if _shortened_data(str(text)) else str(text)]
    return words


def _shortened_data(text: str) -> bool:
    """Whether ``text`` is a data text cut short with an ellipsis (a tooltip excerpt, or a
    search snippet cut at both ends: ``… bliver styrket af Energy Cluster …``)."""
    if "…" not in text:
        return False
    pieces = [p.strip() for p in text.split("…")]
    return all(not piece or any(piece in literal for literal in data_strings()) for piece in pieces)


def without_excerpts(text: str) -> str:
    """``text`` without the table cells (two spaces apart) that are data texts cut short."""
    lines = []
    for line in text.splitlines():
        cells = re.split(r"(\s{2,})", line)
        lines.append("".join("" if _shortened_data(c.strip()) else c for c in cells))
    return "\n".join(lines)


def page_text(body: str) -> str:
    parser = _PageText()
    parser.feed(body)
    return html.unescape("\n".join(parser.parts))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_is_in_one_language(client: TestClient, name: str, lang: Language) -> None:
    path = PAGES[name]
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}lang={lang}", headers=HTML)
    assert response.headers["content-type"].startswith("text/html"), response.text[:200]
    text = page_text(response.text)
    if path.startswith("/search"):
        # Search marks the matched words in its snippets ([Energy] Cluster Denmark): data.
        text = without_excerpts(text.replace("[", "").replace("]", ""))
    assert text.strip()
    found = leaks(text, lang)
    assert not found, f"{path} in {lang} shows {found}"


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ERRORS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "not-found": ("GET", "/api/clusters/no-such-cluster", {}),
    "not-found-suggestions": ("GET", "/api/clusters/energy-cluster", {}),
    "parameter": ("GET", "/api/ranking?weights=engagemnt=1", {}),
    "parameter-all-zero": ("GET", "/api/ranking?weights=alignment=0,engagement=0,evidence=0", {}),
    "validation-choice": ("GET", "/network?min_level=huge", {}),
    "validation-range": ("GET", "/api/ranking?samples=-1", {}),
    "query-syntax": ("GET", "/sparql?query=SELEC", {}),
    "query-refused": ("GET", "/sparql?query=SELECT * WHERE { SERVICE <http://x.org/> {} }", {}),
    "update-refused": (
        "POST",
        "/sparql",
        {
            "content": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
    ),
    "unsupported-media": (
        "POST",
        "/sparql",
        {"content": "x", "headers": {"Content-Type": "text/plain"}},
    ),
    "form-without-query": (
        "POST",
        "/sparql",
        {"content": "x=1", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
    ),
    "not-acceptable": (
        "GET",
        "/sparql?query=ASK {}",
        {"headers": {"Accept": "image/png"}},
    ),
    "named-query-parameter": ("GET", "/api/queries/list_clusters?nothing=1", {}),
    "unknown-route": ("GET", "/api/no-such-thing", {}),
    "wrong-method": ("DELETE", "/api/clusters", {}),
    "timeout": ("GET", f"/sparql?query={CROSS}", {}),
}


def _error_texts(body: Any) -> list[str]:
    """The human-readable texts of an error body (``detail`` and each ``msg``)."""
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return [detail]
    if isinstance(detail, list):
        return [str(d.get("msg", "")) for d in detail if isinstance(d, dict)]
    return []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(ERRORS))
def test_every_rest_error_is_in_one_language(client: TestClient, name: str, lang: Language) -> None:
    method, path, options = ERRORS[name]
    headers = {"Accept-Language": lang, **options.get("headers", {})}
    response = client.request(
        method, path, headers=headers, content=options.get("content"), params=None
    )
    assert response.status_code >= 400, (name, response.status_code)
    texts = _error_texts(response.json())
    assert texts, (name, response.text)
    assert all(t.strip() for t in texts), (name, response.text)
    found = leaks("\n".join(texts), lang)
    assert not found, f"{method} {path} in {lang} says {texts}: {found}"
