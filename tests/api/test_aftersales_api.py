"""The after-sales REST contract through real HTTP, on SQLite and PostgreSQL: orders (one by one
and a shop's export), cases opened from a conversation and moved along, evidence, payouts with
their approval and the refund register, complaints, the rule table. Each endpoint with its
error path, in the default language (zh-CN)."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from openpyxl import load_workbook
from pydantic import SecretStr
from pypdf import PdfReader
from sqlalchemy import select

from kefu.aftersales import service
from kefu.aftersales.models import ShopOrder
from kefu.core import clock
from kefu.sla import service as sla
from tests.conftest import Api

SH = ZoneInfo("Asia/Shanghai")
ORDERS = Path(__file__).resolve().parents[1] / "fixtures" / "orders"
NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # Monday 16 November 2026, 10:00 in Beijing
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()["error"]
    return body


def at(when: datetime = NOW) -> None:
    clock.set_clock(lambda: when)


def order_body(number: str = "3318864512790231147", **changes: Any) -> dict[str, Any]:
    return {
        "platform": "taobao",
        "number": number,
        "paid_fen": 398_00,
        "buyer_id": "小鹿乱撞0521",
        "receiver_name": "王丽",
        "receiver_phone": "13857120345",
        "address": "浙江省 杭州市 西湖区 文三路478号",
        "paid_at": "2026-11-10T20:15:02+08:00",
        "shipped_at": "2026-11-11T16:40:11+08:00",
        "signed_at": "2026-11-13T10:05:12+08:00",
        "carrier": "中通快递",
        "tracking_number": "78563412098745",
        "items": [
            {
                "sku": "TR-2231-BK",
                "title": "睿途 真皮尖头单鞋女",
                "size": "37",
                "colour": "黑色",
                "price_fen": 398_00,
                "category": "apparel",
            }
        ],
        "remarks": [
            {"flag": "yellow", "matter": "脚背偏高", "author": "小美", "day": "2026-11-10"}
        ],
        **changes,
    }


def chat(
    http: httpx.Client, *, type: str = "after_sales", subject: str = "鞋子开胶了,要退货"
) -> Any:
    body = {
        "subject": subject,
        "description": "买了三天鞋底就开胶了,我要退货",
        "customer": {"buyer_nick": "小鹿乱撞0521"},
        "channel": "web_chat",
        "type": type,
    }
    return ok(http.post("/api/v1/tickets", json=body), 201)


def setup_case(api: Api, **case: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """An order, the buyer's chat and a case opened from it: (order, ticket, case)."""
    with api.client() as http:
        order = ok(http.post("/api/v1/orders", json=order_body()), 201)
        ticket = chat(http)
        body = {"order_id": order["id"], "kind": "return_refund", "reason": "quality", **case}
        opened = ok(http.post(f"/api/v1/tickets/{ticket['id']}/cases", json=body), 201)
    return order, ticket, opened


