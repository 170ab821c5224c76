"""The kinds of gap (a light module: the command line needs them before any data loads)."""

from __future__ import annotations

from enum import StrEnum


class GapKind(StrEnum):
    NO_CLUSTER = "no-cluster"
    ONLY_INFERRED_OR_WEAK = "only-inferred-or-weak"
    OUTSIDE_REMIT = "outside-remit"
