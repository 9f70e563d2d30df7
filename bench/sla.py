"""SLA sweep and clock computation at 100,000 open tickets, on SQLite and PostgreSQL.

``python -m bench.sla [--tickets 100000] [--backends sqlite,postgresql] [--samples 1000]``.

For each backend a scratch database (bench.run's ``Scratch``) is migrated and prepared as for the
HTTP benchmarks (``bench.load.prepare``: users, catalog, 20,000 customers), with the default
calendars and policies and two supervisors. Then ``--tickets`` open tickets (new, open or
pending; the channel, type and VIP mix of a shop) are bulk-inserted with SQLAlchemy Core, each
with its history (the customer's first message; for open and pending ones an agent reply and the
status changes; for some a customer's follow-up) and its clocks as the rules compute them at the
bench's instant, ``NOW`` (a Wednesday afternoon, office hours). The worker's clock is set to
``NOW``. Stored ``next_check_at`` of every live clock is then moved past ``NOW`` so that nothing
is due, and measured:

(a) a sweep pass with nothing due: the index lookup alone (median of ``--passes`` passes);
(b) a sweep pass with 1% of the tickets due (a clock each, warned and escalated in the same
    pass: the most a clock can cost — an audit entry, notifications to the assignee and the
    supervisors, the priority raised, two events);
(c) the same with 10% due;
(d) recomputing one ticket's clocks from its history (``compute_for``: policy choice,
    messages, status changes, the calendar), ``--samples`` random tickets, p50 and p99;
(e) recomputing the open tickets of one policy after an edit (``recompute_open_tickets`` on the
    complaint policy), as tickets per second.

Figures, not timed tests: nothing here passes or fails. The target from the issue is printed
beside the sweep rows.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update

from kefu.core import clock
from kefu.core.db import Database, table_of
from kefu.customers.models import Customer
from kefu.sla import service as sla
from kefu.sla.calendar import Calendar
from kefu.sla.models import SlaPolicy, TicketClock
from kefu.sla.rules import DEFAULT_POLICIES, Happening, PolicyFacts, compute_clocks, select_policy
from kefu.sla.service.clocks import clock_row
from kefu.tickets.models import AuditEntry, Message, Ticket
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.wiring import wire

from .load import Fixture, prepare
from .measure import log
from .run import PG_ADMIN_DEFAULT, Scratch

NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # Wednesday 15:00 in Beijing
TARGET_S = 2.0
SET_TICKET_SEQUENCE = (
    "SELECT setval(pg_get_serial_sequence('ticket', 'id'), (SELECT max(id) FROM ticket))"
)
BATCH = 5_000
STATUSES = (("new", 30), ("open", 55), ("pending", 15))
TYPES = (("inquiry", 50), ("after_sales", 20), ("complaint", 10), ("order", 15), ("other", 5))
CHANNELS = (
    ("web_chat", 35),
    ("wechat", 20),
    ("phone", 10),
    ("email", 20),
    ("web_form", 10),
    ("api", 5),
)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


# -- building the open tickets ------------------------------------------------------------------


@dataclass
class Rows:
    tickets: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    clocks: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Maker:
    """One open ticket's rows at a time: the ticket, its history, its clocks."""

    fixture: Fixture
    vip: dict[int, int]
    policy_ids: dict[str, int]
    calendars: dict[str, Calendar]
    rng: random.Random

    def add(self, rows: Rows, ticket_id: int) -> None:
        rng = self.rng
        status = _weighted(rng, STATUSES)
        created = NOW - timedelta(seconds=rng.uniform(60, 14 * 86_400))
        customer = rng.choice(self.fixture.customer_ids)
        ticket = {
            "id": ticket_id,
            "number": f"B{ticket_id:09d}",
            "subject": "咨询",
            "status": status,
            "priority": "normal",
            "type": _weighted(rng, TYPES),
            "channel": _weighted(rng, CHANNELS),
            "customer_id": customer,
            "assignee_id": rng.choice(self.fixture.agent_ids) if status != "new" else None,
            "custom_fields": {},
            "created_at": created,
            "updated_at": created,
            "first_response_at": None,
        }
        history = self._history(rows, ticket, status, created)
        rows.tickets.append(ticket)
        self._clocks(rows, ticket, history)

    def _history(
        self, rows: Rows, ticket: dict[str, Any], status: str, created: datetime
    ) -> list[Happening]:
        tid, rng = ticket["id"], self.rng
        history = [Happening(created, "opened"), Happening(created, "customer_message")]
        self._message(rows, tid, "customer", created)
        self._audit(rows, tid, "created", None, ticket["number"], created)
        if status == "new":
            return history
        replied = min(NOW, created + timedelta(seconds=rng.uniform(30, 4 * 3600)))
        ticket["first_response_at"] = replied
        self._message(rows, tid, "agent", replied)
        self._audit(rows, tid, "status", "new", "open", replied)
        history += [Happening(replied, "agent_reply"), Happening(replied, "status", "open")]
        later = min(NOW, replied + timedelta(seconds=rng.uniform(60, 86_400)))
        if status == "pending":
            self._audit(rows, tid, "status", "open", "pending", later)
            history.append(Happening(later, "status", "pending"))
        elif rng.random() < 0.4:
            self._message(rows, tid, "customer", later)
            history.append(Happening(later, "customer_message"))
        return history

    def _clocks(self, rows: Rows, ticket: dict[str, Any], history: list[Happening]) -> None:
        facts = PolicyFacts(
            ticket["channel"], ticket["type"], "normal", self.vip[ticket["customer_id"]]
        )
        policy = select_policy(DEFAULT_POLICIES, facts).policy
        assert policy is not None
        calendar = self.calendars[policy.calendar]
        for c in compute_clocks(policy.targets, calendar, history, NOW):
            rows.clocks.append(clock_row(ticket["id"], self.policy_ids[policy.key], c, NOW))

    def _message(self, rows: Rows, tid: int, author: str, at: datetime) -> None:
        rows.messages.append(
            {
                "ticket_id": tid,
                "author_kind": author,
                "public": True,
                "channel": "web_chat",
                "body_text": "您好,请问我的订单什么时候发货?",
                "body_html": "<p>您好,请问我的订单什么时候发货?</p>",
                "created_at": at,
            }
        )

    def _audit(
        self, rows: Rows, tid: int, name: str, old: str | None, new: str, at: datetime
    ) -> None:
        rows.audit.append(
            {
                "ticket_id": tid,
                "actor_kind": "system",
                "field": name,
                "old_value": old,
                "new_value": new,
                "at": at,
            }
        )


