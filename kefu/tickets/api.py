"""JSON routes of the tickets context under /api/v1: parse, one service call, schema."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from kefu.conversations import service as conversations
from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.sla import service as sla
from kefu.tickets import service
from kefu.tickets.models import Attachment, CatalogItem, Message, Ticket
from kefu.tickets.schemas import (
    ArrivalRead,
    AttachmentRead,
    AuditList,
    AuditRead,
    CatalogItemCreate,
    CatalogItemRead,
    CatalogList,
    MessageCreate,
    MessageList,
    MessageRead,
    SlaBadge,
    TicketCreate,
    TicketMerge,
    TicketPage,
    TicketRead,
    TicketUpdate,
)
from kefu.tickets.service.opening import Idempotency
from kefu.users.rules import Permission
from kefu.users.service import Principal
from kefu.web.api_support import (
    DB,
    Caller,
    CurrentSettings,
    decode_cursor,
    locale_of,
    next_cursor,
    require,
)

router = APIRouter(prefix="/api/v1", tags=["tickets"])

MAX_PAGE = 100


def _reads(
    session: Session, tickets: list[Ticket], tags: dict[int, list[str]] | None = None
) -> list[TicketRead]:
    """``tags``: when the caller already knows them (a ticket it just opened, whose response
    also leaves out the SLA clocks: they are one GET away and the create path stays short)."""
    clocks = None
    if tags is None:
        tags = service.tags_of(session, [t.id for t in tickets])
        clocks = sla.badges_of(session, [t.id for t in tickets])
    catalog_ids = {t.catalog_item_id for t in tickets if t.catalog_item_id}
    paths: dict[int, str] = {}
    if catalog_ids:
        rows = session.execute(
            select(CatalogItem.id, CatalogItem.path).where(CatalogItem.id.in_(catalog_ids))
        )
        paths = {item_id: path for item_id, path in rows}
    return [
        TicketRead(
            id=t.id,
            number=t.number,
            subject=t.subject,
            status=t.status,
            priority=t.priority,
            type=t.type,
            channel=t.channel,
            customer_id=t.customer_id,
            catalog_item_id=t.catalog_item_id,
            catalog_item=paths.get(t.catalog_item_id) if t.catalog_item_id else None,
            assignee_id=t.assignee_id,
            group_id=t.group_id,
            sla=[SlaBadge(**b) for b in clocks.get(t.id, [])] if clocks is not None else None,
            tags=tags[t.id],
            custom_fields=t.custom_fields or {},
            created_at=t.created_at,
            updated_at=t.updated_at,
            first_response_at=t.first_response_at,
            solved_at=t.solved_at,
            closed_at=t.closed_at,
            merged_into_id=t.merged_into_id,
        )
        for t in tickets
    ]


def _customer_input(body: TicketCreate) -> CustomerInput:
    ref = body.customer
    identities = {
        kind: value
        for kind, value in (
            (IdentityKind.EMAIL, ref.email),
            (IdentityKind.PHONE, ref.phone),
            (IdentityKind.WECHAT_OPENID, ref.wechat_openid),
            (IdentityKind.BUYER_NICK, ref.buyer_nick),
        )
        if value
    }
    return CustomerInput(name=ref.name, identities=identities)


@router.post("/tickets", status_code=201, response_model=TicketRead)
def create_ticket(
    body: TicketCreate,
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    require(caller, Permission.WORK_TICKETS)
    data = service.NewTicket(
        subject=body.subject,
        description=body.description,
        description_html=body.description_html,
        customer=_customer_input(body),
        priority=body.priority,
        type=body.type,
        channel=body.channel,
        catalog_item=body.catalog_item,
        tags=body.tags,
        custom_fields=body.custom_fields,
    )
    key = (
        Idempotency(idempotency_key, hashlib.sha256(body.model_dump_json().encode()).hexdigest())
        if idempotency_key
        else None
    )

    def open_it(session: Session) -> tuple[TicketRead, bool]:
        ticket, replayed = service.open_ticket(
            session, data, actor=caller, timezone=settings.timezone, idempotency=key
        )
        known = None if replayed else {ticket.id: sorted(set(data.tags))}
        return _reads(session, [ticket], known)[0], replayed

    # Two requests racing to create the same new customer or to use one Idempotency-Key
    # (PostgreSQL): the loser runs again and finds what the winner committed.
    read, replayed = db.retrying(open_it)
    headers = {"Location": f"/api/v1/tickets/{read.id}"}
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    # Serialised here, once: returned as a model, FastAPI would validate it again against the
    # response model, a measurable share of this hot path's CPU.
    return Response(
        read.model_dump_json(), status_code=201, media_type="application/json", headers=headers
    )


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


@router.get("/tickets", response_model=TicketPage)
def list_tickets(
    db: DB,
    caller: Caller,
    status: Annotated[str | None, Query(description="comma-separated")] = None,
    priority: str | None = None,
    type: str | None = None,
    assignee_id: int | None = None,
    unassigned: bool = False,
    group_id: int | None = None,
    customer_id: int | None = None,
    tag: str | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: str | None = None,
) -> TicketPage:
    filters = service.TicketFilters(
        status=_checked("status", _split(status)),
        priority=_checked("priority", _split(priority)),
        type=_checked("type", _split(type)),
        assignee_id=assignee_id,
        unassigned=unassigned,
        group_id=group_id,
        customer_id=customer_id,
        tag=tag,
        created_after=_aware("created_after", created_after),
        created_before=_aware("created_before", created_before),
        q=q.strip() if q and q.strip() else None,
    )
    with db.reading() as session:
        filters.hidden_group_ids = service.hidden_groups_for(session, caller)
        filters.viewer_id = caller.user_id
        tickets = service.list_tickets(
            session, filters, limit=limit + 1, before_id=decode_cursor(cursor)
        )
        items = _reads(session, tickets[:limit])
    return TicketPage(items=items, next_cursor=next_cursor([t.id for t in tickets], limit))


def _checked(name: str, values: list[str] | None) -> list[str] | None:
    from kefu.tickets.rules import Priority, Status, TicketType

    allowed = {"status": Status, "priority": Priority, "type": TicketType}[name]
    if values:
        bad = [v for v in values if v not in allowed.__members__.values()]
        if bad:
            choices = ", ".join(m.value for m in allowed)
            raise Invalid(
                "validation_failed", fields={name: FieldError("field.choice", {"choices": choices})}
            )
    return values


def _aware(name: str, value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise Invalid("validation_failed", fields={name: FieldError("field.datetime")})
    return value


def _visible(session: Session, caller: Principal, ticket_id: int) -> Ticket:
    """The ticket, if the caller may see it; a private desk's ticket is not found by others
    (404, not 403: its existence is not for them to learn)."""
    ticket = service.get_ticket(session, ticket_id)
    if not service.may_see(session, caller, ticket):
        raise NotFound("ticket.not_found")
    return ticket


@router.get("/tickets/{ticket_id}", response_model=TicketRead)
def get_ticket(ticket_id: int, db: DB, caller: Caller) -> TicketRead:
    with db.reading() as session:
        return _reads(session, [_visible(session, caller, ticket_id)])[0]


@router.patch("/tickets/{ticket_id}", response_model=TicketRead)
def update_ticket(ticket_id: int, body: TicketUpdate, db: DB, caller: Caller) -> TicketRead:
    require(caller, Permission.WORK_TICKETS)
    changes = service.TicketChanges(
        given=set(body.model_fields_set),
        status=body.status,
        priority=body.priority,
        type=body.type,
        assignee_id=body.assignee_id,
        tags=body.tags,
        catalog_item=body.catalog_item,
        custom_fields=body.custom_fields or {},
        subject=body.subject,
    )
    with db.transaction() as session:
        _visible(session, caller, ticket_id)
        ticket = service.update_ticket(session, ticket_id, changes, actor=caller)
        return _reads(session, [ticket])[0]


def _message_read(
    message: Message, files: list[Attachment], arrival: tuple[str, str, str] | None = None
) -> MessageRead:
    return MessageRead(
        arrival=ArrivalRead(channel=arrival[0], rule=arrival[1], reason=arrival[2])
        if arrival
        else None,
        id=message.id,
        ticket_id=message.ticket_id,
        author_kind=message.author_kind,
        author_user_id=message.author_user_id,
        author_customer_id=message.author_customer_id,
        public=message.public,
        channel=message.channel,
        body=message.body_text,
        body_html=message.body_html,
        created_at=message.created_at,
        attachments=[
            AttachmentRead(
                id=a.id,
                filename=a.filename,
                content_type=a.content_type,
                size=a.size,
                sha256=a.sha256,
                url=f"/api/v1/attachments/{a.id}",
            )
            for a in files
        ],
    )


@router.post("/tickets/{ticket_id}/take", response_model=TicketRead)
def take_ticket(ticket_id: int, db: DB, caller: Caller) -> TicketRead:
    """Take a ticket nobody holds (接入): assigned to the caller, or 409 when another agent got
    it first (two agents clicking at once: exactly one wins)."""
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        _visible(session, caller, ticket_id)
        ticket = service.take_ticket(session, ticket_id, caller)
        return _reads(session, [ticket])[0]


@router.get("/tickets/{ticket_id}/messages", response_model=MessageList)
def list_messages(ticket_id: int, request: Request, db: DB, caller: Caller) -> MessageList:
    with db.reading() as session:
        _visible(session, caller, ticket_id)
        messages, files = service.list_messages(session, ticket_id)
        arrivals = conversations.why(session, [m.id for m in messages], locale_of(request))
        return MessageList(
            items=[_message_read(m, files[m.id], arrivals.get(m.id)) for m in messages]
        )


_MESSAGE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": MessageCreate.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "body": {"type": "string"},
                        "public": {"type": "boolean"},
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    },
                }
            },
        },
    }
}


@router.post(
    "/tickets/{ticket_id}/messages",
    status_code=201,
    response_model=MessageRead,
    openapi_extra=_MESSAGE_BODY,
)
async def add_message(
    ticket_id: int, request: Request, db: DB, caller: Caller, settings: CurrentSettings
) -> MessageRead:
    """A public reply or an internal note, as JSON ``{body, public}`` or as multipart with files."""
    require(caller, Permission.WORK_TICKETS)
    uploads: list[service.NewAttachment] = []
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form()
        body = _parse_message(
            {"body": form.get("body") or "", "public": form.get("public", "true")}
        )
        for item in form.getlist("files"):
            if isinstance(item, UploadFile):
                uploads.append(
                    service.NewAttachment(item.filename or "", item.content_type or "", item.file)
                )
    else:
        body = _parse_message(await request.body())

    def write() -> MessageRead:
        with db.transaction() as session:
            _visible(session, caller, ticket_id)
            message = service.add_message(
                session,
                ticket_id,
                body=body.body,
                body_html=body.html,
                public=body.public,
                actor=caller,
                attachments=uploads,
                attachments_root=settings.attachments_dir,
                max_attachment_bytes=settings.max_attachment_bytes,
            )
            session.flush()
            files = list(
                session.scalars(select(Attachment).where(Attachment.message_id == message.id))
            )
            return _message_read(message, files)

    return await run_in_threadpool(write)


def _parse_message(raw: bytes | dict[str, object]) -> MessageCreate:
    try:
        if isinstance(raw, bytes):
            return MessageCreate.model_validate_json(raw or b"{}")
        return MessageCreate.model_validate(raw)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from exc


@router.get("/attachments/{attachment_id}", response_class=FileResponse)
def download_attachment(
    attachment_id: int, db: DB, caller: Caller, settings: CurrentSettings
) -> FileResponse:
    with db.reading() as session:
        attachment = service.get_attachment(session, attachment_id)
        _visible(session, caller, attachment.ticket_id)
    return FileResponse(
        service.attachment_path(settings.attachments_dir, attachment),
        media_type=attachment.content_type,
        filename=attachment.filename,
    )


@router.post("/tickets/{ticket_id}/merge", response_model=TicketRead)
def merge_ticket(ticket_id: int, body: TicketMerge, db: DB, caller: Caller) -> TicketRead:
    """Merge this ticket into another (threading put one conversation in two tickets)."""
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        _visible(session, caller, ticket_id)
        _visible(session, caller, body.into_id)
        target = service.merge_tickets(session, ticket_id, body.into_id, actor=caller)
        return _reads(session, [target])[0]


@router.post(
    "/tickets/{ticket_id}/messages/{message_id}/split",
    status_code=201,
    response_model=TicketRead,
)
def split_message(
    ticket_id: int, message_id: int, db: DB, caller: Caller, settings: CurrentSettings
) -> TicketRead:
    """Move one message out into a new ticket of its own (it did not belong here)."""
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        _visible(session, caller, ticket_id)
        fresh = service.split_message(
            session, ticket_id, message_id, actor=caller, timezone=settings.timezone
        )
        return _reads(session, [fresh])[0]


@router.get("/tickets/{ticket_id}/audit", response_model=AuditList)
def ticket_audit(ticket_id: int, db: DB, caller: Caller) -> AuditList:
    with db.reading() as session:
        _visible(session, caller, ticket_id)
        entries = service.audit_of(session, ticket_id)
        return AuditList(
            items=[
                AuditRead(
                    id=e.id,
                    at=e.at,
                    actor_kind=e.actor_kind,
                    actor_user_id=e.actor_user_id,
                    field=e.field,
                    old=e.old_value,
                    new=e.new_value,
                )
                for e in entries
            ]
        )


def _catalog_read(item: CatalogItem) -> CatalogItemRead:
    return CatalogItemRead(
        id=item.id,
        parent_id=item.parent_id,
        name=item.name,
        path=item.path,
        field_schema=item.field_schema,
    )


@router.get("/catalog", response_model=CatalogList)
def list_catalog(db: DB, caller: Caller) -> CatalogList:
    with db.reading() as session:
        return CatalogList(items=[_catalog_read(i) for i in service.list_catalog(session)])


@router.post("/catalog", status_code=201, response_model=CatalogItemRead)
def create_catalog_item(body: CatalogItemCreate, db: DB, caller: Caller) -> CatalogItemRead:
    require(caller, Permission.MANAGE_CATALOG)
    with db.transaction() as session:
        return _catalog_read(service.create_catalog_item(session, body.path, body.field_schema))
