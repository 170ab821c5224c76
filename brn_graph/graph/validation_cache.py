"""A file cache of validation reports, keyed by everything the report depends on.

The key is a SHA-256 over the files' paths (results name them), the data's fingerprint
(graph names and bytes of every ontology and data file, see
:func:`brn_graph.graph.files.fingerprint_files`), the bytes of the shapes file, the pySHACL
and rdflib versions, the report format and the language. An unchanged graph is therefore
validated once; any change to data, ontology, shapes, library or language is a miss. Entries
are JSON files written atomically; an unreadable entry is a miss, never an error.

The folder comes from ``Settings.cache_dir`` (``BRN_GRAPH_CACHE_DIR``), by default the user's
cache folder, and is refused when it lies inside the installed package.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from brn_graph.cache import PACKAGE_DIR as PACKAGE_DIR
from brn_graph.cache import cache_root, write_entry
from brn_graph.cache import default_cache_dir as default_cache_dir
from brn_graph.config import Settings
from brn_graph.errors import ConfigError
from brn_graph.graph.validation_report import ValidationReport, ValidationResult

#: Bump when the cached JSON or the way reports are built changes.
FORMAT = "brn-validation-report/1"


@dataclass(frozen=True)
class ReportCache:
    """Validation reports on disk under ``folder``."""

    folder: Path
    shapes_path: Path

    @classmethod
    def for_settings(cls, settings: Settings) -> ReportCache | None:
        """The cache the settings ask for, or ``None`` when it is switched off."""
        if not settings.validation_cache:
            return None
        folder = cache_root(settings)
        return cls(folder=folder / "validation", shapes_path=settings.shapes_path)

    def key(self, fingerprint: str, lang: str, paths: Iterable[Path] = ()) -> str:
        """The entry for this input; ``paths`` too, since results name the focus node's file."""
        digest = hashlib.sha256()
        for path in paths:
            digest.update(str(path.resolve()).encode() + b"\0")
        for part in (
            FORMAT,
            fingerprint,
            lang,
            metadata.version("pyshacl"),
            metadata.version("rdflib"),
        ):
            digest.update(part.encode() + b"\0")
        try:
            digest.update(self.shapes_path.read_bytes())
        except OSError as exc:
            raise ConfigError(f"{self.shapes_path}: cannot read: {exc.strerror or exc}") from exc
        return digest.hexdigest()

    def get(self, key: str) -> ValidationReport | None:
        path = self.folder / f"{key}.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return _report_from_json(raw)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, report: ValidationReport) -> None:
        """Store ``report``; a folder that cannot be written leaves the cache empty."""
        payload = json.dumps(
            {
                "format": FORMAT,
                "conforms": report.conforms,
                "results": [r.to_dict() for r in report.results],
            },
            ensure_ascii=False,
        )
        write_entry(self.folder, key, payload)


def cached_report(settings: Settings) -> tuple[ValidationReport, int] | None:
    """The cached report for the files ``settings`` name, without parsing them.

    Returns the report and the number of data files, or ``None`` on a miss (then load and
    validate as usual, passing the cache to ``validate_loaded``).
    """
    from brn_graph.graph.files import discover, fingerprint_files  # no rdflib, no parsing

    cache = ReportCache.for_settings(settings)
    if cache is None:
        return None
    files = discover(settings)
    fingerprint = fingerprint_files(files, settings.base_iri)
    report = cache.get(cache.key(fingerprint, settings.lang, (f.path for f in files)))
    if report is None:
        return None
    return report, sum(1 for f in files if f.role == "data")


def _report_from_json(raw: dict[str, Any]) -> ValidationReport:
    if raw.get("format") != FORMAT:
        raise ValueError("other format")
    results = tuple(ValidationResult(**item) for item in raw["results"])
    return ValidationReport(conforms=bool(raw["conforms"]), results=results)
