"""JSON routes of the customers context under /api/v1."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from kefu.customers import service
from kefu.customers.models import Customer
from kefu.customers.rules import IdentityKind
from kefu.customers.schemas import (
    CustomerCreate,
    CustomerPage,
    CustomerRead,
    CustomerUpdate,
    Identities,
    IdentityRead,
    MergeRequest,
)
from kefu.tickets import service as tickets
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, decode_cursor, next_cursor, require

router = APIRouter(prefix="/api/v1", tags=["customers"])


def _identities(data: Identities | None) -> dict[IdentityKind, str]:
    if data is None:
        return {}
    return {
        IdentityKind(k): v
        for k, v in data.model_dump(include=set(Identities.model_fields)).items()
        if v
    }


def _reads(session: Session, customers: list[Customer]) -> list[CustomerRead]:
    ids = [c.id for c in customers]
    identities = service.identities_of(session, ids)
    counts = tickets.counts_by_customer(session, ids)
    return [
        CustomerRead(
            id=c.id,
            name=c.name,
            identities=[IdentityRead(kind=i.kind, value=i.value) for i in identities[c.id]],
            tags=c.tags or [],
            vip_level=c.vip_level,
            birthday=c.birthday,
            note=c.note,
            blacklisted=c.blacklisted,
            blacklist_reason=c.blacklist_reason,
            blacklisted_by_id=c.blacklisted_by_id,
            blacklisted_at=c.blacklisted_at,
            merged_into_id=c.merged_into_id,
            ticket_counts=counts[c.id],
            ticket_total=sum(counts[c.id].values()),
            created_at=c.created_at,
            updated_at=c.updated_at,
        )
        for c in customers
    ]


@router.get("/customers", response_model=CustomerPage)
def list_customers(
    db: DB,
    caller: Caller,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: str | None = None,
) -> CustomerPage:
    with db.reading() as session:
        found = service.list_customers(
            session, limit=limit + 1, before_id=decode_cursor(cursor), q=(q or "").strip() or None
        )
        items = _reads(session, found[:limit])
    return CustomerPage(items=items, next_cursor=next_cursor([c.id for c in found], limit))


@router.post("/customers", status_code=201, response_model=CustomerRead)
def create_customer(body: CustomerCreate, db: DB, caller: Caller) -> CustomerRead:
    require(caller, Permission.WORK_TICKETS)
    data = service.CustomerInput(name=body.name, identities=_identities(body))
    with db.transaction() as session:
        customer = service.create_customer(
            session, data, tags=body.tags, vip_level=body.vip_level, birthday=body.birthday
        )
        return _reads(session, [customer])[0]


@router.get("/customers/{customer_id}", response_model=CustomerRead)
def get_customer(customer_id: int, db: DB, caller: Caller) -> CustomerRead:
    with db.reading() as session:
        return _reads(session, [service.get_customer(session, customer_id)])[0]


@router.patch("/customers/{customer_id}", response_model=CustomerRead)
def update_customer(customer_id: int, body: CustomerUpdate, db: DB, caller: Caller) -> CustomerRead:
    require(caller, Permission.WORK_TICKETS)
    given = set(body.model_fields_set)
    changes = service.CustomerChanges(
        given=given,
        name=body.name,
        tags=body.tags,
        vip_level=body.vip_level,
        birthday=body.birthday,
        note=body.note,
        blacklisted=body.blacklisted,
        blacklist_reason=body.blacklist_reason,
        add_identities=_identities(body.add_identities),
    )
    with db.transaction() as session:
        customer = service.update_customer(
            session, customer_id, changes, actor_id=caller.user_id, role=caller.role
        )
        return _reads(session, [customer])[0]


@router.post("/customers/{customer_id}/merge", response_model=CustomerRead)
def merge_customers(customer_id: int, body: MergeRequest, db: DB, caller: Caller) -> CustomerRead:
    with db.transaction() as session:
        kept = service.merge_customers(session, customer_id, body.other_id, role=caller.role)
        return _reads(session, [kept])[0]
