"""Bulk loader for the benchmarks: fills kefu's real tables fast with SQLAlchemy Core.

``prepare`` migrates an empty database and adds what the API needs (a bench user and its token,
agents, the service catalog, 20k customers with phone identities and their search documents).
``top_up`` then adds tickets until the ticket table holds ``target`` rows: each with a number
``YYYYMMDD-NNNN`` of its (Beijing) day, a status / priority / type / channel mix, 1-3 messages
of Chinese customer-service text, an audit entry, some tags, and one search document for the
ticket and one per message (tokens from ``kefu.search.rules.index_text``, as kefu writes them;
the FTS5 table follows by trigger on SQLite, ``tsv`` is a generated column on PostgreSQL).

Bulk tickets fill slots spread evenly over the past year: slot ``i`` of ``final`` slots, so
loading 10k and then topping up to 100k gives ids in increasing ``created_at`` order. The
per-day number counters are left at the highest sequence used, so tickets created later through
the API continue without collisions.

Command line: ``python -m bench.load --url URL --target 10000 [--final 100000]`` prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, inspect, select, text
from sqlalchemy.orm import Session

from kefu.core.db import Database
from kefu.core.migrate import upgrade
from kefu.customers.models import Customer, CustomerIdentity
from kefu.routing import service as routing
from kefu.routing.rules import DeliveryMode, Presence, Strategy
from kefu.search import rules as search_rules
from kefu.search.models import SearchDocument
from kefu.sla import service as sla
from kefu.tickets import rules as ticket_rules
from kefu.tickets.models import (
    AuditEntry,
    CatalogItem,
    Message,
    Ticket,
    TicketNumberCounter,
    TicketTag,
)
from kefu.tickets.service import create_catalog_item
from kefu.users import service as users
from kefu.users.models import User
from kefu.users.rules import Role

from . import corpus

TIMEZONE = "Asia/Shanghai"
CUSTOMERS = 20_000
PHONE_BASE = 13_910_000_000  # bulk customers: 139 1000 0000 ... 139 1001 9999
BATCH = 5_000
SPAN = timedelta(days=365)
BENCH_USER = "bench"
AGENTS = 8

STATUSES = (("new", 2), ("open", 20), ("pending", 5), ("solved", 25), ("closed", 48))
PRIORITIES = (("low", 10), ("normal", 60), ("high", 25), ("urgent", 5))
CHANNELS = (("web_chat", 40), ("wechat", 25), ("phone", 15), ("email", 10), ("app_sdk", 10))
SERIAL_TABLES = (
    "customer",
    "customer_identity",
    "ticket",
    "message",
    "audit_entry",
    "search_document",
)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _doc(
    doc_id: int,
    kind: str,
    ref_id: int,
    body: str,
    title: str,
    ticket_id: int | None,
    customer_id: int,
    at: datetime,
) -> dict[str, Any]:
    """A search_document row exactly as ``kefu.search.service.index`` writes it."""
    return {
        "id": doc_id,
        "kind": kind,
        "ref_id": ref_id,
        "ticket_id": ticket_id,
        "customer_id": customer_id,
        "title": title[:300],
        "excerpt": search_rules.excerpt(body or title, 160),
        "tokens": search_rules.index_text(f"{title}\n{body}"),
        "created_at": at,
    }


# -- preparing an empty database ------------------------------------------------------------


@dataclass
class Fixture:
    """What the runner needs to call the API, and what the loader needs to make tickets."""

    token: str
    user_id: int
    agent_ids: list[int]
    catalog: dict[str, int]
    customer_ids: list[int]


def prepare(url: str, *, seed: int = 1) -> Fixture:
    """Migrate, then add the bench user + token, agents, catalog and customers."""
    upgrade(url)
    db = Database(url)
    try:
        with db.transaction() as session:
            bench = users.create_user(session, username=BENCH_USER, role=Role.ADMIN)
            token = users.issue_token(session, bench, "bench")
            agents = [
                users.create_user(
                    session,
                    username=f"bench-agent{n}",
                    role=Role.AGENT,
                    display_name=f"客服{n}号",
                    work_number=n,
                )
                for n in range(1, AGENTS + 1)
            ]
            catalog = {
                c.catalog: create_catalog_item(session, c.catalog).id for c in corpus.CATEGORIES
            }
            bench_id, agent_ids = bench.id, [a.id for a in agents]
            _configure(session, agent_ids)
        with db.write_engine.begin() as conn:
            customer_ids = _load_customers(conn, random.Random(seed))
    finally:
        db.dispose()
    return Fixture(token, bench_id, agent_ids, catalog, customer_ids)


def _configure(session: Session, agent_ids: list[int]) -> None:
    """A configured install, as the demo's: the handbooks' SLA policies (every new ticket gets
    its clocks), one desk with its group and a keyword rule (every new ticket is classified),
    the agents online."""
    sla.ensure_defaults(session)
    desk = routing.create_desk(session, "客服部")
    group = routing.create_group(session, desk.id, "客服组", Strategy.LEAST_LOADED)
    routing.set_members(session, group.id, agent_ids)
    routing.set_delivery(
        session, routing.DeliveryInput(mode=DeliveryMode.SINGLE, default_group_id=group.id)
    )
    routing.create_rule(
        session,
        routing.RuleInput(
            name="退款类",
            conditions=[{"field": "keywords", "op": "any_of", "value": ["退款", "退货"]}],
            actions=[{"kind": "add_tags", "value": ["售后"]}],
        ),
    )
    for user_id in agent_ids:
        routing.set_presence(session, user_id, routing.PresenceChange(presence=Presence.ONLINE))


def _customer_name(rng: random.Random) -> str:
    return rng.choice(corpus.SURNAMES) + rng.choice(corpus.TITLES)


def _load_customers(conn: Connection, rng: random.Random) -> list[int]:
    now = datetime.now(UTC)
    customers, identities, docs = [], [], []
    first = (conn.scalar(select(func.max(Customer.id))) or 0) + 1
    ident_id = (conn.scalar(select(func.max(CustomerIdentity.id))) or 0) + 1
    doc_id = (conn.scalar(select(func.max(SearchDocument.id))) or 0) + 1
    for n in range(CUSTOMERS):
        cid = first + n
        at = now - SPAN - timedelta(days=rng.random() * 365)
        tags = [rng.choice(corpus.CUSTOMER_TAGS)] if rng.random() < 0.15 else []
        name = _customer_name(rng)
        customers.append(
            {
                "id": cid,
                "name": name,
                "tags": tags,
                "vip_level": rng.choice((0, 0, 0, 1, 2, 3)),
                "note": "",
                "blacklisted": False,
                "created_at": at,
                "updated_at": at,
            }
        )
        values = [f"+86{PHONE_BASE + n}"]
        if rng.random() < 0.3:
            values.append(f"{rng.choice(corpus.NICK_WORDS)}{n}")
        for kind, value in zip(("phone", "buyer_nick"), values, strict=False):
            identities.append(
                {"id": ident_id, "customer_id": cid, "kind": kind, "value": value, "created_at": at}
            )
            ident_id += 1
        body = " ".join([*values, *tags])
        docs.append(_doc(doc_id, "customer", cid, body, name, None, cid, at))
        doc_id += 1
    conn.execute(insert(_table(Customer)), customers)
    conn.execute(insert(_table(CustomerIdentity)), identities)
    conn.execute(insert(_table(SearchDocument)), docs)
    return list(range(first, first + CUSTOMERS))


def load_fixture(url: str) -> Fixture:
    """The fixture of an already prepared database (token not recoverable: a new one)."""
    db = Database(url)
    try:
        with db.transaction() as session:
            bench = users.get_user_by_username(session, BENCH_USER)
            if bench is None:
                raise SystemExit(f"{url}: not prepared (no user {BENCH_USER!r})")
            token = users.issue_token(session, bench, "bench")
            bench_id = bench.id
        with db.reading() as session:
            agents = list(session.scalars(select(User.id).where(User.id != bench_id)))
            catalog = {p: i for i, p in session.execute(select(CatalogItem.id, CatalogItem.path))}
            customers = list(session.scalars(select(Customer.id).order_by(Customer.id)))
    finally:
        db.dispose()
    return Fixture(token, bench_id, agents, catalog, customers[:CUSTOMERS])


# -- tickets --------------------------------------------------------------------------------


@dataclass
class Batch:
    tickets: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    docs: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Ids:
    ticket: int
    message: int
    doc: int
    audit: int

    @classmethod
    def after_max(cls, conn: Connection) -> Ids:
        def nxt(model: Any) -> int:
            return int(conn.scalar(select(func.max(model.id))) or 0) + 1

        return cls(nxt(Ticket), nxt(Message), nxt(SearchDocument), nxt(AuditEntry))


@dataclass(frozen=True)
class Lifecycle:
    status: str
    first_response_at: datetime | None
    solved_at: datetime | None
    closed_at: datetime | None

    @property
    def updated_at(self) -> datetime | None:
        return self.closed_at or self.solved_at or self.first_response_at


def _lifecycle(rng: random.Random, created: datetime, now: datetime) -> Lifecycle:
    status = _weighted(rng, STATUSES)
    if status == "new":
        return Lifecycle(status, None, None, None)
    first = min(now, created + timedelta(minutes=rng.uniform(1, 240)))
    solved = closed = None
    if status in ("solved", "closed"):
        solved = min(now, first + timedelta(hours=rng.uniform(1, 72)))
    if status == "closed" and solved is not None:
        closed = min(now, solved + timedelta(days=rng.uniform(3, 7)))
    return Lifecycle(status, first, solved, closed)


class TicketMaker:
    """Makes the rows of one ticket (and its messages, documents, audit entry, tags)."""

    def __init__(self, fixture: Fixture, counters: dict[str, int], seed: int) -> None:
        self.fx = fixture
        self.counters = counters
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC)
        self.weights = [c.weight for c in corpus.CATEGORIES]

    def number(self, created: datetime) -> str:
        day = ticket_rules.number_day(created, TIMEZONE)
        key = f"{day:%Y%m%d}"
        self.counters[key] = self.counters.get(key, 0) + 1
        return ticket_rules.format_number(day, self.counters[key])

    def _fill(self, line: str) -> str:
        rng = self.rng
        return line.format(
            order=f"{rng.randrange(10**17, 10**18)}",
            waybill=f"SF{rng.randrange(10**11, 10**12)}",
            agent=rng.randint(1, AGENTS),
        )

    def _first_text(self, category: corpus.Category) -> str:
        rng = self.rng
        if rng.random() < 0.05:
            lines = [rng.choice(corpus.TRADITIONAL_LINES)]
        else:
            lines = rng.sample(category.lines, k=min(len(category.lines), rng.randint(1, 3)))
        if rng.random() < corpus.RARE_SHARE:
            lines.append(rng.choice(corpus.RARE_LINES))
        return rng.choice(corpus.GREETINGS) + "".join(self._fill(x) for x in lines)

    def _texts(self, category: corpus.Category, life: Lifecycle) -> list[tuple[str, str]]:
        """(author kind, text) of the ticket's messages, oldest first."""
        rng = self.rng
        texts = [("customer", self._first_text(category))]
        count = 1 if life.first_response_at is None else rng.choice((2, 2, 3))
        if count >= 2:
            picks = rng.sample(corpus.AGENT_LINES, k=2)
            texts.append(("agent", "".join(self._fill(x) for x in picks)))
        if count == 3:
            texts.append(("customer", rng.choice(corpus.FOLLOW_UPS)))
        return texts

    def add(self, batch: Batch, ids: Ids, created: datetime) -> None:
        rng = self.rng
        category = rng.choices(corpus.CATEGORIES, weights=self.weights)[0]
        life = _lifecycle(rng, created, self.now)
        customer = rng.choice(self.fx.customer_ids)
        tid = ids.ticket
        ids.ticket += 1
        subject = rng.choice(category.subjects)
        number = self.number(created)
        assignee = None
        if life.first_response_at is not None or rng.random() < 0.3:
            assignee = rng.choice(self.fx.agent_ids)
        batch.tickets.append(
            {
                "id": tid,
                "number": number,
                "subject": subject,
                "status": life.status,
                "priority": _weighted(rng, PRIORITIES),
                "type": category.type,
                "channel": _weighted(rng, CHANNELS),
                "customer_id": customer,
                "catalog_item_id": self.fx.catalog.get(category.catalog),
                "assignee_id": assignee,
                "created_by_id": None,
                "custom_fields": {},
                "created_at": created,
                "updated_at": life.updated_at or created,
                "first_response_at": life.first_response_at,
                "solved_at": life.solved_at,
                "closed_at": life.closed_at,
            }
        )
        batch.docs.append(_doc(ids.doc, "ticket", tid, number, subject, tid, customer, created))
        ids.doc += 1
        batch.audit.append(
            {
                "id": ids.audit,
                "ticket_id": tid,
                "actor_kind": "system",
                "actor_user_id": None,
                "field": "created",
                "old_value": None,
                "new_value": number,
                "at": created,
            }
        )
        ids.audit += 1
        if rng.random() < 0.1:
            batch.tags.append({"ticket_id": tid, "tag": rng.choice(corpus.TICKET_TAGS)})
        self._messages(batch, ids, tid, subject, customer, assignee, life, category, created)

    def _messages(
        self,
        batch: Batch,
        ids: Ids,
        tid: int,
        subject: str,
        customer: int,
        assignee: int | None,
        life: Lifecycle,
        category: corpus.Category,
        created: datetime,
    ) -> None:
        at = created
        channel = batch.tickets[-1]["channel"]
        for n, (kind, body) in enumerate(self._texts(category, life)):
            if n == 1 and life.first_response_at is not None:
                at = life.first_response_at
            elif n == 2:
                at = min(self.now, at + timedelta(minutes=self.rng.uniform(2, 600)))
            agent = assignee or self.fx.agent_ids[0]
            batch.messages.append(
                {
                    "id": ids.message,
                    "ticket_id": tid,
                    "author_kind": kind,
                    "author_user_id": agent if kind == "agent" else None,
                    "author_customer_id": customer if kind == "customer" else None,
                    "public": True,
                    "channel": channel,
                    "body_text": body,
                    "body_html": ticket_rules.text_to_html(body),
                    "created_at": at,
                }
            )
            batch.docs.append(
                _doc(ids.doc, "message", ids.message, body, subject, tid, customer, at)
            )
            ids.message += 1
            ids.doc += 1


