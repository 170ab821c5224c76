"""The typed SHACL report (a light module: the report cache reads it without pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, kw_only=True)
class ValidationResult:
    """One SHACL result: which node broke which shape, and why."""

    focus_node: str
    path: str | None
    value: str | None
    message: str
    shape: str
    shape_id: str
    severity: str
    constraint: str
    source_file: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "focus_node": self.focus_node,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "shape": self.shape,
            "shape_id": self.shape_id,
            "severity": self.severity,
            "constraint": self.constraint,
            "source_file": self.source_file,
        }


@dataclass(frozen=True, kw_only=True)
class ValidationReport:
    """The outcome of validating a graph: conforms when there is no violation."""

    conforms: bool
    results: tuple[ValidationResult, ...]

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.severity] = counts.get(r.severity, 0) + 1
        return {
            "conforms": self.conforms,
            "counts": counts,
            "results": [r.to_dict() for r in self.results],
        }
