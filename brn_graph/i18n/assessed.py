"""A mean over assessed cells only, as a reader sees it: the mean with how many of how many
cells were assessed, or "not assessed" when none was (unknown is never 0)."""

from __future__ import annotations

from brn_graph.config import Language
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_score


def format_assessed_mean(mean: float | None, assessed: int, total: int, lang: str) -> str:
    """``0,36 (1 af 5)`` / ``0.36 (1 of 5)``; ``ikke vurderet`` / ``not assessed`` for ``None``.

    >>> format_assessed_mean(0.36, 1, 5, "da"), format_assessed_mean(None, 0, 5, "en")
    ('0,36 (1 af 5)', 'not assessed')
    """
    language: Language = "en" if lang == "en" else "da"
    if mean is None:
        return text("matrix.mean.none", language)
    return text(
        "matrix.mean.assessed",
        language,
        mean=format_score(mean, language),
        assessed=assessed,
        total=total,
    )
