"""What the supervisor's board reads of routing: each group's queue (length, oldest waiting),
the agents with their presence, capacity and load, and the oldest waiting tickets. A few
GROUP BY queries, whatever the number of tickets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from kefu.routing.models import AgentGroup, AgentPresence, GroupMember, ServiceDesk
from kefu.routing.rules import CHAT_CHANNELS, Presence
from kefu.routing.service.assign import HELD_STATUSES, WAITING_STATUSES
from kefu.routing.service.presence import DEFAULT_CHAT_CAPACITY, DEFAULT_TICKET_CAPACITY
from kefu.tickets.models import Ticket
from kefu.users.models import User


@dataclass(frozen=True)
class QueueSummary:
    """One group's waiting line; ``group_id`` None is the tickets no group took yet."""

    group_id: int | None
    group: str
    desk_id: int | None
    desk: str
    waiting: int
    oldest_at: datetime | None
    members: int
    online: int


@dataclass(frozen=True)
class AgentLoad:
    user_id: int
    username: str
    display_name: str
    work_number: int | None
    role: str
    presence: str
    chat_capacity: int
    ticket_capacity: int
    active_chats: int
    open_tickets: int
    groups: tuple[str, ...]
    since: datetime | None  # when the presence last changed


@dataclass(frozen=True)
class WaitingTicket:
    ticket_id: int
    number: str
    subject: str
    channel: str
    priority: str
    group_id: int | None
    created_at: datetime


def _waiting_by_group(session: Session) -> dict[int | None, tuple[int, datetime | None]]:
    rows = session.execute(
        select(Ticket.group_id, func.count(), func.min(Ticket.created_at))
        .where(Ticket.assignee_id.is_(None), Ticket.status.in_(WAITING_STATUSES))
        .group_by(Ticket.group_id)
    )
    return {group_id: (int(count), oldest) for group_id, count, oldest in rows}


def _staffing(session: Session) -> dict[int, tuple[int, int]]:
    """(members, online members) per group; a deactivated account counts in neither."""
    online = case((AgentPresence.presence == Presence.ONLINE.value, 1), else_=0)
    rows = session.execute(
        select(GroupMember.group_id, func.count(), func.coalesce(func.sum(online), 0))
        .join(User, User.id == GroupMember.user_id)
        .outerjoin(AgentPresence, AgentPresence.user_id == GroupMember.user_id)
        .where(User.is_active.is_(True))
        .group_by(GroupMember.group_id)
    )
    return {group_id: (int(members), int(up)) for group_id, members, up in rows}


def queue_summaries(session: Session) -> list[QueueSummary]:
    """Every group (by desk, then name) with its queue, plus a line for waiting tickets that
    no group holds when there are any."""
    waiting = _waiting_by_group(session)
    staffing = _staffing(session)
    groups = session.execute(
        select(AgentGroup.id, AgentGroup.name, ServiceDesk.id, ServiceDesk.name)
        .join(ServiceDesk, ServiceDesk.id == AgentGroup.desk_id)
        .order_by(ServiceDesk.name, AgentGroup.name)
    ).all()
    out = [
        QueueSummary(
            group_id=group_id,
            group=name,
            desk_id=desk_id,
            desk=desk,
            waiting=waiting.get(group_id, (0, None))[0],
            oldest_at=waiting.get(group_id, (0, None))[1],
            members=staffing.get(group_id, (0, 0))[0],
            online=staffing.get(group_id, (0, 0))[1],
        )
        for group_id, name, desk_id, desk in groups
    ]
    if None in waiting:
        count, oldest = waiting[None]
        out.append(QueueSummary(None, "", None, "", count, oldest, 0, 0))
    return out


def agents_on_board(session: Session) -> list[AgentLoad]:
    """The active staff routing knows (a presence kept, or a member of a group), with their
    load counted from the tickets they hold."""
    members = select(GroupMember.user_id)
    rows = session.execute(
        select(User, AgentPresence)
        .outerjoin(AgentPresence, AgentPresence.user_id == User.id)
        .where(
            User.is_active.is_(True),
            or_(AgentPresence.user_id.is_not(None), User.id.in_(members)),
        )
        .order_by(User.work_number.is_(None), User.work_number, User.id)
    ).all()
    ids = [user.id for user, _ in rows]
    loads = _loads(session, ids)
    group_names: dict[int, list[str]] = defaultdict(list)
    for user_id, name in session.execute(
        select(GroupMember.user_id, AgentGroup.name)
        .join(AgentGroup, AgentGroup.id == GroupMember.group_id)
        .where(GroupMember.user_id.in_(ids))
        .order_by(AgentGroup.name)
    ):
        group_names[user_id].append(name)
    return [
        _agent_load(user, presence, loads.get(user.id, (0, 0)), group_names[user.id])
        for user, presence in rows
    ]


def _loads(session: Session, user_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(active chats, open tickets) per agent, counted as ``assign.loads_of`` counts them, for
    everyone on the board at once: one count per (agent, status, channel), read from the
    ``(assignee_id, status, channel)`` index alone, never from the ticket rows; the few counts
    are added up here."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(Ticket.assignee_id, Ticket.status, Ticket.channel, func.count())
        .where(Ticket.assignee_id.in_(user_ids), Ticket.status.in_(HELD_STATUSES))
        .group_by(Ticket.assignee_id, Ticket.status, Ticket.channel)
    )
    loads: dict[int, tuple[int, int]] = {}
    for user_id, status, channel, count in rows:
        if user_id is None:
            continue
        chats, held = loads.get(user_id, (0, 0))
        if channel in CHAT_CHANNELS:
            chats += int(count) if status in WAITING_STATUSES else 0
        else:
            held += int(count)
        loads[user_id] = (chats, held)
    return loads


def _agent_load(
    user: User, presence: AgentPresence | None, load: tuple[int, int], groups: list[str]
) -> AgentLoad:
    return AgentLoad(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        work_number=user.work_number,
        role=user.role,
        presence=presence.presence if presence else Presence.OFFLINE.value,
        chat_capacity=presence.chat_capacity if presence else DEFAULT_CHAT_CAPACITY,
        ticket_capacity=presence.ticket_capacity if presence else DEFAULT_TICKET_CAPACITY,
        active_chats=load[0],
        open_tickets=load[1],
        groups=tuple(groups),
        since=presence.updated_at if presence else None,
    )


def waiting_tickets(session: Session, limit: int) -> list[WaitingTicket]:
    """The oldest unassigned waiting tickets across all queues (what a supervisor takes over
    first)."""
    rows = session.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.subject,
            Ticket.channel,
            Ticket.priority,
            Ticket.group_id,
            Ticket.created_at,
        )
        .where(Ticket.assignee_id.is_(None), Ticket.status.in_(WAITING_STATUSES))
        .order_by(Ticket.id)
        .limit(limit)
    )
    return [WaitingTicket(*row) for row in rows]


def staff_names(session: Session, user_ids: set[int]) -> dict[int, str]:
    """How the board names staff: their display name, else their username."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(User.id, User.display_name, User.username).where(User.id.in_(user_ids))
    )
    return {user_id: display or username for user_id, display, username in rows}
