"""Automatic assignment: each group's waiting tickets go to its online agents with room, oldest
first, by the group's strategy. Run by the worker (woken at once when work or an agent turns
up); all of a group's decisions happen under row locks so two workers never hand one agent more
than their capacity."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, and_, bindparam, case, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import Database
from kefu.core.events import record
from kefu.customers.models import Customer
from kefu.routing.models import AgentGroup, AgentPresence, GroupMember, RoundRobinCursor
from kefu.routing.rules import (
    CHAT_CHANNELS,
    AgentState,
    Presence,
    Strategy,
    WorkItem,
    WorkKind,
    assign_backlog,
    estimated_wait_s,
    has_room,
    queue_position,
    work_kind,
)
from kefu.tickets.events import TicketChanged
from kefu.tickets.models import AuditEntry, Ticket, TicketTag
from kefu.tickets.service import audit
from kefu.users.models import User

WAITING_STATUSES = ("new", "open")
HELD_STATUSES = ("new", "open", "pending", "on_hold")
BATCH = 200


def assign_waiting(db: Database, _settings: object = None) -> int:
    """One pass over every auto-assigning group that has waiting tickets; returns how many
    tickets were assigned."""
    with db.reading() as session:
        groups = list(
            session.scalars(
                select(Ticket.group_id)
                .join(AgentGroup, AgentGroup.id == Ticket.group_id)
                .where(
                    AgentGroup.auto_assign.is_(True),
                    Ticket.assignee_id.is_(None),
                    Ticket.status.in_(WAITING_STATUSES),
                )
                .distinct()
            )
        )
    done = 0
    for group_id in groups:
        if group_id is None:
            continue
        with db.transaction() as session:
            done += assign_group(session, group_id, clock.now())
    return done


def assign_group(session: Session, group_id: int, now: datetime) -> int:
    group = session.get(AgentGroup, group_id)
    if group is None or not group.auto_assign:
        return 0
    cursor = _lock_cursor(session, group_id)
    agents = agent_states(session, group_id, lock=True)
    if not any(a.presence == Presence.ONLINE for a in agents):
        return 0
    strategy = Strategy(group.strategy)
    waiting = waiting_items(
        session, group_id, strategy == Strategy.STICKY, skills=strategy == Strategy.SKILLS
    )
    pairs = assign_backlog(Strategy(group.strategy), agents, waiting, cursor=cursor.last_user_id)
    done = 0
    for ticket_id, user_id in pairs:
        if _assign(session, ticket_id, user_id, now):
            cursor.last_user_id = user_id
            done += 1
    return done


_CURSOR = select(RoundRobinCursor).where(RoundRobinCursor.group_id == bindparam("group_id"))


def _lock_cursor(session: Session, group_id: int) -> RoundRobinCursor:
    cursor = session.scalar(_CURSOR.with_for_update(), {"group_id": group_id})
    if cursor is None:
        # Two workers meeting a group for the first time both miss the row: the upsert lets
        # the second wait for the first's row (and its lock) instead of failing on the key.
        insert_ = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert_(RoundRobinCursor)
            .values(group_id=group_id, last_user_id=None)
            .on_conflict_do_nothing(index_elements=["group_id"])
        )
        cursor = session.scalars(_CURSOR.with_for_update(), {"group_id": group_id}).one()
    return cursor


def agent_states(session: Session, group_id: int, *, lock: bool = False) -> list[AgentState]:
    # A deactivated account takes no work, whatever its last presence said.
    members = (
        select(GroupMember.user_id)
        .join(User, User.id == GroupMember.user_id)
        .where(GroupMember.group_id == group_id, User.is_active.is_(True))
    )
    query = (
        select(AgentPresence)
        .where(AgentPresence.user_id.in_(members))
        .order_by(AgentPresence.user_id)
    )
    rows = list(session.scalars(query.with_for_update() if lock else query))
    loads = loads_of(session, [r.user_id for r in rows])
    return [
        AgentState(
            user_id=r.user_id,
            presence=Presence(r.presence),
            chat_capacity=r.chat_capacity,
            ticket_capacity=r.ticket_capacity,
            active_chats=loads[r.user_id][0],
            open_tickets=loads[r.user_id][1],
            skills=frozenset(r.skills),
            last_assigned_at=r.last_assigned_at,
        )
        for r in rows
    ]


def loads_of(session: Session, user_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(active chats, open tickets) per agent, counted from the tickets themselves: a stored
    counter would drift, a count over the assignee index does not."""
    if not user_ids:
        return {}
    is_chat = Ticket.channel.in_(CHAT_CHANNELS)
    rows = session.execute(
        select(
            Ticket.assignee_id,
            func.sum(case((and_(is_chat, Ticket.status.in_(WAITING_STATUSES)), 1), else_=0)),
            func.sum(case((is_chat, 0), else_=1)),
        )
        .where(Ticket.assignee_id.in_(user_ids), Ticket.status.in_(HELD_STATUSES))
        .group_by(Ticket.assignee_id)
    )
    loads: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for user_id, chats, tickets in rows:
        if user_id is not None:
            loads[user_id] = (int(chats or 0), int(tickets or 0))
    return loads


