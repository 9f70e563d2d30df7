"""Canned replies kept in the database, on SQLite and PostgreSQL: the shipped scripts added once,
writing with field-level refusals, a shortcut unique among the active replies, and replies found
and filled in for an agent and a ticket's customer."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kefu.core.errors import Invalid, NotFound
from kefu.customers.service import CustomerInput
from kefu.knowledge import service as knowledge
from kefu.knowledge.models import CannedReply
from kefu.knowledge.seeds import SEEDS
from kefu.tickets.service import NewTicket, open_ticket
from kefu.users import service as users
from kefu.users.rules import Role
from tests.conftest import Env


def _count(env: Env) -> int:
    with env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(CannedReply)) or 0)


def _new(**change: object) -> knowledge.ReplyInput:
    fields: dict[str, object] = {
        "title": "包邮说明",
        "shortcut": "by",
        "category": "logistics",
        "body": "{customer_name},满99元包邮哦",
    }
    return knowledge.ReplyInput(**{**fields, **change})  # type: ignore[arg-type]


def _create(env: Env, **change: object) -> CannedReply:
    with env.db.transaction() as session:
        return knowledge.create_reply(session, _new(**change), actor_id=None)


def _invalid(env: Env, work: object) -> dict[str, str]:
    with pytest.raises(Invalid) as caught, env.db.transaction() as session:
        work(session)  # type: ignore[operator]
    return {name: problem.code for name, problem in caught.value.fields.items()}


def test_the_handbooks_scripts_are_added_once(env: Env) -> None:
    with env.db.transaction() as session:
        assert knowledge.ensure_defaults(session) == len(SEEDS)
    with env.db.transaction() as session:
        assert knowledge.ensure_defaults(session) == 0
    assert _count(env) == len(SEEDS)
    with env.db.reading() as session:
        welcome = session.scalars(
            select(CannedReply).where(CannedReply.seed_key == "001-welcome-1")
        ).one()
    assert (welcome.shortcut, welcome.category, welcome.active) == ("hy1", "welcome", True)
    assert welcome.source.startswith("001 ")


def test_a_retired_shipped_reply_is_not_brought_back(env: Env) -> None:
    with env.db.transaction() as session:
        knowledge.ensure_defaults(session)
        first = session.scalars(select(CannedReply).where(CannedReply.shortcut == "hy1")).one()
        knowledge.deactivate_reply(session, first.id)
    with env.db.transaction() as session:
        assert knowledge.ensure_defaults(session) == 0
    with env.db.reading() as session:
        assert [r.shortcut for r in knowledge.list_replies(session, q="hy1")] == []


def test_a_shipped_shortcut_already_in_use_arrives_deactivated(env: Env) -> None:
    mine = _create(env, shortcut="hy1", title="我们自己的欢迎语")
    with env.db.transaction() as session:
        knowledge.ensure_defaults(session)
    with env.db.reading() as session:
        rows = session.scalars(select(CannedReply).where(CannedReply.shortcut == "hy1")).all()
    assert {(r.id == mine.id, r.active) for r in rows} == {(True, True), (False, False)}


def test_create_cleans_and_stores_a_reply_after_the_last(env: Env) -> None:
    first = _create(env, shortcut=" BY ", title=" 包邮说明 ")
    second = _create(env, shortcut="th", title="退货地址", position=None)
    assert (first.shortcut, first.title, first.locale, first.active) == (
        "by",
        "包邮说明",
        "zh-CN",
        True,
    )
    assert second.position > first.position
    with env.db.reading() as session:
        assert knowledge.get_reply(session, first.id).body == "{customer_name},满99元包邮哦"


def test_a_bad_reply_is_refused_field_by_field_and_nothing_is_written(env: Env) -> None:
    problems = _invalid(
        env,
        lambda s: knowledge.create_reply(
            s,
            _new(title="", shortcut="b y", category="spam", body="{agent}", locale="fr"),
            actor_id=None,
        ),
    )
    assert problems == {
        "title": "knowledge.title_length",
        "shortcut": "knowledge.shortcut_space",
        "category": "knowledge.category_unknown",
        "body": "knowledge.unknown_variable",
        "locale": "knowledge.locale_unknown",
    }
    assert _count(env) == 0


def test_a_shortcut_is_unique_among_active_replies_only(env: Env) -> None:
    first = _create(env)
    problems = _invalid(
        env, lambda s: knowledge.create_reply(s, _new(title="另一个"), actor_id=None)
    )
    assert problems == {"shortcut": "knowledge.shortcut_taken"}
    with env.db.transaction() as session:
        knowledge.deactivate_reply(session, first.id)
    second = _create(env, title="新的包邮说明")
    assert second.shortcut == first.shortcut
    # bringing the first back would take the shortcut twice
    problems = _invalid(
        env, lambda s: knowledge.update_reply(s, first.id, knowledge.ReplyChanges(active=True))
    )
    assert problems == {"shortcut": "knowledge.shortcut_taken"}
    with env.db.transaction() as session:
        changes = knowledge.ReplyChanges(active=True, shortcut="by-old")
        assert knowledge.update_reply(session, first.id, changes).active


def test_the_database_refuses_two_active_replies_with_one_shortcut(env: Env) -> None:
    """The partial unique index holds even when the service's check is bypassed."""
    from sqlalchemy.exc import IntegrityError

    from kefu.core import clock

    _create(env)
    with pytest.raises(IntegrityError), env.db.transaction() as session:
        session.add(
            CannedReply(
                title="t",
                shortcut="by",
                category="other",
                body="b",
                locale="zh-CN",
                position=1,
                active=True,
                source="",
                seed_key=None,
                created_by=None,
                updated_at=clock.now(),
            )
        )
        session.flush()


