"""The after-sales pages over HTTP, on SQLite and PostgreSQL, for each role: the panel beside a
conversation (orders, the ticket's cases, a guessed kind and reason, the engine's preview that
writes nothing), the cases list and case page (next moves, payouts, approvals), the
supervisors' complaints list; plus the pure guess and the demo's walkthrough data."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from kefu.aftersales.models import ShopOrder
from kefu.aftersales.service import CaseKind, CaseReason
from kefu.core import clock
from kefu.customers.models import Customer
from kefu.demo import load_demo
from kefu.demo.aftersales_walkthrough import ZHOU_NAME, ZHOU_SUBJECT
from kefu.tickets.models import Message, Ticket
from kefu.web.aftersales.guess import guess_case
from tests.conftest import Api, Env

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # Monday 16 November 2026, 10:00 in Beijing
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
NAVIGATE = {"Sec-Fetch-Mode": "navigate", "Accept": "text/html,application/xhtml+xml"}


# -- helpers ------------------------------------------------------------------------------------


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def at(when: datetime = NOW) -> None:
    clock.set_clock(lambda: when)


@contextmanager
def browser(api: Api, role: str) -> Iterator[httpx.Client]:
    """A client signed in with the session cookie, as a browser is."""
    with httpx.Client(base_url=api.base_url, timeout=30, follow_redirects=False) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        form = {"username": role, "password": f"pw-{role}", "csrf_token": token.group(1)}
        assert client.post("/login", data=form).status_code == 303
        yield client


def csrf_of(page: str) -> str:
    found = re.search(r'data-csrf="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def order_body(number: str = "3318864512790231147", **changes: Any) -> dict[str, Any]:
    return {
        "platform": "taobao",
        "number": number,
        "paid_fen": 169_00,
        "buyer_id": "周周的鞋柜",
        "receiver_name": "周女士",
        "receiver_phone": "13700137000",
        "paid_at": "2026-11-10T20:15:02+08:00",
        "shipped_at": "2026-11-11T16:40:11+08:00",
        "signed_at": "2026-11-13T10:05:12+08:00",
        "items": [
            {
                "sku": "QP-5521-WH",
                "title": "轻跑 女款百搭小白鞋",
                "size": "37",
                "colour": "白色",
                "price_fen": 169_00,
                "category": "apparel",
            }
        ],
        **changes,
    }


def chat(http: httpx.Client, subject: str = "鞋子开胶了,要退货", **changes: Any) -> Any:
    body = {
        "subject": subject,
        "description": "三天前签收的小白鞋,鞋头开胶了,要退货",
        "customer": {"buyer_nick": "周周的鞋柜"},
        "channel": "web_chat",
        "type": "after_sales",
        **changes,
    }
    return ok(http.post("/api/v1/tickets", json=body), 201)


def shoe_chat(api: Api, **order: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """周女士's order and her conversation about it: (order, ticket)."""
    with api.client() as http:
        made = ok(http.post("/api/v1/orders", json=order_body(**order)), 201)
        return made, chat(http)


def open_case(api: Api, ticket_id: int, order: dict[str, Any], role: str = "agent",
              **case: Any) -> Any:  # fmt: skip
    body = {"order_id": order["id"], "kind": "return_refund", "reason": "quality", **case}
    with api.client(role) as http:
        return ok(http.post(f"/api/v1/tickets/{ticket_id}/cases", json=body), 201)


def walk(api: Api, case_id: int, *steps: str | dict[str, Any]) -> Any:
    result: Any = None
    with api.client() as http:
        for step in steps:
            body = {"to": step} if isinstance(step, str) else step
            result = ok(http.post(f"/api/v1/cases/{case_id}/transitions", json=body))
    return result


