"""Receiving pushes at the service level on SQLite and PostgreSQL: the reply-window
bookkeeping a sender relies on, where an answer goes, and pushes following their messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kefu.channels.wechat import service as wechat
from kefu.channels.wechat.models import WechatFollower, WechatPush
from kefu.channels.wechat.service import Outcome
from kefu.core import clock
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.tickets import service as tickets
from tests.channels.wechat.support import NAME, OPENID, add_account, sample, signed_query
from tests.conftest import Env

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def receive(env: Env, name: str, **fields: str) -> wechat.PushReceipt:
    return wechat.receive_push(env.db, env.settings, NAME, signed_query(), sample(name, **fields))


def at(moment: datetime) -> None:
    clock.set_clock(lambda: moment)


def follower(env: Env) -> WechatFollower:
    with env.db.reading() as session:
        return session.scalars(select(WechatFollower)).one()


def test_a_message_opens_the_48_hour_window_with_five_replies(env: Env) -> None:
    account = add_account(env)
    at(T0)
    assert receive(env, "text.xml").outcome == Outcome.OPENED
    assert follower(env).last_message_at == T0
    with env.db.reading() as session:
        soon = wechat.reply_window_of(session, account.id, OPENID, T0 + timedelta(hours=47))
        late = wechat.reply_window_of(session, account.id, OPENID, T0 + timedelta(hours=48))
        stranger = wechat.reply_window_of(session, account.id, "oNobody_000000", T0)
    assert soon.open and soon.remaining == 5
    assert not late.open and late.reason == "wechat.window_expired"
    assert not stranger.open


def test_the_customer_writing_again_renews_the_window_and_its_count(env: Env) -> None:
    account = add_account(env)
    at(T0)
    receive(env, "text.xml")
    with env.db.transaction() as session:  # what a sender does after each reply
        row = session.scalars(select(WechatFollower)).one()
        row.replies_since_message = 5
    with env.db.reading() as session:
        assert not wechat.reply_window_of(session, account.id, OPENID, T0 + timedelta(hours=1)).open
    at(T0 + timedelta(hours=40))
    assert receive(env, "image.xml").outcome == Outcome.CONTINUED
    with env.db.reading() as session:
        renewed = wechat.reply_window_of(session, account.id, OPENID, T0 + timedelta(hours=80))
    assert renewed.open and renewed.remaining == 5


def test_a_follow_opens_only_the_short_event_window(env: Env) -> None:
    add_account(env)
    at(T0)
    assert receive(env, "event_subscribe.xml").outcome == Outcome.EVENT
    row = follower(env)
    assert (row.last_event_at, row.last_message_at, row.subscribed) == (T0, None, True)


def test_an_unfollow_closes_every_window(env: Env) -> None:
    account = add_account(env)
    at(T0)
    receive(env, "text.xml")
    at(T0 + timedelta(minutes=5))
    receive(env, "event_unsubscribe.xml")
    with env.db.reading() as session:
        decision = wechat.reply_window_of(session, account.id, OPENID, T0 + timedelta(minutes=6))
    assert not decision.open and decision.reason == "wechat.window_unsubscribed"


def test_a_retried_push_changes_nothing_not_even_the_window(env: Env) -> None:
    add_account(env)
    at(T0)
    first = receive(env, "text.xml")
    at(T0 + timedelta(seconds=5))
    retry = receive(env, "text.xml")
    assert retry.outcome == Outcome.DUPLICATE
    assert (retry.ticket_id, retry.message_id) == (first.ticket_id, first.message_id)
    assert follower(env).last_message_at == T0


def test_the_answer_to_a_ticket_goes_to_the_account_and_openid_it_came_from(env: Env) -> None:
    account = add_account(env)
    receipt = receive(env, "text.xml")
    assert receipt.ticket_id is not None
    with env.db.reading() as session:
        assert wechat.reply_target(session, receipt.ticket_id) == (account.id, OPENID)
        assert wechat.reply_target(session, receipt.ticket_id + 1000) is None


def test_a_customers_open_ticket_from_another_channel_is_not_continued(env: Env) -> None:
    add_account(env)
    with env.db.transaction() as session:
        mail_ticket, _ = tickets.open_ticket(
            session,
            tickets.NewTicket(
                subject="邮件咨询",
                description="邮件里问过一次",
                customer=CustomerInput(identities={IdentityKind.WECHAT_OPENID: OPENID}),
            ),
            actor=None,
            timezone="Asia/Shanghai",
        )
    receipt = receive(env, "text.xml")
    assert receipt.outcome == Outcome.OPENED and receipt.ticket_id != mail_ticket.id


def test_pushes_follow_their_messages_when_tickets_are_merged(env: Env) -> None:
    add_account(env)
    first = receive(env, "text.xml")
    other = receive(env, "text.xml", FromUserName="oOtherBuyer_8888", MsgId="24361834527812399")
    assert first.ticket_id and other.ticket_id
    with env.db.transaction() as session:
        wechat.move_pushes(session, other.ticket_id, first.ticket_id, None)
    with env.db.reading() as session:
        assert set(session.scalars(select(WechatPush.ticket_id))) == {first.ticket_id}
