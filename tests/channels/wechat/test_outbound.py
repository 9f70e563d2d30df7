"""Replies out as customer-service messages, on SQLite and PostgreSQL, against the local stand-in
for WeChat: queued with the reply, sent by the worker, retried, held outside the window and
offered by mail or in the portal, failures put on the ticket."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kefu.channels.email.models import OutboundMail
from kefu.channels.wechat import outbound
from kefu.channels.wechat.rules import RETRY_DELAYS, custom_text
from kefu.core.i18n import translate
from kefu.tickets import service as tickets
from tests.channels.wechat.conftest import SECRET
from tests.channels.wechat.fake_api import FakeWechat
from tests.channels.wechat.sending import (
    agent,
    at,
    customer_writes,
    give_email,
    replies_counted,
    reply,
    system_notes,
)
from tests.channels.wechat.sending import (
    outbound as rows,
)
from tests.channels.wechat.support import OPENID, add_account
from tests.conftest import Env

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def ticket_id(env: Env, fake_wechat: FakeWechat) -> int:
    add_account(env, secret=SECRET)
    at(T0)
    receipt = customer_writes(env, fake_wechat)
    assert receipt.ticket_id is not None
    return receipt.ticket_id


def test_a_reply_is_queued_with_the_agents_message_and_sent_by_the_worker(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    at(T0 + timedelta(hours=1))
    message_id = reply(env, agent(env), ticket_id, "您好,您的订单已发货,预计明天送达。")
    [row] = rows(env)
    assert (row.message_id, row.state, row.openid) == (message_id, "queued", OPENID)
    assert fake_wechat.sent == []  # nothing goes out inside the agent's request
    assert outbound.send_due(env.db, env.settings) == 1
    assert fake_wechat.sent == [custom_text(OPENID, "您好,您的订单已发货,预计明天送达。")]
    [row] = rows(env)
    assert (row.state, row.attempts, row.sent_at) == ("sent", 1, T0 + timedelta(hours=1))
    assert replies_counted(env) == 1
    assert outbound.send_due(env.db, env.settings) == 0  # sent once, never again


def test_a_rolled_back_reply_queues_nothing(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    actor = agent(env)
    with pytest.raises(RuntimeError), env.db.transaction() as session:
        tickets.add_message(session, ticket_id, body="不会发出", actor=actor)
        raise RuntimeError("the request failed after the reply")
    assert rows(env) == []


def test_notes_and_customer_messages_are_not_sent(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    reply(env, agent(env), ticket_id, "内部备注:客户是老客户", public=False)
    customer_writes(env, fake_wechat, MsgId="24361834527812999", Content="还在吗?")
    assert rows(env) == []


def test_a_busy_wechat_is_tried_again_after_a_pause(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    reply(env, agent(env), ticket_id, "稍等,我查一下")
    fake_wechat.fail_next("send", -1)
    assert outbound.send_due(env.db, env.settings) == 1
    [row] = rows(env)
    assert (row.state, row.attempts, row.errcode) == ("queued", 1, -1)
    assert row.next_attempt_at == T0 + timedelta(seconds=RETRY_DELAYS[0])
    assert outbound.send_due(env.db, env.settings) == 0  # not due yet
    at(T0 + timedelta(seconds=RETRY_DELAYS[0]))
    assert outbound.send_due(env.db, env.settings) == 1
    assert [r.state for r in rows(env)] == ["sent"]
    assert [m["text"]["content"] for m in fake_wechat.sent] == ["稍等,我查一下"]


def test_retries_run_out_then_the_failure_shows_on_the_ticket(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    reply(env, agent(env), ticket_id, "您好")
    fake_wechat.fail_next("send", *([-1] * (len(RETRY_DELAYS) + 1)))
    moment = T0
    for delay in (*RETRY_DELAYS, 0):
        assert outbound.send_due(env.db, env.settings) == 1
        moment += timedelta(seconds=delay)
        at(moment)
    [row] = rows(env)
    assert (row.state, row.attempts) == ("failed", len(RETRY_DELAYS) + 1)
    [note] = system_notes(env, ticket_id)
    assert translate("wechat.error.-1") in note and str(row.attempts) in note


def test_an_unauthorised_account_fails_at_once_with_a_note(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    reply(env, agent(env), ticket_id, "您好")
    fake_wechat.fail_next("send", 48001)
    outbound.send_due(env.db, env.settings)
    [row] = rows(env)
    assert (row.state, row.errcode, row.next_attempt_at) == ("failed", 48001, None)
    assert [translate("wechat.error.48001") in n for n in system_notes(env, ticket_id)] == [True]


def test_wechat_saying_45015_holds_the_reply_for_the_portal_when_there_is_no_email(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    reply(env, agent(env), ticket_id, "您好")
    fake_wechat.last_message.clear()  # WeChat sees no message from the customer: 45015
    outbound.send_due(env.db, env.settings)
    [row] = rows(env)
    assert (row.state, row.errcode, row.fallback, row.fallback_mail_id) == (
        "held",
        45015,
        "portal",
        None,
    )
    [note] = system_notes(env, ticket_id)
    assert translate("wechat.error.45015") in note and "门户" in note
    with env.db.reading() as session:
        assert session.scalars(select(OutboundMail)).all() == []
    assert replies_counted(env) == 0


def test_a_reply_49_hours_later_is_held_at_once_and_offered_by_mail(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    give_email(env, "zhang@example.cn")
    at(T0 + timedelta(hours=49))
    message_id = reply(env, agent(env), ticket_id, "抱歉久等,退款已经处理好了。")
    [row] = rows(env)  # held in the reply's own transaction: the agent sees why at once
    assert (row.state, row.fallback) == ("held", "mail")
    with env.db.reading() as session:
        mail = session.get(OutboundMail, row.fallback_mail_id)
        assert mail is not None
        assert (mail.to_addrs, mail.kind, mail.status, mail.message_id) == (
            ["zhang@example.cn"],
            "wechat_fallback",
            "queued",
            message_id,
        )
        assert "抱歉久等,退款已经处理好了。" in mail.body_text
    [note] = system_notes(env, ticket_id)
    assert "zhang@example.cn" in note and "48" in note
    assert outbound.send_due(env.db, env.settings) == 0
    assert fake_wechat.calls == []  # WeChat was not even asked


def test_queued_replies_count_so_the_sixth_is_held(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    actor = agent(env)
    for n in range(6):
        reply(env, actor, ticket_id, f"第{n + 1}条")
    assert [r.state for r in rows(env)] == ["queued"] * 5 + ["held"]
    outbound.send_due(env.db, env.settings)
    assert [r.state for r in rows(env)] == ["sent"] * 5 + ["held"]
    assert len(fake_wechat.sent) == 5 and replies_counted(env) == 5


def test_the_window_is_checked_again_before_sending(
    env: Env, fake_wechat: FakeWechat, ticket_id: int
) -> None:
    at(T0 + timedelta(hours=47, minutes=59))
    reply(env, agent(env), ticket_id, "您好")
    at(T0 + timedelta(hours=48))  # the worker comes a minute later: too late
    outbound.send_due(env.db, env.settings)
    assert [(r.state, r.attempts) for r in rows(env)] == [("held", 0)]
    assert fake_wechat.calls == []


def test_an_account_without_a_secret_cannot_send(env: Env, fake_wechat: FakeWechat) -> None:
    add_account(env, secret=None)
    at(T0)
    ticket = customer_writes(env, fake_wechat).ticket_id
    assert ticket is not None
    reply(env, agent(env), ticket, "您好")
    outbound.send_due(env.db, env.settings)
    assert [r.state for r in rows(env)] == ["failed"]
    assert [translate("wechat.error.no_secret") in n for n in system_notes(env, ticket)] == [True]
