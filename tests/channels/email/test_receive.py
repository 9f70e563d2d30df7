"""Receiving mail on SQLite and PostgreSQL: tickets opened and continued by the right evidence,
duplicates, loops, auto-replies, bounces and unusable mail; replies queued and threaded."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from sqlalchemy import func, select

from kefu.channels.email.models import InboundMail, OutboundMail
from kefu.channels.email.rules import Outcome, SendStatus
from kefu.channels.email.service import receive_mail
from kefu.conversations.models import ChannelMessage
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import AuthorKind, Status
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.wiring import wire
from tests.conftest import Api, Env

CUSTOMER = "wang.xiaojie@example.cn"


def mail(
    subject: str = "鞋子开胶了,想退货",
    body: str = "你好,上周买的鞋子开胶了,想申请退货。",
    *,
    sender: str = f"王小姐 <{CUSTOMER}>",
    to: str = "kefu@shop.example",
    cc: str | None = None,
    in_reply_to: str | None = None,
    references: list[str] | None = None,
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
) -> tuple[bytes, str]:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    mid = message_id or make_msgid(domain="mail.example.cn")
    message["Message-ID"] = mid
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = " ".join(references)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes(), mid.strip("<>")


def _count(env: Env, model: type) -> int:
    with env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _ack(env: Env, ticket_id: int) -> OutboundMail:
    with env.db.reading() as session:
        row = session.scalar(
            select(OutboundMail).where(
                OutboundMail.ticket_id == ticket_id, OutboundMail.kind == "ack"
            )
        )
        assert row is not None
        return row


def test_a_new_mail_opens_a_ticket_and_queues_an_acknowledgement(env: Env) -> None:
    raw, mid = mail()
    receipt = receive_mail(env.db, env.settings, raw)
    assert receipt.outcome == Outcome.OPENED
    with env.db.reading() as session:
        ticket = session.get(Ticket, receipt.ticket_id)
        assert ticket is not None and ticket.channel == "email"
        assert ticket.subject == "鞋子开胶了,想退货"
        why = session.scalar(select(ChannelMessage).where(ChannelMessage.ticket_id == ticket.id))
        assert why is not None and why.rule == "new" and why.external_id == mid
    ack = _ack(env, ticket.id)
    assert ack.to_addrs == [CUSTOMER] and ack.in_reply_to == mid
    assert f"[#{ticket.number}]" in ack.subject and ticket.number in ack.body_text
    assert ack.status == SendStatus.QUEUED.value
    stored = env.settings.mail_dir / receipt_raw_key(env, receipt.inbound_id)
    assert stored.read_bytes() == raw


def receipt_raw_key(env: Env, inbound_id: int) -> str:
    with env.db.reading() as session:
        row = session.get(InboundMail, inbound_id)
        assert row is not None
        return row.raw_key


def test_the_same_message_id_twice_stores_nothing_new(env: Env) -> None:
    raw, _ = mail()
    first = receive_mail(env.db, env.settings, raw)
    again = receive_mail(env.db, env.settings, raw)
    assert again.outcome == Outcome.DUPLICATE and again.ticket_id == first.ticket_id
    assert _count(env, Ticket) == 1 and _count(env, Message) == 1 and _count(env, OutboundMail) == 1


def test_a_reply_to_our_acknowledgement_continues_the_ticket(env: Env) -> None:
    opened = receive_mail(env.db, env.settings, mail()[0])
    ack = _ack(env, opened.ticket_id or 0)
    raw, _ = mail(
        "Re: " + ack.subject, "订单号是 880012345", in_reply_to=f"<{ack.message_id_header}>"
    )
    reply = receive_mail(env.db, env.settings, raw)
    assert (reply.outcome, reply.ticket_id) == (Outcome.CONTINUED, opened.ticket_id)
    assert "In-Reply-To" in reply.reason


def test_references_alone_continue_the_ticket(env: Env) -> None:
    raw, first_id = mail()
    opened = receive_mail(env.db, env.settings, raw)
    # Outlook-like: no In-Reply-To, the thread only in References (and a rewritten subject).
    later = receive_mail(
        env.db,
        env.settings,
        mail("答复: 鞋子的事", "还有一张照片", references=[f"<{first_id}>"])[0],
    )
    assert (later.outcome, later.ticket_id) == (Outcome.CONTINUED, opened.ticket_id)


def test_subject_number_continues_when_the_client_dropped_the_headers(env: Env) -> None:
    opened = receive_mail(env.db, env.settings, mail()[0])
    number = _number(env, opened.ticket_id)
    later = receive_mail(env.db, env.settings, mail(f"回复: [#{number}] 鞋子开胶了", "补充一下")[0])
    assert (later.outcome, later.ticket_id) == (Outcome.CONTINUED, opened.ticket_id)
    with env.db.reading() as session:
        rule = session.scalar(
            select(ChannelMessage.rule).where(ChannelMessage.message_id == _last_message(env))
        )
    assert rule == "subject_number"


def test_a_stranger_mentioning_a_ticket_number_gets_a_ticket_of_their_own(env: Env) -> None:
    opened = receive_mail(env.db, env.settings, mail()[0])
    number = _number(env, opened.ticket_id)
    stranger = receive_mail(
        env.db,
        env.settings,
        mail(f"关于工单 {number}", "我也有同样的问题", sender="陌生人 <stranger@example.org>")[0],
    )
    assert stranger.outcome == Outcome.OPENED and stranger.ticket_id != opened.ticket_id
    assert number in stranger.reason


def test_a_cc_participant_replying_by_subject_continues_the_ticket(env: Env) -> None:
    opened = receive_mail(
        env.db, env.settings, mail(cc="李经理 <li.jingli@example.cn>, kefu@shop.example")[0]
    )
    number = _number(env, opened.ticket_id)
    colleague = receive_mail(
        env.db,
        env.settings,
        mail(
            f"Re: [#{number}] 鞋子开胶了",
            "我是她的同事,补充订单信息",
            sender="li.jingli@example.cn",
        )[0],
    )
    assert (colleague.outcome, colleague.ticket_id) == (Outcome.CONTINUED, opened.ticket_id)


def test_an_auto_reply_never_opens_a_ticket_or_gets_answered(env: Env) -> None:
    receipt = receive_mail(
        env.db,
        env.settings,
        mail(
            "自动回复: 我正在休假",
            "我正在休假,11月30日回来。",
            headers={"Auto-Submitted": "auto-replied"},
        )[0],
    )
    assert receipt.outcome == Outcome.AUTO_REPLY and receipt.ticket_id is None
    assert _count(env, Ticket) == 0 and _count(env, OutboundMail) == 0
    assert _count(env, InboundMail) == 1  # kept, with its reason


def test_an_auto_reply_to_our_mail_becomes_an_internal_note(env: Env) -> None:
    opened = receive_mail(env.db, env.settings, mail()[0])
    ack = _ack(env, opened.ticket_id or 0)
    out_of_office = mail(
        "Out of office", "I am away.", in_reply_to=f"<{ack.message_id_header}>",
        headers={"X-Autoreply": "yes"},
    )[0]  # fmt: skip
    receipt = receive_mail(env.db, env.settings, out_of_office)
    assert (receipt.outcome, receipt.ticket_id) == (Outcome.AUTO_REPLY, opened.ticket_id)
    with env.db.reading() as session:
        note = session.get(Message, _last_message(env))
        assert note is not None and not note.public and note.author_kind == "system"
        ticket = session.get(Ticket, opened.ticket_id)
        assert ticket is not None and ticket.status == Status.NEW.value
    assert _count(env, OutboundMail) == 1  # no acknowledgement of the auto-reply


def test_mail_from_our_own_address_is_a_loop_and_ignored(env: Env) -> None:
    own = env.settings.mail_from
    receipt = receive_mail(env.db, env.settings, mail(sender=own, to=CUSTOMER)[0])
    assert receipt.outcome == Outcome.OWN_MAIL and _count(env, Ticket) == 0


def test_a_bounce_is_attached_to_the_ticket_whose_mail_bounced(env: Env) -> None:
    opened = receive_mail(env.db, env.settings, mail()[0])
    ack = _ack(env, opened.ticket_id or 0)
    receipt = receive_mail(env.db, env.settings, _dsn(ack.message_id_header, CUSTOMER))
    assert (receipt.outcome, receipt.ticket_id) == (Outcome.BOUNCE, opened.ticket_id)
    assert _ack(env, opened.ticket_id or 0).status == SendStatus.BOUNCED.value
    with env.db.reading() as session:
        note = session.get(Message, _last_message(env))
        assert note is not None and not note.public and "退回" in note.body_text
    assert _count(env, Ticket) == 1


def test_a_mail_without_a_sender_is_kept_for_review(env: Env) -> None:
    raw = b"Subject: hello\r\n\r\n\xff\xfe broken body\r\n"
    receipt = receive_mail(env.db, env.settings, raw)
    assert receipt.outcome == Outcome.REVIEW and _count(env, Ticket) == 0
    assert (env.settings.mail_dir / receipt_raw_key(env, receipt.inbound_id)).read_bytes() == raw


def test_an_agent_reply_is_queued_as_mail_threaded_under_the_customers_last(env: Env) -> None:
    wire(env.settings)
    raw, first_id = mail()
    opened = receive_mail(env.db, env.settings, raw)
    ack = _ack(env, opened.ticket_id or 0)
    second_raw, second_id = mail("Re: 鞋子", "照片在附件", in_reply_to=f"<{ack.message_id_header}>")
    receive_mail(env.db, env.settings, second_raw)
    with env.db.transaction() as session:
        agent = users.create_user(session, username="agent8", role=Role.AGENT, work_number=8)
        principal = users.Principal(agent.id, agent.username, Role.AGENT)
        tickets.add_message(
            session, opened.ticket_id or 0, body="亲,已为您登记退货。", actor=principal,
            author_kind=AuthorKind.AGENT,
        )  # fmt: skip
        tickets.add_message(
            session, opened.ticket_id or 0, body="内部备注", public=False, actor=principal
        )
    with env.db.reading() as session:
        replies = list(session.scalars(select(OutboundMail).where(OutboundMail.kind == "reply")))
    assert len(replies) == 1, "internal notes are never mailed"
    reply = replies[0]
    assert reply.to_addrs == [CUSTOMER] and reply.in_reply_to == second_id
    assert reply.references[0] == first_id and reply.references[-1] == second_id
    assert ack.message_id_header in reply.references
    assert reply.subject.startswith("Re: [#") and reply.body_text == "亲,已为您登记退货。"


def test_a_reply_copies_the_people_the_customer_had_on_cc(env: Env) -> None:
    wire(env.settings)
    cc = "李经理 <Li.Jingli@example.cn>, kefu@shop.example, 张三 <zhang.san@example.cn>"
    opened = receive_mail(env.db, env.settings, mail(cc=cc)[0])
    number = _number(env, opened.ticket_id)
    receive_mail(  # the colleague writes too: the customer stays the addressee
        env.db,
        env.settings,
        mail(f"Re: [#{number}] 鞋子", "补充订单号", sender="li.jingli@example.cn")[0],
    )
    with env.db.transaction() as session:
        agent = users.create_user(session, username="agent9", role=Role.AGENT, work_number=9)
        principal = users.Principal(agent.id, agent.username, Role.AGENT)
        tickets.add_message(
            session, opened.ticket_id or 0, body="亲,已收到两位的信息。", actor=principal,
            author_kind=AuthorKind.AGENT,
        )  # fmt: skip
    with env.db.reading() as session:
        reply = session.scalars(select(OutboundMail).where(OutboundMail.kind == "reply")).one()
    assert reply.to_addrs == ["li.jingli@example.cn"]  # the last mail's sender
    assert sorted(a.lower() for a in reply.cc_addrs) == [CUSTOMER, "zhang.san@example.cn"]
    assert all("kefu@shop.example" not in a for a in reply.cc_addrs)  # never ourselves


def test_mail_to_the_aftersales_mailbox_goes_to_its_desk(env: Env) -> None:
    from kefu.routing import service as routing
    from kefu.routing.rules import DeliveryMode

    with env.db.transaction() as session:
        desk = routing.create_desk(session, "售后服务台")
        service = routing.create_group(session, desk.id, "客服组")
        aftersales = routing.create_group(session, desk.id, "售后组")
        routing.set_delivery(
            session,
            routing.DeliveryInput(
                DeliveryMode.MULTI,
                default_group_id=service.id,
                by_entry_point={"mail:aftersales@shop.example": aftersales.id},
            ),
        )
        ids = (service.id, aftersales.id)
    routing.invalidate()
    returned = receive_mail(
        env.db, env.settings, mail(to="aftersales@shop.example")[0], ["aftersales@shop.example"]
    )
    asked = receive_mail(env.db, env.settings, mail("发票", "请开发票", to="kefu@shop.example")[0])
    with env.db.reading() as session:
        groups = [session.get(Ticket, r.ticket_id).group_id for r in (returned, asked)]  # type: ignore[union-attr]
    assert groups == [ids[1], ids[0]]


def _number(env: Env, ticket_id: int | None) -> str:
    with env.db.reading() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.number


def _last_message(env: Env) -> int:
    with env.db.reading() as session:
        found = session.scalar(select(func.max(Message.id)))
        assert found is not None
        return int(found)


def _dsn(original_id: str, recipient: str) -> bytes:
    """A delivery status notification (RFC 3464) as mail servers send them."""
    boundary = "dsn-boundary-1"
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.cn>\r\n"
        "To: kefu@shop.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: {make_msgid(domain='mx.example.cn')}\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n'
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"This is the mail system. Your message could not be delivered to <{recipient}>.\r\n"
        f"--{boundary}\r\n"
        "Content-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.cn\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/rfc822-headers\r\n\r\n"
        "From: kefu@shop.example\r\n"
        f"To: {recipient}\r\n"
        f"Message-ID: <{original_id}>\r\n"
        "Subject: acknowledgement\r\n"
        f"--{boundary}--\r\n"
    ).encode()


@pytest.fixture(autouse=True)
def _mail_settings(env: Env) -> None:
    env.settings.mail_from = "kefu@shop.example"


def test_the_api_shows_why_each_mail_joined_its_ticket(env: Env, api: Api) -> None:
    raw, first_id = mail()
    opened = receive_mail(env.db, env.settings, raw)
    receive_mail(env.db, env.settings, mail("Re: 鞋子", "补充", references=[f"<{first_id}>"])[0])
    with api.client() as http:
        items = http.get(f"/api/v1/tickets/{opened.ticket_id}/messages").json()["items"]
    arrivals = [(m["arrival"]["channel"], m["arrival"]["rule"]) for m in items]
    assert arrivals == [("email", "new"), ("email", "references")]
    assert "References" in items[1]["arrival"]["reason"]
    with api.client(**{"Accept-Language": "en"}) as http:
        english = http.get(f"/api/v1/tickets/{opened.ticket_id}/messages").json()["items"]
    assert english[1]["arrival"]["reason"].startswith("Refers to this ticket's mail")
