"""Paying refunds on SQLite and PostgreSQL: a case is paid once (a second instant refund is
refused and costs the agent the handbook's points), an order never pays back more than it took,
a payout above the limit waits for a named supervisor other than the agent asking, concurrent
requests cannot both pass, and the day's refunds are registered per agent."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from kefu.aftersales import service
from kefu.aftersales.models import AfterSalesCase, PenaltyPoint
from kefu.aftersales.models import Payout as PayoutRow
from kefu.aftersales.rules import CaseState, PayoutMethod
from kefu.aftersales.service import CaseKind, CaseReason, Fault
from kefu.core.errors import Forbidden
from kefu.core.i18n import translate
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.aftersales.test_service_cases import move, open_case
from tests.aftersales.test_service_orders import (
    SH,
    Clock,
    bj,
    count,
    make_order,
    make_user,
    notices,
    open_ticket,
)
from tests.conftest import Env

S = CaseState
INSTANT, PLATFORM = PayoutMethod.INSTANT, PayoutMethod.PLATFORM


def refunding(env: Env, agent: Principal, amount_fen: int = 50_00, **kw: Any) -> AfterSalesCase:
    """A partial refund agreed and at its refund step."""
    case = open_case(
        env, agent, kind=CaseKind.PARTIAL_REFUND, reason=kw.pop("reason", CaseReason.CHANGED_MIND),
        amount_fen=amount_fen, **kw,
    )  # fmt: skip
    move(env, case.id, S.JUDGING, agent)
    move(env, case.id, S.DECIDING, agent)
    return move(env, case.id, S.REFUNDING, agent)


def pay(
    env: Env,
    case_id: int,
    actor: Principal,
    amount_fen: int,
    method: PayoutMethod = PLATFORM,
    *,
    confirmed: bool = True,
) -> service.PayoutOutcome:
    data = service.PayoutInput(amount_fen=amount_fen, method=method, agreement_confirmed=confirmed)
    with env.db.transaction() as session:
        return service.request_payout(session, case_id, data, actor=actor, tz=SH)


def approve(env: Env, payout_id: int, actor: Principal) -> service.PayoutOutcome:
    with env.db.transaction() as session:
        return service.approve_payout(session, payout_id, actor=actor, tz=SH)


def said(outcome: service.PayoutOutcome) -> str:
    return translate(outcome.reason, "zh-CN", **outcome.params)


def penalties(env: Env) -> list[tuple[int, str, int, int | None]]:
    with env.db.reading() as session:
        return [
            (p.agent_id, p.fault, p.points, p.case_id)
            for p in session.scalars(select(PenaltyPoint).order_by(PenaltyPoint.id))
        ]


# -- paid once, never above what was paid ---------------------------------------------------------


def test_a_second_instant_refund_for_a_case_is_refused_and_costs_the_agent_five_points(
    env: Env,
) -> None:
    Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    case = refunding(env, agent)
    first = pay(env, case.id, agent, 50_00, INSTANT)
    assert first.allowed and first.payout is not None
    assert (first.payout.status, first.payout.fee_fen, first.payout.deducted_fen) == ("paid", 50, 0)
    again = pay(env, case.id, agent, 50_00, INSTANT)
    assert (again.allowed, again.reason, again.penalised) == (
        False,
        "aftersales.payout.duplicate_instant",
        True,
    )
    assert said(again).startswith(
        f"售后单 {case.id} 已经即时到账打过款(50.00 元),再次提交会重复打款,已拒绝"
    )
    third = pay(env, case.id, agent, 10_00, INSTANT)
    platform = pay(env, case.id, agent, 10_00, PLATFORM)
    assert (third.penalised, platform.reason, platform.penalised) == (
        False,
        "aftersales.payout.duplicate",
        False,
    )
    assert penalties(env) == [(agent.user_id, "duplicate_instant_refund", 5, case.id)]
    assert count(env, PayoutRow) == 1


def test_an_order_never_pays_back_more_than_it_took(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    order = make_order(env)  # 398 yuan
    ticket = open_ticket(env)
    cases = [refunding(env, agent, 150_00, order=order, ticket=ticket) for _ in range(3)]
    assert pay(env, cases[0].id, agent, 150_00).allowed
    assert pay(env, cases[1].id, agent, 150_00).allowed
    over = pay(env, cases[2].id, agent, 150_00)
    assert (over.allowed, over.reason) == (False, "aftersales.payout.exceeds_paid")
    assert (over.params["remaining"], over.params["refunded"]) == ("98.00", "300.00")
    assert said(over).startswith("打款 150.00 元超过可退金额:本订单实付 398.00 元,已退 300.00 元")
    assert pay(env, cases[2].id, agent, 98_00).allowed


def test_an_agreement_the_buyer_has_not_confirmed_is_refused_and_costs_two_points(
    env: Env,
) -> None:
    Clock()
    agent = make_user(env, "agent")
    case = refunding(env, agent)
    refused = pay(env, case.id, agent, 50_00, confirmed=False)
    assert (refused.reason, refused.penalised) == ("aftersales.payout.agreement_unconfirmed", True)
    assert penalties(env) == [(agent.user_id, "agreement_unconfirmed", 2, case.id)]


def test_nothing_is_paid_before_the_refund_step(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    case = open_case(env, agent, kind=CaseKind.PARTIAL_REFUND, amount_fen=50_00)
    early = pay(env, case.id, agent, 50_00)
    assert (early.reason, early.penalised) == ("aftersales.payout.not_refunding", False)
    assert said(early).startswith("售后单还没有到退款这一步")
    assert count(env, PayoutRow) == 0 and penalties(env) == []


# -- approval -------------------------------------------------------------------------------------


def test_above_the_limit_a_named_supervisor_other_than_the_one_asking_approves(
    env: Env,
) -> None:
    Clock()
    agent = make_user(env, "agent", display_name="客服8号")
    boss = make_user(env, "boss", Role.SUPERVISOR, display_name="王主管")
    other_boss = make_user(env, "boss2", Role.SUPERVISOR, display_name="李主管")
    order = make_order(env, paid_fen=800_00)
    ticket = open_ticket(env)
    case = refunding(env, agent, 300_00, order=order, ticket=ticket)
    waiting = pay(env, case.id, agent, 300_00)
    assert waiting.payout is not None and waiting.payout.status == "awaiting_approval"
    assert said(waiting).startswith("打款 300.00 元超过 200.00 元,须由主管审批并署名")
    assert [n.user_id for n in notices(env, "payout_approval")] == [
        boss.user_id,
        other_boss.user_id,
    ]
    assert pay(env, case.id, agent, 300_00).reason == "aftersales.payout.duplicate"
    with pytest.raises(Forbidden):
        approve(env, waiting.payout.id, agent)
    approved = approve(env, waiting.payout.id, boss)
    assert approved.allowed and approved.payout is not None
    assert (approved.payout.status, approved.payout.approver_id) == ("paid", boss.user_id)
    assert said(approved).startswith(f"可以为售后单 {case.id} 打款 300.00 元,已由 王主管 审批")
    assert approve(env, waiting.payout.id, other_boss).reason == "aftersales.payout.not_awaiting"
    # A supervisor asking for a large payout needs another supervisor.
    own = refunding(env, boss, 250_00, order=order, ticket=ticket)
    mine = pay(env, own.id, boss, 250_00)
    assert mine.payout is not None
    assert approve(env, mine.payout.id, boss).reason == "aftersales.payout.self_approved"
    assert approve(env, mine.payout.id, other_boss).allowed


def test_a_rejected_payout_frees_the_case_to_ask_again(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    boss = make_user(env, "boss", Role.SUPERVISOR)
    order = make_order(env, paid_fen=800_00)
    case = refunding(env, agent, 300_00, order=order)
    waiting = pay(env, case.id, agent, 300_00)
    assert waiting.payout is not None
    with env.db.transaction() as session:
        rejected = service.reject_payout(
            session, waiting.payout.id, actor=boss, note="金额与协议不符,请按 180 元重新提交"
        )
    assert rejected.payout is not None and rejected.payout.status == "rejected"
    assert translate(rejected.reason, "zh-CN", **rejected.params) == (
        f"主管没有批准售后单 {case.id} 的打款:金额与协议不符,请按 180 元重新提交"
    )
    assert pay(env, case.id, agent, 180_00).allowed


# -- concurrency ----------------------------------------------------------------------------------


def test_payouts_asked_at_the_same_moment_cannot_both_pass(env: Env) -> None:
    """Eight requests race for one order of 398 yuan: two cases, 200 yuan each, four requests
    each. The order's row lock makes them take turns, so exactly one is paid; the others see
    it (a duplicate on the same case, more than was paid on the other)."""
    Clock()
    agent = make_user(env, "agent")
    order = make_order(env)
    ticket = open_ticket(env)
    cases = [refunding(env, agent, 200_00, order=order, ticket=ticket) for _ in range(2)]
    start = threading.Barrier(8)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def request(case_id: int) -> None:
        try:
            start.wait(timeout=30)
            outcomes.append(pay(env, case_id, agent, 200_00, INSTANT).reason)
        except BaseException as exc:  # reported below: a thread must not fail silently
            errors.append(exc)

    threads = [threading.Thread(target=request, args=(cases[i % 2].id,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(outcomes).count("aftersales.payout.allowed") == 1
    assert set(outcomes) == {
        "aftersales.payout.allowed",
        "aftersales.payout.duplicate_instant",
        "aftersales.payout.exceeds_paid",
    }
    with env.db.reading() as session:
        paid = session.scalars(select(PayoutRow.amount_fen)).all()
    assert paid == [200_00]
    assert [fault for _, fault, _, _ in penalties(env)] == ["duplicate_instant_refund"]


# -- the daily register ---------------------------------------------------------------------------


def test_the_register_lists_each_agents_refunds_of_the_shops_day(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 0, 30))  # the 20th in Beijing, the 19th in UTC
    xiaomei = make_user(env, "xiaomei", display_name="小美")
    ajie = make_user(env, "ajie", display_name="阿杰")
    order = make_order(env, paid_fen=800_00)
    ticket = open_ticket(env)
    first = refunding(env, xiaomei, 30_00, order=order, ticket=ticket)
    pay(env, first.id, xiaomei, 30_00, INSTANT)
    at.tick(hours=23, minutes=20)  # 23:50
    second = refunding(env, xiaomei, 120_00, order=order, ticket=ticket)
    pay(env, second.id, xiaomei, 120_00)
    other = refunding(env, ajie, 45_00, order=order, ticket=ticket)
    pay(env, other.id, ajie, 45_00)
    at.tick(minutes=20)  # the 21st
    late = refunding(env, xiaomei, 10_00, order=order, ticket=ticket)
    pay(env, late.id, xiaomei, 10_00)
    day = bj(2026, 11, 20).date()
    with env.db.reading() as session:
        mine = service.refund_register(session, day, agent_id=xiaomei.user_id, tz=SH)
        everyone = service.refund_register(session, day, agent_id=None, tz=SH)
        next_day = service.refund_register(
            session, day + timedelta(days=1), agent_id=xiaomei.user_id, tz=SH
        )
    assert [(line.case.id, line.payout.amount_fen, line.agent) for line in mine] == [
        (first.id, 30_00, "小美"),
        (second.id, 120_00, "小美"),
    ]
    assert [line.agent for line in everyone] == ["小美", "小美", "阿杰"]
    assert [line.ticket_number for line in everyone] == [ticket.number] * 3
    assert [line.case.id for line in next_day] == [late.id]


# -- the penalty table ----------------------------------------------------------------------------


def test_a_fault_counts_once_per_key_and_points_add_up_over_a_period(env: Env) -> None:
    at = Clock(bj(2026, 11, 1, 9, 0))
    agent = make_user(env, "agent")
    with env.db.transaction() as session:
        assert service.record_penalty(session, agent.user_id, Fault.MISSED_REPORT, dedupe_key="a")
        assert not service.record_penalty(
            session, agent.user_id, Fault.MISSED_REPORT, dedupe_key="a"
        )
    at.tick(days=10)
    with env.db.transaction() as session:
        service.record_penalty(session, agent.user_id, Fault.COMPLAINT_NOT_REPORTED, dedupe_key="b")
    at.tick(days=30)
    with env.db.transaction() as session:
        service.record_penalty(session, agent.user_id, Fault.MISJUDGED_REFUND, dedupe_key="c")
    november = (bj(2026, 11, 1), bj(2026, 12, 1))
    with env.db.reading() as session:
        points = service.points_of(session, agent.user_id, since=november[0], until=november[1])
        listed = service.penalties_of(session, agent.user_id, since=november[0], until=november[1])
    assert points == 5 + 10
    assert [p.fault for p in listed] == ["missed_report", "complaint_not_reported"]
    assert "发现投诉后不予理睬和上报的扣10分" in listed[1].source