def build(url: str, count: int, seed: int) -> dict[str, float]:
    """Prepare the database and bulk-insert ``count`` open tickets with their clocks."""
    t0 = time.perf_counter()
    fixture = prepare(url, seed=seed)
    db = Database(url)
    try:
        with db.transaction() as session:
            sla.ensure_defaults(session)
            for n in (1, 2):
                users.create_user(session, username=f"bench-supervisor{n}", role=Role.SUPERVISOR)
            policy_ids = dict(session.execute(select(SlaPolicy.key, SlaPolicy.id)).all())
            calendars = sla.snapshot(session).calendars
            vip = dict(session.execute(select(Customer.id, Customer.vip_level)).all())
        maker = Maker(fixture, vip, policy_ids, calendars, random.Random(seed))
        first = 1
        with db.write_engine.begin() as conn:
            first = int(conn.scalar(select(func.max(Ticket.id))) or 0) + 1
        for start in range(first, first + count, BATCH):
            rows = Rows()
            for tid in range(start, min(start + BATCH, first + count)):
                maker.add(rows, tid)
            with db.write_engine.begin() as conn:
                _write(conn, rows)
        _finish(db)
    finally:
        db.dispose()
    return {"load_s": time.perf_counter() - t0}


def _write(conn: Connection, rows: Rows) -> None:
    conn.execute(insert(table_of(Ticket)), rows.tickets)
    conn.execute(insert(table_of(Message)), rows.messages)
    conn.execute(insert(table_of(AuditEntry)), rows.audit)
    conn.execute(insert(table_of(TicketClock)), rows.clocks)


def _finish(db: Database) -> None:
    if db.is_sqlite:
        with db.write_engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        return
    with db.write_engine.begin() as conn:
        conn.execute(text(SET_TICKET_SEQUENCE))
    with db.write_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


# -- measuring ----------------------------------------------------------------------------------


def _nothing_due(db: Database) -> int:
    """Move every pending check past NOW: the state in which a sweep has nothing to do."""
    later = NOW + timedelta(days=30)
    with db.write_engine.begin() as conn:
        result = conn.execute(
            update(table_of(TicketClock))
            .where(TicketClock.next_check_at.is_not(None))
            .values(next_check_at=later)
        )
    return int(result.rowcount)


def _make_due(db: Database, count: int, rng: random.Random, taken: set[int]) -> None:
    """``count`` clocks of different tickets, not used before, due now: warning and breach."""
    with db.reading() as session:
        ids = session.execute(select(TicketClock.id, TicketClock.ticket_id)).all()
    tickets_seen: set[int] = set()
    chosen: list[int] = []
    for clock_id, ticket_id in rng.sample(ids, len(ids)):
        if ticket_id in taken or ticket_id in tickets_seen:
            continue
        tickets_seen.add(ticket_id)
        chosen.append(clock_id)
        if len(chosen) == count:
            break
    taken |= tickets_seen
    with db.write_engine.begin() as conn:
        for start in range(0, len(chosen), BATCH):
            conn.execute(
                update(table_of(TicketClock))
                .where(TicketClock.id.in_(chosen[start : start + BATCH]))
                .values(
                    state="running",
                    warn_at=NOW - timedelta(minutes=2),
                    due_at=NOW - timedelta(minutes=1),
                    next_check_at=NOW - timedelta(minutes=2),
                    stopped_at=None,
                    warned_at=None,
                    escalated_at=None,
                )
            )


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    t0 = time.perf_counter()
    result = work()
    return time.perf_counter() - t0, result


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Figures:
    backend: str
    tickets: int
    clocks: int = 0
    load_s: float = 0.0
    idle_ms: float = 0.0
    due: dict[int, tuple[float, int]] = field(default_factory=dict)  # due -> (s, acted)
    compute_ms: tuple[float, float] = (0.0, 0.0)
    recompute: tuple[int, float] = (0, 0.0)  # tickets, seconds


