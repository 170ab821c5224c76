"""Typed, immutable settings, built explicitly (never at import time).

Settings come from keyword arguments, then ``BRN_GRAPH_*`` environment variables, then the
defaults below. Nothing in the library reads the environment except :meth:`Settings.from_env`.

The default ontology, shapes, themes, queries and data are the package's own resources, found
through :mod:`importlib.resources` (:func:`resource_dir`): an installed wheel carries them as
``brn_graph/resources/<folder>`` (mapped there from the top-level folders of the source tree
at build time, see ``pyproject.toml``); in the source tree (and an editable install) they are
those top-level folders themselves, which stay the one source of truth.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from brn_graph.errors import ConfigError
from brn_graph.i18n.message import message, reason_of

Language = Literal["da", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "en")

#: The project folder holding ``ontology/``, ``data/`` and ``queries/`` (in the source tree).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE_IRI = "https://w3id.org/brn-graph/"
#: The folders shipped as package data (``brn_graph/resources/<name>`` in a wheel).
RESOURCE_FOLDERS = ("ontology", "queries", "data")


def packaged_resources() -> Path:
    """Where an installed wheel keeps the resource folders (absent in the source tree)."""
    return Path(str(resources.files("brn_graph").joinpath("resources")))


def resource_dir(name: str) -> Path:
    """The bundled folder ``name`` (one of :data:`RESOURCE_FOLDERS`).

    The installed package's copy when there is one, else the source tree's top-level folder.

    >>> resource_dir("ontology").joinpath("shapes.ttl").is_file()
    True
    """
    if name not in RESOURCE_FOLDERS:
        raise ValueError(f"no bundled folder {name!r}")
    packaged = packaged_resources() / name
    return packaged if packaged.is_dir() else PROJECT_ROOT / name


def _default_data_paths() -> tuple[Path, ...]:
    return (resource_dir("data"),)


def _default_ontology_dir() -> Path:
    return resource_dir("ontology")


def _default_queries_dir() -> Path:
    return resource_dir("queries")


def _default_alignment_weights() -> dict[str, float]:
    return {
        "level.high": 1.0,
        "level.medium": 0.6,
        "level.low": 0.3,
        "confidence.stated": 1.0,
        "confidence.inferred": 0.6,
        "confidence.weak": 0.3,
    }


def _default_ranking_weights() -> dict[str, float]:
    return {"alignment": 0.5, "engagement": 0.3, "evidence": 0.2}


def _default_engagement_weights() -> dict[str, float]:
    return {
        "office.headquarters": 2.0,
        "office.other": 1.0,
        "offices": 0.25,
        "members": 0.05,
        "smes": 0.05,
        "members_nj": 0.15,
        "smes_nj": 0.10,
        "partnerships": 0.15,
        "merged_networks": 0.10,
        "projects": 0.10,
        "project_value": 0.05,
    }


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything configurable about brn-graph.

    >>> Settings(lang="en").lang
    'en'
    """

    data_paths: tuple[Path, ...] = field(default_factory=_default_data_paths)
    ontology_dir: Path = field(default_factory=_default_ontology_dir)
    queries_dir: Path = field(default_factory=_default_queries_dir)
    base_iri: str = DEFAULT_BASE_IRI
    store: str = "oxigraph"
    lang: Language = "da"
    query_timeout: float = 10.0
    result_cap: int = 10_000
    max_body_bytes: int = 1_000_000
    refuse_invalid_data: bool = True
    alignment_weights: Mapping[str, float] = field(default_factory=_default_alignment_weights)
    ranking_weights: Mapping[str, float] = field(default_factory=_default_ranking_weights)
    engagement_weights: Mapping[str, float] = field(default_factory=_default_engagement_weights)
    strong_alignment_threshold: float = 0.6
    sensitivity_samples: int = 1000
    sensitivity_seed: int = 20240920
    sensitivity_concentration: float = 50.0
    top_k: int = 3
    front_page_document: str = "brn-nordjyllandsstemme"
    #: Where derived results (the validation report) are cached; ``None``: the user's cache
    #: folder (``$XDG_CACHE_HOME/brn-graph`` or ``~/.cache/brn-graph``). Never the package.
    cache_dir: Path | None = None
    #: Reuse a cached validation report when data, shapes and pySHACL are unchanged.
    validation_cache: bool = True
    #: Reuse cached start-up work (catalogue query checks, the store snapshot) when its
    #: inputs are unchanged (see :mod:`brn_graph.cache`).
    startup_cache: bool = True
    # -- hardening (issue 14) -------------------------------------------------------------
    #: Memory one query may add to its worker, in MiB (an RLIMIT_AS above the worker's size
    #: at start); 0 = no limit.
    worker_memory_mb: int = 512
    #: Serve ad-hoc SPARQL even when the workers could not be cut off from the network.
    allow_unisolated_sparql: bool = False
    #: Queries one client may run at once, and may have waiting, before it gets 429.
    client_concurrency: int = 1
    client_queue: int = 4
    #: How long a query may wait for a worker before 429 (seconds).
    queue_seconds: float = 5.0
    #: Input file limits: bytes per file, triples per file, nesting depth of [ ] and ( ).
    max_file_bytes: int = 20_000_000
    max_file_triples: int = 500_000
    max_nesting: int = 64
    #: The writable folder of imported data (one Turtle file per import); loaded with the data.
    imports_dir: Path = PROJECT_ROOT / "imports"
    #: The bearer token that turns on the HTTP write routes; ``None`` keeps them off.
    write_token: str | None = field(default=None, repr=False)
    max_upload_bytes: int = 50_000_000
    ingest_max_rows: int = 500_000

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ConfigError(
                message(
                    "errors.setting",
                    name="lang",
                    reason=message("errors.reason.one_of", choices=LANGUAGES),
                    value=repr(self.lang),
                )
            )
        if self.query_timeout <= 0:
            raise ConfigError(
                message(
                    "errors.setting",
                    name="query_timeout",
                    reason=message("errors.reason.positive"),
                    value=repr(self.query_timeout),
                )
            )
        if self.result_cap < 1:
            raise ConfigError(
                message(
                    "errors.setting",
                    name="result_cap",
                    reason=message("errors.reason.at_least", minimum=1),
                    value=repr(self.result_cap),
                )
            )
        for name in (
            "client_concurrency",
            "max_file_bytes",
            "max_file_triples",
            "max_nesting",
        ):
            if getattr(self, name) < 1:
                raise ConfigError(
                    message(
                        "errors.setting",
                        name=name,
                        reason=message("errors.reason.at_least", minimum=1),
                        value=repr(getattr(self, name)),
                    )
                )
        for name in ("worker_memory_mb", "client_queue", "queue_seconds"):
            if getattr(self, name) < 0:
                raise ConfigError(
                    message(
                        "errors.setting",
                        name=name,
                        reason=message("errors.reason.at_least", minimum=0),
                        value=repr(getattr(self, name)),
                    )
                )
        if not self.base_iri.endswith(("/", "#")):
            raise ConfigError(
                message(
                    "errors.setting",
                    name="base_iri",
                    reason=message("errors.reason.iri_end"),
                    value=repr(self.base_iri),
                )
            )

    @property
    def shapes_path(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with some fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``BRN_GRAPH_<FIELD>`` variables, then ``overrides``.

        An empty ``BRN_GRAPH_CACHE_DIR`` turns the validation report and start-up caches off
        (without the variable it is the user's cache folder, see :mod:`brn_graph.cache`).

        >>> Settings.from_env({"BRN_GRAPH_RESULT_CAP": "5"}).result_cap
        5
        >>> Settings.from_env({"BRN_GRAPH_CACHE_DIR": ""}).validation_cache
        False
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"BRN_GRAPH_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _coerce(f.name, raw)
        if "cache_dir" in values and values["cache_dir"] is None:
            values.setdefault("validation_cache", False)
            values.setdefault("startup_cache", False)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _coerce(name: str, raw: str) -> Any:
    try:
        if name == "data_paths":
            return tuple(Path(p) for p in raw.split(os.pathsep) if p)
        if name == "cache_dir":
            return Path(raw) if raw.strip() else None
        if name in {"ontology_dir", "queries_dir", "imports_dir"}:
            return Path(raw)
        if name in {
            "query_timeout",
            "sensitivity_concentration",
            "strong_alignment_threshold",
            "queue_seconds",
        }:
            return float(raw)
        if name in {
            "result_cap",
            "max_body_bytes",
            "max_upload_bytes",
            "ingest_max_rows",
            "sensitivity_samples",
            "sensitivity_seed",
            "top_k",
            "worker_memory_mb",
            "client_concurrency",
            "client_queue",
            "max_file_bytes",
            "max_file_triples",
            "max_nesting",
        }:
            return int(raw)
        if name in {
            "refuse_invalid_data",
            "validation_cache",
            "startup_cache",
            "allow_unisolated_sparql",
        }:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if name in {"alignment_weights", "ranking_weights", "engagement_weights"}:
            return parse_weights(raw)
    except ValueError as exc:
        raise ConfigError(
            message("errors.environment", name=f"BRN_GRAPH_{name.upper()}", reason=reason_of(exc))
        ) from exc
    return raw


def parse_weights(text: str) -> dict[str, float]:
    """Parse ``NAME=VALUE,NAME=VALUE`` into a dict.

    A malformed text raises :class:`ValueError` whose argument is a
    :class:`~brn_graph.i18n.message.Message` (its ``str`` is English).

    >>> parse_weights("alignment=0.6, engagement=0.4")
    {'alignment': 0.6, 'engagement': 0.4}
    """
    weights: dict[str, float] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise ValueError(message("errors.weights.syntax", part=repr(part)))
        try:
            number = float(value)
        except ValueError:
            raise ValueError(
                message("errors.weights.number", name=repr(name.strip()), value=repr(value))
            ) from None
        if number < 0:
            raise ValueError(message("errors.weights.negative", name=repr(name.strip())))
        weights[name.strip()] = number
    return weights


#: The largest weight accepted from a user (larger values overflow the weighted sums).
MAX_WEIGHT = 1_000_000.0


def check_weights(given: Mapping[str, float], merged: Mapping[str, float]) -> None:
    """Refuse weights a ranking cannot use: each finite and in ``0..MAX_WEIGHT``, and at
    least one positive once merged with the configured ones. Raises :class:`ValueError`.

    >>> check_weights({"alignment": 1e308}, {"alignment": 1e308})
    Traceback (most recent call last):
    ...
    ValueError: weight 'alignment' must be a finite number from 0 to 1000000, not 1e+308
    """
    import math

    from brn_graph.i18n.message import message

    for name, value in given.items():
        if not math.isfinite(value) or not 0 <= value <= MAX_WEIGHT:
            raise ValueError(
                message(
                    "errors.weights.range",
                    name=repr(name),
                    maximum=f"{MAX_WEIGHT:.0f}",
                    value=str(value),
                )
            )
    if not any(value > 0 for value in merged.values()):
        raise ValueError(message("errors.weights.none_positive"))
