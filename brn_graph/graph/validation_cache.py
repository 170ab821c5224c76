"""SHACL reports kept on disk, keyed by everything that decides them.

pySHACL takes seconds on the bundled data, and every analytics command validates (the
session's gate). The report depends only on the input files' bytes and places, the shapes,
the language of the messages and the versions of pySHACL and brn-graph, so it is kept as JSON
under ``settings.cache_dir`` under a digest of exactly those, and reused while they are
unchanged. Any change (a data file edited, the shapes, an upgrade) is a new key: a stale
report cannot be read. No ``cache_dir`` (the default of :class:`~brn_graph.config.Settings`),
no cache. A cache file that cannot be read or written is ignored: the report is computed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from brn_graph.config import Language, Settings
from brn_graph.graph.loader import LoadedDataset, load_shapes
from brn_graph.graph.validation import ValidationReport, ValidationResult, validate_loaded

FORMAT = 1


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def report_key(loaded: LoadedDataset, settings: Settings, lang: Language) -> str:
    """The digest of everything a report depends on."""
    digest = hashlib.sha256(f"{FORMAT}\0{lang}\0{loaded.fingerprint}\0".encode())
    for package in ("pyshacl", "rdflib", "brn-graph"):
        digest.update(f"{package}={_version(package)}\0".encode())
    for f in loaded.files:
        digest.update(str(f.path.resolve()).encode() + b"\0")
    digest.update(settings.shapes_path.read_bytes())
    return digest.hexdigest()


def report_from_dict(data: dict[str, Any]) -> ValidationReport:
    """The inverse of :meth:`ValidationReport.to_dict` (its ``counts`` are derived)."""
    return ValidationReport(
        conforms=bool(data["conforms"]),
        results=tuple(ValidationResult(**r) for r in data["results"]),
    )


def validate_cached(loaded: LoadedDataset, settings: Settings, lang: Language) -> ValidationReport:
    """The SHACL report of ``loaded``: from ``settings.cache_dir`` when it has it, else computed
    (and stored there)."""
    if settings.cache_dir is None:
        return validate_loaded(loaded, load_shapes(settings), lang=lang)
    path = settings.cache_dir / "validation" / f"{report_key(loaded, settings, lang)}.json"
    try:
        return report_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    report = validate_loaded(loaded, load_shapes(settings), lang=lang)
    _store(path, report)
    return report


def _store(path: Path, report: ValidationReport) -> None:
    """Write atomically (a reader never sees half a file); failures only lose the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
        ) as out:
            json.dump(report.to_dict(), out, ensure_ascii=False)
        os.replace(out.name, path)
    except OSError:
        return
