"""The supervisor's view of the floor, read from the contexts that own each part: the board
(queues, agents, SLA alerts, open complaints, the oldest waiting tickets) and today's charts
(volume by channel and hour, first response percentiles, SLA attainment). Reads only; every
count is a GROUP BY in the database, so the cost follows the number of groups, agents and
listed rows, not of tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kefu.aftersales import service as aftersales
from kefu.performance import rules
from kefu.routing import service as routing
from kefu.sla import service as sla
from kefu.tickets import service as tickets
from kefu.tickets.rules import Channel

LIST_LIMIT = 50  # rows per list on the board; the counts are always complete


@dataclass(frozen=True)
class QueueLine:
    group_id: int | None
    group: str
    desk: str
    waiting: int
    longest_wait_s: int
    members: int
    online: int


@dataclass(frozen=True)
class AgentLine:
    user_id: int
    name: str
    username: str
    role: str
    presence: str
    presence_since: datetime | None
    groups: list[str]
    open_tickets: int
    ticket_capacity: int
    active_chats: int
    chat_capacity: int
    ticket_load: float | None
    chat_load: float | None


@dataclass(frozen=True)
class TicketRef:
    ticket_id: int
    number: str
    subject: str
    channel: str
    assignee_id: int | None
    assignee: str  # "" when nobody holds it


@dataclass(frozen=True)
class SlaLine:
    ticket: TicketRef
    metric: str
    state: str
    due_at: datetime | None
    overdue_s: int  # how long past due (0 when not yet due)


@dataclass(frozen=True)
class ComplaintLine:
    ticket: TicketRef
    state: str
    state_since: datetime
    age_s: int  # since the complaint was opened
    in_state_s: int
    due_at: datetime | None
    overdue: bool


@dataclass(frozen=True)
class WaitingLine:
    ticket: TicketRef
    priority: str
    group: str
    wait_s: int


@dataclass(frozen=True)
class Board:
    at: datetime
    queues: list[QueueLine]
    agents: list[AgentLine]
    sla_at_risk: int
    sla_breached: int
    sla: list[SlaLine]
    complaints_open: int
    complaints: list[ComplaintLine]
    waiting: list[WaitingLine]


def _queues(summaries: list[routing.board.QueueSummary], now: datetime) -> list[QueueLine]:
    return [
        QueueLine(
            group_id=q.group_id,
            group=q.group,
            desk=q.desk,
            waiting=q.waiting,
            longest_wait_s=rules.wait_seconds(q.oldest_at, now),
            members=q.members,
            online=q.online,
        )
        for q in summaries
    ]


def _agents(loads: list[routing.board.AgentLoad]) -> list[AgentLine]:
    return [
        AgentLine(
            user_id=a.user_id,
            name=a.display_name or a.username,
            username=a.username,
            role=a.role,
            presence=a.presence,
            presence_since=a.since,
            groups=list(a.groups),
            open_tickets=a.open_tickets,
            ticket_capacity=a.ticket_capacity,
            active_chats=a.active_chats,
            chat_capacity=a.chat_capacity,
            ticket_load=rules.load_ratio(a.open_tickets, a.ticket_capacity),
            chat_load=rules.load_ratio(a.active_chats, a.chat_capacity),
        )
        for a in loads
    ]


def _ref(
    names: dict[int, str], ticket_id: int, number: str, subject: str, channel: str, who: int | None
) -> TicketRef:
    assignee = "" if who is None else names.get(who, f"#{who}")
    return TicketRef(ticket_id, number, subject, channel, who, assignee)


def board(session: Session, now: datetime) -> Board:
    """The live board as of ``now``."""
    summaries = routing.board.queue_summaries(session)
    agents = _agents(routing.board.agents_on_board(session))
    counts = sla.board.alert_counts(session)
    alerts = sla.board.clock_alerts(session, LIST_LIMIT)
    complaints_open, complaints = aftersales.board.open_complaints(session, LIST_LIMIT)
    waiting = routing.board.waiting_tickets(session, LIST_LIMIT)
    names = {a.user_id: a.name for a in agents}
    held = [a.assignee_id for a in alerts] + [c.assignee_id for c in complaints]
    holders = {user_id for user_id in held if user_id is not None}
    names.update(routing.board.staff_names(session, holders - names.keys()))
    group_names = {q.group_id: q.group for q in summaries if q.group_id is not None}
    return Board(
        at=now,
        queues=_queues(summaries, now),
        agents=agents,
        sla_at_risk=counts["at_risk"],
        sla_breached=counts["breached"],
        sla=[
            SlaLine(
                ticket=_ref(names, a.ticket_id, a.number, a.subject, a.channel, a.assignee_id),
                metric=a.metric,
                state=a.state,
                due_at=a.due_at,
                overdue_s=rules.wait_seconds(a.due_at, now),
            )
            for a in alerts
        ],
        complaints_open=complaints_open,
        complaints=[
            ComplaintLine(
                ticket=_ref(names, c.ticket_id, c.number, c.subject, c.channel, c.assignee_id),
                state=c.state,
                state_since=c.state_since,
                age_s=rules.wait_seconds(c.opened_at, now),
                in_state_s=rules.wait_seconds(c.state_since, now),
                due_at=c.due_at,
                overdue=c.due_at is not None and c.due_at <= now,
            )
            for c in complaints
        ],
        waiting=[
            WaitingLine(
                ticket=_ref(names, w.ticket_id, w.number, w.subject, w.channel, None),
                priority=w.priority,
                group=group_names.get(w.group_id, "") if w.group_id is not None else "",
                wait_s=rules.wait_seconds(w.created_at, now),
            )
            for w in waiting
        ],
    )


# -- today's charts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelVolume:
    channel: str
    counts: list[int]  # per local hour, 0–23
    total: int


@dataclass(frozen=True)
class ChannelAttainment:
    channel: str
    met: int
    breached: int
    ratio: float | None


@dataclass(frozen=True)
class Charts:
    day: str  # the local date (Asia/Shanghai)
    timezone: str
    hours: list[int]
    volume: list[ChannelVolume]
    first_response: list[rules.HourPercentiles]
    attainment: list[ChannelAttainment]


def _channel_order(channel: str) -> tuple[int, str]:
    known = [c.value for c in Channel]
    return (known.index(channel) if channel in known else len(known), channel)


def today_charts(session: Session, now: datetime) -> Charts:
    """Today's charts (the local day of ``now``) for the supervisor."""
    day = rules.local_day(now)
    counts = tickets.stats.volume_by_channel_and_bucket(session, day.hour_starts, day.end)
    series = rules.volume_by_hour(counts)
    pairs = tickets.stats.first_responses(session, day.start, day.end)
    settled = rules.attainment_by(sla.board.settled_by_channel(session, day.start, day.end))
    return Charts(
        day=day.day,
        timezone=str(rules.SHANGHAI),
        hours=list(rules.HOURS),
        volume=[
            ChannelVolume(channel, series[channel], sum(series[channel]))
            for channel in sorted(series, key=_channel_order)
        ],
        first_response=rules.first_response_by_hour(pairs),
        attainment=[
            ChannelAttainment(channel, a.met, a.breached, a.ratio)
            for channel, a in sorted(settled.items(), key=lambda kv: _channel_order(kv[0]))
        ],
    )
