"""The brief's charts write numbers the way the reader's language does."""

from __future__ import annotations

import re

from brn_graph.alignment.data import Ref
from brn_graph.brief.charts import ranking_chart
from brn_graph.brief.model import RankRow


def _rows() -> list[RankRow]:
    return [
        RankRow(
            cluster=Ref(id=f"c{k}", iri=f"urn:c{k}", label=f"Klynge {k}"),
            rank=k,
            score=score,
            low=k,
            high=k + 1,
            top_k_probability=0.5,
            robust=True,
            verdict="",
        )
        for k, score in ((1, 0.75), (2, 0.25))
    ]


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_danish_ranking_chart_ticks_use_a_decimal_comma() -> None:
    texts = _texts(ranking_chart(_rows(), "da"))
    assert "0,2" in texts
    assert not [t for t in texts if re.fullmatch(r"\d+\.\d+", t)]


def test_english_ranking_chart_ticks_use_a_decimal_point() -> None:
    texts = _texts(ranking_chart(_rows(), "en"))
    assert "0.2" in texts
    assert not [t for t in texts if re.fullmatch(r"\d+,\d+", t)]
