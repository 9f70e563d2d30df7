"""GET /api/v1/search: tickets, messages and customers, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kefu.search import service
from kefu.search.schemas import SearchHit, SearchPage
from kefu.web.api_support import DB, Caller, decode_cursor, next_cursor

router = APIRouter(prefix="/api/v1", tags=["search"])


@router.get("/search", response_model=SearchPage)
def search(
    db: DB,
    caller: Caller,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    kind: Annotated[list[service.DocKind] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> SearchPage:
    with db.reading() as session:
        hits = service.search(
            session, q, kinds=kind, limit=limit + 1, before_id=decode_cursor(cursor)
        )
    items = [
        SearchHit(
            kind=h.kind,
            id=h.ref_id,
            ticket_id=h.ticket_id,
            customer_id=h.customer_id,
            title=h.title,
            excerpt=h.excerpt,
            created_at=h.created_at,
        )
        for h in hits[:limit]
    ]
    return SearchPage(items=items, next_cursor=next_cursor([h.doc_id for h in hits], limit))
