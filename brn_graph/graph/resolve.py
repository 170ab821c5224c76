"""Turn what a user typed (slug, IRI, prefixed name or label) into one resource, or explain why not.

Used by the CLI and the API alike, so that ``energy-cluster-denmark``, ``cluster:energy-cluster-
denmark``, the full IRI, ``ECD`` and ``Energy Cluster Denmark`` all name the same cluster, and an
unknown name fails with :class:`~brn_graph.errors.NotFoundError` carrying close matches
(:mod:`difflib`) as suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from brn_graph.config import DEFAULT_BASE_IRI
from brn_graph.errors import AmbiguousError, NotFoundError, ParameterError
from brn_graph.graph.terms import Term
from brn_graph.i18n.message import message as msg
from brn_graph.namespaces import PREFIXES

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A resource a user may mean: its IRI, its slug and the other names it goes by."""

    iri: str
    slug: str
    names: tuple[str, ...] = ()
    #: What it is (a type label) and the document it belongs to, shown when a name is ambiguous.
    kind: str = ""
    document: str = ""


def slug_of(iri: str) -> str:
    """The last path segment of an IRI, the identifier shown to users.

    >>> slug_of("https://w3id.org/brn-graph/id/cluster/energy-cluster-denmark")
    'energy-cluster-denmark'
    """
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def normalise(text: str) -> str:
    """A comparison key: lower case, Danish letters spelt out, accents and punctuation dropped.

    >>> normalise("DigitalLead") == normalise("digital-lead")
    True
    >>> normalise("Brønderslev Kommune")
    'broenderslevkommune'
    """
    return "".join(words(text))


def words(text: str) -> list[str]:
    """The words of ``text`` folded like :func:`normalise`, with "&" read as "and" ("og").

    >>> words("Food & Bio Cluster")
    ['food', 'and', 'bio', 'cluster']
    """
    folded = text.casefold().translate(_DANISH)
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = []
    for w in re.findall(r"\w+|&", plain):
        out.append("and" if w in ("&", "og") else w.replace("_", ""))
    return [w for w in out if w]


def _is_identifier_shaped(text: str) -> bool:
    """An IRI, a prefixed name or a slug: matched exactly, never by part of a name."""
    return ":" in text or "/" in text or bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", text))


def _contains(name_words: list[str], wanted: list[str]) -> bool:
    n = len(wanted)
    return any(name_words[i : i + n] == wanted for i in range(len(name_words) - n + 1))


