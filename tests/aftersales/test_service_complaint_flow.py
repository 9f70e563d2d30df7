"""The complaint flow on SQLite and PostgreSQL, through the worker's sweeps: a complaint ticket
is opened with every conversation of the customer gathered and a phone call-back owed; the
SOP's 5 and 30 minutes run as the ticket's SLA clocks; a complaint written in a conversation
and not reported within 5 minutes costs the agent handling it 10 points, once; the day's refund
register reaches the supervisor at 18:00, once per agent and day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kefu.aftersales import service
from kefu.aftersales.models import CallbackTask, ComplaintWatch, PenaltyPoint
from kefu.aftersales.rules import ComplaintState
from kefu.core.errors import Conflict, Invalid
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.sla import service as sla
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import AuthorKind, Channel, TicketType
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.aftersales.test_service_orders import SH, Clock, bj, count, make_user, notices
from tests.aftersales.test_service_payouts import pay, refunding
from tests.conftest import Env

PHONE = "13857120345"


def open_ticket(
    env: Env,
    *,
    channel: Channel = Channel.WEB_CHAT,
    type: TicketType = TicketType.AFTER_SALES,
    text: str = "鞋子开胶了,要退货",
    customer: dict[IdentityKind, str] | None = None,
) -> Ticket:
    with env.db.transaction() as session:
        ticket, _ = tickets.open_ticket(
            session,
            tickets.NewTicket(
                subject=text[:20], description=text,
                customer=CustomerInput(None, customer or {IdentityKind.PHONE: PHONE}),
                channel=channel, type=type,
            ),
            actor=None, timezone="Asia/Shanghai",
        )  # fmt: skip
        return ticket


def assign(env: Env, ticket_id: int, agent: Principal) -> None:
    with env.db.transaction() as session:
        changes = tickets.TicketChanges(given={"assignee_id"}, assignee_id=agent.user_id)
        tickets.update_ticket(session, ticket_id, changes, actor=agent)


def customer_writes(env: Env, ticket: Ticket, text: str) -> None:
    with env.db.transaction() as session:
        tickets.add_message(
            session, ticket.id, body=text, actor=None, author_kind=AuthorKind.CUSTOMER,
            customer_id=ticket.customer_id,
        )  # fmt: skip


# -- a complaint opened -----------------------------------------------------------------------


def test_a_complaint_gathers_every_conversation_of_the_customer_and_owes_a_call_back(
    env: Env,
) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    boss = make_user(env, "boss", Role.SUPERVISOR)
    chat = open_ticket(env)
    mail = open_ticket(env, channel=Channel.EMAIL, text="退货地址是哪里", customer={
        IdentityKind.PHONE: PHONE, IdentityKind.EMAIL: "wangli@example.cn",
    })  # fmt: skip
    other = open_ticket(env, customer={IdentityKind.PHONE: "13900001111"})
    at.tick(minutes=1)
    complaint = open_ticket(
        env, channel=Channel.PHONE, type=TicketType.COMPLAINT, text="客服态度差"
    )
    assert service.sweep_complaints(env.db, env.settings) == 1
    assert service.sweep_complaints(env.db, env.settings) == 0  # opened once
    with env.db.reading() as session:
        gathered = [t.id for t in service.conversations_of(session, complaint.id)]
        task = service.callback_of(session, complaint.id)
        opened = service.complaint_of(session, complaint.id)
    assert gathered == [chat.id, mail.id, complaint.id] and other.id not in gathered
    assert task is not None and task.customer_phone == "+8613857120345"
    assert task.due_at == bj(2026, 11, 20, 10, 31)  # the SOP's 30 minutes for a first analysis
    assert opened.state == ComplaintState.RECEIVED
    told = notices(env, "complaint_callback")
    assert [n.user_id for n in told] == [boss.user_id] and told[0].params[
        "phone"
    ] == "+8613857120345"


def test_a_ticket_changed_into_a_complaint_is_opened_too_and_its_first_move_needs_no_sweep(
    env: Env,
) -> None:
    Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    ticket = open_ticket(env)
    with env.db.transaction() as session:
        changes = tickets.TicketChanges(given={"type"}, type=TicketType.COMPLAINT)
        tickets.update_ticket(session, ticket.id, changes, actor=agent)
    with env.db.transaction() as session:
        service.move_complaint(
            session, ticket.id, service.ComplaintMove(ComplaintState.INVESTIGATING,
                                                      supervisor_informed=True),
            actor=agent, tz=SH,
        )  # fmt: skip
    assert count(env, CallbackTask) == 1
    assert service.sweep_complaints(env.db, env.settings) == 0


def test_a_call_back_is_completed_once_with_a_note(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    complaint = open_ticket(env, type=TicketType.COMPLAINT, text="我要投诉")
    service.sweep_complaints(env.db, env.settings)
    with env.db.reading() as session:
        task = service.callback_of(session, complaint.id)
        assert task is not None
        listed = [v.task.id for v in service.callbacks(session, open_only=True, limit=10)]
    assert listed == [task.id]
    with pytest.raises(Invalid), env.db.transaction() as session:
        service.complete_callback(session, task.id, "  ", actor=agent, tz=SH)
    at.tick(minutes=12)
    with env.db.transaction() as session:
        done = service.complete_callback(session, task.id, "已致歉,同意换货", actor=agent, tz=SH)
    assert (done.done_at, done.done_by_id) == (bj(2026, 11, 20, 10, 12), agent.user_id)
    with pytest.raises(Conflict) as again, env.db.transaction() as session:
        service.complete_callback(session, task.id, "再打一次", actor=agent, tz=SH)
    assert again.value.params["at"] == "2026-11-20 10:12"
    with env.db.reading() as session:
        assert service.callbacks(session, open_only=True, limit=10) == []


def test_the_sops_minutes_run_as_the_complaint_tickets_sla_clocks(env: Env) -> None:
    """Verified, not duplicated: the SLA's complaint policy sets the clocks the SOP asks for."""
    at = Clock(bj(2026, 11, 20, 23, 50))  # past shop hours: complaints do not wait
    with env.db.transaction() as session:
        sla.ensure_defaults(session)
        sla.invalidate()
    complaint = open_ticket(env, type=TicketType.COMPLAINT, text="我要投诉")
    with env.db.reading() as session:
        limits = service.time_limits(session, tz=SH)
        timers = sla.ticket_sla(session, complaint.id, at.at)
    assert timers.choice.policy is not None and timers.choice.policy.key == "complaint"
    targets = timers.choice.policy.targets
    assert targets.first_response_s == limits[ComplaintState.RECEIVED].minutes * 60
    assert targets.next_response_s == limits[ComplaintState.INVESTIGATING].minutes * 60
    first = next(c for c in timers.clocks if c.metric == "first_response")
    assert first.due_at == bj(2026, 11, 20, 23, 55)


