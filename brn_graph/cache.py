"""Where derived, rebuildable results are cached: validation reports, query checks, store
snapshots. A light module (no RDF library), so a warm start can ask before loading anything.

The root is ``Settings.cache_dir`` (``BRN_GRAPH_CACHE_DIR``), by default the user's cache
folder, and is refused when it lies inside the installed package. Every entry is keyed by a
digest of everything it depends on and written atomically; an unreadable entry is a miss.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from brn_graph.config import Settings
from brn_graph.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent


def default_cache_dir(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/brn-graph``, else ``~/.cache/brn-graph``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "brn-graph"


def cache_root(settings: Settings) -> Path:
    """The cache folder of ``settings`` (resolved); never inside the installed package."""
    folder = (settings.cache_dir or default_cache_dir()).resolve()
    if folder == PACKAGE_DIR or PACKAGE_DIR in folder.parents:
        raise ConfigError(
            f"cache_dir must not be inside the installed package ({PACKAGE_DIR}): {folder}"
        )
    return folder


def startup_folder(settings: Settings, name: str) -> Path | None:
    """``<cache root>/<name>`` for start-up work (query checks, store snapshots), or ``None``
    when the settings switch that cache off (``startup_cache``, ``BRN_GRAPH_STARTUP_CACHE``)."""
    if not settings.startup_cache:
        return None
    return cache_root(settings) / name


def write_entry(folder: Path, key: str, payload: str) -> None:
    """Write ``payload`` as ``folder/key.json`` atomically (temporary file, then rename), so a
    reader sees the old entry or the new one; a folder that cannot be written leaves the cache
    without the entry (a later run computes it again)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(payload)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        Path(tmp).unlink(missing_ok=True)