def expand_prefixed(text: str, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """``cluster:x`` as a full IRI when the prefix is known, else ``None``.

    >>> expand_prefixed("goal:brn-1")
    'https://w3id.org/brn-graph/id/goal/brn-1'
    """
    prefix, sep, local = text.partition(":")
    if not sep or prefix not in prefixes or local.startswith("//"):
        return None
    return prefixes[prefix] + local


def resolve_identifier(
    kind: str,
    text: str,
    candidates: Sequence[Candidate],
    *,
    base_iri: str | None = None,
    max_suggestions: int = 5,
) -> Candidate:
    """The one candidate that ``text`` names.

    Tried in order: the exact IRI; a prefixed name (also under ``base_iri`` when the data was
    rebased); the slug; any other name (label, alternative label, notation). Names compare by
    :func:`normalise`. Nothing found raises :class:`NotFoundError` with up to
    ``max_suggestions`` close matches; two candidates with the same name raise
    :class:`ParameterError`.

    >>> c = [Candidate(iri="http://x/cluster/made", slug="made", names=("MADE",))]
    >>> resolve_identifier("cluster", "Made", c).slug
    'made'
    """
    wanted = text.strip()
    if not wanted:
        raise ParameterError(kind, msg("errors.reason.empty"))
    iris = {wanted}
    expanded = expand_prefixed(wanted)
    if expanded is not None:
        iris.add(expanded)
        if base_iri:
            iris.add(_rebase(expanded, base_iri))
    by_iri = [c for c in candidates if c.iri in iris]
    if by_iri:
        return by_iri[0]
    key = normalise(wanted)
    if key:
        wanted_words = words(wanted)
        tiers = [
            [c for c in candidates if normalise(c.slug) == key],
            [c for c in candidates if any(normalise(n) == key for n in c.names)],
        ]
        # A name in part ("energy cluster", "food and bio"), never an id-shaped text.
        partial = []
        if not _is_identifier_shaped(wanted) and wanted_words:
            partial = [
                c for c in candidates if any(_contains(words(n), wanted_words) for n in c.names)
            ]
        tiers.append(partial)
        for matches in tiers:
            unique = {c.iri: c for c in matches}
            if len(unique) == 1:
                return next(iter(unique.values()))
            if len(unique) > 1:
                also = {c.iri: c for c in partial if c.iri not in unique}
                every = sorted({**unique, **also}.values(), key=lambda c: c.slug)
                raise AmbiguousError(kind, wanted, [(c.slug, c.kind, c.document) for c in every])
    raise NotFoundError(kind, wanted, suggest(wanted, candidates, limit=max_suggestions))


def suggest(text: str, candidates: Iterable[Candidate], *, limit: int = 5) -> tuple[str, ...]:
    """Slugs of the candidates whose slug or names are closest to ``text``.

    >>> c = [Candidate(iri="x:1", slug="digital-lead"), Candidate(iri="x:2", slug="made")]
    >>> suggest("digitallead", c)
    ('digital-lead',)
    """
    key = normalise(text)
    scored: dict[str, float] = {}
    for c in candidates:
        for name in (c.slug, *c.names):
            other = normalise(name)
            if not other:
                continue
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            if key and (key in other or other in key):
                ratio = max(ratio, 0.8)
            if ratio >= 0.6:
                scored[c.slug] = max(scored.get(c.slug, 0.0), ratio)
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(slug for slug, _ in ranked[:limit])


def _rebase(iri: str, base_iri: str) -> str:
    if iri.startswith(DEFAULT_BASE_IRI):
        return base_iri + iri[len(DEFAULT_BASE_IRI) :]
    return iri


#: Candidates for a namespace: every resource whose IRI starts with it, with its names and types.
#: ``?namespace`` is bound by the engine (a plain literal): no text is formatted into the query.
NAMESPACE_CANDIDATES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct:  <http://purl.org/dc/terms/>
PREFIX org:  <http://www.w3.org/ns/org#>
SELECT DISTINCT ?s ?name ?type ?namespace WHERE {
  ?s a ?type .
  FILTER(ISIRI(?s) && STRSTARTS(STR(?s), STR(?namespace)))
  OPTIONAL {
    {
      VALUES ?p { skos:prefLabel skos:altLabel rdfs:label dct:title skos:notation }
      ?s ?p ?name .
    } UNION {
      # the names of networks merged into it still find the organisation they became
      ?event org:resultingOrganization ?s ; org:originalOrganization ?old .
      VALUES ?q { skos:prefLabel skos:altLabel rdfs:label }
      ?old ?q ?name .
    }
  }
}
"""


def namespace_of(iri: str) -> str:
    """The IRI up to its last ``/`` or ``#``: where its siblings live.

    >>> namespace_of("https://w3id.org/brn-graph/id/cluster/made")
    'https://w3id.org/brn-graph/id/cluster/'
    """
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[: cut + 1]


def candidates_from_rows(rows: Iterable[Mapping[str, str | None]]) -> list[Candidate]:
    """Candidates from rows of :data:`NAMESPACE_CANDIDATES` (``s``, ``name``, ``type``)."""
    names: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for row in rows:
        iri = str(row["s"])
        names.setdefault(iri, [])
        if row.get("name"):
            names[iri].append(str(row["name"]))
        if row.get("type"):
            kinds.setdefault(iri, slug_of(str(row["type"])))
    return [
        Candidate(
            iri=iri, slug=slug_of(iri), names=tuple(dict.fromkeys(n)), kind=kinds.get(iri, "")
        )
        for iri, n in names.items()
    ]


def resolve_in_namespace(
    name: str,
    text: str,
    namespace: str,
    select: Callable[[str, Mapping[str, Term]], Iterable[Mapping[str, str | None]]],
    *,
    kind: str | None = None,
) -> str:
    """The IRI of the resource under ``namespace`` that ``text`` names (slug, prefixed name,
    IRI, label, abbreviation); ``select`` runs a SELECT query with the given variable
    bindings (the engine's own mechanism) and yields its rows as text.

    An IRI or prefixed name that is not in the graph is a :class:`NotFoundError` too: a
    mistyped id must never quietly answer zero rows.
    """
    found = candidates_from_rows(
        select(NAMESPACE_CANDIDATES, {"namespace": Term.literal(namespace)})
    )
    return resolve_identifier(kind or name, text, found).iri
