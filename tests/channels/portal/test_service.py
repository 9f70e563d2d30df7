"""The portal's use cases on both databases: the code's lifecycle (hashed, expiring, a few
tries, rate limited), and a customer sees only their own tickets and never internal notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kefu.channels.email.models import OutboundMail
from kefu.channels.portal import rules, service
from kefu.channels.portal.models import OutboundSms, PortalCode
from kefu.channels.portal.rules import CodeOutcome
from kefu.core import clock
from kefu.core.db import Database
from kefu.core.errors import Conflict, NotFound
from kefu.tickets import service as tickets
from kefu.tickets.rules import Status
from tests.channels.portal.helpers import mailed_code, ticket_for

KEYS = service.Secrets(key="test-secret-key-for-portal-codes-0123456789", mail_from="kf@shop.cn")
EMAIL = "zhou@example.cn"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
        clock.set_clock(lambda: self.now)


@pytest.fixture
def tick(db: Database) -> Clock:
    return Clock()


def _customer(db: Database, email: str = EMAIL, subject: str = "衣服缩水") -> int:
    with db.transaction() as session:
        return ticket_for(session, email, subject).customer_id


def _request(db: Database, email: str = EMAIL, code: str | None = None) -> CodeOutcome:
    with db.transaction() as session:
        return service.request_code(session, KEYS, email, code=code)


def _verify(db: Database, code: str, email: str = EMAIL) -> str | None:
    with db.transaction() as session:
        return service.verify_code(session, KEYS, email, code)


def test_a_known_address_gets_a_mailed_code_stored_only_as_a_digest(db: Database) -> None:
    customer_id = _customer(db)
    assert _request(db) == CodeOutcome.SENT
    with db.reading() as session:
        code = mailed_code(session, EMAIL)
        row = session.scalars(select(PortalCode)).one()
        mail = session.scalars(select(OutboundMail).where(OutboundMail.ticket_id.is_(None))).one()
    assert len(code) == 6 and code.isdigit()
    assert row.code_digest != code and code not in row.code_digest
    assert row.code_digest == rules.code_digest(KEYS.key, EMAIL, code)
    assert code in mail.body_text and "10 分钟" in mail.body_text
    token = _verify(db, code)
    assert token is not None
    with db.reading() as session:
        assert service.authenticate(session, token) == customer_id
        assert service.authenticate(session, token + "x") is None
    assert _verify(db, code) is None, "a code signs in once"


def test_an_unknown_address_gets_no_code_and_no_mail(db: Database) -> None:
    _customer(db)
    assert _request(db, "stranger@example.cn") == CodeOutcome.UNKNOWN
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboundMail)) == 0
        assert session.scalar(select(func.count()).select_from(PortalCode)) == 0


def test_a_code_expires_after_ten_minutes(db: Database, tick: Clock) -> None:
    _customer(db)
    _request(db, code="123456")
    tick.now += timedelta(minutes=10, seconds=1)
    assert _verify(db, "123456") is None


def test_five_wrong_tries_spend_the_code(db: Database, tick: Clock) -> None:
    _customer(db)
    _request(db, code="123456")
    for wrong in ("000000", "111111", "222222", "333333"):
        assert _verify(db, wrong) is None
    assert _verify(db, "123456") is not None, "four wrong tries leave the code usable"
    _request(db, code="654321")
    for _ in range(rules.MAX_TRIES):
        assert _verify(db, "000000") is None
    assert _verify(db, "654321") is None, "the fifth wrong try spent it"


def test_at_most_three_codes_per_address_in_ten_minutes(db: Database, tick: Clock) -> None:
    _customer(db)
    assert [_request(db) for _ in range(4)] == [CodeOutcome.SENT] * 3 + [CodeOutcome.RATE_LIMITED]
    tick.now += timedelta(minutes=10, seconds=1)
    assert _request(db) == CodeOutcome.SENT
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboundMail)) == 4


def test_a_customer_lists_only_their_own_tickets_newest_first(db: Database) -> None:
    mine = _customer(db, subject="衣服缩水")
    _customer(db, subject="鞋码偏小")
    _customer(db, "wu@example.cn", "别人的工单")
    with db.reading() as session:
        subjects = [t.subject for t in service.own_tickets(session, mine)]
    assert subjects == ["鞋码偏小", "衣服缩水"]


def test_notes_are_hidden_and_another_customers_ticket_is_not_found(db: Database) -> None:
    mine = _customer(db)
    with db.transaction() as session:
        theirs = ticket_for(session, "wu@example.cn", "别人的工单", name="吴先生")
    with db.reading() as session:
        number = service.own_tickets(session, mine)[0].number
        bodies = [m.body_text for m in service.public_messages(session, mine, number)]
        with pytest.raises(NotFound):
            service.public_messages(session, mine, theirs.number)
    assert bodies == ["衣服洗了缩水,可以退吗?", "亲,麻烦发一张洗标的照片哦"]


def test_a_reply_reopens_a_pending_ticket_and_a_closed_one_refuses(db: Database) -> None:
    mine = _customer(db)
    with db.transaction() as session:
        ticket = service.own_tickets(session, mine)[0]
        tickets.update_ticket(
            session,
            ticket.id,
            tickets.TicketChanges(given={"status"}, status=Status.PENDING),
            actor=None,
        )
        number = ticket.number
    with db.transaction() as session:
        service.reply(session, mine, number, "照片在这里")
    with db.reading() as session:
        ticket = service.own_ticket(session, mine, number)
        assert ticket.status == Status.OPEN.value
        assert service.public_messages(session, mine, number)[-1].body_text == "照片在这里"
    with db.transaction() as session:
        for status in (Status.SOLVED, Status.CLOSED):
            tickets.update_ticket(
                session,
                ticket.id,
                tickets.TicketChanges(given={"status"}, status=status),
                actor=None,
            )
    with pytest.raises(Conflict), db.transaction() as session:
        service.reply(session, mine, number, "还在吗")


PHONE = "+8613912345678"


def _phone_customer(db: Database) -> int:
    with db.transaction() as session:
        return ticket_for(session, "li@example.cn", "鞋码偏小", phone=PHONE).customer_id


def _request_sms(db: Database, phone: str = PHONE, **kwargs: str) -> CodeOutcome:
    with db.transaction() as session:
        return service.request_sms_code(session, KEYS, phone, **kwargs)


def test_a_known_number_gets_a_queued_text_and_signs_in_with_it(db: Database) -> None:
    customer_id = _phone_customer(db)
    assert _request_sms(db, code="246810", locale="en") == CodeOutcome.SENT
    with db.reading() as session:
        sms = session.scalars(select(OutboundSms)).one()
        row = session.scalars(select(PortalCode)).one()
        assert session.scalar(select(func.count()).select_from(OutboundMail)) == 0
    assert sms.to == PHONE and sms.state == "queued" and sms.attempts == 0
    assert "246810" in sms.text and sms.text.startswith("Your sign-in code")
    assert row.phone == PHONE and row.email is None and "246810" not in row.code_digest
    assert _verify(db, "246810", email="li@example.cn") is None, "a texted code is the number's"
    token = _verify(db, "246810", email=PHONE)
    assert token is not None
    with db.reading() as session:
        assert service.authenticate(session, token) == customer_id


def test_an_unknown_number_gets_no_code_and_no_text(db: Database) -> None:
    _phone_customer(db)
    assert _request_sms(db, "+8613800138000") == CodeOutcome.UNKNOWN
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboundSms)) == 0
        assert session.scalar(select(func.count()).select_from(PortalCode)) == 0


def test_a_number_and_an_address_are_limited_apart(db: Database, tick: Clock) -> None:
    _phone_customer(db)
    texts = [_request_sms(db) for _ in range(rules.RATE_MAX + 1)]
    assert texts == [CodeOutcome.SENT] * rules.RATE_MAX + [CodeOutcome.RATE_LIMITED]
    assert _request(db, "li@example.cn") == CodeOutcome.SENT, "mail has its own allowance"
    tick.now += rules.RATE_WINDOW + timedelta(seconds=1)
    assert _request_sms(db) == CodeOutcome.SENT
