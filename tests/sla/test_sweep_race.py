"""Workers racing on the same due clocks: every clock is escalated exactly once.

1,000 tickets each with one overdue clock; several threads, each with its own ``Database`` (as
separate worker processes would have), run ``sweep_clocks`` at the same time. On PostgreSQL they
claim rows with ``FOR UPDATE SKIP LOCKED``; on SQLite they queue on the write gate. PostgreSQL is
required here, as in the rest of the suite: if it is missing the test errors, it never skips.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select, event, func, insert, select

from kefu.core import clock
from kefu.core.db import Database, table_of
from kefu.core.migrate import upgrade
from kefu.customers.models import Customer
from kefu.routing.models import Notification
from kefu.sla import service as sla
from kefu.sla.models import SlaPolicy, TicketClock
from kefu.sla.service import sweep
from kefu.tickets.models import AuditEntry, Ticket
from kefu.users import service as users
from kefu.users.rules import Role

TICKETS = 1_000
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _prepare(url: str, tickets: int = TICKETS) -> tuple[int, int]:
    """Migrate, default policies, an agent and a supervisor, and the overdue tickets."""
    upgrade(url)
    db = Database(url)
    try:
        with db.transaction() as session:
            sla.ensure_defaults(session)
            agent = users.create_user(session, username="agent", role=Role.AGENT)
            boss = users.create_user(session, username="boss", role=Role.SUPERVISOR)
            policy = session.scalar(select(SlaPolicy.id).where(SlaPolicy.key == "complaint"))
            agent_id, boss_id = agent.id, boss.id
        with db.write_engine.begin() as conn:
            customer = conn.execute(
                insert(table_of(Customer)).returning(table_of(Customer).c.id),
                {"name": "王小姐", "tags": [], "created_at": T0, "updated_at": T0},
            ).scalar_one()
            conn.execute(
                insert(table_of(Ticket)), [_ticket(n, customer, agent_id) for n in range(tickets)]
            )
            ids = conn.scalars(select(Ticket.id).order_by(Ticket.id)).all()
            conn.execute(insert(table_of(TicketClock)), [_clock(t, policy) for t in ids])
    finally:
        db.dispose()
    return agent_id, boss_id


def _ticket(n: int, customer: int, agent: int) -> dict[str, object]:
    return {
        "number": f"20261123-{n + 1:04d}",
        "subject": "投诉:快递三天没有更新",
        "status": "open",
        "priority": "normal",
        "type": "complaint",
        "channel": "email",
        "customer_id": customer,
        "assignee_id": agent,
        "custom_fields": {},
        "created_at": T0,
        "updated_at": T0,
    }


def _clock(ticket_id: int, policy: int | None) -> dict[str, object]:
    return {
        "ticket_id": ticket_id,
        "metric": "first_response",
        "policy_id": policy,
        "target_s": 300,
        "state": "running",
        "cycle": 1,
        "started_at": T0,
        "due_at": T0 + timedelta(minutes=5),
        "warn_at": T0 + timedelta(minutes=4),
        "elapsed_s": 0.0,
        "next_check_at": T0 + timedelta(minutes=4),
        "updated_at": T0,
    }


def _race(url: str, workers: int) -> list[int]:
    """Every worker sweeps until it finds nothing; returns how many clocks each acted on."""
    done = [0] * workers
    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    def work(index: int) -> None:
        db = Database(url)
        try:
            start.wait()
            while (acted := sla.sweep_clocks(db)) > 0:
                done[index] += acted
        except BaseException as exc:  # reported below: a race must not fail silently
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a worker hung"
    assert errors == []
    return done


def _count(db: Database, query: Select[Any]) -> int:
    with db.reading() as session:
        return int(session.scalar(query) or 0)


def _audits(field: str) -> Select[Any]:
    return select(func.count()).select_from(AuditEntry).where(AuditEntry.field == field)


def _check_once_each(url: str, agent: int, boss: int, done: list[int]) -> None:
    db = Database(url)
    try:
        assert sum(done) == TICKETS
        assert _count(db, _audits("sla_warning")) == TICKETS
        assert _count(db, _audits("sla_breached")) == TICKETS
        assert _count(db, _audits("priority")) == TICKETS  # raised once each, not per worker
        left = select(func.count()).select_from(TicketClock)
        left = left.where(
            TicketClock.escalated_at.is_(None) | TicketClock.next_check_at.is_not(None)
        )
        assert _count(db, left) == 0
        with db.reading() as session:
            per_clock = session.execute(
                select(Notification.user_id, Notification.kind, func.count()).group_by(
                    Notification.user_id, Notification.kind, Notification.dedupe_key
                )
            ).all()
            priorities = session.scalars(select(Ticket.priority).distinct()).all()
    finally:
        db.dispose()
    assert {n for _, _, n in per_clock} == {1}  # one notification per user and clock
    told = Counter((user, kind) for user, kind, _ in per_clock)
    assert told == {
        (agent, "sla_warning"): TICKETS,
        (agent, "sla_breached"): TICKETS,
        (boss, "sla_breached"): TICKETS,
    }
    assert priorities == ["high"]


@pytest.fixture
def overdue() -> Iterator[None]:
    """Every clock overdue: the worker's clock stands ten minutes after the opening."""
    clock.set_clock(lambda: T0 + timedelta(minutes=10))
    sla.invalidate()
    yield
    clock.set_clock(None)
    sla.invalidate()


def test_postgresql_workers_racing_escalate_every_clock_exactly_once(
    pg_url_factory: Callable[[str], str], overdue: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_url_factory("sla_race")
    agent, boss = _prepare(url)
    monkeypatch.setattr(sweep, "BATCH", 25)  # many small claims: the workers interleave
    done = _race(url, workers=4)
    assert sum(1 for n in done if n) >= 2, done  # the work really was shared
    _check_once_each(url, agent, boss, done)


def test_sqlite_workers_racing_escalate_every_clock_exactly_once(
    tmp_path: Path, overdue: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{(tmp_path / 'race.db').as_posix()}"
    agent, boss = _prepare(url)
    monkeypatch.setattr(sweep, "BATCH", 25)
    done = _race(url, workers=2)
    _check_once_each(url, agent, boss, done)


def _lock_timeout(dbapi_conn: Any, _record: object) -> None:
    with dbapi_conn.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")


def test_postgresql_a_ticket_being_changed_is_skipped_not_waited_for(
    pg_url_factory: Callable[[str], str], overdue: None
) -> None:
    """A ticket's change holds its row while it updates its clocks; a sweep waiting for that
    row while holding the clocks would deadlock. The sweep leaves it for the next pass."""
    url = pg_url_factory("sla_skip")
    _prepare(url, tickets=3)
    editor, worker = Database(url), Database(url)
    # Were the sweep to wait for the row, this test would fail after 5 s rather than hang.
    event.listen(worker.write_engine, "connect", _lock_timeout)
    try:
        with editor.transaction() as session:
            session.execute(select(Ticket.id).where(Ticket.id == 1).with_for_update())
            assert sla.sweep_clocks(worker) == 2  # tickets 2 and 3; never blocks on 1
        assert sla.sweep_clocks(worker) == 1  # the change committed: ticket 1 now
        assert _count(worker, _audits("sla_breached")) == 3
    finally:
        editor.dispose()
        worker.dispose()
