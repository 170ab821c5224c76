"""Read the decision contexts of a graph (``queries/context/*.rq``) into typed records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from brn_graph.alignment.data import Labels
from brn_graph.context.dates import earliest
from brn_graph.errors import ConfigError
from brn_graph.graph.resolve import slug_of
from brn_graph.graph.terms import Record
from brn_graph.namespaces import BRN
from brn_graph.query.analytics import GraphQueries

#: The decision the project was built for: the default context.
DEFAULT_CONTEXT = "brn-cluster-decision-2024"
_WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True, kw_only=True)
class FrameworkSpec:
    """One framework of a context as written: document, declared stand-in, weight, note."""

    iri: str
    document: str | None
    stand_in: str | None
    weight: float
    notation: str | None
    note: Labels


@dataclass(frozen=True, kw_only=True)
class ContextSpec:
    """One ``brn:DecisionContext`` as written in the data."""

    iri: str
    slug: str
    as_of: date
    decided_at: str | None
    decided_on: str | None
    prepared_at: str | None
    prepared_on: str | None
    long_list: str | None
    clusters: tuple[str, ...]
    frameworks: tuple[FrameworkSpec, ...]
    known_gap: Labels


def _notes(rows: Iterable[Record]) -> dict[tuple[str, str], Labels]:
    texts: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for row in rows:
        note = row.get("note")
        if note is None or note.kind != "literal":
            continue
        key = (str(row["resource"]), str(row["property"]))
        lang = (note.lang or "").lower()
        texts[key][lang] = f"{texts[key][lang]} {note}" if lang in texts[key] else str(note)
    return {
        key: Labels(da=t.get("da") or t.get(""), en=t.get("en") or t.get(""), fallback="")
        for key, t in texts.items()
    }


def read_contexts(queries: GraphQueries) -> dict[str, ContextSpec]:
    """Every decision context of the graph by IRI; a malformed one raises :class:`ConfigError`
    naming the context (the SHACL shapes S42/S43 say the same at ``validate``)."""

    def rows(name: str) -> list[Record]:
        return queries.select(f"context/{name}")

    notes = _notes(rows("list_context_notes"))
    clusters: dict[str, set[str]] = defaultdict(set)
    for row in rows("list_long_lists"):
        clusters[str(row["context"])].add(str(row["cluster"]))
    frameworks: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set))
    )
    for row in rows("list_context_frameworks"):
        fields = frameworks[str(row["context"])][str(row["framework"])]
        for key in ("document", "standIn", "weight", "notation"):
            if key in row:
                fields[key].add(str(row[key]))
    headers: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows("list_contexts"):
        fields = headers[str(row["context"])]
        for key, value in row.items():
            if key != "context":
                fields[key].add(str(value))

    result: dict[str, ContextSpec] = {}
    for iri, fields in sorted(headers.items()):
        result[iri] = _context(iri, fields, clusters.get(iri, set()), frameworks[iri], notes)
    return result


def _one(iri: str, fields: Mapping[str, set[str]], key: str) -> str | None:
    values = sorted(fields.get(key, set()))
    if len(values) > 1:
        raise ConfigError(f"decision context {slug_of(iri)}: {key} has {len(values)} values")
    return values[0] if values else None


def _context(
    iri: str,
    fields: Mapping[str, set[str]],
    clusters: set[str],
    frameworks: Mapping[str, Mapping[str, set[str]]],
    notes: Mapping[tuple[str, str], Labels],
) -> ContextSpec:
    name = slug_of(iri)
    as_of_text = _one(iri, fields, "asOf")
    as_of = earliest(as_of_text) if as_of_text and len(as_of_text) == 10 else None
    if as_of is None:
        raise ConfigError(f"decision context {name}: brn:asOfDate must be one xsd:date")
    specs = []
    for framework, f in sorted(frameworks.items()):
        weight_text = _one(framework, f, "weight")
        try:
            weight = float(weight_text) if weight_text is not None else -1.0
        except ValueError:
            weight = -1.0
        if not 0.0 <= weight <= 1.0:
            raise ConfigError(
                f"decision context {name}: framework {slug_of(framework)} needs one "
                "brn:frameworkWeight between 0 and 1"
            )
        specs.append(
            FrameworkSpec(
                iri=framework,
                document=_one(framework, f, "document"),
                stand_in=_one(framework, f, "standIn"),
                weight=weight,
                notation=_one(framework, f, "notation"),
                note=notes.get((framework, str(BRN.standInNote)), Labels()),
            )
        )
    specs.sort(key=lambda s: (s.notation is None, s.notation or "", s.iri))
    total = sum(s.weight for s in specs)
    if specs and abs(total - 1.0) > _WEIGHT_TOLERANCE:
        raise ConfigError(f"decision context {name}: the framework weights sum to {total:g}, not 1")
    return ContextSpec(
        iri=iri,
        slug=name,
        as_of=as_of,
        decided_at=_one(iri, fields, "decidedAt"),
        decided_on=_one(iri, fields, "decidedOn"),
        prepared_at=_one(iri, fields, "preparedAt"),
        prepared_on=_one(iri, fields, "preparedOn"),
        long_list=_one(iri, fields, "longList"),
        clusters=tuple(sorted(clusters)),
        frameworks=tuple(specs),
        known_gap=notes.get((iri, str(BRN.knownGap)), Labels()),
    )


__all__ = ["DEFAULT_CONTEXT", "ContextSpec", "FrameworkSpec", "read_contexts"]