def measure(url: str, figures: Figures, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    db = Database(url)
    try:
        _nothing_due(db)
        with db.reading() as session:
            figures.clocks = int(session.scalar(select(func.count()).select_from(TicketClock)) or 0)
        sla.sweep_clocks(db)  # warm: connections, the cached configuration
        idle = [_timed(lambda: sla.sweep_clocks(db))[0] for _ in range(args.passes)]
        figures.idle_ms = statistics.median(idle) * 1000
        taken: set[int] = set()
        for share in (0.01, 0.10):
            count = round(figures.tickets * share)
            _make_due(db, count, rng, taken)
            seconds, acted = _timed(lambda: sla.sweep_clocks(db))
            figures.due[count] = (seconds, int(acted))  # type: ignore[call-overload]
            log(f"{figures.backend}: {count} due swept in {seconds:.2f} s")
        figures.compute_ms = _compute_for(db, rng, args.samples)
        figures.recompute = _recompute(db)
    finally:
        db.dispose()


def _compute_for(db: Database, rng: random.Random, samples: int) -> tuple[float, float]:
    with db.reading() as session:
        ids = session.scalars(select(Ticket.id)).all()
    times: list[float] = []
    for ticket_id in rng.sample(list(ids), min(samples, len(ids))):
        with db.reading() as session:
            ticket = session.get(Ticket, ticket_id)
            assert ticket is not None
            t0 = time.perf_counter()
            sla.compute_for(session, ticket, NOW)
            times.append(time.perf_counter() - t0)
    return _percentile(times, 0.5) * 1000, _percentile(times, 0.99) * 1000


def _recompute(db: Database) -> tuple[int, float]:
    with db.reading() as session:
        complaint = session.scalar(select(SlaPolicy.id).where(SlaPolicy.key == "complaint"))
    assert complaint is not None
    seconds, count = _timed(lambda: sla.recompute_open_tickets(db, {complaint}))
    return int(count), seconds  # type: ignore[call-overload]


# -- the table ----------------------------------------------------------------------------------


def table(all_figures: list[Figures]) -> str:
    lines = [
        "| backend | open tickets | clocks | measure | result | target |",
        "| --- | ---: | ---: | --- | ---: | --- |",
    ]
    for f in all_figures:
        head = f"| {f.backend} | {f.tickets:,} | {f.clocks:,}"
        target = f"≤ {TARGET_S:g} s"
        lines.append(
            f"{head} | (a) sweep, nothing due (index only) | {f.idle_ms:.2f} ms | {target} |"
        )
        for count, (seconds, acted) in f.due.items():
            share = f"{count / f.tickets:.0%}"
            met = "" if seconds <= TARGET_S else " (over)"
            lines.append(
                f"{head} | ({'b' if count < f.tickets * 0.05 else 'c'}) sweep, {share} due: "
                f"{acted:,} warned + escalated | {seconds:.2f} s{met} | {target} |"
            )
        p50, p99 = f.compute_ms
        lines.append(
            f"{head} | (d) compute_for one ticket, p50 / p99 | {p50:.2f} / {p99:.2f} ms | |"
        )
        count, seconds = f.recompute
        rate = count / seconds if seconds else 0.0
        lines.append(
            f"{head} | (e) recompute after a policy edit: {count:,} tickets | "
            f"{seconds:.1f} s ({rate:,.0f}/s) | |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.sla", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--samples", type=int, default=1000, help="tickets for compute_for")
    parser.add_argument("--passes", type=int, default=50, help="idle sweep passes")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--pg-url", default=PG_ADMIN_DEFAULT)
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    args = parser.parse_args()
    wire()
    clock.set_clock(lambda: NOW)
    work = Path(tempfile.mkdtemp(prefix="kefu-bench-sla-"))
    scratch = Scratch(work, args.pg_url, keep=args.keep)
    results: list[Figures] = []
    try:
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            url = scratch.url(backend, f"sla-{backend}")
            log(f"{backend}: building {args.tickets:,} open tickets")
            figures = Figures(backend, args.tickets)
            figures.load_s = build(url, args.tickets, args.seed)["load_s"]
            log(f"{backend}: built in {figures.load_s:.0f} s; measuring")
            measure(url, figures, args)
            sla.invalidate()
            results.append(figures)
    finally:
        scratch.drop_all()
    print(f"Target: SLA sweep of {args.tickets:,} open tickets ≤ {TARGET_S:g} s\n")
    print(table(results))


if __name__ == "__main__":
    main()