def walk(http: httpx.Client, case_id: int, *steps: str | dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for step in steps:
        body = {"to": step} if isinstance(step, str) else step
        result = ok(http.post(f"/api/v1/cases/{case_id}/transitions", json=body))
    return result


def partial_refund(api: Api, amount_fen: int = 50_00) -> dict[str, Any]:
    """A partial refund agreed for a change of mind, at its refund step."""
    _, _, case = setup_case(
        api, kind="partial_refund", reason="changed_mind", amount_fen=amount_fen
    )
    with api.client() as http:
        return walk(http, case["id"], "judging", "deciding", "refunding")


# -- orders ---------------------------------------------------------------------------------------


def test_an_order_posted_twice_is_one_order_and_a_bad_phone_is_refused(api: Api) -> None:
    at()
    with api.client() as http:
        first = http.post("/api/v1/orders", json=order_body())
        again = http.post("/api/v1/orders", json=order_body(status="completed"))
        bad = http.post("/api/v1/orders", json=order_body("X-2", receiver_phone="1385712"))
        naive = http.post("/api/v1/orders", json=order_body("X-3", paid_at="2026-11-10T20:15:02"))
    with api.client("nobody") as anonymous:
        unauthenticated = anonymous.post("/api/v1/orders", json=order_body())
    created, updated = ok(first, 201), ok(again)
    assert created["id"] == updated["id"] and updated["status_label"] == "交易成功"
    assert created["remarks"][0]["text"] == "脚背偏高--小美--2026-11-10"
    assert created["remarks"][0]["flag_label"] == "黄旗(身高体重尺码)"
    assert created["free_shipping"] is True
    assert error(bad, 422)["fields"] == {"receiver_phone": "电话号码格式不正确"}
    assert set(error(naive, 422)["fields"]) == {"paid_at"}
    assert error(unauthenticated, 401)["message"] == "请先登录或提供有效的 API 令牌"


def test_a_shop_export_imports_every_order_or_none_with_each_bad_cell_named(api: Api) -> None:
    at()
    with api.client() as http:
        good = http.post(
            "/api/v1/orders/import",
            files={
                "file": ("订单报表.csv", (ORDERS / "taobao_orders.csv").read_bytes(), "text/csv")
            },
            data={"platform": "taobao"},
        )
        xlsx = http.post(
            "/api/v1/orders/import",
            files={
                "file": (
                    "jd.xlsx",
                    (ORDERS / "jd_orders.xlsx").read_bytes(),
                    "application/octet-stream",
                )
            },
        )
        bad = http.post(
            "/api/v1/orders/import",
            files={
                "file": ("bad.csv", (ORDERS / "taobao_orders_bad.csv").read_bytes(), "text/csv")
            },
        )
        empty = http.post("/api/v1/orders/import", files={"file": ("empty.csv", b"", "text/csv")})
    assert ok(good, 201)["created"] == 3
    assert ok(xlsx, 201)["created"] == 2
    problems = error(bad, 422)
    assert (
        problems["message"] == "导入文件有 9 处问题,没有导入任何订单;请按标出的行列修改后重新导入"
    )
    assert problems["fields"]["row2.receiver_phone"] == "「联系手机」不是有效的电话号码:1385806552"
    assert problems["fields"]["row2.remark"].startswith("「商家备注」有内容时须标明旗帜颜色")
    assert problems["fields"]["row5.sku"] == "「商家编码」不能为空"
    assert error(empty, 422)["fields"] == {"file": "必填"}


def test_an_order_is_read_with_its_lateness_explained_and_listed_by_customer(api: Api) -> None:
    at(datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    with api.client() as http:
        late = ok(
            http.post(
                "/api/v1/orders",
                json=order_body(
                    "L-1", paid_at="2026-11-20T09:00:00+08:00", shipped_at=None, signed_at=None
                ),
            ),
            201,
        )
        ok(http.post("/api/v1/orders", json=order_body("L-2")), 201)
        read = ok(http.get(f"/api/v1/orders/{late['id']}"))
        page = ok(http.get(f"/api/v1/customers/{late['customer_id']}/orders", params={"limit": 1}))
        rest = ok(
            http.get(
                f"/api/v1/customers/{late['customer_id']}/orders",
                params={"cursor": page["next_cursor"]},
            )
        )
        missing = http.get("/api/v1/orders/999999")
        nobody = http.get("/api/v1/customers/999999/orders")
    decision = read["late_shipment"]
    assert decision["details"]["late"] is True and decision["details"]["penalty_fen"] == 19_90
    assert decision["message"].startswith("付款后 72 小时仍未发货(应于 2026-11-23 09:00:00 前发货)")
    assert [o["number"] for o in page["items"]] + [o["number"] for o in rest["items"]] == [
        "L-2",
        "L-1",
    ]
    assert rest["next_cursor"] is None
    assert error(missing, 404)["message"] == "订单不存在"
    assert error(nobody, 404)["message"] == "客户不存在"


def test_a_remark_is_signed_by_the_agent_in_the_handbooks_format(api: Api) -> None:
    at(datetime(2026, 11, 20, 16, 30, tzinfo=UTC))  # the 21st in Beijing
    with api.client() as http:
        order = ok(http.post("/api/v1/orders", json=order_body()), 201)
        added = http.post(
            f"/api/v1/orders/{order['id']}/remarks",
            json={"flag": "blue", "matter": "换货寄回单号待补"},
        )
        bad = http.post(
            f"/api/v1/orders/{order['id']}/remarks", json={"flag": "green", "matter": "x"}
        )
    assert ok(added, 201)["text"] == "换货寄回单号待补--客服1号--2026-11-21"
    assert error(bad, 422)["fields"] == {"flag": "取值无效,可选:red, blue, yellow"}


# -- cases ----------------------------------------------------------------------------------------


def test_a_shoe_coming_apart_becomes_a_return_case_with_payer_deadline_and_explanation(
    api: Api,
) -> None:
    """The issue's first 'done when': 鞋子开胶了,要退货."""
    at()
    order, ticket, case = setup_case(api, return_shipping_fen=12_00)
    assert (case["ticket_id"], case["order_id"]) == (ticket["id"], order["id"])
    assert (case["state_label"], case["kind_label"], case["reason_label"]) == (
        "了解情况",
        "退货退款",
        "质量问题",
    )
    assert case["next_states"] == ["closed", "evidence", "judging"]
    shipping = case["decisions"]["shipping"]
    assert (shipping["details"]["payer_outbound"], shipping["details"]["payer_return"]) == (
        "shop",
        "shop",
    )
    assert "《消费者权益保护法》第二十四条" in shipping["source"]
    assert shipping["message"]
    respond = case["decisions"]["respond"]
    assert respond["message"].startswith("退款申请须在 360 小时内处理,截至 2026-12-01 10:00:00")
    with api.client() as http:
        listed = ok(http.get(f"/api/v1/tickets/{ticket['id']}/cases"))
        read = ok(http.get(f"/api/v1/cases/{case['id']}"))
        missing = http.get("/api/v1/cases/999999")
    assert [c["id"] for c in listed] == [case["id"]] and read["history"][0]["kind"] == "opened"
    assert error(missing, 404)["message"] == "售后单不存在"


def test_a_case_cannot_be_opened_for_another_customers_order(api: Api) -> None:
    at()
    with api.client() as http:
        other = ok(
            http.post(
                "/api/v1/orders",
                json=order_body("O-9", buyer_id="别人家的买家", receiver_phone="13900000009"),
            ),
            201,
        )
        ticket = chat(http)
        refused = http.post(
            f"/api/v1/tickets/{ticket['id']}/cases",
            json={"order_id": other["id"], "kind": "return_refund", "reason": "quality"},
        )
        unknown = http.post(
            f"/api/v1/tickets/{ticket['id']}/cases",
            json={"order_id": other["id"], "kind": "return_refund", "reason": "bored"},
        )
    assert error(refused, 422)["fields"] == {
        "order_id": "这个订单属于另一位客户,不能在本会话中为它开售后单"
    }
    assert set(error(unknown, 422)["fields"]) == {"reason"}


def test_a_case_moves_step_by_step_and_a_refused_move_says_why(api: Api) -> None:
    at()
    _, _, case = setup_case(api)
    url = f"/api/v1/cases/{case['id']}/transitions"
    with api.client() as http:
        photos = http.post(url, json={"to": "judging"})
        illegal = http.post(url, json={"to": "refunding"})
        english = http.post(url, json={"to": "judging"}, headers={"Accept-Language": "en"})
        evidence = ok(http.post(url, json={"to": "evidence"}))
    assert error(photos, 409)["message"] == "请先请顾客拍照举证,再判断责任"
    assert error(illegal, 409)["message"] == "售后单不能从「了解情况」直接转到「退款中」"
    assert (
        error(english, 409)["message"]
        == "Ask the customer for photos before judging whose fault it is"
    )
    assert evidence["state"] == "evidence"
    assert [(h["kind"], h["new_state"]) for h in evidence["history"]] == [
        ("opened", "understanding"),
        ("moved", "evidence"),
    ]


def test_evidence_is_uploaded_or_linked_and_a_request_without_files_is_refused(api: Api) -> None:
    at()
    _, ticket, case = setup_case(api)
    url = f"/api/v1/cases/{case['id']}/evidence"
    with api.client() as http:
        uploaded = http.post(
            url,
            files=[
                ("files", ("开胶.jpg", JPEG, "image/jpeg")),
                ("files", ("鞋底.jpg", JPEG, "image/jpeg")),
            ],
            data={"note": "顾客拍的开胶照片"},
        )
        reply = ok(
            http.post(
                f"/api/v1/tickets/{ticket['id']}/messages",
                files={"files": ("聊天截图.jpg", JPEG, "image/jpeg")},
                data={"body": "照片发您了", "public": "true"},
            ),
            201,
        )
        linked = http.post(url, json={"attachment_ids": [reply["attachments"][0]["id"]]})
        nothing = http.post(url, files={"note": (None, "没有照片")})
        empty = http.post(url, json={"attachment_ids": []})
        judged = http.post(f"/api/v1/cases/{case['id']}/transitions", json={"to": "judging"})
    assert len(ok(uploaded, 201)["evidence"]) == 2
    assert len(ok(linked, 201)["evidence"]) == 3
    assert error(nothing, 422)["fields"] == {"files": "必填"}
    assert set(error(empty, 422)["fields"]) == {"attachment_ids"}
    assert ok(judged)["state"] == "judging"


def test_correcting_a_case_recomputes_its_instant_refund_quote(api: Api) -> None:
    at()
    _, _, case = setup_case(api, reason="changed_mind")
    with api.client() as http:
        patched = ok(http.patch(f"/api/v1/cases/{case['id']}", json={"amount_fen": 150_00}))
        bad = http.patch(f"/api/v1/cases/{case['id']}", json={"amount_fen": 900_00})
        unknown = http.patch(f"/api/v1/cases/{case['id']}", json={"colour": "red"})
    quote = patched["decisions"]["instant_refund"]
    assert quote["message"].startswith(
        "即时到账退款 150.00 元,因是您个人原因,需扣除支付宝手续费 1.50 元(1%)"
    )
    assert error(bad, 422)["fields"] == {"amount_fen": "金额超过了订单实付的 398.00 元"}
    assert error(unknown, 422)["fields"] == {"colour": "未知字段"}


# -- payouts --------------------------------------------------------------------------------------


def test_a_second_instant_refund_on_a_case_is_refused(api: Api) -> None:
    """The issue's second 'done when': the handbook's costliest mistake is refused."""
    at()
    case = partial_refund(api)
    url = f"/api/v1/cases/{case['id']}/payouts"
    body = {"amount_fen": 50_00, "method": "instant", "agreement_confirmed": True}
    with api.client() as http:
        paid = ok(http.post(url, json=body), 201)
        twice = http.post(url, json=body)
        zero = http.post(url, json={**body, "amount_fen": 0})
    assert (paid["status"], paid["status_label"], paid["fee_fen"]) == ("paid", "已打款", 50)
    refusal = error(twice, 409)
    assert refusal["code"] == "aftersales.payout.duplicate_instant"
    assert refusal["message"].startswith(
        f"售后单 {case['id']} 已经即时到账打过款(50.00 元),再次提交会重复打款,已拒绝"
    )
    assert error(zero, 422)["fields"] == {"amount_fen": "超出允许范围"}


def test_a_large_payout_waits_for_a_supervisor_who_approves_or_rejects_it(api: Api) -> None:
    at()
    case = partial_refund(api, 300_00)
    with api.client() as agent, api.client("supervisor") as boss:
        waiting = ok(
            agent.post(
                f"/api/v1/cases/{case['id']}/payouts",
                json={"amount_fen": 300_00, "method": "platform", "agreement_confirmed": True},
            ),
            201,
        )
        forbidden = agent.post(f"/api/v1/payouts/{waiting['id']}/approve")
        rejected = ok(
            boss.post(f"/api/v1/payouts/{waiting['id']}/reject", json={"note": "按 280 元重新提交"})
        )
        twice = boss.post(f"/api/v1/payouts/{waiting['id']}/reject", json={"note": "x"})
        again = ok(
            agent.post(
                f"/api/v1/cases/{case['id']}/payouts",
                json={"amount_fen": 280_00, "method": "platform", "agreement_confirmed": True},
            ),
            201,
        )
        approved = ok(boss.post(f"/api/v1/payouts/{again['id']}/approve"))
    assert (waiting["status"], waiting["status_label"]) == ("awaiting_approval", "待主管审批")
    assert waiting["decision"]["message"].startswith(
        "打款 300.00 元超过 200.00 元,须由主管审批并署名"
    )
    assert error(forbidden, 403)["message"] == "您没有权限执行此操作"
    assert (
        rejected["decision"]["message"]
        == f"主管没有批准售后单 {case['id']} 的打款:按 280 元重新提交"
    )
    assert error(twice, 409)["message"] == "这笔打款已经处理过,不在待审批状态"
    assert approved["status"] == "paid" and approved["approver_id"] == api.user_ids["supervisor"]
    assert "已由 客服2号 审批" in approved["decision"]["message"]


def test_the_refund_register_is_per_agent_and_exports_as_csv(api: Api) -> None:
    at()
    case = partial_refund(api, 88_00)
    with api.client() as http:
        ok(
            http.post(
                f"/api/v1/cases/{case['id']}/payouts",
                json={"amount_fen": 88_00, "method": "instant", "agreement_confirmed": True},
            ),
            201,
        )
        mine = ok(http.get("/api/v1/refunds/register", params={"day": "2026-11-16"}))
        exported = http.get(
            "/api/v1/refunds/register", params={"day": "2026-11-16", "format": "csv"}
        )
        others = http.get(
            "/api/v1/refunds/register",
            params={"day": "2026-11-16", "agent_id": api.user_ids["supervisor"]},
        )
        bad_day = http.get("/api/v1/refunds/register", params={"day": "16/11/2026"})
    with api.client("supervisor") as boss:
        everyone = ok(boss.get("/api/v1/refunds/register", params={"day": "2026-11-16"}))
        yesterday = ok(boss.get("/api/v1/refunds/register", params={"day": "2026-11-15"}))
    assert (mine["count"], mine["total_fen"], mine["agent_id"]) == (1, 88_00, api.user_ids["agent"])
    line = mine["lines"][0]
    assert (line["agent"], line["kind"], line["method"]) == ("客服1号", "折价", "即时到账")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["打款时间", "客服", "工单号", "售后单号"]
    assert rows[1][0] == "2026-11-16 10:00:00" and rows[1][10] == "88.00"
    assert rows[-1][0] == "合计" and rows[-1][-1] == "88.00"
    assert error(others, 403)["message"] == "您没有权限执行此操作"
    assert set(error(bad_day, 422)["fields"]) == {"day"}
    assert everyone["count"] == 1 and yesterday["count"] == 0


# -- complaints -----------------------------------------------------------------------------------


def test_a_complaint_is_read_moved_and_refused_with_the_sop_in_words(api: Api) -> None:
    at()
    with api.client() as http:
        ticket = chat(http, type="complaint", subject="客服态度差,我要投诉")
        read = ok(http.get(f"/api/v1/tickets/{ticket['id']}/complaint"))
        refused = http.post(
            f"/api/v1/tickets/{ticket['id']}/complaint/transitions", json={"to": "investigating"}
        )
        moved = ok(
            http.post(
                f"/api/v1/tickets/{ticket['id']}/complaint/transitions",
                json={"to": "investigating", "supervisor_informed": True},
            )
        )
        illegal = http.post(
            f"/api/v1/tickets/{ticket['id']}/complaint/transitions", json={"to": "closed"}
        )
        inquiry = chat(http, type="inquiry", subject="什么时候发货")
        not_complaint = http.get(f"/api/v1/tickets/{inquiry['id']}/complaint")
    assert (read["state_label"], read["limits_minutes"]) == (
        "已受理",
        {"received": 5, "investigating": 30, "proposed": 10},
    )
    assert datetime.fromisoformat(read["due_at"]) == NOW + timedelta(minutes=5)
    assert error(refused, 409)["message"] == "收到投诉须第一时间上报主管,再开始调查"
    assert moved["state"] == "investigating" and moved["next_states"] == ["proposed"]
    assert error(illegal, 409)["message"] == "投诉不能从「调查中」直接转到「已结案」"
    assert error(not_complaint, 409)["message"] == "这个工单不是投诉工单"


def test_a_supervisor_blacklists_a_malicious_complainant(api: Api) -> None:
    at()
    with api.client() as http, api.client("supervisor") as boss:
        ticket = chat(http, type="complaint", subject="不赔钱就给差评")
        url = f"/api/v1/tickets/{ticket['id']}/complaint/blacklist"
        forbidden = http.post(url, json={"reason": "恶意投诉"})
        empty = boss.post(url, json={"reason": ""})
        done = ok(boss.post(url, json={"reason": "多次以差评要挟索要赔偿"}))
        customer = ok(http.get(f"/api/v1/customers/{ticket['customer_id']}"))
    assert error(forbidden, 403)["message"] == "您没有权限执行此操作"
    assert error(empty, 422)["fields"] == {"reason": "过短(至少 1 个字符)"}
    assert done["malicious"] is True
    assert (customer["blacklisted"], customer["blacklist_reason"]) == (
        True,
        "多次以差评要挟索要赔偿",
    )


# -- the rule table -------------------------------------------------------------------------------


def test_the_rules_in_force_are_listed_with_their_sources_and_a_shop_row_is_added(api: Api) -> None:
    at()
    row = {
        "key": "payout.approval_above_fen",
        "value": 500_00,
        "source": "店规(2026 年 11 月修订):500 元以内客服直接打款",
        "effective_from": "2026-11-16",
    }
    with api.client() as agent, api.client("supervisor") as boss:
        before = ok(agent.get("/api/v1/aftersales/rules", params={"platform": "taobao"}))
        forbidden = agent.post("/api/v1/aftersales/rules", json=row)
        added = ok(boss.post("/api/v1/aftersales/rules", json=row), 201)
        twice = boss.post("/api/v1/aftersales/rules", json=row)
        law = boss.post("/api/v1/aftersales/rules", json={**row, "scope": "law"})
        after = ok(agent.get("/api/v1/aftersales/rules", params={"on": "2026-11-16"}))
        reserved = agent.get("/api/v1/aftersales/rules", params={"platform": "shop"})
    effective = {e["key"]: e for e in before["effective"]}
    window = effective["return.no_reason_days"]
    assert (window["value"], window["row"]["scope"], window["row"]["origin"]) == (
        7,
        "law",
        "default",
    )
    assert effective["late_shipment.ship_within_hours"]["row"]["source"].startswith("店规默认值")
    assert error(forbidden, 403)["message"] == "您没有权限执行此操作"
    assert (added["origin"], added["scope"], added["unit"]) == ("custom", "shop", "fen")
    assert (
        error(twice, 409)["message"] == "同一范围的这条规则在同一天已经有一行生效,请换一个生效日期"
    )
    assert error(law, 422)["message"] == "法律规定不能在这里修改:只能添加店铺或平台的规则"
    limit = {e["key"]: e for e in after["effective"]}["payout.approval_above_fen"]
    assert (limit["value"], limit["row"]["id"]) == (500_00, added["id"])
    assert len(after["rows"]) == len(before["rows"]) + 1
    assert set(error(reserved, 422)["fields"]) == {"platform"}


# -- platform disputes, the order webhook, call-backs, penalties ----------------------------------


def test_a_late_shipment_dispute_is_worked_through_and_exports_its_evidence_pack(api: Api) -> None:
    at()
    late = {"paid_at": "2026-11-10T20:15:02+08:00", "shipped_at": "2026-11-14T09:00:00+08:00"}
    with api.client() as http:
        order = ok(http.post("/api/v1/orders", json=order_body(**late)), 201)
        ticket = chat(http, subject="付款三天多才发货,我要维权")
        body = {"ticket_id": ticket["id"], "order_id": order["id"], "kind": "late_shipment"}
        opened = ok(http.post("/api/v1/aftersales/disputes", json=body), 201)
        path = f"/api/v1/aftersales/disputes/{opened['id']}"
        wrong_item = http.post(f"{path}/checklist", json={"item": "upload_waybill"})
        too_soon = http.post(f"{path}/transitions", json={"to": "submitted"})
        for item in ("pickup_time", "exemption", "contact_buyer"):
            ok(http.post(f"{path}/checklist", json={"item": item}))
        photo = http.post(
            f"{path}/evidence",
            files={"files": ("面单.jpg", JPEG, "image/jpeg")},
            data={"note": "面单"},
        )
        no_files = http.post(f"{path}/evidence", json={})
        pack = http.get(f"{path}/evidence.zip")
        missing = http.get("/api/v1/aftersales/disputes/999999/evidence.zip")
        listed = ok(http.get(f"/api/v1/aftersales/orders/{order['id']}/disputes"))
        bad_kind = http.post("/api/v1/aftersales/disputes", json={**body, "kind": "fraud"})
    with api.client("nobody") as anonymous:
        unauthenticated = anonymous.get(f"{path}/evidence.zip")
    assert (opened["kind_label"], opened["state_label"]) == ("延迟发货", "处理中")
    assert opened["assessment"]["code"] == "aftersales.late.shipped_late"
    assert "延迟发货须向买家支付" in opened["assessment"]["source"]
    assert opened["deadline"]["message"].startswith("须在 2026-11-17 10:00:00 前处理并提交凭证")
    assert opened["checklist"][0]["label"] == "以快递公司系统记录核对揽收时间"
    assert error(wrong_item, 422)["fields"]["item"].startswith("不是该类维权的核查项")
    assert error(too_soon, 409)["message"] == "还有 4 项核查未完成,完成后才能提交申诉"
    assert ok(photo, 201)["checklist_done"] is False
    assert set(error(no_files, 422)["fields"]) == {"files"}
    assert pack.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(pack.content))
    photos = [n for n in archive.namelist() if n.startswith("attachments/")]
    assert len(photos) == 1 and archive.read(photos[0]) == JPEG
    pdf = archive.read("summary.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF") and "3318864512790231147" in text and "延迟发货" in text
    assert "付款三天多才发货,我要维权" in archive.read("transcript.txt").decode("utf-8")
    assert error(missing, 404)["message"] == "维权单不存在"
    assert [d["id"] for d in listed] == [opened["id"]]
    assert set(error(bad_kind, 422)["fields"]) == {"kind"}
    assert unauthenticated.status_code == 401


def test_a_dispute_is_submitted_then_closed_with_the_platforms_ruling(api: Api) -> None:
    at()
    with api.client() as http:
        order = ok(http.post("/api/v1/orders", json=order_body()), 201)
        ticket = chat(http, subject="快递显示签收了但我没收到")
        body = {"ticket_id": ticket["id"], "order_id": order["id"], "kind": "not_received"}
        opened = ok(http.post("/api/v1/aftersales/disputes", json=body), 201)
        path = f"/api/v1/aftersales/disputes/{opened['id']}"
        early_ruling = http.post(f"{path}/transitions", json={"to": "closed", "outcome": "won"})
        for item in [c["item"] for c in opened["checklist"]]:
            ok(http.post(f"{path}/checklist", json={"item": item}))
        submitted = ok(http.post(f"{path}/transitions", json={"to": "submitted"}))
        back = http.post(f"{path}/transitions", json={"to": "open"})
        closed = ok(http.post(f"{path}/transitions", json={"to": "closed", "outcome": "lost"}))
        after = http.post(f"{path}/checklist", json={"item": "ask_signer", "done": False})
    assert opened["assessment"]["message"].startswith("物流显示于 2026-11-13 10:05:12 签收")
    assert error(early_ruling, 409)["message"] == "尚未提交申诉的维权只能因买家撤销而结束"
    assert submitted["state_label"] == "已提交申诉" and submitted["checklist_done"] is True
    assert error(back, 409)["message"] == "维权不能从「已提交申诉」改为「处理中」"
    assert (closed["state"], closed["outcome"]) == ("closed", "lost")
    assert error(after, 409)["message"] == "维权已结束,不能再修改"


def signed(secret: str, body: bytes) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Kefu-Signature": f"sha256={digest}", "Content-Type": "application/json"}


def test_the_order_webhook_is_signed_idempotent_and_validated(api: Api, monkeypatch: Any) -> None:
    at()
    url = "/api/v1/aftersales/orders/webhook"
    body = json.dumps(order_body(), ensure_ascii=False).encode("utf-8")
    with api.client("nobody") as shop:
        off = shop.post(url, content=body, headers=signed("whatever", body))
        monkeypatch.setattr(api.env.settings, "order_webhook_secret", SecretStr("s3cret-shop-key"))
        forged = shop.post(url, content=body, headers=signed("wrong-key", body))
        unsigned = shop.post(url, content=body, headers={"Content-Type": "application/json"})
        created = shop.post(url, content=body, headers=signed("s3cret-shop-key", body))
        moved_on = json.dumps(order_body(status="completed"), ensure_ascii=False).encode("utf-8")
        updated = shop.post(url, content=moved_on, headers=signed("s3cret-shop-key", moved_on))
        bad = json.dumps({**order_body("X-9"), "paid_fen": -1, "colour": "红"}).encode("utf-8")
        invalid = shop.post(url, content=bad, headers=signed("s3cret-shop-key", bad))
    assert error(off, 503)["message"] == "订单推送未启用:请设置 KEFU_ORDER_WEBHOOK_SECRET"
    assert error(forged, 401)["message"].startswith("签名校验失败")
    assert error(unsigned, 401)["code"] == "aftersales.webhook.bad_signature"
    first, again = ok(created, 201), ok(updated)
    assert first["id"] == again["id"] and again["status_label"] == "交易成功"
    assert set(error(invalid, 422)["fields"]) == {"paid_fen", "colour"}
    with api.env.db.reading() as session:
        numbers = list(session.scalars(select(ShopOrder.number)))
    assert numbers == ["3318864512790231147"]  # nothing stored by the refused pushes


def test_a_complaints_call_back_is_listed_and_completed_once(api: Api) -> None:
    at()
    with api.env.db.transaction() as session:
        sla.ensure_defaults(session)
    sla.invalidate()
    with api.client() as http:
        earlier = chat(http, subject="什么时候发货", type="inquiry")
        ticket = chat(http, type="complaint", subject="客服态度差,我要投诉")
    assert service.sweep_complaints(api.env.db, api.env.settings) == 1
    with api.client() as http:
        read = ok(http.get(f"/api/v1/tickets/{ticket['id']}/complaint"))
        listed = ok(http.get("/api/v1/aftersales/callbacks"))
        task = listed["items"][0]
        empty = http.post(f"/api/v1/aftersales/callbacks/{task['id']}/done", json={"note": ""})
        done = ok(
            http.post(f"/api/v1/aftersales/callbacks/{task['id']}/done", json={"note": "已致歉"})
        )
        twice = http.post(f"/api/v1/aftersales/callbacks/{task['id']}/done", json={"note": "再打"})
        unknown = http.post("/api/v1/aftersales/callbacks/999999/done", json={"note": "x"})
        open_now = ok(http.get("/api/v1/aftersales/callbacks"))
        every = ok(http.get("/api/v1/aftersales/callbacks", params={"open": "false"}))
    assert [c["ticket_id"] for c in read["conversations"]] == [earlier["id"], ticket["id"]]
    assert read["callback"]["id"] == task["id"] and read["sla_policy"] == "complaint"
    assert {c["metric"]: c["target_minutes"] for c in read["sla_clocks"]}["first_response"] == 5
    assert datetime.fromisoformat(task["due_at"]) == NOW + timedelta(minutes=30)
    assert (task["ticket_number"], task["overdue"]) == (ticket["number"], False)
    assert set(error(empty, 422)["fields"]) == {"note"}
    assert done["done_by_id"] == api.user_ids["agent"] and done["note"] == "已致歉"
    assert error(twice, 409)["message"] == "该回电任务已于 2026-11-16 10:00 完成"
    assert error(unknown, 404)["message"] == "回电任务不存在"
    assert open_now["items"] == [] and [c["id"] for c in every["items"]] == [task["id"]]


def test_penalty_points_are_visible_to_the_agent_and_their_supervisor(api: Api) -> None:
    at()
    case = partial_refund(api, 50_00)
    with api.client() as http:
        instant = {"amount_fen": 50_00, "method": "instant", "agreement_confirmed": True}
        ok(http.post(f"/api/v1/cases/{case['id']}/payouts", json=instant), 201)
        error(http.post(f"/api/v1/cases/{case['id']}/payouts", json=instant), 409)
        mine = ok(http.get("/api/v1/aftersales/penalties"))
        others = http.get(
            "/api/v1/aftersales/penalties", params={"agent_id": api.user_ids["supervisor"]}
        )
        naive = http.get("/api/v1/aftersales/penalties", params={"since": "2026-11-01T00:00:00"})
    with api.client("supervisor") as boss:
        theirs = ok(
            boss.get("/api/v1/aftersales/penalties", params={"agent_id": api.user_ids["agent"]})
        )
    assert mine["total_points"] == 5 and mine["items"][0]["fault"] == "duplicate_instant_refund"
    assert mine["items"][0]["fault_label"]
    assert error(others, 403)["message"] == "您没有权限执行此操作"
    assert set(error(naive, 422)["fields"]) == {"since"}
    assert theirs["items"] == mine["items"]


def test_the_refund_register_exports_as_xlsx_with_amounts_as_numbers(api: Api) -> None:
    at()
    case = partial_refund(api, 88_00)
    with api.client() as http:
        paid = {"amount_fen": 88_00, "method": "platform", "agreement_confirmed": True}
        ok(http.post(f"/api/v1/cases/{case['id']}/payouts", json=paid), 201)
        sheet = http.get("/api/v1/refunds/register", params={"day": "2026-11-16", "format": "xlsx"})
        wrong = http.get("/api/v1/refunds/register", params={"day": "2026-11-16", "format": "pdf"})
    assert sheet.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:2] == ("打款时间", "客服") and rows[1][1] == "客服1号"
    assert float(rows[1][10]) == 88.0 and rows[-1][0] == "合计"  # type: ignore[arg-type]
    assert error(wrong, 422)["fields"] == {"format": "取值无效,可选:json, csv, xlsx"}
