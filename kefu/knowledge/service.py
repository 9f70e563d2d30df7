"""Use cases of canned replies: find them for an agent (variables filled in for that agent and
ticket), write them (supervisors and admins), and the handbooks' scripts every install starts
with. Each runs in the caller's transaction; a bad input raises before anything is written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.customers import service as customers
from kefu.knowledge import rules
from kefu.knowledge.models import CannedReply
from kefu.knowledge.seeds import SEEDS
from kefu.tickets import service as tickets
from kefu.users import service as users
from kefu.users.rules import display_name

MAX_QUERY = 100
POSITION_STEP = 10


@dataclass(frozen=True)
class ReplyInput:
    title: str
    shortcut: str
    category: str
    body: str
    locale: str = "zh-CN"
    position: int | None = None  # None: after the last one


@dataclass(frozen=True)
class ReplyChanges:
    """Only the fields given change (None: unchanged)."""

    title: str | None = None
    shortcut: str | None = None
    category: str | None = None
    body: str | None = None
    locale: str | None = None
    position: int | None = None
    active: bool | None = None


@dataclass(frozen=True)
class FoundReply:
    reply: CannedReply
    rendered: rules.Rendered


# -- reading -------------------------------------------------------------------------------------


def get_reply(session: Session, reply_id: int) -> CannedReply:
    reply = session.get(CannedReply, reply_id)
    if reply is None:
        raise NotFound("knowledge.reply_not_found")
    return reply


def list_replies(
    session: Session,
    *,
    q: str | None = None,
    category: str | None = None,
    include_inactive: bool = False,
) -> list[CannedReply]:
    """Replies matching ``q`` best first (shortcut, title, pinyin initials, text), then by
    position; only active ones unless asked."""
    _check_filters(q, category)
    stmt = select(CannedReply)
    if not include_inactive:
        stmt = stmt.where(CannedReply.active.is_(True))
    if category:
        stmt = stmt.where(CannedReply.category == category)
    found = session.scalars(stmt.order_by(CannedReply.position, CannedReply.id))
    return rules.ranked(
        q.strip() if q else None,
        found,
        lambda r: (r.shortcut, r.title, r.body, r.position, r.id),
    )


def _check_filters(q: str | None, category: str | None) -> None:
    problems: dict[str, FieldError] = {}
    if q is not None and len(q) > MAX_QUERY:
        problems["q"] = FieldError("field.too_long", {"max": MAX_QUERY})
    if category and category not in rules.CATEGORIES:
        problems["category"] = FieldError("knowledge.category_unknown")
    if problems:
        raise Invalid("validation_failed", fields=problems)


def variables_for(
    session: Session, *, username: str, shop_name: str, ticket_id: int | None = None
) -> dict[str, str]:
    """The values of the variables for this agent (their work-number label, 客服8号) and, with a
    ticket, its customer (else 亲)."""
    user = users.get_user_by_username(session, username)
    agent = display_name(user.work_number, user.display_name) if user else username
    name: str | None = None
    if ticket_id is not None:
        ticket = tickets.get_ticket(session, ticket_id)
        name = customers.names_of(session, [ticket.customer_id]).get(ticket.customer_id)
    return {
        "agent_number": agent,
        "shop_name": shop_name,
        "customer_name": rules.customer_name(name),
    }


def find_replies(
    session: Session,
    *,
    username: str,
    shop_name: str,
    q: str | None = None,
    category: str | None = None,
    ticket_id: int | None = None,
) -> list[FoundReply]:
    """What an agent sees when looking for a reply: matches, each filled in for them."""
    found = list_replies(session, q=q, category=category)
    values = variables_for(session, username=username, shop_name=shop_name, ticket_id=ticket_id)
    return [FoundReply(r, rules.render(r.body, values)) for r in found]


# -- writing -------------------------------------------------------------------------------------


def _cleaned(data: ReplyInput) -> ReplyInput:
    return replace(
        data,
        title=data.title.strip(),
        shortcut=rules.clean_shortcut(data.shortcut),
        body=data.body.strip(),
        locale=data.locale.strip(),
    )


def _validate(session: Session, data: ReplyInput, *, active: bool, own_id: int | None) -> None:
    problems = rules.validate_reply(
        title=data.title,
        shortcut=data.shortcut,
        body=data.body,
        category=data.category,
        locale=data.locale,
    )
    if "shortcut" not in problems and active:
        taken = _shortcut_owner(session, data.shortcut, own_id)
        if taken is not None:
            problems["shortcut"] = _taken(data.shortcut, taken.title)
    if problems:
        raise Invalid("validation_failed", fields=problems)


def _shortcut_owner(session: Session, shortcut: str, own_id: int | None) -> CannedReply | None:
    stmt = select(CannedReply).where(CannedReply.shortcut == shortcut, CannedReply.active.is_(True))
    if own_id is not None:
        stmt = stmt.where(CannedReply.id != own_id)
    return session.scalars(stmt).first()


def _taken(shortcut: str, title: str) -> FieldError:
    return FieldError("knowledge.shortcut_taken", {"shortcut": shortcut, "title": title})


@contextmanager
def _unique_shortcut(session: Session, shortcut: str) -> Iterator[None]:
    """Writes in a savepoint: a concurrent writer that took the same shortcut between our check
    and our write makes the unique index refuse, reported like the check would have."""
    try:
        with session.begin_nested():
            yield
    except IntegrityError as exc:
        raise Invalid("validation_failed", fields={"shortcut": _taken(shortcut, "…")}) from exc


def _next_position(session: Session) -> int:
    last = session.scalar(select(func.max(CannedReply.position)))
    return (last or 0) + POSITION_STEP


def create_reply(session: Session, data: ReplyInput, *, actor_id: int | None) -> CannedReply:
    data = _cleaned(data)
    _validate(session, data, active=True, own_id=None)
    reply = CannedReply(
        title=data.title,
        shortcut=data.shortcut,
        category=data.category,
        body=data.body,
        locale=data.locale,
        position=_next_position(session) if data.position is None else data.position,
        active=True,
        source="",
        seed_key=None,
        created_by=actor_id,
        updated_at=clock.now(),
    )
    with _unique_shortcut(session, data.shortcut):
        session.add(reply)
    return reply


def update_reply(session: Session, reply_id: int, changes: ReplyChanges) -> CannedReply:
    reply = get_reply(session, reply_id)
    data = _cleaned(
        ReplyInput(
            title=_pick(changes.title, reply.title),
            shortcut=_pick(changes.shortcut, reply.shortcut),
            category=_pick(changes.category, reply.category),
            body=_pick(changes.body, reply.body),
            locale=_pick(changes.locale, reply.locale),
            position=reply.position if changes.position is None else changes.position,
        )
    )
    active = reply.active if changes.active is None else changes.active
    _validate(session, data, active=active, own_id=reply.id)
    with _unique_shortcut(session, data.shortcut):
        reply.title, reply.shortcut, reply.body = data.title, data.shortcut, data.body
        reply.category, reply.locale, reply.active = data.category, data.locale, active
        reply.position = data.position if data.position is not None else reply.position
        reply.updated_at = clock.now()
    return reply


def _pick(given: str | None, current: str) -> str:
    return current if given is None else given


def deactivate_reply(session: Session, reply_id: int) -> CannedReply:
    """Retire a reply (kept for the record; its shortcut is free again)."""
    reply = get_reply(session, reply_id)
    if reply.active:
        reply.active = False
        reply.updated_at = clock.now()
    return reply


# -- defaults ------------------------------------------------------------------------------------


def ensure_defaults(session: Session) -> int:
    """Add the handbooks' scripts not added before (by their key, so an edited or retired one is
    never brought back); how many were added. A shipped shortcut an operator already uses
    arrives deactivated rather than taking theirs."""
    have = set(
        session.scalars(select(CannedReply.seed_key).where(CannedReply.seed_key.is_not(None)))
    )
    taken = set(session.scalars(select(CannedReply.shortcut).where(CannedReply.active.is_(True))))
    now = clock.now()
    added = 0
    for index, seed in enumerate(SEEDS, start=1):
        if seed.key in have:
            continue
        session.add(
            CannedReply(
                title=seed.title,
                shortcut=seed.shortcut,
                category=seed.category,
                body=seed.body,
                locale="zh-CN",
                position=index * POSITION_STEP,
                active=seed.shortcut not in taken,
                source=seed.source,
                seed_key=seed.key,
                created_by=None,
                updated_at=now,
            )
        )
        taken.add(seed.shortcut)
        added += 1
    session.flush()
    return added
