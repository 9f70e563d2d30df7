"""After-sales cases on SQLite and PostgreSQL: opened from a conversation about the customer's
order with the engine's decisions stored and explained, moved step by step along the state
machine (every move audited, every refusal a 409 that writes nothing), evidence photos on the
ticket, the decisions' inputs corrected, and the refund timer the worker watches."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from kefu.aftersales import service
from kefu.aftersales.models import AfterSalesCase, CaseEvent, PenaltyPoint
from kefu.aftersales.rules import CaseState, Category, Flaw, PayoutMethod, Remedy
from kefu.aftersales.service import CaseKind, CaseReason
from kefu.core.errors import Conflict, Invalid, NotFound
from kefu.core.i18n import translate
from kefu.tickets import service as tickets
from kefu.tickets.models import Attachment, AuditEntry, Message
from kefu.users.rules import Role
from kefu.users.service import Principal
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
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


# -- factories ------------------------------------------------------------------------------------


def open_case(
    env: Env,
    actor: Principal,
    *,
    kind: CaseKind = CaseKind.RETURN_REFUND,
    reason: CaseReason = CaseReason.QUALITY,
    order: Any = None,
    ticket: Any = None,
    **inputs: Any,
) -> AfterSalesCase:
    order = order or make_order(env)
    ticket = ticket or open_ticket(env)
    with env.db.transaction() as session:
        return service.open_case(
            session,
            ticket.id,
            service.CaseInput(order_id=order.id, kind=kind, reason=reason, **inputs),
            actor=actor,
            tz=SH,
        )


def move(env: Env, case_id: int, to: CaseState, actor: Principal, **facts: Any) -> AfterSalesCase:
    with env.db.transaction() as session:
        return service.move_case(
            session, case_id, service.CaseMove(to, **facts), actor=actor, tz=SH
        )


def refused(env: Env, case_id: int, to: CaseState, actor: Principal, **facts: Any) -> str:
    """The reason a move is refused; the case must be left as it was."""
    before = events(env, case_id)
    with pytest.raises(Conflict) as conflict:
        move(env, case_id, to, actor, **facts)
    assert events(env, case_id) == before
    return conflict.value.code


def events(env: Env, case_id: int) -> list[tuple[str, str | None, str | None]]:
    with env.db.reading() as session:
        return [(e.kind, e.old_state, e.new_state) for e in service.history_of(session, case_id)]


def photos(env: Env, case_id: int, actor: Principal, n: int = 2) -> list[int]:
    uploads = [
        tickets.NewAttachment(f"开胶{i}.jpg", "image/jpeg", io.BytesIO(JPEG)) for i in range(n)
    ]
    with env.db.transaction() as session:
        return service.add_evidence(
            session, case_id, uploads, note="顾客拍的开胶照片", actor=actor,
            root=env.settings.attachments_dir, limit=env.settings.max_attachment_bytes, tz=SH,
        )  # fmt: skip


def get(env: Env, case_id: int) -> AfterSalesCase:
    with env.db.reading() as session:
        return service.get_case(session, case_id)


def due(decision: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(decision["at"])


def said(decision: dict[str, Any]) -> str:
    return translate(decision["code"], "zh-CN", **decision["params"])


def pay(env: Env, case_id: int, actor: Principal, amount_fen: int, **kw: Any) -> Any:
    data = service.PayoutInput(
        amount_fen=amount_fen,
        method=kw.pop("method", PayoutMethod.PLATFORM),
        agreement_confirmed=kw.pop("agreement_confirmed", True),
    )
    with env.db.transaction() as session:
        return service.request_payout(session, case_id, data, actor=actor, tz=SH)


# -- opening --------------------------------------------------------------------------------------


def test_a_quality_return_is_opened_with_the_shipping_payer_deadline_and_explanation(
    env: Env,
) -> None:
    Clock(bj(2026, 11, 16, 10, 0))
    agent = make_user(env, "agent", display_name="客服8号")
    order = make_order(env)
    case = open_case(env, agent, order=order, item_id=None, return_shipping_fen=12_00)
    assert (case.state, case.agent_id, case.customer_id) == (
        "understanding",
        agent.user_id,
        order.customer_id,
    )
    d = case.decisions
    assert d["remedy"]["remedy"] == "return"
    assert d["remedy"]["code"] == "aftersales.remedy.return.buyer_choice"
    shipping = d["shipping"]
    assert (shipping["payer_outbound"], shipping["payer_return"]) == ("shop", "shop")
    assert shipping["code"] == "aftersales.shipping.fault.quality"
    assert shipping["amounts"]["owed_to_buyer_fen"] == 12_00  # the return parcel, reimbursed
    assert "经营者应当承担运输等必要费用" in shipping["rule"]["source"]
    assert (d["refund_due"]["amount_fen"], d["refund_due"]["goods_fen"]) == (410_00, 398_00)
    assert said(d["refund_due"]) == (
        "退货退款应退 410.00 元:商品 398.00 元,另退运费 12.00 元,扣除运费 0.00 元"
    )
    assert due(d["respond"]) == bj(2026, 12, 1, 10, 0)  # the law's 15 days
    assert "return" not in d  # a quality claim is not bound by the seven days
    assert "退货" in said(shipping) or "运费" in said(shipping)
    assert events(env, case.id) == [("opened", None, "understanding")]
    with env.db.reading() as session:
        audit = session.scalars(
            select(AuditEntry.new_value).where(AuditEntry.field == "aftersales_case")
        ).all()
    assert audit == [f"{case.id}:understanding"]


def test_a_case_for_another_customers_order_or_a_wrong_item_is_refused(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    stranger = make_order(env, "X-1", buyer_id="别人", receiver_phone="13900000009")
    ticket = open_ticket(env)
    with pytest.raises(Invalid) as other:
        open_case(env, agent, order=stranger, ticket=ticket)
    mine = make_order(env)
    with pytest.raises(Invalid) as resend:
        open_case(env, agent, order=mine, ticket=ticket, kind=CaseKind.RESEND)
    with pytest.raises(Invalid) as money:
        open_case(env, agent, order=mine, ticket=ticket, kind=CaseKind.PRICE_DIFFERENCE)
    with pytest.raises(Invalid) as too_much:
        open_case(
            env, agent, order=mine, ticket=ticket, kind=CaseKind.REFUND_ONLY, amount_fen=500_00
        )
    with pytest.raises(Invalid) as item:
        open_case(env, agent, order=mine, ticket=ticket, item_id=999_999)
    assert other.value.fields["order_id"].code == "aftersales.case.order_of_another_customer"
    assert resend.value.fields["kind"].code == "aftersales.case.resend_only_missing"
    assert money.value.fields["amount_fen"].code == "aftersales.case.amount_required"
    assert too_much.value.fields["amount_fen"].params == {"paid": "398.00"}
    assert set(item.value.fields) == {"item_id"}
    assert count(env, AfterSalesCase) == 0


def test_a_platforms_own_refund_timeout_wins_over_the_computed_deadline(env: Env) -> None:
    Clock(bj(2026, 11, 16, 10, 0))
    agent = make_user(env, "agent")
    timeout = bj(2026, 11, 18, 10, 0)
    case = open_case(env, agent, platform_timeout_at=timeout)
    respond = case.decisions["respond"]
    assert (respond["code"], due(respond), respond["rule"]) == (
        "aftersales.refund.platform_timeout",
        timeout,
        None,
    )
    assert said(respond) == "平台给出的处理期限为 2026-11-18 10:00:00,以平台为准"


# -- the seven-day no-reason return ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "allowed", "code"),
    [
        (bj(2026, 11, 10, 23, 59, 59), True, "aftersales.return.allowed.apparel"),
        (bj(2026, 11, 11, 0, 0, 1), False, "aftersales.return.window_closed"),
    ],
)
def test_a_change_of_mind_is_judged_on_the_seven_days_after_sign_for(
    env: Env, requested: Any, allowed: bool, code: str
) -> None:
    Clock(bj(2026, 11, 12, 9, 0))
    agent = make_user(env, "agent")
    order = make_order(env, signed_at=bj(2026, 11, 3, 10, 0))
    with env.db.reading() as session:
        item_id = service.items_of(session, [order.id])[order.id][0].id
    case = open_case(
        env, agent, order=order, reason=CaseReason.CHANGED_MIND, item_id=item_id,
        requested_at=requested,
    )  # fmt: skip
    decision = case.decisions["return"]
    assert (decision["allowed"], decision["code"]) == (allowed, code)
    assert datetime.fromisoformat(decision["deadline"]) == bj(2026, 11, 10, 23, 59, 59, 999_999)
    shipping = case.decisions["shipping"]
    assert shipping["code"] == "aftersales.shipping.no_reason.shop_buyer"  # free shipping


def test_goods_back_without_their_tags_are_no_longer_returnable_without_reason(
    env: Env,
) -> None:
    at = Clock(bj(2026, 11, 14, 9, 0))
    agent = make_user(env, "agent")
    case = open_case(env, agent, reason=CaseReason.DOES_NOT_FIT, category=Category.APPAREL)
    move(env, case.id, S.JUDGING, agent)  # the buyer's own reason needs no photos
    move(env, case.id, S.DECIDING, agent)
    move(env, case.id, S.AWAITING_RETURN, agent, remedy=Remedy.RETURN)
    move(env, case.id, S.RETURN_SHIPPED, agent, return_tracking="YT7512348899001")
    at.tick(days=2)
    move(env, case.id, S.INSPECTING, agent)
    back = move(env, case.id, S.JUDGING, agent, check_passed=False, flaws=(Flaw.TAGS_REMOVED,))
    assert back.decisions["return"]["code"] == "aftersales.return.not_intact.tags_removed"
    assert back.decisions["return"]["allowed"] is False


# -- the state machine ----------------------------------------------------------------------------


def test_a_quality_return_walks_every_step_and_each_move_is_audited(env: Env) -> None:
    at = Clock(bj(2026, 11, 16, 10, 0))
    agent = make_user(env, "agent", display_name="客服8号")
    boss = make_user(env, "boss", Role.SUPERVISOR, display_name="王主管")
    case = open_case(env, agent)
    assert refused(env, case.id, S.JUDGING, agent) == "aftersales.case.needs_photos"
    move(env, case.id, S.EVIDENCE, agent)
    assert len(photos(env, case.id, agent)) == 2
    move(env, case.id, S.JUDGING, agent)
    move(env, case.id, S.DECIDING, agent)
    assert refused(env, case.id, S.REFUNDING, agent) == "aftersales.case.wrong_remedy_step"
    move(env, case.id, S.AWAITING_RETURN, agent)  # the engine's proposal: a return
    assert refused(env, case.id, S.RETURN_SHIPPED, agent) == "aftersales.case.needs_tracking"
    move(env, case.id, S.RETURN_SHIPPED, agent, return_carrier="圆通", return_tracking="YT99")
    at.tick(days=2)
    inspecting = move(env, case.id, S.INSPECTING, agent)
    timer = inspecting.decisions["refund_timer"]
    assert due(timer["due"]) == bj(2026, 11, 19, 10, 0)  # the shop's 24 hours
    assert refused(env, case.id, S.REFUNDING, agent) == "aftersales.case.check_not_passed"
    move(env, case.id, S.REFUNDING, agent, check_passed=True)
    assert refused(env, case.id, S.CLOSED, agent) == "aftersales.case.refund_unpaid"
    waiting = pay(env, case.id, agent, 398_00)
    assert waiting.payout.status == "awaiting_approval"
    with env.db.transaction() as session:
        approved = service.approve_payout(session, waiting.payout.id, actor=boss, tz=SH)
    assert approved.allowed and approved.params["approver"] == "王主管"
    closed = move(env, case.id, S.CLOSED, agent)
    assert (closed.state, closed.remedy, closed.timer_at) == ("closed", "return", None)
    assert closed.closed_at is not None and closed.received_at == bj(2026, 11, 18, 10, 0)
    steps = [e for e in events(env, case.id) if e[0] == "moved"]
    assert [new for _, _, new in steps] == [
        "evidence", "judging", "deciding", "awaiting_return", "return_shipped", "inspecting",
        "refunding", "closed",
    ]  # fmt: skip
    assert [kind for kind, _, _ in events(env, case.id)].count("payout") == 2
    with env.db.reading() as session:
        audit = session.scalars(
            select(AuditEntry.new_value)
            .where(AuditEntry.field == "aftersales_case")
            .order_by(AuditEntry.id)
        ).all()
    assert audit[-1] == f"{case.id}:closed" and len(audit) == 1 + 1 + 8 + 2


def test_an_illegal_move_is_refused_with_the_states_in_its_reason(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    case = open_case(env, agent)
    with pytest.raises(Conflict) as conflict:
        move(env, case.id, S.REFUNDING, agent)
    assert conflict.value.code == "aftersales.case.illegal"
    assert conflict.value.params == {"old": "understanding", "new": "refunding"}
    assert refused(env, case.id, S.CLOSED, agent) == "aftersales.case.still_open"
    assert move(env, case.id, S.CLOSED, agent, withdrawn=True).state == "closed"
    with pytest.raises(Conflict) as closed, env.db.transaction() as session:
        service.update_case(
            session, case.id, service.CaseChanges(frozenset({"in_stock"}), in_stock=False),
            actor=agent, tz=SH,
        )  # fmt: skip
    assert closed.value.code == "aftersales.case.closed"


def test_a_partial_refund_is_proposed_when_it_costs_less_than_an_exchange(env: Env) -> None:
    Clock(bj(2026, 11, 16, 10, 0))
    agent = make_user(env, "agent")
    quality = open_case(
        env, agent, kind=CaseKind.EXCHANGE, amount_fen=30_00, return_shipping_fen=12_00,
        replacement_shipping_fen=12_00,
    )  # fmt: skip
    remedy = quality.decisions["remedy"]
    assert (remedy["remedy"], remedy["code"]) == (
        "partial_refund",
        "aftersales.remedy.partial.cheaper",
    )
    assert remedy["costs"] == {
        "partial_refund_fen": 30_00,
        "exchange_fen": 422_00,
        "return_fen": 410_00,
    }
    size = open_case(
        env, agent, kind=CaseKind.EXCHANGE, reason=CaseReason.DOES_NOT_FIT, amount_fen=30_00,
        return_shipping_fen=12_00, replacement_shipping_fen=12_00,
        order=make_order(env, "E-2"),
    )  # fmt: skip
    assert size.decisions["remedy"]["code"] == "aftersales.remedy.exchange.cheaper"
    assert size.decisions["shipping"]["code"] == "aftersales.shipping.exchange.buyer"
    # The agent takes the proposal: straight to the refund, no parcel travels.
    move(env, quality.id, S.EVIDENCE, agent)
    photos(env, quality.id, agent, 1)
    move(env, quality.id, S.JUDGING, agent)
    move(env, quality.id, S.DECIDING, agent)
    moved = move(env, quality.id, S.REFUNDING, agent)
    assert moved.remedy == "partial_refund" and "refund_timer" in moved.decisions


def test_a_parcel_never_received_is_refunded_in_full_or_sent_again(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    refund = open_case(
        env, agent, kind=CaseKind.REFUND_ONLY, reason=CaseReason.NOT_RECEIVED, amount_fen=398_00
    )
    assert refund.decisions["remedy"]["code"] == "aftersales.remedy.missing.refund_part"
    resend = open_case(
        env, agent, kind=CaseKind.RESEND, reason=CaseReason.NOT_RECEIVED,
        order=make_order(env, "N-2"),
    )  # fmt: skip
    assert resend.decisions["remedy"]["remedy"] == "reship"
    assert resend.decisions["shipping"]["payer_return"] == "nobody"
    move(env, resend.id, S.EVIDENCE, agent)
    photos(env, resend.id, agent, 1)  # the carrier's record, screenshotted
    move(env, resend.id, S.JUDGING, agent)
    move(env, resend.id, S.DECIDING, agent)
    replacing = move(env, resend.id, S.REPLACING, agent)
    assert refused(env, replacing.id, S.CLOSED, agent) == "aftersales.case.replacement_unshipped"
    assert move(env, resend.id, S.CLOSED, agent, replacement_tracking="ZT001").state == "closed"


def test_only_a_missing_item_may_be_sent_again(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    case = open_case(env, agent)
    move(env, case.id, S.EVIDENCE, agent)
    photos(env, case.id, agent, 1)
    move(env, case.id, S.JUDGING, agent)
    move(env, case.id, S.DECIDING, agent)
    code = refused(env, case.id, S.REPLACING, agent, remedy=Remedy.RESHIP)
    assert code == "aftersales.case.resend_only_missing"


def test_the_transaction_is_extended_seven_days_when_a_return_starts(env: Env) -> None:
    Clock(bj(2026, 11, 16, 10, 0))
    agent = make_user(env, "agent")
    case = open_case(env, agent, reason=CaseReason.CHANGED_MIND, confirm_by=bj(2026, 11, 21, 15, 0))
    assert "transaction_extended" not in case.decisions
    move(env, case.id, S.JUDGING, agent)
    move(env, case.id, S.DECIDING, agent)
    started = move(env, case.id, S.AWAITING_RETURN, agent)
    extended = started.decisions["transaction_extended"]
    assert due(extended) == bj(2026, 11, 28, 15, 0)
    assert said(extended).startswith("已为您延长交易时间 7 天,至 2026-11-28 15:00:00")


# -- inputs and evidence --------------------------------------------------------------------------


def test_correcting_an_input_recomputes_the_decisions(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    case = open_case(env, agent, reason=CaseReason.CHANGED_MIND)
    assert "instant_refund" not in case.decisions
    with env.db.transaction() as session:
        changed = service.update_case(
            session, case.id,
            service.CaseChanges(
                frozenset({"amount_fen", "payee_verified"}), amount_fen=150_00,
                payee_verified=False,
            ),
            actor=agent, tz=SH,
        )  # fmt: skip
    quote = changed.decisions["instant_refund"]
    assert (quote["fee_fen"], quote["deducted_fen"], quote["payout_fen"]) == (1_50, 1_50, 148_50)
    assert [w["code"] for w in quote["warnings"]] == ["aftersales.instant.unverified_account"]
    assert ("updated", None, None) in events(env, case.id)


def test_evidence_is_stored_on_the_ticket_and_chat_photos_can_be_linked(env: Env) -> None:
    Clock()
    agent = make_user(env, "agent")
    ticket = open_ticket(env)
    case = open_case(env, agent, ticket=ticket)
    uploaded = photos(env, case.id, agent, 2)
    with env.db.transaction() as session:
        chat = tickets.add_message(
            session, ticket.id, body="照片", public=True, actor=None,
            attachments=[tickets.NewAttachment("鞋底.jpg", "image/jpeg", io.BytesIO(JPEG))],
            attachments_root=env.settings.attachments_dir,
            max_attachment_bytes=env.settings.max_attachment_bytes,
        )  # fmt: skip
        session.flush()
        sent = session.scalars(select(Attachment.id).where(Attachment.message_id == chat.id)).one()
    with env.db.transaction() as session:
        service.link_evidence(session, case.id, [sent, uploaded[0]], actor=agent, tz=SH)
    assert get(env, case.id).evidence == [str(i) for i in [*uploaded, sent]]
    with env.db.reading() as session:
        note = session.scalars(
            select(Message).where(Message.ticket_id == ticket.id, Message.public.is_(False))
        ).one()
    assert note.body_text == "顾客拍的开胶照片"
    elsewhere = open_case(env, agent, order=make_order(env, "O-2"))
    with pytest.raises(NotFound), env.db.transaction() as session:
        service.link_evidence(session, elsewhere.id, [999_999], actor=agent, tz=SH)
    with pytest.raises(Invalid), env.db.transaction() as session:
        service.add_evidence(
            session, case.id, [], note="", actor=agent, root=env.settings.attachments_dir,
            limit=1024, tz=SH,
        )  # fmt: skip


# -- the refund timer -----------------------------------------------------------------------------


def _refunding_partial(env: Env, agent: Principal) -> AfterSalesCase:
    case = open_case(
        env, agent, kind=CaseKind.PARTIAL_REFUND, reason=CaseReason.CHANGED_MIND, amount_fen=50_00
    )
    move(env, case.id, S.JUDGING, agent)
    move(env, case.id, S.DECIDING, agent)
    return move(env, case.id, S.REFUNDING, agent)


def test_an_unpaid_refund_costs_the_agent_a_point_and_then_reaches_the_supervisor(
    env: Env,
) -> None:
    at = Clock(bj(2026, 11, 16, 10, 0))
    agent = make_user(env, "agent")
    boss = make_user(env, "boss", Role.SUPERVISOR)
    case = _refunding_partial(env, agent)
    assert case.timer_at == bj(2026, 11, 17, 10, 0)
    assert service.sweep_refund_timers(env.db, env.settings) == 0
    at.tick(hours=24, seconds=1)
    assert service.sweep_refund_timers(env.db, env.settings) == 1
    assert service.sweep_refund_timers(env.db, env.settings) == 0
    with env.db.reading() as session:
        points = session.scalars(select(PenaltyPoint)).all()
    assert [(p.agent_id, p.fault, p.points) for p in points] == [
        (agent.user_id, "refund_not_handled", 1)
    ]
    at.tick(days=4)  # five days since the refund was due
    assert service.sweep_refund_timers(env.db, env.settings) == 1
    escalated = notices(env, "refund_escalated")
    assert [n.user_id for n in escalated] == [boss.user_id]
    assert translate("notification.refund_escalated", "zh-CN", **escalated[0].params).startswith(
        f"售后单 {case.id} 的退货于 2026-11-16 10:00:00 收到"
    )
    paid = pay(env, case.id, agent, 50_00)
    assert paid.allowed and get(env, case.id).timer_at is None
    with env.db.reading() as session:
        kinds = session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)).all()
    assert kinds[-1] == "payout"


def test_a_refund_paid_in_time_costs_nothing(env: Env) -> None:
    at = Clock(bj(2026, 11, 16, 10, 0))
    agent = make_user(env, "agent")
    case = _refunding_partial(env, agent)
    at.tick(hours=3)
    assert pay(env, case.id, agent, 50_00).allowed
    at.tick(days=20)
    assert service.sweep_refund_timers(env.db, env.settings) == 0
    assert count(env, PenaltyPoint) == 0
    assert get(env, case.id).timer_at is None


def test_a_case_that_does_not_exist_is_not_found(env: Env) -> None:
    agent = make_user(env, "agent")
    with pytest.raises(NotFound), env.db.reading() as session:
        service.get_case(session, 42)
    with pytest.raises(NotFound):
        move(env, 42, S.EVIDENCE, agent)