@dataclass
class LoadStats:
    target: int
    before: int
    added: int = 0
    messages: int = 0
    documents: int = 0
    seconds: float = 0.0
    make_seconds: float = 0.0
    insert_seconds: float = 0.0
    finish_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["tickets_per_s"] = round(self.added / self.seconds, 1) if self.seconds else None
        for key in ("seconds", "make_seconds", "insert_seconds", "finish_seconds"):
            out[key] = round(out[key], 2)
        return out


def _slots(start: int, count: int, final: int) -> Iterator[datetime]:
    """created_at of bulk slots ``start ... start+count-1`` of ``final`` over the past year."""
    end = datetime.now(UTC) - timedelta(hours=6)
    step = SPAN / max(final, 1)
    begin = end - SPAN
    for i in range(start, start + count):
        yield begin + step * i


def _write(conn: Connection, batch: Batch) -> None:
    conn.execute(insert(_table(Ticket)), batch.tickets)
    conn.execute(insert(_table(Message)), batch.messages)
    conn.execute(insert(_table(AuditEntry)), batch.audit)
    if batch.tags:
        conn.execute(insert(_table(TicketTag)), batch.tags)
    conn.execute(insert(_table(SearchDocument)), batch.docs)


_UPSERT_COUNTER = text(
    "INSERT INTO ticket_number_counter (day, last) VALUES (:day, :last) "
    "ON CONFLICT (day) DO UPDATE SET last = excluded.last"
)