# -- complaints not reported ------------------------------------------------------------------


def penalties(env: Env) -> list[tuple[int, str, int, int | None]]:
    with env.db.reading() as session:
        return [
            (p.agent_id, p.fault, p.points, p.ticket_id)
            for p in session.scalars(select(PenaltyPoint).order_by(PenaltyPoint.id))
        ]


def test_a_complaint_in_a_chat_not_reported_within_five_minutes_costs_the_agent_ten_points_once(
    env: Env,
) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    boss = make_user(env, "boss", Role.SUPERVISOR)
    ticket = open_ticket(env)
    assign(env, ticket.id, agent)
    at.tick(minutes=1)
    customer_writes(env, ticket, "三天了还不处理,我要打12315投诉你们")
    assert service.sweep_unreported_complaints(env.db, env.settings) == 1  # the watch starts
    at.tick(minutes=4, seconds=59)
    assert service.sweep_unreported_complaints(env.db, env.settings) == 0  # not yet due
    at.tick(seconds=1)
    assert service.sweep_unreported_complaints(env.db, env.settings) == 1
    customer_writes(env, ticket, "还要给差评!")
    at.tick(minutes=10)
    assert service.sweep_unreported_complaints(env.db, env.settings) == 0
    assert penalties(env) == [(agent.user_id, "complaint_not_reported", 10, ticket.id)]
    with env.db.reading() as session:
        recorded = service.penalties_of(
            session, agent.user_id, since=bj(2026, 11, 20), until=bj(2026, 11, 21)
        )
        watch = session.get(ComplaintWatch, ticket.id)
    assert recorded[0].at == bj(2026, 11, 20, 10, 6) and recorded[0].detail["keyword"] == "12315"
    assert watch is not None and (watch.outcome, watch.due_at) == ("penalised", None)
    told = notices(env, "complaint_not_reported")
    assert [n.user_id for n in told] == [boss.user_id]