def refunding(api: Api, amount_fen: int = 50_00, **order_changes: Any) -> Any:
    """A partial refund agreed for a change of mind, at its refund step."""
    order, ticket = shoe_chat(api, **order_changes)
    case = open_case(api, ticket["id"], order, kind="partial_refund", reason="changed_mind",
                     amount_fen=amount_fen)  # fmt: skip
    return walk(api, case["id"], "judging", "deciding", "refunding")


def data_body(page: str) -> dict[str, Any]:
    found = re.search(r"data-body='([^']+)'", page)
    assert found, page
    body: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return body


def text_of(page: str) -> str:
    """The page's words without tags, for assertions about what a reader sees."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


# -- the guess (pure) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "kind", "reason"),
    [
        (["鞋子开胶了,要退货"], CaseKind.RETURN_REFUND, CaseReason.QUALITY),
        (["鞋子有质量问题", "我想申请退款"], CaseKind.RETURN_REFUND, CaseReason.QUALITY),
        (["你们发错货了,我要换货"], CaseKind.EXCHANGE, CaseReason.WRONG_ITEM),
        (["少发了一条裤子"], CaseKind.RESEND, CaseReason.MISSING_ITEM),
        (["快递一直没收到,退款吧"], CaseKind.REFUND_ONLY, CaseReason.NOT_RECEIVED),
        (["尺码偏小,穿不上"], CaseKind.EXCHANGE, CaseReason.DOES_NOT_FIT),
        (["不喜欢,七天无理由退货"], CaseKind.RETURN_REFUND, CaseReason.CHANGED_MIND),
        (["降价了,能退差价吗"], CaseKind.PRICE_DIFFERENCE, None),
        (["外箱压坏了,里面的杯子碎了"], None, CaseReason.TRANSIT_DAMAGE),
        (["什么时候发货?"], None, None),
    ],
)
def test_the_conversation_text_preselects_the_obvious_kind_and_reason(
    texts: list[str], kind: CaseKind | None, reason: CaseReason | None
) -> None:
    guess = guess_case(texts)
    assert (guess.kind, guess.reason) == (kind, reason)
    assert all(any(word in t for t in texts) for word in guess.words)


# -- the panel beside a conversation ------------------------------------------------------------


def test_the_panel_lists_the_orders_and_preselects_a_quality_return(api: Api) -> None:
    at()
    order, ticket = shoe_chat(api)
    with browser(api, "agent") as agent:
        fragment = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales")
        page = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales", headers=NAVIGATE)
    assert fragment.status_code == 200
    body = fragment.text
    assert "<header>" not in body and order["number"] in body
    item = order["items"][0]["id"]
    assert f'value="{order["id"]}:{item}" checked' in body
    assert '<option value="return_refund" selected>退货退款</option>' in body
    assert '<option value="quality" selected>质量问题</option>' in body
    assert "已根据对话中的「开胶」「退货」预选" in text_of(body)
    assert "暂无售后单" in body
    assert page.status_code == 200
    assert "<header>" in page.text and 'aria-current="page"' in page.text
    assert 'id="aftersales-panel"' in page.text


def test_the_preview_says_who_pays_the_shipping_by_when_and_why_and_writes_nothing(
    api: Api,
) -> None:
    at()
    order, ticket = shoe_chat(api)
    line = f"{order['id']}:{order['items'][0]['id']}"
    query = {"line": line, "kind": "return_refund", "reason": "quality", "return_shipping": "12"}
    with browser(api, "agent") as agent:
        preview = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales/preview", params=query)
    with api.client() as http:
        cases = ok(http.get(f"/api/v1/tickets/{ticket['id']}/cases"))
    assert preview.status_code == 200
    said = text_of(preview.text)
    assert "寄回运费: 卖家承担" in said and "发货运费: 卖家承担" in said
    assert "商品有质量问题,来回运费都由我们承担:寄回运费 12.00 元我们会补给您" in said
    assert "退款申请须在 360 小时内处理,截至 2026-12-01 10:00:00" in said
    assert "应退金额 金额: 181.00 元" in said  # the shoes and the return freight
    assert "即时到账退款 169.00 元,手续费 1.69 元(1%)由我们承担" in said
    assert "规则:fault.shop_pays_shipping" in said
    assert data_body(preview.text) == {
        "order_id": order["id"], "item_id": order["items"][0]["id"], "kind": "return_refund",
        "reason": "quality", "amount_fen": 169_00, "return_shipping_fen": 12_00,
    }  # fmt: skip
    assert cases == []


def test_a_no_reason_return_after_seven_days_is_refused_with_the_engines_reason(
    api: Api,
) -> None:
    at(NOW + timedelta(days=10))
    order, ticket = shoe_chat(api)
    line = f"{order['id']}:{order['items'][0]['id']}"
    query = {"line": line, "kind": "return_refund", "reason": "changed_mind"}
    with browser(api, "agent") as agent:
        preview = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales/preview", params=query)
    said = text_of(preview.text)
    assert "七天无理由退货 · 不能受理" in said
    assert "七天无理由退货期已过:商品于 2026-11-13 10:05:12 签收" in said
    assert "data-as-confirm" not in preview.text


def test_the_preview_names_each_bad_choice_in_chinese(api: Api) -> None:
    at()
    order, ticket = shoe_chat(api)
    with api.client() as http:
        other = ok(http.post("/api/v1/orders", json=order_body(
            "O-2", buyer_id="别人家的买家", receiver_phone="13900000009")), 201)  # fmt: skip
    url = f"/workspace/tickets/{ticket['id']}/aftersales/preview"
    with browser(api, "agent") as agent:
        missing = agent.get(url, params={"line": f"{order['id']}:", "amount": "十元"})
        foreign = agent.get(url, params={"line": f"{other['id']}:", "kind": "exchange",
                                         "reason": "does_not_fit"})  # fmt: skip
        too_much = agent.get(url, params={"line": f"{order['id']}:", "kind": "refund_only",
                                          "reason": "quality", "amount": "999"})  # fmt: skip
        gone = agent.get("/workspace/tickets/999999/aftersales/preview",
                         params={"line": f"{order['id']}:", "kind": "exchange",
                                 "reason": "quality"})  # fmt: skip
    assert missing.status_code == 422
    assert 'data-field="kind">必填' in missing.text and 'data-field="reason">必填' in missing.text
    assert 'data-field="amount">金额格式不正确' in missing.text
    assert foreign.status_code == 422
    assert "这个订单属于另一位客户,不能在本会话中为它开售后单" in foreign.text
    assert "金额超过了订单实付的 169.00 元" in too_much.text
    assert gone.status_code == 404 and "找不到该售后单或工单" in gone.text


def test_confirming_posts_the_previewed_case_and_the_panel_then_lists_it(api: Api) -> None:
    at()
    order, ticket = shoe_chat(api)
    line = f"{order['id']}:{order['items'][0]['id']}"
    with browser(api, "agent") as agent:
        panel = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales").text
        preview = agent.get(
            f"/workspace/tickets/{ticket['id']}/aftersales/preview",
            params={"line": line, "kind": "return_refund", "reason": "quality"},
        )
        forged = agent.post(f"/api/v1/tickets/{ticket['id']}/cases", json=data_body(preview.text))
        opened = agent.post(
            f"/api/v1/tickets/{ticket['id']}/cases",
            json=data_body(preview.text),
            headers={"X-CSRF-Token": csrf_of(panel)},
        )
        after = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales").text
    assert forged.status_code == 403
    case = ok(opened, 201)
    shipping = case["decisions"]["shipping"]["details"]
    assert (shipping["payer_outbound"], shipping["payer_return"]) == ("shop", "shop")
    assert f'href="/workspace/cases/{case["id"]}"' in after and "了解情况" in after


def test_an_unshipped_order_past_72_hours_is_flagged_and_the_panel_speaks_english(
    api: Api,
) -> None:
    at()
    late = {"paid_at": "2026-11-12T09:00:00+08:00", "shipped_at": None, "signed_at": None}
    order, ticket = shoe_chat(api, number="L-1", **late)
    with browser(api, "agent") as agent:
        chinese = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales").text
        agent.cookies.set("kefu_lang", "en")
        english = agent.get(f"/workspace/tickets/{ticket['id']}/aftersales").text
    assert "发货超时:付款后 72 小时仍未发货(应于 2026-11-15 09:00:00 前发货)" in text_of(chinese)
    assert "Open a case" in english and "Return and refund" in english
    assert order["number"] in english


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_supervisors_and_admins_see_the_panel_too(api: Api, role: str) -> None:
    at()
    order, ticket = shoe_chat(api)
    with browser(api, role) as client:
        panel = client.get(f"/workspace/tickets/{ticket['id']}/aftersales")
    assert panel.status_code == 200 and order["number"] in panel.text


def test_without_signing_in_pages_redirect_and_fragments_answer_401(api: Api) -> None:
    at()
    _, ticket = shoe_chat(api)
    with httpx.Client(base_url=api.base_url, timeout=30) as anonymous:
        fragment = anonymous.get(f"/workspace/tickets/{ticket['id']}/aftersales")
        page = anonymous.get(f"/workspace/tickets/{ticket['id']}/aftersales", headers=NAVIGATE)
        preview = anonymous.get(f"/workspace/tickets/{ticket['id']}/aftersales/preview")
        cases = anonymous.get("/workspace/cases?state=refunding")
        case = anonymous.get("/workspace/cases/1")
        complaints = anonymous.get("/workspace/complaints")
    assert (fragment.status_code, preview.status_code) == (401, 401)
    for response in (page, cases, case, complaints):
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=/workspace/")
    assert cases.headers["location"] == "/login?next=/workspace/cases?state=refunding"


# -- the cases list and the case page -----------------------------------------------------------


def test_the_case_list_filters_by_state_kind_and_mine(api: Api) -> None:
    at()
    order, ticket = shoe_chat(api)
    mine = open_case(api, ticket["id"], order)
    theirs = open_case(api, ticket["id"], order, role="supervisor", kind="exchange",
                       reason="does_not_fit")  # fmt: skip
    walk(api, theirs["id"], "judging")
    with browser(api, "agent") as agent:
        everything = agent.get("/workspace/cases").text
        only_mine = agent.get("/workspace/cases", params={"mine": "1"}).text
        judging = agent.get("/workspace/cases", params={"state": "judging"}).text
        exchanges = agent.get("/workspace/cases", params={"kind": "exchange", "state": "bogus"})
        none = agent.get("/workspace/cases", params={"state": "closed"}).text

    def listed(page: str) -> list[int]:
        return [int(i) for i in re.findall(r'<tr data-case-id="(\d+)"', page)]

    assert listed(everything) == [theirs["id"], mine["id"]]
    assert listed(only_mine) == [mine["id"]]
    assert listed(judging) == listed(exchanges.text) == [theirs["id"]]
    assert listed(none) == [] and "暂无售后单" in none
    assert "周女士" in everything and order["number"] in everything
    assert 'aria-current="page">售后' in everything


def test_the_case_page_shows_decisions_timeline_photos_and_the_next_moves(api: Api) -> None:
    at()
    order, ticket = shoe_chat(api)
    case = open_case(api, ticket["id"], order)
    with api.client() as http:
        ok(http.post(f"/api/v1/cases/{case['id']}/evidence",
                     files={"files": ("开胶.jpg", JPEG, "image/jpeg")}), 201)  # fmt: skip
    with browser(api, "agent") as agent:
        page = agent.get(f"/workspace/cases/{case['id']}").text
        walk(api, case["id"], "judging", "deciding")
        deciding = agent.get(f"/workspace/cases/{case['id']}").text
        walk(api, case["id"], {"to": "awaiting_return", "remedy": "return"})
        awaiting = agent.get(f"/workspace/cases/{case['id']}").text
        missing = agent.get("/workspace/cases/999999")
    said = text_of(page)
    assert "寄回运费: 卖家承担" in said and "处理方式: 退货退款" in said
    assert re.search(r'<img src="/api/v1/attachments/\d+" alt="开胶.jpg">', page)
    assert re.findall(r'data-to="(\w+)"', page) == ["evidence", "judging", "closed"]
    assert "开单" in said and "举证" in said  # the timeline: opened, then the photo
    assert re.findall(r'data-to="(\w+)"', deciding) == ["awaiting_return", "refunding", "closed"]
    assert '<option value="return" selected>退货退款</option>' in deciding
    assert re.findall(r'data-to="(\w+)"', awaiting) == ["return_shipped", "closed"]
    assert 'name="return_tracking"' in awaiting
    assert "了解情况 → 判断" in text_of(awaiting) or "举证 → 判断" in text_of(awaiting)
    assert missing.status_code == 404 and "售后单不存在" in missing.text


def test_the_instant_refund_fee_is_shown_before_paying_and_a_second_one_is_refused(
    api: Api,
) -> None:
    at()
    case = refunding(api)
    url = f"/workspace/cases/{case['id']}/payout-preview"
    with browser(api, "agent") as agent:
        page = agent.get(f"/workspace/cases/{case['id']}").text
        quote = agent.get(url, params={"amount": "50", "method": "instant", "agreement": "1"})
        bad = agent.get(url, params={"amount": "0", "method": "cash"})
        headers = {"X-CSRF-Token": csrf_of(page)}
        paid = agent.post(f"/api/v1/cases/{case['id']}/payouts", json=data_body(quote.text),
                          headers=headers)  # fmt: skip
        again = agent.post(f"/api/v1/cases/{case['id']}/payouts", json=data_body(quote.text),
                           headers=headers)  # fmt: skip
        after = agent.get(f"/workspace/cases/{case['id']}").text
    assert 'data-as-payout="' in page and 'value="50.00"' in page
    assert quote.status_code == 200
    assert "即时到账退款 50.00 元,金额不大,手续费 0.50 元由我们承担" in text_of(quote.text)
    assert data_body(quote.text) == {
        "amount_fen": 50_00, "method": "instant", "agreement_confirmed": True, "note": "",
    }  # fmt: skip
    assert bad.status_code == 422 and 'data-field="method"' in bad.text
    assert ok(paid, 201)["fee_fen"] == 50
    assert again.status_code == 409
    assert "已经即时到账打过款" in again.json()["error"]["message"]
    assert "本售后单已打款 50.00 元" in after and 'data-status="paid"' in after


def test_a_payout_above_the_limit_waits_and_only_a_supervisor_sees_approve(api: Api) -> None:
    at()
    case = refunding(api, 300_00, paid_fen=398_00)
    body = {"amount_fen": 300_00, "method": "platform", "agreement_confirmed": True}
    with api.client() as http:
        waiting = ok(http.post(f"/api/v1/cases/{case['id']}/payouts", json=body), 201)
    assert waiting["status"] == "awaiting_approval"
    with browser(api, "agent") as agent, browser(api, "supervisor") as boss:
        quote = agent.get(f"/workspace/cases/{case['id']}/payout-preview",
                          params={"amount": "250", "method": "platform"})  # fmt: skip
        agent_page = agent.get(f"/workspace/cases/{case['id']}").text
        boss_page = boss.get(f"/workspace/cases/{case['id']}").text
        approved = boss.post(
            f"/api/v1/payouts/{waiting['id']}/approve",
            headers={"X-CSRF-Token": csrf_of(boss_page)},
        )
        after = boss.get(f"/workspace/cases/{case['id']}").text
    assert "超过 200.00 元,提交后须由主管审批" in text_of(quote.text)
    assert "待主管审批" in agent_page and "/approve" not in agent_page
    assert f'data-as-post="/api/v1/payouts/{waiting["id"]}/approve"' in boss_page
    assert ok(approved)["approver_id"] == api.user_ids["supervisor"]
    assert re.search(r"已打款</td>.*客服1号</td><td>客服2号</td>", after, re.S)


# -- complaints ---------------------------------------------------------------------------------


def test_supervisors_see_complaints_against_their_limits_and_agents_do_not(api: Api) -> None:
    at()
    with api.client() as http:
        fresh = chat(http, "客服态度差,我要投诉", type="complaint")
        old = chat(http, "不赔钱就给差评", type="complaint",
                   customer={"buyer_nick": "差评师"})  # fmt: skip
        chat(http, "什么时候发货", type="inquiry")
    at(NOW + timedelta(minutes=3))
    with api.client("supervisor") as boss:
        ok(boss.post(f"/api/v1/tickets/{old['id']}/complaint/transitions",
                     json={"to": "investigating"}))  # fmt: skip
    at(NOW + timedelta(minutes=40))
    with browser(api, "agent") as agent, browser(api, "supervisor") as boss:
        refused = agent.get("/workspace/complaints")
        page = boss.get("/workspace/complaints").text
        blacklisted = boss.post(
            f"/api/v1/tickets/{old['id']}/complaint/blacklist",
            json={"reason": "多次以差评要挟索要赔偿"},
            headers={"X-CSRF-Token": csrf_of(page)},
        )
        after = boss.get("/workspace/complaints").text
        investigating = boss.get("/workspace/complaints", params={"state": "investigating"}).text
    assert refused.status_code == 403 and "您没有权限执行此操作" in refused.text
    rows = re.findall(r'<tr data-ticket-id="(\d+)" data-state="(\w+)">', page)
    assert rows == [(str(old["id"]), "investigating"), (str(fresh["id"]), "received")]
    said = text_of(page)
    assert "调查中 37 分钟 30 分钟 已超时" in said and "已受理 40 分钟 5 分钟 已超时" in said
    ok(blacklisted)
    assert "已拉黑" in after
    assert re.findall(r'<tr data-ticket-id="(\d+)"', investigating) == [str(old["id"])]


# -- the demo's walkthrough ---------------------------------------------------------------------


def test_the_demo_walkthrough_gives_zhou_her_shoes_and_a_waiting_chat(env: Env) -> None:
    now = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
    load_demo(env.db, timezone="Asia/Shanghai", now=now, customer_count=30, ticket_count=12)
    clock.set_clock(None)
    with env.db.reading() as session:
        zhou = session.scalars(select(Customer).where(Customer.name == ZHOU_NAME)).one()
        chats = list(session.scalars(select(Ticket).where(Ticket.customer_id == zhou.id)))
        orders = list(session.scalars(select(ShopOrder).order_by(ShopOrder.id)))
        newest = session.scalars(select(Ticket).order_by(Ticket.created_at.desc())).first()
        said = list(session.scalars(select(Message.body_text).where(Message.ticket_id.in_(
            [t.id for t in chats]))))  # fmt: skip
    assert [(t.subject, t.channel, t.status, t.assignee_id) for t in chats] == [
        (ZHOU_SUBJECT, "web_chat", "new", None)
    ]
    assert chats[0].group_id is not None and newest is not None and newest.id == chats[0].id
    assert len(said) == 2 and "开胶" in said[0]
    shoes = next(o for o in orders if o.customer_id == zhou.id and o.status == "signed")
    assert shoes.signed_at is not None and now - shoes.signed_at == timedelta(days=3)
    unshipped = [o for o in orders if o.status == "paid" and o.shipped_at is None]
    assert any(o.paid_at is not None and now - o.paid_at > timedelta(hours=72) for o in unshipped)
    assert len({o.customer_id for o in orders}) >= 4
