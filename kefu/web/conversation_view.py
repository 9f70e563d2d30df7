"""What the conversation page shows, read through the contexts' services: the ticket's messages
with how each arrived, the customer beside it (identities, VIP level, blacklist, orders with
their flagged remarks, other tickets) and the choices of each editable field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales import service as aftersales
from kefu.conversations import service as conversations
from kefu.core.i18n import human_size, label, translate
from kefu.customers import service as customers
from kefu.routing import service as routing
from kefu.tickets import service as tickets
from kefu.tickets.models import Attachment, Message, Ticket
from kefu.tickets.rules import TRANSITIONS, Priority, Status, TicketType
from kefu.users.models import User
from kefu.users.rules import display_name
from kefu.users.service import Principal
from kefu.web.conversation_rules import Said, may_open, waiting_since

ORDERS_SHOWN = 10
OTHER_TICKETS_SHOWN = 20


@dataclass(frozen=True)
class AttachmentView:
    filename: str
    url: str
    size: str


@dataclass(frozen=True)
class MessageView:
    id: int
    author_kind: str
    author: str
    public: bool
    channel: str
    arrival: str | None  # why a channel put it on this ticket, in the reader's language
    body: str
    at: str  # ISO 8601, for the page's script
    at_text: str  # local wall time, for people
    attachments: list[AttachmentView]


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str
    vip_level: int
    blacklisted: bool
    blacklist_reason: str
    tags: list[str]
    identities: list[tuple[str, str]]  # (kind in words, value)


@dataclass(frozen=True)
class RemarkView:
    flag: str
    flag_label: str
    text: str  # 事由--姓名--日期


@dataclass(frozen=True)
class OrderView:
    number: str
    platform: str
    status: str
    paid: str
    items: list[str]
    remarks: list[RemarkView]


@dataclass(frozen=True)
class OtherTicket:
    id: int
    number: str
    subject: str
    status: str
    channel: str
    created: str


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FieldsView:
    ticket_id: int
    status: str
    statuses: list[str]  # the current one, then every allowed move
    priority: str
    type: str
    catalog_item_id: int | None
    catalog: list[Choice]
    tags: str
    assignee_id: int | None
    assignees: list[Choice]
    group_id: int | None
    groups: list[Choice]


def local_text(at: datetime, timezone: str) -> str:
    return at.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S")


def can_open(session: Session, principal: Principal, ticket: Ticket) -> bool:
    hidden = tickets.hidden_groups_for(session, principal)
    return may_open(
        principal.role,
        principal.user_id,
        hidden,
        assignee_id=ticket.assignee_id,
        group_id=ticket.group_id,
    )


def _agent_names(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = session.execute(
        select(User.id, User.work_number, User.display_name, User.username).where(
            User.id.in_(user_ids)
        )
    )
    return {uid: display_name(number, name or username) for uid, number, name, username in rows}


def _author(message: Message, agents: dict[int, str], customer: str, locale: str) -> str:
    if message.author_kind == "agent" and message.author_user_id in agents:
        return agents[message.author_user_id]
    if message.author_kind == "customer":
        return customer
    return translate(f"cv.author.{message.author_kind}", locale)


def _attachments(files: list[Attachment]) -> list[AttachmentView]:
    return [
        AttachmentView(a.filename, f"/api/v1/attachments/{a.id}", human_size(a.size)) for a in files
    ]


def messages_of(
    session: Session, ticket: Ticket, locale: str, timezone: str, *, after: int = 0
) -> list[MessageView]:
    """The ticket's messages after the id ``after``, oldest first."""
    found, files = tickets.list_messages(session, ticket.id)
    found = [m for m in found if m.id > after]
    arrivals = conversations.why(session, [m.id for m in found], locale)
    agents = _agent_names(session, {m.author_user_id for m in found if m.author_user_id})
    customer = customers.names_of(session, [ticket.customer_id]).get(ticket.customer_id, "")
    return [
        MessageView(
            id=m.id,
            author_kind=m.author_kind,
            author=_author(m, agents, customer, locale),
            public=m.public,
            channel=m.channel,
            arrival=arrivals[m.id][2] if m.id in arrivals else None,
            body=m.body_text,
            at=m.created_at.isoformat(timespec="milliseconds"),
            at_text=local_text(m.created_at, timezone),
            attachments=_attachments(files[m.id]),
        )
        for m in found
    ]