def test_a_complaint_marked_or_reported_in_time_costs_nothing(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    marked, informed = (
        open_ticket(env),
        open_ticket(env, customer={IdentityKind.PHONE: "13900001111"}),
    )
    for ticket in (marked, informed):
        assign(env, ticket.id, agent)
        customer_writes(env, ticket, "我要去消协举报你们")
    service.sweep_unreported_complaints(env.db, env.settings)
    at.tick(minutes=3)
    with env.db.transaction() as session:
        for ticket in (marked, informed):
            changes = tickets.TicketChanges(given={"type"}, type=TicketType.COMPLAINT)
            tickets.update_ticket(session, ticket.id, changes, actor=agent)
    at.tick(minutes=10)
    assert service.sweep_unreported_complaints(env.db, env.settings) == 0
    assert penalties(env) == []
    with env.db.reading() as session:
        outcomes = {session.get(ComplaintWatch, t.id).outcome for t in (marked, informed)}  # type: ignore[union-attr]
    assert outcomes == {"reported"}


def test_a_word_said_in_the_negative_or_an_unassigned_ticket_records_no_points(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    agent = make_user(env, "agent")
    calm = open_ticket(env)
    assign(env, calm.id, agent)
    customer_writes(env, calm, "放心,我不会给差评的")
    nobody = open_ticket(env, customer={IdentityKind.PHONE: "13900001111"})
    customer_writes(env, nobody, "我要投诉")
    assert service.sweep_unreported_complaints(env.db, env.settings) == 1
    at.tick(minutes=6)
    assert service.sweep_unreported_complaints(env.db, env.settings) == 0
    assert penalties(env) == []
    with env.db.reading() as session:
        assert session.get(ComplaintWatch, calm.id) is None
        assert session.get(ComplaintWatch, nobody.id).outcome == "unassigned"  # type: ignore[union-attr]


# -- the end-of-day refund register -----------------------------------------------------------


def test_the_days_register_reaches_the_supervisor_at_six_once_per_agent(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 10, 0))
    alice, bob = (
        make_user(env, "alice", display_name="客服1号"),
        make_user(env, "bob", display_name="客服2号"),
    )
    boss = make_user(env, "boss", Role.SUPERVISOR)
    for agent, amount in ((alice, 50_00), (bob, 30_00), (alice, 12_50)):
        case = refunding(env, agent, amount)
        assert pay(env, case.id, agent, amount).allowed
    sweep = service.RefundRegisterSweep()
    at.at = bj(2026, 11, 20, 17, 59, 59)
    assert sweep(env.db, env.settings) == 0
    at.at = bj(2026, 11, 20, 18, 0)
    assert sweep(env.db, env.settings) == 2
    assert sweep(env.db, env.settings) == 0
    assert service.RefundRegisterSweep()(env.db, env.settings) == 0  # another worker: no repeat
    told = {n.params["agent"]: n.params for n in notices(env, "refund_register")}
    assert {n.user_id for n in notices(env, "refund_register")} == {boss.user_id}
    assert (told["客服1号"]["count"], told["客服1号"]["total"]) == ("2", "62.50")
    assert (told["客服2号"]["count"], told["客服2号"]["day"]) == ("1", "2026-11-20")
    at.at = bj(2026, 11, 21, 18, 0) + timedelta(minutes=1)
    assert sweep(env.db, env.settings) == 0  # nothing paid that day: nothing to send
