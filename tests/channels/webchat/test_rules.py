"""The web chat's pure rules: which frames a visitor may send, what the start form may hold,
which ticket a message joins and what the visitor is told while waiting."""

from __future__ import annotations

import json

import pytest

from kefu.channels.webchat import rules
from kefu.channels.webchat.rules import (
    ChatState,
    FrameError,
    Ping,
    QueuePlace,
    Say,
    StartForm,
    StartRefused,
    TicketState,
    Typing,
)
from kefu.conversations.rules import ThreadRule


def frame(**data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


def refusal(raw: str | bytes | None) -> FrameError:
    with pytest.raises(FrameError) as refused:
        rules.read_frame(raw)
    return refused.value


def test_a_message_frame_gives_its_client_id_and_the_text_without_surrounding_space() -> None:
    assert rules.read_frame(frame(type="message", client_id="c-1", text="  你好 \n")) == Say(
        "c-1", "你好"
    )


def test_ping_and_typing_are_understood() -> None:
    assert rules.read_frame(frame(type="ping")) == Ping()
    assert rules.read_frame(frame(type="typing")) == Typing()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("不是 JSON", "webchat.bad_frame"),
        (b'{"type": "message"}', "webchat.bad_frame"),  # a binary frame
        (None, "webchat.bad_frame"),
        ("[1, 2]", "webchat.bad_frame"),
        (frame(type="shout", text="hi"), "webchat.unknown_type"),
        (frame(text="hi"), "webchat.unknown_type"),
        (frame(type="message", text="你好"), "webchat.bad_client_id"),
        (frame(type="message", client_id="", text="你好"), "webchat.bad_client_id"),
        (frame(type="message", client_id="有空格 的", text="你好"), "webchat.bad_client_id"),
        (frame(type="message", client_id="x" * 65, text="你好"), "webchat.bad_client_id"),
        (frame(type="message", client_id=7, text="你好"), "webchat.bad_client_id"),
    ],
)
def test_a_bad_frame_is_refused_with_a_reason(raw: str | bytes | None, code: str) -> None:
    assert refusal(raw).code == code


def test_an_empty_or_too_long_message_is_refused_naming_the_message() -> None:
    empty = refusal(frame(type="message", client_id="c1", text="   "))
    missing = refusal(frame(type="message", client_id="c2"))
    long = refusal(frame(type="message", client_id="c3", text="长" * (rules.MAX_TEXT + 1)))
    assert (empty.code, empty.client_id) == ("webchat.empty_text", "c1")
    assert (missing.code, missing.client_id) == ("webchat.empty_text", "c2")
    assert (long.code, long.client_id) == ("webchat.too_long", "c3")
    assert long.explain("zh-CN") == f"消息太长了(最多 {rules.MAX_TEXT} 个字)"


def test_a_message_of_exactly_the_limit_is_accepted() -> None:
    text = "长" * rules.MAX_TEXT
    assert rules.read_frame(frame(type="message", client_id="c", text=text)) == Say("c", text)


def test_a_frame_larger_than_the_limit_is_refused_before_it_is_parsed() -> None:
    assert refusal("x" * (rules.MAX_FRAME_BYTES + 1)).code == "webchat.frame_too_large"


def test_refusals_are_explained_in_chinese_by_default() -> None:
    assert refusal("oops").explain("zh-CN") == "无法识别的消息格式,请发送 JSON 对象"
    assert refusal(frame(type="x")).explain("zh-TW") == "不支援的訊息類型:x"
    assert refusal(frame(type="x")).explain("en") == "Unknown frame type: x"


def test_the_start_form_is_all_optional_and_trimmed() -> None:
    assert rules.read_start(None) == StartForm()
    assert rules.read_start({"name": " 王女士 ", "shop": "旗舰店-1"}) == StartForm(
        name="王女士", shop="旗舰店-1"
    )


def test_a_long_page_address_is_cut_not_refused() -> None:
    form = rules.read_start({"page": "https://shop.example.cn/" + "a" * 1000})
    assert len(form.page) == rules.MAX_PAGE


def test_the_start_form_names_every_bad_field() -> None:
    with pytest.raises(StartRefused) as refused:
        rules.read_start({"name": "名" * 101, "phone": 13800138000, "shop": "a b", "age": 3})
    assert refused.value.problems == {
        "name": "field.too_long",
        "phone": "field.type",
        "shop": "webchat.bad_shop",
        "age": "field.unknown",
    }
    assert refused.value.params == {"name": {"max": 100}}
    with pytest.raises(StartRefused) as not_an_object:
        rules.read_start(["token"])
    assert not_an_object.value.problems == {"body": "field.type"}


def test_a_chat_continues_its_unfinished_ticket_and_opens_one_after_a_solved_matter() -> None:
    going = rules.decide_thread(TicketState(7, "pending"))
    assert (going.ticket_id, going.rule) == (7, ThreadRule.SESSION)
    for finished in ("solved", "closed"):
        again = rules.decide_thread(TicketState(7, finished))
        assert (again.ticket_id, again.rule) == (None, ThreadRule.NEW)
    first = rules.decide_thread(None)
    assert (first.ticket_id, first.reason) == (None, "thread.new_conversation")


def test_a_waiting_visitor_is_told_the_place_and_the_wait_in_whole_minutes() -> None:
    ticket = TicketState(1, "new")
    status = rules.chat_status(ticket, None, QueuePlace(position=3, wait_s=450.0, online=2))
    assert status.frame() == {
        "type": "status",
        "state": "waiting",
        "position": 3,
        "wait_minutes": 8,  # 7.5 minutes: never promise less than it will be
        "agents_online": 2,
        "agent": None,
    }
    short = rules.chat_status(ticket, None, QueuePlace(position=1, wait_s=20.0, online=1))
    assert short.wait_minutes == 1


def test_without_anyone_online_there_is_no_estimate() -> None:
    status = rules.chat_status(TicketState(1, "open"), None, QueuePlace(2, None, 0))
    assert (status.state, status.position, status.wait_minutes) == (ChatState.WAITING, 2, None)


def test_a_ticket_not_in_any_line_is_waiting_without_a_place() -> None:
    status = rules.chat_status(TicketState(1, "new"), None, None)
    assert (status.state, status.position) == (ChatState.WAITING, None)


def test_an_agent_who_took_the_chat_is_named_and_a_finished_matter_is_idle() -> None:
    served = rules.chat_status(TicketState(1, "open"), "客服8号", QueuePlace(1, 60.0, 1))
    assert (served.state, served.agent, served.position) == (ChatState.SERVED, "客服8号", None)
    assert rules.chat_status(TicketState(1, "solved"), "客服8号", None).state == ChatState.IDLE
    assert rules.chat_status(None, None, None).state == ChatState.IDLE


def test_agents_are_named_by_work_number_as_the_handbook_greets() -> None:
    assert rules.agent_label(8, "张三", "zh-CN") == "客服8号"
    assert rules.agent_label(8, "张三", "zh-TW") == "客服8號"
    assert rules.agent_label(8, "张三", "en") == "Agent 8"
    assert rules.agent_label(None, "小美", "zh-CN") == "小美"


def test_the_entry_point_names_the_shop() -> None:
    assert rules.entry_point("demo") == "web_chat:demo"
    assert rules.entry_point("") == "web_chat"