def waiting_from(messages: list[MessageView]) -> str | None:
    said = [Said(m.author_kind, m.public, datetime.fromisoformat(m.at)) for m in messages]
    since = waiting_since(said)
    return since.isoformat() if since else None


def customer_of(session: Session, customer_id: int, locale: str) -> CustomerView:
    customer = customers.get_customer(session, customer_id)
    identities = customers.identities_of(session, [customer_id])[customer_id]
    return CustomerView(
        id=customer.id,
        name=customer.name,
        vip_level=customer.vip_level,
        blacklisted=customer.blacklisted,
        blacklist_reason=customer.blacklist_reason or "",
        tags=list(customer.tags or []),
        identities=[(label(i.kind, locale), i.value) for i in identities],
    )


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def orders_of(session: Session, customer_id: int, locale: str) -> list[OrderView]:
    orders = aftersales.orders_of_customer(session, customer_id, limit=ORDERS_SHOWN)
    ids = [o.id for o in orders]
    items, remarks = aftersales.items_of(session, ids), aftersales.remarks_of(session, ids)
    return [
        OrderView(
            number=o.number,
            platform=o.platform,
            status=translate(f"aftersales.order_status.{o.status}", locale),
            paid=translate("cv.orders.paid", locale, amount=_yuan(o.paid_fen)),
            items=[
                " ".join(p for p in (i.title, i.colour, i.size, f"×{i.quantity}") if p)
                for i in items[o.id]
            ],
            remarks=[
                RemarkView(
                    r.flag,
                    translate(f"aftersales.flag.{r.flag}", locale),
                    aftersales.remark_text(r),
                )
                for r in remarks[o.id]
            ],
        )
        for o in orders
    ]


def other_tickets(
    session: Session, principal: Principal, ticket: Ticket, timezone: str
) -> tuple[list[OtherTicket], int]:
    """The customer's other tickets the reader may open, and how many more there are."""
    found = tickets.list_tickets(
        session,
        tickets.TicketFilters(customer_id=ticket.customer_id),
        limit=OTHER_TICKETS_SHOWN + 1,
    )
    others = [t for t in found if t.id != ticket.id][:OTHER_TICKETS_SHOWN]
    hidden = tickets.hidden_groups_for(session, principal)  # once, not once a ticket
    shown = [
        t
        for t in others
        if may_open(
            principal.role,
            principal.user_id,
            hidden,
            assignee_id=t.assignee_id,
            group_id=t.group_id,
        )
    ]
    return [
        OtherTicket(
            t.id, t.number, t.subject, t.status, t.channel, local_text(t.created_at, timezone)
        )
        for t in shown
    ], len(others) - len(shown)


def _user_choices(session: Session) -> list[Choice]:
    rows = session.execute(
        select(User.id, User.work_number, User.display_name, User.username)
        .where(User.is_active)
        .order_by(User.id)
    )
    return [Choice(str(uid), display_name(n, name or user)) for uid, n, name, user in rows]


def fields_of(session: Session, ticket: Ticket) -> FieldsView:
    current = Status(ticket.status)
    moves = sorted(TRANSITIONS[current], key=list(Status).index)
    return FieldsView(
        ticket_id=ticket.id,
        status=current.value,
        statuses=[current.value, *(s.value for s in moves)],
        priority=ticket.priority if ticket.priority in set(Priority) else Priority.NORMAL.value,
        type=ticket.type if ticket.type in set(TicketType) else TicketType.OTHER.value,
        catalog_item_id=ticket.catalog_item_id,
        catalog=[Choice(str(c.id), c.path) for c in tickets.list_catalog(session)],
        tags=", ".join(tickets.tags_of(session, [ticket.id])[ticket.id]),
        assignee_id=ticket.assignee_id,
        assignees=_user_choices(session),
        group_id=ticket.group_id,
        groups=[Choice(str(g.id), g.name) for g in routing.list_groups(session)],
    )
