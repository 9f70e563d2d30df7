"""Helpers of the sending tests: a customer writing in, an agent answering, the worker's sweeps
and what they left on the ticket."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from kefu.channels.wechat import service as wechat
from kefu.channels.wechat.models import WechatFollower, WechatOutbound
from kefu.core import clock
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, recognise
from kefu.tickets import service as tickets
from kefu.tickets.models import Message
from kefu.tickets.rules import AuthorKind
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.channels.wechat.fake_api import FakeWechat
from tests.channels.wechat.support import NAME, OPENID, sample, signed_query
from tests.conftest import Env


def at(moment: datetime) -> None:
    clock.set_clock(lambda: moment)


def customer_writes(
    env: Env, fake: FakeWechat, name: str = "text.xml", **fields: str
) -> wechat.PushReceipt:
    """A push received now; WeChat, knowing the customer wrote, opens its window too."""
    receipt = wechat.receive_push(
        env.db, env.settings, NAME, signed_query(), sample(name, **fields)
    )
    fake.customer_wrote(OPENID, clock.now())
    return receipt


def give_email(env: Env, address: str) -> None:
    with env.db.transaction() as session:
        recognise(
            session,
            CustomerInput(
                identities={IdentityKind.WECHAT_OPENID: OPENID, IdentityKind.EMAIL: address}
            ),
        )


def agent(env: Env) -> Principal:
    with env.db.transaction() as session:
        user = users.create_user(
            session, username="agent", role=Role.AGENT, password="pw-agent",
            display_name="客服1号", work_number=1,
        )  # fmt: skip
        return Principal(user.id, user.username, Role.AGENT)


def reply(env: Env, actor: Principal, ticket_id: int, body: str, *, public: bool = True) -> int:
    with env.db.transaction() as session:
        return tickets.add_message(session, ticket_id, body=body, public=public, actor=actor).id


def outbound(env: Env) -> list[WechatOutbound]:
    with env.db.reading() as session:
        return list(session.scalars(select(WechatOutbound).order_by(WechatOutbound.id)))


def system_notes(env: Env, ticket_id: int) -> list[str]:
    with env.db.reading() as session:
        return list(
            session.scalars(
                select(Message.body_text)
                .where(
                    Message.ticket_id == ticket_id,
                    Message.author_kind == AuthorKind.SYSTEM.value,
                    Message.public.is_(False),
                )
                .order_by(Message.id)
            )
        )


def replies_counted(env: Env) -> int:
    with env.db.reading() as session:
        return session.scalars(select(WechatFollower)).one().replies_since_message
