"""``/api/documents``: the framework documents, their goals, and their alignment matrix."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.context_views import document_matrix_on
from api.dependencies import AsOfQuery, ContextQuery, LangDep, StateDep
from api.models import (
    DocumentDetailOut,
    DocumentMatrixOut,
    DocumentOut,
    NotFoundOut,
    ValidationErrorOut,
)
from api.views import document_detail, document_list

router = APIRouter(prefix="/api/documents", tags=["documents and goals"])

DocumentId = Annotated[
    str,
    Path(description="Slug, prefixed name (doc:...), IRI or title.", min_length=1, max_length=500),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": NotFoundOut, "description": "Unknown document; suggestions listed."},
    422: {"model": ValidationErrorOut, "description": "A parameter is malformed."},
}


@router.get("", response_model=list[DocumentOut], summary="All framework documents")
def list_documents(state: StateDep, lang: LangDep) -> list[DocumentOut]:
    """Strategies, regional chapters, agreements and results contracts, with their kinds,
    what they are part of, how many goals they define, and their sources."""
    return document_list(state, lang)


@router.get(
    "/{document_id:path}/matrix",
    response_model=DocumentMatrixOut,
    responses=NOT_FOUND,
    summary="Clusters x goals of one document",
)
def get_document_matrix(
    document_id: DocumentId,
    state: StateDep,
    lang: LangDep,
    context: ContextQuery = None,
    as_of: AsOfQuery = None,
) -> DocumentMatrixOut:
    """The alignment matrix (the front page's heat map): every cluster's score for every goal
    of the document, with coverage and mean score per cluster, in the decision context on its
    date (``context`` says which; ``counted`` whether the document counts there)."""
    return document_matrix_on(state, document_id, lang, context=context, as_of=as_of)


@router.get(
    "/{document_id:path}",
    response_model=DocumentDetailOut,
    responses=NOT_FOUND,
    summary="One document and its goals",
)
def get_document(document_id: DocumentId, state: StateDep, lang: LangDep) -> DocumentDetailOut:
    """The document and the goals and strength positions it defines, in notation order."""
    return document_detail(state, document_id, lang)
