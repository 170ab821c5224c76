"""The scripts and styles of the network page, and where they come from.

vis-network is the copy that ships inside the pyvis package (``pyvis/lib/vis-9.1.2``), found
through :mod:`importlib.resources`: no vendored second copy, nothing fetched. The page's own
script and stylesheet ship with this package (``brn_graph/view/static``). A self-contained
file inlines all four (:class:`InlineAssets`); a server that serves the two folders passes
their addresses (:class:`LinkedAssets`); where it serves them is the server's business.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from brn_graph.errors import DataLoadError

#: The vis-network build inside the pyvis package.
VIS_NETWORK_FOLDER = "lib/vis-9.1.2"
VIS_JS = "vis-network.min.js"
VIS_CSS = "vis-network.css"
PAGE_JS = "network.js"
PAGE_CSS = "network.css"

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=[^\n]*\s*$")


@dataclass(frozen=True, kw_only=True)
class InlineAssets:
    """The scripts and styles, inlined into a self-contained page."""

    vis_js: str
    vis_css: str
    page_js: str
    page_css: str


@dataclass(frozen=True, kw_only=True)
class LinkedAssets:
    """Addresses of the scripts and styles on the serving host."""

    vis_js: str
    vis_css: str
    page_js: str
    page_css: str

    @classmethod
    def under(cls, vis_prefix: str, page_prefix: str) -> LinkedAssets:
        """The files under the two prefixes where a server serves :func:`vis_network_dir`
        and :func:`page_static_dir`.

        >>> LinkedAssets.under("/vis/", "/page").page_js
        '/page/network.js'
        """
        vis = vis_prefix.rstrip("/") + "/"
        page = page_prefix.rstrip("/") + "/"
        return cls(
            vis_js=vis + VIS_JS,
            vis_css=vis + VIS_CSS,
            page_js=page + PAGE_JS,
            page_css=page + PAGE_CSS,
        )


def vis_network_dir() -> Path:
    """The folder of vis-network's script and stylesheet inside the installed pyvis.

    Found without importing pyvis (which imports networkx, IPython and jsonpickle: about
    0.4 s that a server's start-up does not need just to serve two files).
    """
    spec = importlib.util.find_spec("pyvis")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not locations:  # not a plain folder (e.g. a zip): let importlib resolve it
        return Path(str(resources.files("pyvis").joinpath(VIS_NETWORK_FOLDER)))
    return Path(locations[0]) / VIS_NETWORK_FOLDER


def page_static_dir() -> Path:
    """The folder of the page's own script and stylesheet (package data of brn_graph)."""
    return Path(str(resources.files("brn_graph.view").joinpath("static")))


def read_inline_assets(
    *, vis_dir: Path | None = None, page_dir: Path | None = None
) -> InlineAssets:
    """Read the four files for a self-contained page (errors name the file)."""
    vis = vis_dir or vis_network_dir()
    page = page_dir or page_static_dir()

    def read(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataLoadError(path, f"cannot read: {exc.strerror or exc}") from exc

    return InlineAssets(
        vis_js=_SOURCE_MAP.sub("\n", read(vis / VIS_JS)),
        vis_css=read(vis / VIS_CSS),
        page_js=read(page / PAGE_JS),
        page_css=read(page / PAGE_CSS),
    )


def csp_hash(text: str) -> str:
    """The CSP source expression allowing one inline block with exactly this text.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_page_csp(assets: InlineAssets) -> str:
    """The policy of a self-contained page: nothing from anywhere, except its own blocks."""
    scripts = " ".join(csp_hash(t) for t in (assets.vis_js, assets.page_js))
    styles = " ".join(csp_hash(t) for t in (assets.vis_css, assets.page_css))
    return (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; img-src data:; "
        "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    )


def check_inline(assets: InlineAssets) -> None:
    """Inlined files must not be able to end their own element early."""
    for name, text, closing in (
        ("vis_js", assets.vis_js, "</script"),
        ("page_js", assets.page_js, "</script"),
        ("vis_css", assets.vis_css, "</style"),
        ("page_css", assets.page_css, "</style"),
    ):
        lowered = text.lower()
        if closing in lowered or "<!--" in lowered:
            raise ValueError(f"{name} cannot be inlined: it contains {closing!r} or '<!--'")
