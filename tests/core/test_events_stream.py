"""The outbox as a stream: events published after commit carry their row's id, nothing of a
rolled-back transaction is published or kept, and ids become visible in the order they were
given out, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.orm import Session

from kefu.core import events
from kefu.core.db import Database
from kefu.core.events import OutboxEvent, Published, record
from kefu.core.migrate import upgrade
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.tickets import service as tickets
from tests.conftest import Env


@dataclass(frozen=True)
class Happened:
    what: str
    at: datetime | None = None


@pytest.fixture
def heard() -> Iterator[list[Published]]:
    got: list[Published] = []
    unsubscribe = events.bus.listen(got.append)
    yield got
    unsubscribe()


def _rows(db: Database) -> list[tuple[int, str, dict[str, object]]]:
    with db.reading() as session:
        rows = session.execute(select(OutboxEvent.id, OutboxEvent.name, OutboxEvent.payload))
        return [(row.id, row.name, row.payload) for row in rows]


def test_events_are_published_after_commit_with_the_ids_of_their_outbox_rows(
    env: Env, heard: list[Published]
) -> None:
    at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with env.db.transaction() as session:
        record(session, Happened("first", at))
        record(session, Happened("second"))
        assert heard == [], "nothing is published before the commit"
    rows = _rows(env.db)
    assert [(e.id, e.name, e.payload) for e in heard] == rows
    assert [e.payload["what"] for e in heard] == ["first", "second"]
    assert heard[0].payload["at"] == "2026-11-23T09:30:00+00:00"
    assert heard[1].id == heard[0].id + 1


def test_the_legacy_subscriber_still_gets_name_and_payload(env: Env) -> None:
    got: list[tuple[str, dict[str, object]]] = []
    unsubscribe = events.bus.subscribe(lambda name, payload: got.append((name, payload)))
    try:
        with env.db.transaction() as session:
            record(session, Happened("x"))
    finally:
        unsubscribe()
    assert got == [("Happened", {"what": "x", "at": None})]


def test_a_rolled_back_transaction_publishes_nothing_and_leaves_no_row(
    env: Env, heard: list[Published]
) -> None:
    with pytest.raises(RuntimeError), env.db.transaction() as session:
        record(session, Happened("never"))
        raise RuntimeError("the use case failed")
    assert heard == [] and _rows(env.db) == []


def test_a_session_used_again_after_a_rollback_forgets_the_events_it_rolled_back(
    env: Env,
) -> None:
    with Session(env.db.write_engine) as session:
        record(session, Happened("rolled back"))
        session.rollback()
        record(session, Happened("kept"))
        session.commit()
    assert [row[2]["what"] for row in _rows(env.db)] == ["kept"]


def test_reading_after_an_id_is_ordered_bounded_and_limited(env: Env) -> None:
    with env.db.transaction() as session:
        for n in range(5):
            record(session, Happened(str(n)))
    ids = [row[0] for row in _rows(env.db)]
    with env.db.read_connection() as conn:
        assert events.latest_id(conn) == ids[-1]
        assert [e.id for e in events.read_after(conn, ids[0])] == ids[1:]
        assert [e.id for e in events.read_after(conn, ids[0], upto=ids[3])] == ids[1:4]
        assert [e.id for e in events.read_after(conn, 0, limit=2)] == ids[:2]


def test_ids_become_visible_in_the_order_they_were_given_out(env: Env) -> None:
    """Concurrent writers; a reader that sees the newest id n must see every id below it (no
    transaction here rolls back, so there are no holes): the guarantee a resuming client needs.
    """
    stop = threading.Event()
    violations: list[str] = []

    def read() -> None:
        with env.db.read_engine.connect() as conn:
            while not stop.is_set():
                newest = conn.execute(select(func.max(OutboxEvent.id))).scalar() or 0
                seen = conn.execute(
                    select(func.count()).where(OutboxEvent.id <= newest)
                ).scalar_one()
                conn.rollback()
                if seen != newest:
                    violations.append(f"saw id {newest} with only {seen} rows up to it")

    def write(worker: int) -> None:
        for n in range(25):
            with env.db.transaction() as session:
                record(session, Happened(f"{worker}.{n}"))
                session.execute(text("SELECT 1"))  # some work between record and commit
                record(session, Happened(f"{worker}.{n}b"))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    reader.join()
    assert violations == []
    assert len(_rows(env.db)) == 6 * 25 * 2


def test_opening_a_ticket_writes_its_outbox_rows_last_just_before_the_commit(env: Env) -> None:
    """Whatever holds the outbox lock holds up every other writer: nothing but the outbox
    inserts may run between taking it and the commit (search documents go in first)."""
    statements: list[str] = []
    listener = lambda *args: statements.append(" ".join(args[2].split()[:3]))  # noqa: E731
    event.listen(env.db.write_engine, "before_cursor_execute", listener)
    try:
        with env.db.transaction() as session:
            tickets.open_ticket(
                session,
                tickets.NewTicket(
                    subject="发票抬头错了",
                    description="请重开发票",
                    customer=CustomerInput(identities={IdentityKind.PHONE: "13900139000"}),
                ),
                actor=None,
                timezone="Asia/Shanghai",
            )
    finally:
        event.remove(env.db.write_engine, "before_cursor_execute", listener)
    assert statements[-1] == "INSERT INTO outbox_event"
    assert any(s.startswith("INSERT INTO search_document") for s in statements)


# -- PostgreSQL: the lock that orders commits -------------------------------------------------


def _wait_for(check: Callable[[], bool], what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def test_on_postgresql_a_later_writer_waits_for_an_uncommitted_outbox_row(
    pg_url_factory: Callable[[str], str],
) -> None:
    """The outbox row of an open transaction holds back the next one's: the second writer
    cannot take an id until the first has committed, so it cannot become visible first."""
    url = pg_url_factory("outbox_order")
    upgrade(url)
    db = Database(url)
    admin = create_engine(url)
    try:
        first = db.write_engine.connect()
        first_id = first.execute(
            events._INSERT_LOCKED,
            {"name": "Happened", "payload": {"what": "first"}, "created_at": datetime.now(UTC)},
        ).scalar_one()
        second: list[int] = []

        def later_writer() -> None:
            with db.transaction() as session:
                record(session, Happened("second"))
            with db.reading() as session:
                second.append(session.scalars(select(func.max(OutboxEvent.id))).one() or 0)

        thread = threading.Thread(target=later_writer)
        thread.start()

        def waiting_on_the_lock() -> bool:
            with admin.connect() as conn:
                query = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                return bool(conn.execute(text(query)).scalar())

        _wait_for(waiting_on_the_lock, "the second writer to wait for the outbox lock")
        assert thread.is_alive() and _rows(db) == []
        first.commit()
        first.close()
        thread.join(timeout=10)
        assert not thread.is_alive()
        assert second == [first_id + 1]
    finally:
        admin.dispose()
        db.dispose()
