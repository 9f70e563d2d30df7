"""The agent's conversation page and the inbox's filters over HTTP: what each role may open,
what the page shows (messages and how they arrived, the customer, orders, other tickets), the
live fragments, and the pure rules behind them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from kefu.channels.webchat import service as chat
from kefu.channels.webchat.rules import StartForm
from kefu.core import clock
from kefu.sla import service as sla
from kefu.users.rules import Role
from kefu.web.conversation_rules import Said, may_open, waiting_since
from tests.conftest import Api

# -- the pure rules ------------------------------------------------------------------------------

AGENT, OTHER = 7, 8


@pytest.mark.parametrize(
    ("role", "assignee", "group", "hidden", "allowed"),
    [
        (Role.AGENT, AGENT, None, [], True),  # assigned to me
        (Role.AGENT, AGENT, 3, [3], True),  # assigned to me in a private desk's group
        (Role.AGENT, None, 1, [], True),  # a group of an open desk
        (Role.AGENT, OTHER, 1, [], True),  # a colleague's, open desk
        (Role.AGENT, None, None, [], True),  # nobody holds it yet
        (Role.AGENT, OTHER, None, [], True),  # someone's, outside any group
        (Role.AGENT, None, 2, [2], False),  # a private desk I am not on
        (Role.AGENT, OTHER, 2, [2], False),  # someone's on a private desk I am not on
        (Role.SUPERVISOR, OTHER, 2, [], True),
        (Role.ADMIN, OTHER, 2, [], True),
    ],
)
def test_who_may_open_a_ticket(
    role: Role, assignee: int | None, group: int | None, hidden: list[int], allowed: bool
) -> None:
    assert may_open(role, AGENT, hidden, assignee_id=assignee, group_id=group) is allowed


T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _at(seconds: int) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("messages", "since"),
    [
        ([], None),
        ([("customer", True, 0)], 0),
        ([("customer", True, 0), ("customer", True, 5)], 0),  # waiting since the first
        ([("customer", True, 0), ("agent", True, 8)], None),
        ([("customer", True, 0), ("agent", False, 8)], 0),  # a note answers nobody
        ([("customer", True, 0), ("system", True, 3)], 0),
        ([("customer", True, 0), ("agent", True, 8), ("customer", True, 20)], 20),
        ([("agent", True, 0)], None),
    ],
)
def test_the_customer_waits_since_their_oldest_unanswered_message(
    messages: list[tuple[str, bool, int]], since: int | None
) -> None:
    said = [Said(kind, public, _at(s)) for kind, public, s in messages]
    assert waiting_since(said) == (None if since is None else _at(since))


# -- set-up --------------------------------------------------------------------------------------


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code < 300, response.text
    body: dict[str, Any] = response.json() if response.content else {}
    return body


@contextmanager
def _browser(api: Api, role: str) -> Iterator[httpx.Client]:
    """A client signed in to the pages as ``role`` (the sign-in cookie)."""
    with httpx.Client(base_url=api.base_url, timeout=30, follow_redirects=False) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        form = {"username": role, "password": f"pw-{role}", "csrf_token": token.group(1)}
        assert client.post("/login", data=form).status_code == 303
        yield client


def _groups(api: Api) -> tuple[int, int]:
    """Two groups: the agent is in the first only; the second is on a private desk."""
    with api.client("admin") as admin:
        ids = []
        for desk_name, private, name in (
            ("客服中心", False, "售前组"),
            ("VIP 专席", True, "售后组"),
        ):
            desk = _ok(
                admin.post("/api/v1/routing/desks", json={"name": desk_name, "private": private})
            )
            group = _ok(
                admin.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": name})
            )
            ids.append(int(group["id"]))
        _ok(
            admin.put(
                f"/api/v1/routing/groups/{ids[0]}/members",
                json={"user_ids": [api.user_ids["agent"]]},
            )
        )
    return ids[0], ids[1]


def _ticket(api: Api, subject: str, group_id: int | None = None, **extra: object) -> int:
    with api.client("supervisor") as http:
        body = {"subject": subject, "customer": {"name": "王小姐", "phone": "13800138000"}, **extra}
        ticket = _ok(http.post("/api/v1/tickets", json=body))
        if group_id is not None:
            _ok(http.post(f"/api/v1/tickets/{ticket['id']}/transfer", json={"group_id": group_id}))
    return int(ticket["id"])


# -- permissions ---------------------------------------------------------------------------------


def test_an_agent_opens_their_groups_ticket_but_not_another_groups(api: Api) -> None:
    mine, theirs = _groups(api)
    ours = _ticket(api, "我组的工单", mine)
    other = _ticket(api, "别组的工单", theirs)
    with _browser(api, "agent") as agent:
        page = agent.get(f"/workspace/tickets/{ours}")
        assert page.status_code == 200
        assert "我组的工单" in page.text
        refused = agent.get(f"/workspace/tickets/{other}")
        assert refused.status_code == 403
        assert "此工单属于您不在的专属服务台" in refused.text
        assert "别组的工单" not in refused.text
        for fragment in ("thread", "fields"):
            assert agent.get(f"/workspace/tickets/{other}/{fragment}").status_code == 403
            assert agent.get(f"/workspace/tickets/{ours}/{fragment}").status_code == 200
    for role in ("supervisor", "admin"):
        with _browser(api, role) as boss:
            assert boss.get(f"/workspace/tickets/{other}").status_code == 200


def test_a_ticket_assigned_to_the_agent_or_held_by_nobody_opens(api: Api) -> None:
    _, theirs = _groups(api)
    assigned = _ticket(api, "指派给我的", theirs)
    loose = _ticket(api, "还没分组的")
    with api.client("supervisor") as http:
        _ok(http.patch(f"/api/v1/tickets/{assigned}", json={"assignee_id": api.user_ids["agent"]}))
    with _browser(api, "agent") as agent:
        assert agent.get(f"/workspace/tickets/{assigned}").status_code == 200
        assert agent.get(f"/workspace/tickets/{loose}").status_code == 200


def test_an_unknown_ticket_is_404_and_a_stranger_is_sent_to_log_in(api: Api) -> None:
    ticket = _ticket(api, "有人吗")
    with _browser(api, "agent") as agent:
        missing = agent.get("/workspace/tickets/999999")
        assert missing.status_code == 404
        assert "工单不存在" in missing.text
        assert agent.get("/workspace/tickets/999999/thread").status_code == 404
    with httpx.Client(base_url=api.base_url, follow_redirects=False) as stranger:
        page = stranger.get(f"/workspace/tickets/{ticket}")
        assert page.status_code == 303
        assert page.headers["location"] == f"/login?next=/workspace/tickets/{ticket}"
        assert stranger.get(f"/workspace/tickets/{ticket}/thread").status_code == 401
        assert stranger.get(f"/workspace/tickets/{ticket}/fields").status_code == 401


# -- what the page shows -------------------------------------------------------------------------


def test_the_page_shows_replies_notes_attachments_and_how_a_message_arrived(api: Api) -> None:
    started = api.env.db.retrying(lambda s: chat.start(s, StartForm(name="周女士")))
    chat.receive_message(
        api.env.db, api.env.settings, started.visitor.session_id, "c1", "衣服什么时候发货?"
    )
    with api.client("agent") as http:
        [item] = http.get("/api/v1/tickets").json()["items"]
        ticket = int(item["id"])
        _ok(http.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "亲,今天就发货哦"}))
        _ok(
            http.post(
                f"/api/v1/tickets/{ticket}/messages", json={"body": "库存已确认", "public": False}
            )
        )
        files = {"files": ("尺码表.txt", b"S M L", "text/plain")}
        note = _ok(
            http.post(
                f"/api/v1/tickets/{ticket}/messages",
                data={"body": "附件", "public": "false"},
                files=files,
            )
        )
    with _browser(api, "agent") as agent:
        page = agent.get(f"/workspace/tickets/{ticket}").text
    assert "衣服什么时候发货?" in page and "周女士" in page
    assert re.search(r'class="msg msg-agent"[^>]*data-public="true"', page)
    assert re.search(r'class="msg msg-agent msg-internal"[^>]*data-public="false"', page)
    assert "库存已确认" in page and "内部备注" in page and "公开回复" in page
    attachment = note["attachments"][0]
    assert f'href="{attachment["url"]}">尺码表.txt</a>' in page
    assert "网页聊天" in page  # each message's channel
    assert "来源:" in page  # the reason the chat's message joined this ticket
    assert '<p id="response-timer"' in page  # a chat is timed in seconds


def test_the_customer_panel_shows_identities_vip_blacklist_orders_and_other_tickets(
    api: Api,
) -> None:
    mine, theirs = _groups(api)
    ticket = _ticket(api, "退货怎么寄", mine, channel="email")
    older = _ticket(api, "上次的发票", mine)
    hidden = _ticket(api, "别组处理的", theirs)
    with api.client("supervisor") as http:
        customer_id = http.get(f"/api/v1/tickets/{ticket}").json()["customer_id"]
        _ok(http.patch(f"/api/v1/customers/{customer_id}", json={"vip_level": 3}))
        _ok(
            http.patch(
                f"/api/v1/customers/{customer_id}",
                json={"blacklisted": True, "blacklist_reason": "恶意差评威胁"},
            )
        )
        order = _ok(http.post("/api/v1/orders", json={
            "platform": "taobao", "number": "TB2026112300001", "paid_fen": 12900,
            "receiver_name": "王小姐", "receiver_phone": "13800138000",
            "items": [{"sku": "DRESS-1", "title": "碎花连衣裙", "size": "M", "price_fen": 12900}],
            "remarks": [
                {"flag": "red", "matter": "预售款月底发", "author": "小李", "day": "2026-11-20"},
                {"flag": "yellow", "matter": "160cm 50kg 穿M", "author": "小王", "day": "2026-11-21"},
            ],
        }))  # fmt: skip
    assert order["customer_id"] == customer_id
    with _browser(api, "agent") as agent:
        page = agent.get(f"/workspace/tickets/{ticket}").text
    assert "+8613800138000" in page or "13800138000" in page
    assert "VIP 3 级" in page
    assert "黑名单客户" in page and "恶意差评威胁" in page
    assert 'class="panel blacklisted"' in page
    assert "TB2026112300001" in page and "碎花连衣裙" in page and "¥129.00" in page
    assert re.search(r'class="remark flag-red"[^>]*>.*预售款月底发--小李--2026-11-20', page)
    assert re.search(r'class="remark flag-yellow"[^>]*>.*160cm 50kg 穿M--小王--2026-11-21', page)
    assert f'href="/workspace/tickets/{older}"' in page
    assert f'href="/workspace/tickets/{hidden}"' not in page
    assert "另有 1 张工单属于您不在的专属服务台" in page
    assert '<p id="sla-clock"' in page  # an email is timed by its SLA clock
    assert (
        'id="aftersales-panel"' in page
        and f'hx-get="/workspace/tickets/{ticket}/aftersales"' in page
    )
    with _browser(api, "supervisor") as boss:
        assert (
            f'href="/workspace/tickets/{hidden}"' in boss.get(f"/workspace/tickets/{ticket}").text
        )


def test_the_thread_fragment_gives_only_the_messages_after_an_id(api: Api) -> None:
    ticket = _ticket(api, "物流查询", description="快递到哪了")
    with api.client("agent") as http:
        first = http.get(f"/api/v1/tickets/{ticket}/messages").json()["items"][0]["id"]
        _ok(http.post(f"/api/v1/tickets/{ticket}/messages", json={"body": "帮您查一下"}))
    with _browser(api, "agent") as agent:
        everything = agent.get(f"/workspace/tickets/{ticket}/thread").text
        newer = agent.get(f"/workspace/tickets/{ticket}/thread", params={"after": first}).text
        bad = agent.get(f"/workspace/tickets/{ticket}/thread", params={"after": -1})
    assert everything.count("data-message-id=") == 2
    assert (
        newer.count("data-message-id=") == 1 and "帮您查一下" in newer and "快递到哪了" not in newer
    )
    assert bad.status_code == 422


def test_the_status_field_offers_only_the_allowed_moves(api: Api) -> None:
    ticket = _ticket(api, "已经解决了")
    with api.client("agent") as http:
        _ok(http.patch(f"/api/v1/tickets/{ticket}", json={"status": "solved"}))
    with _browser(api, "agent") as agent:
        fields = agent.get(f"/workspace/tickets/{ticket}/fields").text
    status = re.search(r'<select id="field-status".*?</select>', fields, re.S)
    assert status
    assert re.findall(r'value="(\w+)"', status.group(0)) == ["solved", "open", "closed"]
    assert 'value="solved" selected' in status.group(0)


# -- the inbox -----------------------------------------------------------------------------------


def test_the_inbox_filters_by_status_and_type_and_links_each_row(api: Api) -> None:
    mine, _ = _groups(api)
    complaint = _ticket(api, "投诉快递员", mine, type="complaint")
    inquiry = _ticket(api, "问尺码", mine)
    solved = _ticket(api, "已解决的", mine)
    with api.client("supervisor") as http:
        _ok(http.patch(f"/api/v1/tickets/{solved}", json={"status": "solved"}))
    with _browser(api, "agent") as agent:
        default = agent.get("/workspace").text
        complaints = agent.get("/workspace", params={"type": "complaint"}).text
        finished = agent.get("/workspace/inbox", params={"status": "solved"}).text
        bad = agent.get("/workspace", params={"sla": "whenever"})
    assert f'href="/workspace/tickets/{inquiry}"' in default
    assert f'data-take="{inquiry}"' in default  # the queue's rows can be taken
    assert f'data-ticket-id="{solved}"' not in default
    assert f'data-ticket-id="{complaint}"' in complaints
    assert f'data-ticket-id="{inquiry}"' not in complaints
    assert (
        f'data-ticket-id="{solved}"' in finished and f'data-ticket-id="{inquiry}"' not in finished
    )
    assert bad.status_code == 422 and "筛选条件无效" in bad.text


def test_the_inbox_filters_by_sla_state(api: Api) -> None:
    clock.set_clock(
        lambda: datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
    )  # a Wednesday, 10:00 in Beijing
    with api.env.db.transaction() as session:
        sla.ensure_defaults(session)
    mine, _ = _groups(api)
    working = _ticket(api, "要计时的", mine, channel="email")
    waiting = _ticket(api, "等客户回复的", mine, channel="email")
    with api.client("supervisor") as http:
        _ok(http.patch(f"/api/v1/tickets/{waiting}", json={"status": "pending"}))
        states = {
            t: {c["state"] for c in http.get(f"/api/v1/tickets/{t}").json()["sla"]}
            for t in (working, waiting)
        }
    assert "running" in states[working] and states[waiting] == {"paused"}
    with _browser(api, "agent") as agent:
        running = agent.get("/workspace", params={"sla": "running", "status": "all"}).text
        paused = agent.get("/workspace", params={"sla": "paused", "status": "all"}).text
    assert f'data-ticket-id="{working}"' in running and f'data-ticket-id="{waiting}"' not in running
    assert f'data-ticket-id="{waiting}"' in paused and f'data-ticket-id="{working}"' not in paused
