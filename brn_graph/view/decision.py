"""The decision-context cut: what the network view shows by default.

A :class:`DecisionScope` is what a decision context counts on its as-of date: the clusters of
its long list and, per framework, the document that counts then (the framework's own document
in force, or the stand-in the context declares). :func:`scope_of` reads it from a resolved
:class:`~brn_graph.context.view.ContextView`; a framework the context does not count on that
day (its document expired or not yet issued, and no usable stand-in) has no document here, so
its goals stay out.

:func:`cut_decision` keeps, of a projection, the long-list clusters, each counted document
(the header of its group), the goals and strength positions that document defines, and the
alignment edges between those clusters and goals. The projection must be made from the
context's own model (:func:`brn_graph.context.view.build_context_model`), whose alignments
are those valid on the as-of date. The caller's level, document and focus options then apply
as in the full view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from brn_graph.config import LANGUAGES, Language
from brn_graph.context.view import ContextView, FrameworkUse
from brn_graph.errors import ParameterError
from brn_graph.i18n.catalogue import text as word
from brn_graph.i18n.message import message as msg
from brn_graph.view.cut import Cut, ViewOptions, capped_cut, neighbourhood, resolve_node
from brn_graph.view.projection import LEVELS, EdgeKind, NodeKind, Projection, node_label

#: Kinds that are the goals of a framework document in the decision cut.
TARGET_KINDS = frozenset({NodeKind.goal, NodeKind.strength_position})


@dataclass(frozen=True, kw_only=True)
class ScopeFramework:
    """One framework of the context and the document that counts for it on the day."""

    iri: str
    labels: Mapping[str, str]
    document: str
    stand_in: bool

    def label(self, lang: Language) -> str:
        other: Language = "en" if lang == "da" else "da"
        return self.labels.get(lang) or self.labels.get(other) or self.iri


@dataclass(frozen=True, kw_only=True)
class DecisionScope:
    """The clusters and counted documents of a decision context on its as-of date."""

    context: str
    labels: Mapping[str, str]
    as_of: date
    clusters: tuple[str, ...]
    frameworks: tuple[ScopeFramework, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """The counted documents, in the context's framework order, each once."""
        return tuple(dict.fromkeys(f.document for f in self.frameworks))

    def label(self, lang: Language) -> str:
        other: Language = "en" if lang == "da" else "da"
        return self.labels.get(lang) or self.labels.get(other) or self.context

    def caption(self, lang: Language) -> str:
        """ "Context: <label> (<id>); as of <date>" in ``lang``."""
        return word(
            "network_context.caption",
            lang,
            label=self.label(lang),
            id=self.context,
            as_of=self.as_of.isoformat(),
        )


def scope_of(view: ContextView) -> DecisionScope:
    """The scope of a resolved context: long list, and per counted framework its document."""
    frameworks = tuple(
        ScopeFramework(
            iri=f.spec.iri,
            labels={lang: f.label.get(lang) for lang in LANGUAGES},
            document=f.document,
            stand_in=f.use is FrameworkUse.STAND_IN,
        )
        for f in view.frameworks
        if f.document is not None and f.use is not FrameworkUse.NOT_COUNTED
    )
    return DecisionScope(
        context=view.spec.slug,
        labels={lang: view.label.get(lang) for lang in LANGUAGES},
        as_of=view.as_of,
        clusters=view.spec.clusters,
        frameworks=frameworks,
    )


def decision_groups(projection: Projection, scope: DecisionScope) -> list[tuple[str, list[str]]]:
    """Per counted document in the graph: the goals and strength positions it defines."""
    groups: list[tuple[str, list[str]]] = []
    for document in scope.documents:
        if document not in projection.nodes:
            continue
        targets = [
            n.id
            for n in projection.nodes.values()
            if n.kind in TARGET_KINDS and n.documents and n.documents[0] == document
        ]
        groups.append((document, targets))
    return groups


def cut_decision(projection: Projection, scope: DecisionScope, options: ViewOptions) -> Cut:
    """The long-list clusters, the counted documents' goals and the alignments between them.

    The caller's ``document`` narrows to one counted document, ``min_level`` drops weaker
    alignments and ``focus`` keeps one node and its neighbours (within the cut; a node outside
    it, such as a municipality or a cluster off the long list, raises
    :class:`~brn_graph.errors.ParameterError` that points to the full view).
    """
    lang = options.lang
    nodes = projection.nodes
    clusters = [c for c in scope.clusters if c in nodes and nodes[c].kind is NodeKind.cluster]
    groups = decision_groups(projection, scope)
    scope_words: list[str] = []
    document_id: str | None = None
    if options.document:
        document_id = resolve_node(projection, "document", options.document, {NodeKind.document})
        if document_id not in {d for d, _ in groups}:
            counted = [node_label(nodes[d], "en") for d, _ in groups]
            raise ParameterError(
                "document",
                msg(
                    "network_context.document_outside",
                    label=node_label(nodes[document_id], "en"),
                    label_da=node_label(nodes[document_id], "da"),
                    as_of=scope.as_of.isoformat(),
                    counted="; ".join(counted) or "-",
                    counted_da="; ".join(node_label(nodes[d], "da") for d, _ in groups) or "-",
                ),
            )
        groups = [(d, ts) for d, ts in groups if d == document_id]
        scope_words.append(word("scope.document", lang, label=node_label(nodes[document_id], lang)))
    targets = {t for _, ts in groups for t in ts}
    keep = set(clusters) | {d for d, _ in groups} | targets
    edges = [
        e
        for e in projection.edges
        if e.kind is EdgeKind.alignment and e.source in clusters and e.target in targets
    ]
    if options.min_level:
        floor = LEVELS.index(options.min_level)
        edges = [
            e
            for e in edges
            if e.kind is not EdgeKind.alignment or LEVELS.index(e.level or "low") >= floor
        ]
        scope_words.append(
            word("scope.min_level", lang, level=word(f"level.{options.min_level}", lang))
        )
    focus_id: str | None = None
    if options.focus:
        focus_id = resolve_node(projection, "node", options.focus, None)
        if focus_id not in keep:
            raise ParameterError(
                "focus",
                msg(
                    "network_context.focus_outside",
                    label=node_label(nodes[focus_id], "en"),
                    label_da=node_label(nodes[focus_id], "da"),
                ),
            )
        keep = neighbourhood(projection, focus_id, keep, edges)
        edges = [e for e in edges if e.source in keep and e.target in keep]
        scope_words.append(word("scope.focus", lang, label=node_label(nodes[focus_id], lang)))
    return capped_cut(
        projection,
        keep,
        edges,
        options,
        scope=scope_words,
        document=document_id,
        focus=focus_id,
    )