def waiting_items(
    session: Session, group_id: int, sticky: bool, skills: bool = False
) -> list[WorkItem]:
    rows = session.execute(
        select(Ticket.id, Ticket.channel, Ticket.created_at, Ticket.customer_id)
        .where(
            Ticket.group_id == group_id,
            Ticket.assignee_id.is_(None),
            Ticket.status.in_(WAITING_STATUSES),
        )
        .order_by(Ticket.id)
        .limit(BATCH)
    ).all()
    if sticky:
        own = _own_previous_agents(session, [r.id for r in rows])
        served = _previous_agents(session, [r.customer_id for r in rows])
    else:
        own, served = {}, {}
    needs = _required_skills(session, rows) if skills else {}
    return [
        WorkItem(
            ticket_id=r.id,
            kind=work_kind(r.channel),
            waiting_since=r.created_at,
            required_skills=needs.get(r.id, frozenset()),
            previous_agent_id=own.get(r.id, served.get(r.customer_id)),
        )
        for r in rows
    ]


SKILL_TAG = "skill:"
VIP_SKILL = "vip"


def _required_skills(
    session: Session, rows: Sequence[Row[int, str, datetime, int]]
) -> dict[int, frozenset[str]]:
    """What a waiting ticket needs of its agent: each ``skill:<name>`` tag (a routing rule's
    ``add_tags`` sets them: ``skill:english``, ``skill:家电``) and ``vip`` for a VIP customer."""
    ids = [r.id for r in rows]
    needs: dict[int, set[str]] = defaultdict(set)
    for ticket_id, tag in session.execute(
        select(TicketTag.ticket_id, TicketTag.tag).where(
            TicketTag.ticket_id.in_(ids), TicketTag.tag.startswith(SKILL_TAG)
        )
    ):
        needs[ticket_id].add(tag.removeprefix(SKILL_TAG))
    vips = set(
        session.scalars(
            select(Customer.id).where(
                Customer.id.in_({r.customer_id for r in rows}), Customer.vip_level > 0
            )
        )
    )
    for r in rows:
        if r.customer_id in vips:
            needs[r.id].add(VIP_SKILL)
    return {k: frozenset(v) for k, v in needs.items()}


def _own_previous_agents(session: Session, ticket_ids: list[int]) -> dict[int, int]:
    """The agent each waiting ticket had before the system put it back in the queue (a
    conversation reopened while its agent was away): the audit log remembers them. A person's
    transfer away from an agent is not undone here."""
    if not ticket_ids:
        return {}
    rows = session.execute(
        select(AuditEntry.ticket_id, AuditEntry.old_value)
        .where(
            AuditEntry.ticket_id.in_(ticket_ids),
            AuditEntry.field == "assignee_id",
            AuditEntry.actor_kind == "system",
            AuditEntry.new_value.is_(None),
            AuditEntry.old_value.is_not(None),
        )
        .order_by(AuditEntry.id)
    )
    return {t: int(old) for t, old in rows if old is not None and old.isdigit()}


def _previous_agents(session: Session, customer_ids: list[int]) -> dict[int, int]:
    """The agent who last served each customer (for sticky groups)."""
    if not customer_ids:
        return {}
    last = (
        select(func.max(Ticket.id))
        .where(Ticket.customer_id.in_(customer_ids), Ticket.assignee_id.is_not(None))
        .group_by(Ticket.customer_id)
    )
    rows = session.execute(
        select(Ticket.customer_id, Ticket.assignee_id).where(Ticket.id.in_(last))
    )
    return {c: a for c, a in rows if a is not None}


def _assign(session: Session, ticket_id: int, user_id: int, now: datetime) -> bool:
    """Give the ticket to ``user_id`` unless someone took it meanwhile (a person assigning it
    by hand): the condition on the row, not the earlier read, decides."""
    done = session.execute(
        update(Ticket)
        .where(Ticket.id == ticket_id, Ticket.assignee_id.is_(None))
        .values(assignee_id=user_id, updated_at=now)
    )
    if not getattr(done, "rowcount", 0):
        return False
    audit(session, ticket_id, None, "assignee_id", None, user_id)
    session.execute(
        update(AgentPresence).where(AgentPresence.user_id == user_id).values(last_assigned_at=now)
    )
    record(session, TicketChanged(ticket_id, ("assignee_id",)))
    return True


# Until handle times are measured per group, a chat or ticket is taken to need five minutes.
AVERAGE_HANDLE_S = 300.0


@dataclass(frozen=True)
class Waiting:
    item: WorkItem
    position: int
    estimated_wait_s: float | None  # None: nobody online with room, no estimate


def queue_of(session: Session, group_id: int) -> tuple[int, list[Waiting]]:
    """A group's waiting line with each item's place and estimated wait, and how many of its
    agents are online with room."""
    agents = agent_states(session, group_id)
    items = waiting_items(session, group_id, sticky=False)
    out = []
    for item in items:
        room = sum(1 for a in agents if a.presence == Presence.ONLINE and has_room(a, item.kind))
        position = queue_position(items, item.ticket_id)
        wait = estimated_wait_s(position, room, AVERAGE_HANDLE_S)
        out.append(Waiting(item, position, None if math.isinf(wait) else wait))
    online = sum(
        1
        for a in agents
        if a.presence == Presence.ONLINE
        and (has_room(a, WorkKind.CHAT) or has_room(a, WorkKind.TICKET))
    )
    return online, out
