"""Complaints and the rule table on SQLite and PostgreSQL: the complaint state machine on a
complaint ticket (every move audited, every refusal explained), the SOP's minutes as due
instants, a malicious complainant blacklisted by a supervisor; shop rows added to the rule
table and what they change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from kefu.aftersales import service
from kefu.aftersales.models import AfterSalesRule, Complaint
from kefu.aftersales.rules import ComplaintState
from kefu.core.errors import Conflict, Forbidden, Invalid
from kefu.customers.models import Customer
from kefu.tickets.models import AuditEntry
from kefu.tickets.rules import TicketType
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.aftersales.test_service_orders import (
    SH,
    Clock,
    bj,
    count,
    make_order,
    make_user,
    open_ticket,
)
from tests.aftersales.test_service_payouts import pay, refunding
from tests.conftest import Env

C = ComplaintState
SH_TODAY = date(2026, 11, 20)


def complain(
    env: Env, ticket_id: int, to: ComplaintState, actor: Principal, **kw: Any
) -> Complaint:
    with env.db.transaction() as session:
        move = service.ComplaintMove(to, **kw)
        return service.move_complaint(session, ticket_id, move, actor=actor)


def refusal(env: Env, ticket_id: int, to: ComplaintState, actor: Principal, **kw: Any) -> str:
    with pytest.raises(Conflict) as conflict:
        complain(env, ticket_id, to, actor, **kw)
    return conflict.value.code


def test_a_complaint_moves_from_received_to_closed_and_every_move_is_audited(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    boss = make_user(env, "boss", Role.SUPERVISOR)
    ticket = open_ticket(env, type=TicketType.COMPLAINT, subject="客服态度差,我要投诉")
    with env.db.reading() as session:
        fresh = service.complaint_of(session, ticket.id)
        limits = service.time_limits(session, tz=SH)
    assert (fresh.state, service.due_at(fresh, limits)) == ("received", bj(2026, 11, 20, 10, 5))
    assert {s.value: limit.minutes for s, limit in limits.items()} == {
        "received": 5, "investigating": 30, "proposed": 10,
    }  # fmt: skip
    assert (
        refusal(env, ticket.id, C.INVESTIGATING, agent) == "aftersales.complaint.inform_supervisor"
    )
    assert count(env, Complaint) == 0  # a refusal writes nothing
    at.tick(minutes=3)
    investigating = complain(env, ticket.id, C.INVESTIGATING, agent, supervisor_informed=True)
    assert investigating.supervisor_informed_at == bj(2026, 11, 20, 10, 3)
    assert refusal(env, ticket.id, C.PROPOSED, agent) == "aftersales.complaint.needs_proposal"
    complain(env, ticket.id, C.PROPOSED, agent, proposal="赔偿 20 元无门槛优惠券并致歉")
    complain(env, ticket.id, C.REFUSED, agent)
    assert refusal(env, ticket.id, C.CLOSED, agent) == "aftersales.complaint.supervisor_must_decide"
    complain(env, ticket.id, C.INVESTIGATING, agent)
    complain(env, ticket.id, C.PROPOSED, agent, proposal="全额退款并致歉")
    complain(env, ticket.id, C.ACCEPTED, agent)
    assert refusal(env, ticket.id, C.CLOSED, agent) == "aftersales.complaint.not_carried_out"
    closed = complain(env, ticket.id, C.CLOSED, agent, carried_out=True)
    assert (closed.state, closed.proposal, closed.carried_out) == ("closed", "全额退款并致歉", True)
    assert refusal(env, ticket.id, C.INVESTIGATING, boss) == "aftersales.complaint.illegal"
    with env.db.reading() as session:
        moves = session.execute(
            select(AuditEntry.old_value, AuditEntry.new_value)
            .where(AuditEntry.ticket_id == ticket.id, AuditEntry.field == "complaint_state")
            .order_by(AuditEntry.id)
        ).all()
    assert [tuple(m) for m in moves] == [
        ("received", "investigating"), ("investigating", "proposed"), ("proposed", "refused"),
        ("refused", "investigating"), ("investigating", "proposed"), ("proposed", "accepted"),
        ("accepted", "closed"),
    ]  # fmt: skip


def test_a_supervisor_acting_is_informed_and_decides_a_refused_proposal(env: Env) -> None:
    Clock()
    boss = make_user(env, "boss", Role.SUPERVISOR)
    ticket = open_ticket(env, type=TicketType.COMPLAINT)
    complain(env, ticket.id, C.INVESTIGATING, boss)
    complain(env, ticket.id, C.PROPOSED, boss, proposal="补发赠品")
    complain(env, ticket.id, C.REFUSED, boss)
    assert complain(env, ticket.id, C.CLOSED, boss).state == "closed"


def test_only_a_complaint_ticket_has_a_complaint(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    ticket = open_ticket(env, type=TicketType.AFTER_SALES)
    assert refusal(env, ticket.id, C.INVESTIGATING, agent) == "aftersales.complaint.not_complaint"
    with pytest.raises(Conflict), env.db.reading() as session:
        service.complaint_of(session, ticket.id)


def test_a_supervisor_blacklists_a_malicious_complainant_with_a_reason(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    boss = make_user(env, "boss", Role.SUPERVISOR)
    ticket = open_ticket(env, type=TicketType.COMPLAINT)
    with pytest.raises(Forbidden), env.db.transaction() as session:
        service.blacklist_complainant(session, ticket.id, "恶意投诉", actor=agent)
    with pytest.raises(Invalid), env.db.transaction() as session:
        service.blacklist_complainant(session, ticket.id, "  ", actor=boss)
    with env.db.transaction() as session:
        complaint = service.blacklist_complainant(
            session, ticket.id, "多次以差评要挟索要赔偿", actor=boss
        )
    assert complaint.malicious
    with env.db.reading() as session:
        customer = session.get(Customer, ticket.customer_id)
    assert customer is not None
    assert (customer.blacklisted, customer.blacklist_reason, customer.blacklisted_by_id) == (
        True,
        "多次以差评要挟索要赔偿",
        boss.user_id,
    )


# -- the rule table -------------------------------------------------------------------------------


def test_a_shop_row_raises_the_approval_limit_from_its_day(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    boss = make_user(env, "boss", Role.SUPERVISOR)
    with env.db.transaction() as session:
        stored = service.add_rule(
            session,
            service.RuleInput(
                "payout.approval_above_fen",
                500_00,
                "店规(2026 年 11 月修订):500 元以内客服直接打款",
                SH_TODAY + timedelta(days=1),
            ),
            actor_id=boss.user_id,
        )
    assert stored.id is not None
    order = make_order(env, paid_fen=800_00)
    case = refunding(env, agent, 300_00, order=order)
    assert pay(env, case.id, agent, 300_00).payout.status == "awaiting_approval"  # type: ignore[union-attr]
    at.tick(days=1)
    later = refunding(env, agent, 300_00, order=make_order(env, "R-2", paid_fen=800_00))
    assert pay(env, later.id, agent, 300_00).payout.status == "paid"  # type: ignore[union-attr]
    with env.db.reading() as session:
        effective = {
            e.key: e.resolved
            for e in service.effective_rules(session, platform="taobao", on=SH_TODAY)
        }
        tomorrow = {
            e.key: e.resolved
            for e in service.effective_rules(
                session, platform="taobao", on=SH_TODAY + timedelta(days=1)
            )
        }
    assert effective["payout.approval_above_fen"].value == 200_00  # type: ignore[union-attr]
    assert tomorrow["payout.approval_above_fen"].source.startswith("店规(2026 年 11 月修订)")  # type: ignore[union-attr]


def test_a_shop_row_less_generous_than_the_law_is_set_aside(env: Env) -> None:
    Clock()
    with env.db.transaction() as session:
        service.add_rule(
            session,
            service.RuleInput("return.no_reason_days", 3, "店规:三天内可退", date(2026, 1, 1)),
            actor_id=None,
        )
        effective = {
            e.key: e.resolved for e in service.effective_rules(session, platform=None, on=SH_TODAY)
        }
    window = effective["return.no_reason_days"]
    assert window is not None and window.value == 7 and window.row.scope == "law"
    assert any(r.source == "店规:三天内可退" for r in window.set_aside)


def test_the_law_is_not_the_operators_and_two_rows_may_not_start_on_one_day(env: Env) -> None:
    Clock()
    with pytest.raises(Invalid) as law, env.db.transaction() as session:
        service.add_rule(
            session, service.RuleInput("return.no_reason_days", 3, "x", date(2026, 1, 1), scope="law"),
            actor_id=None,
        )  # fmt: skip
    with pytest.raises(Conflict) as twice, env.db.transaction() as session:
        service.add_rule(
            session,
            service.RuleInput("late_shipment.points", 6, "店规", date(2010, 1, 20)),
            actor_id=None,
        )
    with pytest.raises(Invalid) as flag, env.db.transaction() as session:
        service.add_rule(
            session,
            service.RuleInput("fault.shop_pays_shipping", 2, "店规", date(2026, 1, 1)),
            actor_id=None,
        )
    with pytest.raises(Invalid) as unknown, env.db.transaction() as session:
        service.add_rule(
            session,
            service.RuleInput("refund.whenever", 1, "店规", date(2026, 1, 1)),
            actor_id=None,
        )
    assert law.value.code == "aftersales.rule.law_fixed"
    assert twice.value.code == "aftersales.rule.same_day"
    assert flag.value.code == "aftersales.rule.invalid"
    assert set(unknown.value.fields) == {"key"}
    assert count(env, AfterSalesRule) == 0


def test_a_case_decided_after_a_rule_changes_cites_the_new_row(env: Env) -> None:
    Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    with env.db.transaction() as session:
        service.add_rule(
            session,
            service.RuleInput(
                "refund.promise_hours_after_return", 12, "店规:收到退货 12 小时内退款",
                date(2026, 11, 1),
            ),
            actor_id=None,
        )  # fmt: skip
    case = refunding(env, agent, 20_00)
    due = case.decisions["refund_timer"]["due"]
    assert due["rule"]["source"] == "店规:收到退货 12 小时内退款"
    assert case.timer_at == bj(2026, 11, 20, 22, 0)