def _finish(db: Database, counters: dict[str, int], touched: set[str]) -> None:
    with db.write_engine.begin() as conn:
        rows = [{"day": d, "last": counters[d]} for d in sorted(touched)]
        if rows:
            conn.execute(_UPSERT_COUNTER, rows)
        if not db.is_sqlite:
            for name in SERIAL_TABLES:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {name}))"
                    )
                )
    if not db.is_sqlite:
        # What autovacuum does soon after a bulk insert: statistics, visibility map, and the
        # GIN index's pending list merged. Without it the first plans are guesses.
        with db.write_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


def top_up(url: str, fixture: Fixture, target: int, *, final: int, seed: int = 2) -> LoadStats:
    """Add bulk tickets until the ticket table holds ``target`` rows."""
    t0 = time.perf_counter()
    search_rules.warm_up()
    db = Database(url)
    try:
        with db.reading() as session:
            have = session.scalar(select(func.count()).select_from(Ticket)) or 0
            bulk = (
                session.scalar(
                    select(func.count()).select_from(Ticket).where(Ticket.created_by_id.is_(None))
                )
                or 0
            )
            rows = session.execute(select(TicketNumberCounter.day, TicketNumberCounter.last))
            counters = {day: last for day, last in rows}
        stats = LoadStats(target=target, before=have)
        maker = TicketMaker(fixture, counters, seed + bulk)
        touched: set[str] = set()
        slots = _slots(bulk, max(0, target - have), max(final, target))
        _load_batches(db, maker, slots, stats, touched)
        t1 = time.perf_counter()
        _finish(db, counters, touched)
        stats.finish_seconds = time.perf_counter() - t1
    finally:
        db.dispose()
    stats.seconds = time.perf_counter() - t0
    return stats


