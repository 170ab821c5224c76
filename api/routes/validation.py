"""``GET /api/validation``: the SHACL report of the loaded data, made at start-up."""

from __future__ import annotations

from fastapi import APIRouter

from api.dependencies import StateDep
from api.models import ValidationOut

router = APIRouter(prefix="/api", tags=["data quality"])


@router.get("/validation", response_model=ValidationOut, summary="SHACL validation report")
def get_validation(state: StateDep) -> ValidationOut:
    """Every result of validating the data against ``ontology/shapes.ttl``, violations first,
    each naming the focus node, the shape, the message and the file it came from."""
    return ValidationOut.model_validate(state.report.to_dict())
