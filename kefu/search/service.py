"""Keeping the index current (in the writer's transaction) and answering queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Integer, Select, TextualSelect, column, event, insert, select, text, update
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import table_of
from kefu.core.errors import Invalid
from kefu.search import rules
from kefu.search.models import SearchDocument


class DocKind(StrEnum):
    TICKET = "ticket"
    MESSAGE = "message"
    CUSTOMER = "customer"


@dataclass(frozen=True)
class Hit:
    doc_id: int
    kind: str
    ref_id: int
    ticket_id: int | None
    customer_id: int | None
    title: str
    excerpt: str
    created_at: datetime


# Built once: a statement made per call costs more Python than the INSERT itself.
_INSERT_DOCUMENT = insert(table_of(SearchDocument))
_PENDING = "search_pending"  # session.info key: new documents not yet written


def _pending(session: Session) -> dict[tuple[str, int], dict[str, Any]]:
    pending: dict[tuple[str, int], dict[str, Any]] = session.info.setdefault(_PENDING, {})
    return pending


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    """Documents of things created in the transaction go in as one batch just before it
    commits: opening a ticket indexes its customer, ticket and first message, and one round
    trip instead of three matters on PostgreSQL."""
    pending = session.info.pop(_PENDING, None)
    if pending:
        session.connection().execute(_INSERT_DOCUMENT, list(pending.values()))


def index(
    session: Session,
    kind: DocKind,
    ref_id: int,
    body: str,
    *,
    title: str = "",
    ticket_id: int | None = None,
    customer_id: int | None = None,
    new: bool = False,
) -> None:
    """Add or replace the document for (kind, ref_id) in the current transaction.

    ``new=True`` says the thing was created in this transaction, so there is nothing to replace
    (saves a lookup on the hot write paths); its document is written when the transaction
    commits, with the others of that transaction."""
    values: dict[str, Any] = {
        "tokens": rules.index_text(f"{title}\n{body}"),
        "title": title[:300],
        "excerpt": rules.excerpt(body or title, 160),
        "ticket_id": ticket_id,
        "customer_id": customer_id,
    }
    pending = _pending(session)
    key = (kind.value, ref_id)
    if new or key in pending:
        pending[key] = {"kind": kind.value, "ref_id": ref_id, "created_at": clock.now(), **values}
        return
    existing = session.scalar(
        select(SearchDocument.id).where(
            SearchDocument.kind == kind, SearchDocument.ref_id == ref_id
        )
    )
    if existing is None:
        session.connection().execute(
            _INSERT_DOCUMENT,
            {"kind": kind.value, "ref_id": ref_id, "created_at": clock.now(), **values},
        )
    else:
        session.execute(
            update(SearchDocument).where(SearchDocument.id == existing).values(**values)
        )


def move_messages(session: Session, from_id: int, to_id: int, ids: list[int] | None) -> None:
    """Messages moved to another ticket (merge: ``ids`` None, all of them; split: some)."""
    stmt = update(SearchDocument).where(
        SearchDocument.kind == DocKind.MESSAGE.value, SearchDocument.ticket_id == from_id
    )
    if ids is not None:
        stmt = stmt.where(SearchDocument.ref_id.in_(ids))
    session.execute(stmt.values(ticket_id=to_id))


def reassign_customer(session: Session, from_id: int, to_id: int) -> None:
    for doc in _pending(session).values():
        if doc["customer_id"] == from_id:
            doc["customer_id"] = to_id
    session.execute(
        update(SearchDocument)
        .where(SearchDocument.customer_id == from_id)
        .values(customer_id=to_id)
    )


def _matching_ids(session: Session, terms: list[rules.Term]) -> TextualSelect:
    """Ids of matching documents, from the backend's own full-text index."""
    if session.get_bind().dialect.name == "sqlite":
        sql = text("SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :q")
        return sql.bindparams(q=rules.to_fts5(terms)).columns(column("id", Integer))
    sql = text("SELECT id FROM search_document WHERE tsv @@ CAST(:q AS tsquery)")
    return sql.bindparams(q=rules.to_tsquery(terms)).columns(column("id", Integer))


def search(
    session: Session,
    query: str,
    *,
    kinds: list[DocKind] | None = None,
    limit: int = 20,
    before_id: int | None = None,
) -> list[Hit]:
    """Newest first. ``before_id`` continues after the last hit of the previous page."""
    stmt = select(SearchDocument).where(
        SearchDocument.id.in_(_matching_ids(session, _terms(query)))
    )
    if kinds:
        stmt = stmt.where(SearchDocument.kind.in_([k.value for k in kinds]))
    if before_id is not None:
        stmt = stmt.where(SearchDocument.id < before_id)
    stmt = stmt.order_by(SearchDocument.id.desc()).limit(limit)
    return [
        Hit(
            doc_id=d.id,
            kind=d.kind,
            ref_id=d.ref_id,
            ticket_id=d.ticket_id,
            customer_id=d.customer_id,
            title=d.title,
            excerpt=d.excerpt,
            created_at=d.created_at,
        )
        for d in session.scalars(stmt)
    ]


def _terms(query: str) -> list[rules.Term]:
    terms = rules.parse_query(query)
    if not terms:
        raise Invalid("search.empty_query")
    return terms


def matching_refs(session: Session, query: str, kind: DocKind) -> Select[int]:
    """A subquery of the ids of things of ``kind`` whose document matches ``query``."""
    return select(SearchDocument.ref_id).where(
        SearchDocument.kind == kind.value,
        SearchDocument.id.in_(_matching_ids(session, _terms(query))),
    )


def matching_ticket_ids(session: Session, query: str) -> Select[int | None]:
    """A subquery of ticket ids whose ticket, messages or customer match ``query``: used by the
    ticket list's ``q`` filter."""
    return (
        select(SearchDocument.ticket_id)
        .where(SearchDocument.id.in_(_matching_ids(session, _terms(query))))
        .where(SearchDocument.ticket_id.is_not(None))
    )
