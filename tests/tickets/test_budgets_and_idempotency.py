"""Query-count budgets on the hot paths, and idempotency as a property, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from kefu.core.db import Database
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.sla import service as sla
from kefu.tickets import service
from kefu.tickets.models import Ticket
from kefu.tickets.service.opening import Idempotency
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.conftest import Env

TZ = "Asia/Shanghai"


@contextmanager
def counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    for engine in {db.write_engine, db.read_engine}:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        for engine in {db.write_engine, db.read_engine}:
            event.remove(engine, "before_cursor_execute", record)


def _agent(db: Database) -> Principal:
    with db.transaction() as session:
        user = users.create_user(session, username="budget", role=Role.AGENT)
        return Principal(user.id, user.username, Role.AGENT)


def _new(i: int, subject: str = "退款") -> service.NewTicket:
    return service.NewTicket(
        subject=subject,
        description="我想申请退款",
        customer=CustomerInput(None, {IdentityKind.PHONE: f"139{i:08d}"}),
        tags=["a", "b"],
    )


def test_opening_a_ticket_stays_within_its_statement_budget(env: Env) -> None:
    actor = _agent(env.db)
    with env.db.transaction() as session:
        sla.ensure_defaults(session)
    with env.db.transaction() as session:  # routing and SLA settings are read once, then cached
        service.open_ticket(session, _new(0), actor=actor, timezone=TZ)
    with counting(env.db) as statements, env.db.transaction() as session:
        service.open_ticket(session, _new(1), actor=actor, timezone=TZ)
    writes = [s for s in statements if not s.startswith(("BEGIN", "COMMIT"))]
    # customer lookup, customer, identity, customer doc, number, ticket, message, message doc,
    # 2 tags, audit, ticket doc, outbox, SLA clocks: one statement each, no lazy loads
    assert len(writes) <= 15, writes
    assert any("ticket_clock" in s for s in writes)


def test_a_ticket_page_costs_the_same_few_statements_whatever_its_size(env: Env) -> None:
    actor = _agent(env.db)
    with env.db.transaction() as session:
        for i in range(60):
            service.open_ticket(session, _new(i), actor=actor, timezone=TZ)
    for limit in (5, 50):
        with counting(env.db) as statements, env.db.reading() as session:
            tickets = service.list_tickets(
                session, service.TicketFilters(status=["new"]), limit=limit
            )
            service.tags_of(session, [t.id for t in tickets])
        queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(tickets) == limit
        assert len(queries) == 2, queries


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(["k1", "k2", "k3"]), st.sampled_from(["退款", "物流"])),
        min_size=1,
        max_size=8,
    )
)
def test_each_idempotency_key_makes_at_most_one_ticket(
    env: Env, requests: list[tuple[str, str]]
) -> None:
    env.reset()
    actor = _agent(env.db)
    first_body: dict[str, str] = {}
    created: dict[str, int] = {}
    for key, subject in requests:
        first_body.setdefault(key, subject)
        try:
            with env.db.transaction() as session:
                ticket, replayed = service.open_ticket(
                    session,
                    _new(1, subject),
                    actor=actor,
                    timezone=TZ,
                    idempotency=Idempotency(key, subject),
                )
                ticket_id = ticket.id
        except Exception as exc:  # the same key with another body is refused
            assert subject != first_body[key], exc
            continue
        assert subject == first_body[key]
        assert replayed == (key in created)
        assert created.setdefault(key, ticket_id) == ticket_id
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == len(created)