def test_update_changes_only_what_is_given(env: Env) -> None:
    reply = _create(env)
    with env.db.transaction() as session:
        changed = knowledge.update_reply(
            session, reply.id, knowledge.ReplyChanges(body="亲,满99元包邮哦", position=5)
        )
    assert (changed.title, changed.shortcut, changed.body, changed.position) == (
        "包邮说明",
        "by",
        "亲,满99元包邮哦",
        5,
    )
    problems = _invalid(
        env, lambda s: knowledge.update_reply(s, reply.id, knowledge.ReplyChanges(title=""))
    )
    assert problems == {"title": "knowledge.title_length"}
    with pytest.raises(NotFound), env.db.transaction() as session:
        knowledge.update_reply(session, reply.id + 1000, knowledge.ReplyChanges(title="x"))


def test_replies_are_found_best_first_and_filled_in_for_the_agent_and_customer(env: Env) -> None:
    with env.db.transaction() as session:
        knowledge.ensure_defaults(session)
        users.create_user(session, username="agent8", role=Role.AGENT, work_number=8)
        users.create_user(session, username="lin", role=Role.AGENT, display_name="林晓")
        new = NewTicket("还没收到货", "快递三天没动", CustomerInput(name="王小姐"))
        ticket, _ = open_ticket(session, new, actor=None, timezone="Asia/Shanghai")
    with env.db.reading() as session:
        found = knowledge.find_replies(
            session, username="agent8", shop_name="XX旗舰店", q="hy", ticket_id=ticket.id
        )
        by_shortcut = {f.reply.shortcut: f.rendered.text for f in found}
        assert [f.reply.shortcut for f in found][:3] == ["hy1", "hy2", "hy3"]
        assert by_shortcut["hy2"] == "您好，欢迎光临XX旗舰店，客服8号竭诚为您服务"
        values = knowledge.variables_for(
            session, username="lin", shop_name="本店", ticket_id=ticket.id
        )
        assert values == {"agent_number": "林晓", "shop_name": "本店", "customer_name": "王小姐"}
        assert (
            knowledge.variables_for(session, username="lin", shop_name="本店")["customer_name"]
            == "亲"
        )
        logistics = knowledge.find_replies(
            session, username="lin", shop_name="本店", category="logistics"
        )
        assert [f.reply.shortcut for f in logistics] == ["wl1", "wl2", "wl3", "wl4"]
        with pytest.raises(NotFound):
            knowledge.variables_for(
                session, username="lin", shop_name="本店", ticket_id=ticket.id + 99
            )
        with pytest.raises(Invalid):
            knowledge.list_replies(session, category="spam")
