"""The write path's building blocks on real databases: the SQLite write gate across processes,
plain inserts that hand back persistent objects, retried find-or-create races, and search
documents written in one batch at commit."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from threading import Barrier

import pytest
from sqlalchemy import event, func, select

from kefu.core.db import Database, insert_persistent
from kefu.core.migrate import upgrade
from kefu.customers.models import Customer, CustomerIdentity
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, create_customer
from kefu.search import service as search
from kefu.search.models import SearchDocument
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.wiring import wire
from tests.conftest import Api, Env

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def _customer_values() -> dict[str, object]:
    return {
        "name": "王小姐",
        "tags": [],
        "vip_level": 0,
        "birthday": None,
        "note": "",
        "blacklisted": False,
        "blacklist_reason": None,
        "blacklisted_by_id": None,
        "blacklisted_at": None,
        "merged_into_id": None,
        "created_at": NOW,
        "updated_at": NOW,
    }


def test_insert_persistent_returns_a_loaded_object_without_reading_it_back(env: Env) -> None:
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(env.db.write_engine, "before_cursor_execute", listener)
    try:
        with env.db.transaction() as session:
            customer = insert_persistent(session, Customer, **_customer_values())
            seen = list(statements)
            assert customer in session
            assert (customer.name, customer.vip_level, customer.created_at) == ("王小姐", 0, NOW)
            assert statements == seen, "reading the attributes must not query"
    finally:
        event.remove(env.db.write_engine, "before_cursor_execute", listener)
    with env.db.reading() as session:
        stored = session.get(Customer, customer.id)
        assert stored is not None and stored.name == "王小姐"


def test_insert_persistent_refuses_a_missing_column(env: Env) -> None:
    values = _customer_values()
    del values["note"]
    with pytest.raises(ValueError, match="note"), env.db.transaction() as session:
        insert_persistent(session, Customer, **values)
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 0


def test_new_search_documents_are_written_once_at_commit(env: Env) -> None:
    with env.db.transaction() as session:
        # Created (indexed as new), then re-indexed with its tags in the same transaction.
        create_customer(
            session,
            CustomerInput(name="李先生", identities={IdentityKind.PHONE: "13900001111"}),
            tags=["老客户"],
        )
        assert session.scalar(select(func.count()).select_from(SearchDocument)) == 0
    with env.db.reading() as session:
        docs = session.scalars(select(SearchDocument)).all()
        assert len(docs) == 1 and docs[0].kind == "customer"
        assert [h.title for h in search.search(session, "老客户")] == ["李先生"]


def test_nothing_pending_survives_a_rollback(env: Env) -> None:
    with pytest.raises(RuntimeError), env.db.transaction() as session:
        search.index(session, search.DocKind.CUSTOMER, 1, "退款", title="x", new=True)
        raise RuntimeError("boom")
    with env.db.transaction() as session:
        pass  # a later transaction must not write the rolled-back document
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(SearchDocument)) == 0


def test_two_requests_creating_one_new_customer_both_succeed(api: Api) -> None:
    """Two channels reporting the same unknown caller at once: one customer, two tickets."""
    for round_ in range(5):
        phone = f"1370000{round_:04d}"
        barrier = Barrier(4)

        def post(i: int, phone: str = phone, barrier: Barrier = barrier) -> tuple[int, int]:
            body = {"subject": f"来电 {i}", "description": "查询物流", "customer": {"phone": phone}}
            with api.client() as http:
                barrier.wait()
                response = http.post("/api/v1/tickets", json=body)
            assert response.status_code == 201, response.text
            return int(response.json()["id"]), int(response.json()["customer_id"])

        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(post, range(4)))
        assert len({ticket for ticket, _ in results}) == 4
        assert len({customer for _, customer in results}) == 1
    with api.env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(CustomerIdentity)) == 5


def _open_many(url: str, worker: int, count: int) -> None:
    wire()
    db = Database(url)
    try:
        for i in range(count):
            with db.transaction() as session:
                tickets.open_ticket(
                    session,
                    tickets.NewTicket(
                        subject=f"进程{worker} 工单{i}",
                        description="我想申请退款",
                        customer=CustomerInput(
                            identities={IdentityKind.PHONE: f"1390{worker:03d}{i:04d}"}
                        ),
                    ),
                    actor=None,
                    timezone="Asia/Shanghai",
                )
    finally:
        db.dispose()


def test_sqlite_writers_in_several_processes_queue_and_never_collide(tmp_path: Path) -> None:
    """Several server processes on one SQLite file: every write lands, numbers stay unique
    and gapless, and nobody sees 'database is locked'."""
    url = f"sqlite:///{tmp_path / 'kefu.db'}"
    upgrade(url)
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_open_many, args=(url, w, 40)) for w in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
    assert [proc.exitcode for proc in procs] == [0, 0, 0]
    db = Database(url)
    try:
        with db.reading() as session:
            numbers = sorted(session.scalars(select(Ticket.number)))
        assert len(numbers) == 120
        assert sorted(int(n.split("-")[1]) for n in numbers) == list(range(1, 121))
    finally:
        db.dispose()
