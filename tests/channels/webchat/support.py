"""Helpers of the web chat tests: starting chats, sending as a visitor, replying as an agent."""

from __future__ import annotations

from kefu.channels.webchat import service as chat
from kefu.channels.webchat.rules import StartForm
from kefu.tickets import service as tickets
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.conftest import Env


def start(env: Env, **form: str) -> chat.Started:
    return env.db.retrying(lambda session: chat.start(session, StartForm(**form)))


def send(env: Env, visitor: chat.Visitor, client_id: str, text: str) -> chat.Stored:
    return chat.receive_message(env.db, env.settings, visitor.session_id, client_id, text)


def agent(env: Env, number: int = 8) -> Principal:
    with env.db.transaction() as session:
        user = users.create_user(
            session,
            username=f"agent{number}",
            role=Role.AGENT,
            display_name=f"小{number}",
            work_number=number,
        )
        return Principal(user.id, user.username, Role.AGENT)


def reply(env: Env, who: Principal, ticket_id: int, body: str, *, public: bool = True) -> int:
    with env.db.transaction() as session:
        message = tickets.add_message(session, ticket_id, body=body, public=public, actor=who)
        return message.id


def history(env: Env, visitor: chat.Visitor) -> list[tuple[str, str]]:
    with env.db.reading() as session:
        return [(m.author, m.text) for m in chat.history(session, visitor.session_id, "zh-CN")]