def _load_batches(
    db: Database, maker: TicketMaker, slots: Iterator[datetime], stats: LoadStats, touched: set[str]
) -> None:
    done = False
    while not done:
        t0 = time.perf_counter()
        batch = Batch()
        with db.write_engine.begin() as conn:
            ids = Ids.after_max(conn)
            for _ in range(BATCH):
                created = next(slots, None)
                if created is None:
                    done = True
                    break
                maker.add(batch, ids, created)
            touched.update(t["number"][:8] for t in batch.tickets)
            t1 = time.perf_counter()
            if batch.tickets:
                _write(conn, batch)
        stats.make_seconds += t1 - t0
        stats.insert_seconds += time.perf_counter() - t1
        stats.added += len(batch.tickets)
        stats.messages += len(batch.messages)
        stats.documents += len(batch.docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="SQLAlchemy URL of the database")
    parser.add_argument("--target", type=int, required=True, help="tickets in the table after")
    parser.add_argument("--final", type=int, default=0, help="largest size of the series")
    args = parser.parse_args()
    db = Database(args.url)
    try:
        prepared = inspect(db.write_engine).has_table("user_account")
    finally:
        db.dispose()
    fixture = load_fixture(args.url) if prepared else prepare(args.url)
    stats = top_up(args.url, fixture, args.target, final=args.final or args.target)
    print(json.dumps({"token": fixture.token, **stats.as_dict()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
