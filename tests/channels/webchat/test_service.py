"""The web chat's use cases on SQLite and PostgreSQL: a message is stored (committed) before
anything acknowledges it, a resent client_id stores nothing, a chat threads into its open ticket,
and a visitor sees their own conversation and nothing else."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kefu.channels.webchat import service as chat
from kefu.channels.webchat.models import ChatSession
from kefu.conversations.models import ChannelMessage
from kefu.core.errors import Invalid
from kefu.customers.models import Customer, CustomerIdentity
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, recognise
from kefu.routing.rules import DeliveryMode
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import Channel, Status
from tests.channels.webchat.support import agent, history, reply, send, start
from tests.conftest import Env
from tests.routing.test_service import Clock, make_group, make_user, set_delivery, set_presence


def count(env: Env, model: type[object]) -> int:
    with env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def ticket(env: Env, ticket_id: int) -> Ticket:
    with env.db.reading() as session:
        return tickets.get_ticket(session, ticket_id)


def solve(env: Env, ticket_id: int) -> None:
    with env.db.transaction() as session:
        tickets.update_ticket(
            session, ticket_id, tickets.TicketChanges({"status"}, status=Status.SOLVED), actor=None
        )


def test_a_message_is_committed_by_the_time_receive_returns(env: Env) -> None:
    visitor = start(env, shop="demo").visitor
    stored = send(env, visitor, "c-1", "你好,在吗?")
    # Another connection (what any other process would use) already sees it: an ack given now
    # promises nothing that could still be rolled back.
    with env.db.read_connection() as conn:
        body = conn.execute(select(Message.body_text).where(Message.id == stored.message_id))
        assert body.scalar_one() == "你好,在吗?"
    opened = ticket(env, stored.ticket_id)
    assert stored.opened and not stored.duplicate
    assert opened.channel == Channel.WEB_CHAT.value and opened.subject == "你好,在吗?"


def test_sending_the_same_client_id_again_stores_nothing_and_gives_the_same_id(env: Env) -> None:
    visitor = start(env).visitor
    first = send(env, visitor, "c-1", "订单什么时候发货?")
    again = send(env, visitor, "c-1", "订单什么时候发货?")
    assert again.duplicate and (again.message_id, again.ticket_id) == (
        first.message_id,
        first.ticket_id,
    )
    assert count(env, Message) == 1 and count(env, Ticket) == 1
    with env.db.reading() as session:
        external = session.scalars(select(ChannelMessage.external_id)).one()
    assert external == f"{visitor.session_id}:c-1"


def test_two_visitors_may_use_the_same_client_id(env: Env) -> None:
    one, two = start(env).visitor, start(env).visitor
    assert send(env, one, "1", "你好").message_id != send(env, two, "1", "你好").message_id
    assert count(env, Ticket) == 2


def test_a_chat_threads_into_its_open_ticket_until_the_matter_is_solved(env: Env) -> None:
    visitor = start(env).visitor
    first = send(env, visitor, "a", "鞋子尺码偏小")
    second = send(env, visitor, "b", "能换大一码吗?")
    assert second.ticket_id == first.ticket_id and not second.opened
    with env.db.reading() as session:
        arrival = chat_arrival(session, second.message_id)
    assert arrival == "session"

    solve(env, first.ticket_id)
    third = send(env, visitor, "c", "另外想问下发票")
    assert third.opened and third.ticket_id != first.ticket_id
    assert [text for _, text in history(env, visitor)] == [
        "鞋子尺码偏小",
        "能换大一码吗?",
        "另外想问下发票",
    ]


def chat_arrival(session: Session, message_id: int) -> str:
    return str(
        session.scalar(select(ChannelMessage.rule).where(ChannelMessage.message_id == message_id))
    )


def test_an_anonymous_visitor_is_one_customer_across_messages_and_tickets(env: Env) -> None:
    visitor = start(env).visitor
    assert visitor.customer_id is None  # nobody is created for a visitor who never writes
    assert count(env, Customer) == 0
    first = send(env, visitor, "a", "在吗")
    solve(env, first.ticket_id)
    second = send(env, visitor, "b", "又来了")
    with env.db.reading() as session:
        customers = session.scalars(select(Customer)).all()
        authors = set(session.scalars(select(Message.author_customer_id)))
    assert len(customers) == 1 and customers[0].name == f"网页访客{visitor.session_id}"
    assert authors == {customers[0].id}
    assert ticket(env, second.ticket_id).customer_id == customers[0].id


def test_a_visitor_giving_a_phone_is_recognised_but_sees_only_this_chat(env: Env) -> None:
    with env.db.transaction() as session:
        known, _ = tickets.open_ticket(
            session,
            tickets.NewTicket(
                "上次的退款",
                "退款还没到账",
                CustomerInput("刘女士", {IdentityKind.PHONE: "13800138000"}),
            ),
            actor=None,
            timezone="Asia/Shanghai",
        )
    visitor = start(env, name="刘女士", phone="138 0013 8000").visitor
    assert visitor.customer_id == known.customer_id
    stored = send(env, visitor, "a", "你好")
    assert ticket(env, stored.ticket_id).customer_id == known.customer_id
    assert stored.ticket_id != known.id  # a chat is its own conversation
    assert history(env, visitor) == [("customer", "你好")]  # not the earlier ticket's


def test_a_phone_typed_later_is_not_taken_from_its_owner(env: Env) -> None:
    phone = {IdentityKind.PHONE: "13900139000"}
    with env.db.transaction() as session:
        owner = recognise(session, CustomerInput("老客户", phone)).id
    visitor = start(env).visitor
    send(env, visitor, "a", "你好")
    with env.db.transaction() as session:
        mine = session.get(ChatSession, visitor.session_id)
        assert mine is not None and mine.customer_id is not None
        again = recognise(session, CustomerInput(identities=phone, customer_id=mine.customer_id))
        holder = session.scalar(
            select(CustomerIdentity.customer_id).where(CustomerIdentity.value == "+8613900139000")
        )
    assert again.id == mine.customer_id != owner and holder == owner


def test_a_bad_phone_or_email_is_refused_and_nothing_is_stored(env: Env) -> None:
    with pytest.raises(Invalid) as refused:
        start(env, phone="12", email="不是邮箱")
    assert set(refused.value.fields) == {"phone", "email"}
    assert count(env, ChatSession) == 0 and count(env, Customer) == 0


def test_a_token_resumes_its_chat_and_an_unknown_one_starts_another(env: Env) -> None:
    started = start(env)
    send(env, started.visitor, "a", "你好")
    resumed = start(env, token=started.token)
    assert resumed.resumed and resumed.visitor.session_id == started.visitor.session_id
    stranger = start(env, token="kfc_not-ours")
    assert not stranger.resumed and stranger.visitor.session_id != started.visitor.session_id
    with env.db.read_connection() as conn:
        assert chat.authenticate(conn, started.token) == resumed.visitor
        assert chat.authenticate(conn, "kfc_not-ours") is None
        stored = conn.execute(select(ChatSession.token_digest)).scalars().all()
    assert started.token not in stored  # only digests are kept


def test_the_visitor_sees_public_replies_but_never_internal_notes(env: Env) -> None:
    visitor = start(env).visitor
    stored = send(env, visitor, "a", "快递到哪了?")
    eight = agent(env)
    reply(env, eight, stored.ticket_id, "已催促仓库,今天发出", public=False)
    reply(env, eight, stored.ticket_id, "亲,今天下午就发出哦")
    with env.db.reading() as session:
        seen = chat.history(session, visitor.session_id, "zh-CN")
    assert [(m.author, m.name, m.text, m.client_id) for m in seen] == [
        ("customer", None, "快递到哪了?", "a"),
        ("agent", "客服8号", "亲,今天下午就发出哦", None),
    ]


def test_after_a_merge_the_chat_follows_its_ticket(env: Env) -> None:
    visitor = start(env).visitor
    stored = send(env, visitor, "a", "衣服有色差")
    with env.db.transaction() as session:
        other, _ = tickets.open_ticket(
            session,
            tickets.NewTicket("色差投诉", "同一件事", CustomerInput("张先生")),
            actor=None,
            timezone="Asia/Shanghai",
        )
    eight = agent(env)
    with env.db.transaction() as session:
        tickets.merge_tickets(session, stored.ticket_id, other.id, actor=eight)
    reply(env, eight, other.id, "已为您登记色差问题")
    later = send(env, visitor, "b", "好的,谢谢")
    assert later.ticket_id == other.id and not later.opened
    texts = [text for _, text in history(env, visitor)]
    assert texts[-2:] == ["已为您登记色差问题", "好的,谢谢"]
    assert "衣服有色差" in texts


def test_messages_after_an_id_are_exactly_those_missed(env: Env) -> None:
    visitor = start(env).visitor
    stored = send(env, visitor, "a", "你好")
    eight = agent(env)
    missed = [reply(env, eight, stored.ticket_id, f"回复{n}") for n in (1, 2)]
    with env.db.reading() as session:
        mine = chat.tickets_of(session, visitor.session_id)
        after = chat.messages_after(session, visitor.session_id, stored.message_id, "zh-CN", mine)
        latest = chat.latest_message_id(session, mine)
    assert [m.id for m in after] == missed and latest == missed[-1]


def test_the_status_gives_the_place_in_the_queue_then_the_agent(env: Env) -> None:
    Clock()
    ann = make_user(env, "ann")
    group = make_group(env, "在线客服组", [ann])
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=group)
    early, visitor = start(env).visitor, start(env).visitor
    send(env, early, "a", "我先来的")
    stored = send(env, visitor, "a", "你好")

    def status() -> dict[str, object]:
        with env.db.reading() as session:
            return chat.status(session, visitor.session_id, "zh-CN").frame()

    assert status()["state"] == "waiting" and status()["position"] == 2
    assert status()["agents_online"] == 0 and status()["wait_minutes"] is None
    set_presence(env, ann, chats=3)
    assert (status()["position"], status()["agents_online"], status()["wait_minutes"]) == (2, 1, 10)
    eight = agent(env)
    with env.db.transaction() as session:
        tickets.update_ticket(
            session,
            stored.ticket_id,
            tickets.TicketChanges({"assignee_id"}, assignee_id=eight.user_id),
            actor=None,
        )
    assert (status()["state"], status()["agent"]) == ("served", "客服8号")
    solve(env, stored.ticket_id)
    assert status()["state"] == "idle"


def test_an_unassigned_chat_answered_by_an_agent_is_served_by_them(env: Env) -> None:
    visitor = start(env).visitor
    stored = send(env, visitor, "a", "你好")
    reply(env, agent(env, 12), stored.ticket_id, "您好,在的")
    with env.db.reading() as session:
        status = chat.status(session, visitor.session_id, "zh-TW")
    assert (status.state, status.agent) == ("served", "客服12號")


def test_messages_sent_at_once_open_one_ticket_and_a_doubled_one_is_stored_once(
    env: Env,
) -> None:
    visitor = start(env).visitor
    frames = [("a", "第一句"), ("b", "第二句"), ("a", "第一句"), ("c", "第三句")] * 2
    barrier = threading.Barrier(len(frames))
    results: list[chat.Stored] = []
    failures: list[BaseException] = []

    def go(client_id: str, text: str) -> None:
        barrier.wait()
        try:
            results.append(send(env, visitor, client_id, text))
        except BaseException as exc:
            failures.append(exc)

    workers = [threading.Thread(target=go, args=frame) for frame in frames]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert len({r.ticket_id for r in results}) == 1
    assert sum(r.opened for r in results) == 1
    assert count(env, Message) == 3 and count(env, Ticket) == 1
