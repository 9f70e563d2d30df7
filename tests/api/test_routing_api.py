"""The routing REST contract through real HTTP, on SQLite and PostgreSQL: desks, groups,
delivery, catalog responsibility and its spreadsheet, rules and their dry run, presence, queues,
transfers and notifications. Each endpoint with its error path."""

from __future__ import annotations

import io
from typing import Any

import httpx
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from kefu.tickets.models import CatalogItem
from tests.conftest import Api

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()["error"]
    return body


def desk_and_groups(api: Api, *names: str) -> dict[str, int]:
    """A desk with the named groups, made by a supervisor; returns their ids."""
    with api.client("supervisor") as http:
        desk = ok(http.post("/api/v1/routing/desks", json={"name": "总服务台"}), 201)
        return {
            name: ok(
                http.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": name}),
                201,
            )["id"]
            for name in names
        }


def open_ticket(http: httpx.Client, **extra: Any) -> dict[str, Any]:
    body = {
        "subject": "鞋子开胶了",
        "description": "买了三天就开胶,我要退款",
        "customer": {"phone": "13800138000"},
        "channel": "web_chat",
        **extra,
    }
    return dict(ok(http.post("/api/v1/tickets", json=body), 201))


def catalog_count(api: Api) -> int:
    with api.env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(CatalogItem)) or 0)


# -- desks and groups -----------------------------------------------------------------------------


def test_desks_are_created_by_supervisors_and_listed_for_agents(api: Api) -> None:
    with api.client("supervisor") as boss, api.client("agent") as agent:
        made = boss.post(
            "/api/v1/routing/desks",
            json={"name": "售后服务台", "description": "退换货", "private": True},
        )
        listed = agent.get("/api/v1/routing/desks")
        forbidden = agent.post("/api/v1/routing/desks", json={"name": "我的服务台"})
        twice = boss.post("/api/v1/routing/desks", json={"name": "售后服务台"})
        empty = boss.post("/api/v1/routing/desks", json={"name": "", "colour": "red"})
    desk = ok(made, 201)
    assert (desk["name"], desk["description"], desk["private"]) == ("售后服务台", "退换货", True)
    assert [d["name"] for d in ok(listed)] == ["售后服务台"]
    assert error(forbidden, 403)["message"] == "您没有权限执行此操作"
    assert error(twice, 409)["fields"] == {"name": "已有同名的服务台"}
    assert error(empty, 422)["fields"] == {"name": "过短(至少 1 个字符)", "colour": "未知字段"}


def test_groups_are_created_in_a_desk_and_listed_with_their_members(api: Api) -> None:
    groups = desk_and_groups(api, "售前组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        made = boss.post(
            "/api/v1/routing/groups",
            json={"desk_id": _desk_id(boss), "name": "售后组", "strategy": "round_robin"},
        )
        listed = agent.get("/api/v1/routing/groups")
        forbidden = agent.post("/api/v1/routing/groups", json={"desk_id": 1, "name": "x"})
        no_desk = boss.post("/api/v1/routing/groups", json={"desk_id": 999, "name": "孤组"})
        bad_strategy = boss.post(
            "/api/v1/routing/groups",
            json={"desk_id": _desk_id(boss), "name": "随机组", "strategy": "random"},
        )
    group = ok(made, 201)
    assert (group["strategy"], group["auto_assign"], group["members"]) == ("round_robin", True, [])
    assert [(g["id"], g["name"]) for g in ok(listed)] == [
        (groups["售前组"], "售前组"),
        (group["id"], "售后组"),
    ]
    assert error(forbidden, 403)["code"] == "forbidden"
    assert error(no_desk, 422)["fields"] == {"desk_id": "没有该服务台"}
    assert error(bad_strategy, 422)["fields"]["strategy"].startswith("取值无效,可选:round_robin")


def _desk_id(http: httpx.Client) -> int:
    return int(ok(http.get("/api/v1/routing/desks"))[0]["id"])


def test_members_are_replaced_as_a_whole(api: Api) -> None:
    group = desk_and_groups(api, "售后组")["售后组"]
    agent, boss = api.user_ids["agent"], api.user_ids["supervisor"]
    url = f"/api/v1/routing/groups/{group}/members"
    with api.client("supervisor") as http, api.client("agent") as agent_http:
        first = http.put(url, json={"user_ids": [agent, boss, agent]})
        second = http.put(url, json={"user_ids": [boss]})
        unknown = http.put(url, json={"user_ids": [boss, 998, 999]})
        missing = http.put("/api/v1/routing/groups/999/members", json={"user_ids": []})
        forbidden = agent_http.put(url, json={"user_ids": [agent]})
        listed = agent_http.get("/api/v1/routing/groups")
    assert sorted(ok(first)["members"]) == sorted([agent, boss])
    assert ok(second)["members"] == [boss]
    assert error(unknown, 422)["fields"] == {"user_ids": "以下编号的客服不存在:998, 999"}
    assert error(missing, 404)["message"] == "没有该客服组"
    assert error(forbidden, 403)["code"] == "forbidden"
    assert ok(listed)[0]["members"] == [boss]  # the refused changes wrote nothing


# -- delivery and catalog responsibility ----------------------------------------------------------


def test_delivery_is_set_read_back_and_applied_to_new_tickets(api: Api) -> None:
    groups = desk_and_groups(api, "综合组", "在线组", "主管组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        before = agent.get("/api/v1/routing/delivery")
        saved = boss.put(
            "/api/v1/routing/delivery",
            json={
                "mode": "multi",
                "default_group_id": groups["综合组"],
                "supervisor_group_id": groups["主管组"],
                "by_channel": {"wechat": groups["在线组"]},
                "by_entry_point": {"vip-menu": groups["主管组"]},
            },
        )
        read = agent.get("/api/v1/routing/delivery")
        wechat = open_ticket(agent, channel="wechat")
        phone = open_ticket(agent, channel="phone", customer={"phone": "13900139000"})
        complaint = open_ticket(agent, type="complaint", customer={"phone": "13700137000"})
    assert ok(before) == {
        "mode": "single",
        "default_group_id": None,
        "supervisor_group_id": None,
        "by_channel": {},
        "by_entry_point": {},
        "responsible": {},
    }
    assert ok(saved) == ok(read)
    assert ok(read)["by_channel"] == {"wechat": groups["在线组"]}
    assert wechat["group_id"] == groups["在线组"]
    assert phone["group_id"] == groups["综合组"]
    assert complaint["group_id"] == groups["主管组"]


def test_bad_delivery_settings_are_refused_field_by_field(api: Api) -> None:
    groups = desk_and_groups(api, "综合组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        unknown = boss.put(
            "/api/v1/routing/delivery",
            json={
                "mode": "primary_secondary",
                "supervisor_group_id": 999,
                "by_channel": {"email": 998},
                "by_entry_point": {"menu": groups["综合组"]},
            },
        )
        bad_channel = boss.put(
            "/api/v1/routing/delivery",
            json={"mode": "multi", "by_channel": {"fax": groups["综合组"]}},
        )
        bad_mode = boss.put("/api/v1/routing/delivery", json={"mode": "random"})
        forbidden = agent.put(
            "/api/v1/routing/delivery", json={"mode": "single", "default_group_id": 1}
        )
        still = agent.get("/api/v1/routing/delivery")
    assert error(unknown, 422)["fields"] == {
        "default_group_id": "必填",
        "supervisor_group_id": "没有该客服组",
        "by_channel": "以下各项指向不存在的客服组:email",
    }
    assert "by_channel.fax.[key]" in error(bad_channel, 422)["fields"]
    assert error(bad_mode, 422)["fields"]["mode"].startswith("取值无效")
    assert error(forbidden, 403)["code"] == "forbidden"
    assert ok(still)["mode"] == "single" and ok(still)["default_group_id"] is None


def test_a_catalog_item_is_hung_on_its_responsible_group(api: Api) -> None:
    groups = desk_and_groups(api, "一线组", "售后组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        item = ok(boss.post("/api/v1/catalog", json={"path": "售后/退货"}), 201)
        parent = item["parent_id"]
        ok(
            boss.put(
                "/api/v1/routing/delivery",
                json={"mode": "primary_secondary", "default_group_id": groups["一线组"]},
            )
        )
        hung = boss.put(
            f"/api/v1/routing/catalog/{parent}/responsible", json={"group_id": groups["售后组"]}
        )
        read = agent.get("/api/v1/routing/delivery")
        child_ticket = open_ticket(agent, catalog_item="售后/退货")
        plain_ticket = open_ticket(agent, customer={"phone": "13900139000"})
        no_item = boss.put("/api/v1/routing/catalog/999/responsible", json={"group_id": None})
        no_group = boss.put(f"/api/v1/routing/catalog/{parent}/responsible", json={"group_id": 999})
        forbidden = agent.put(
            f"/api/v1/routing/catalog/{parent}/responsible", json={"group_id": None}
        )
        unhung = boss.put(f"/api/v1/routing/catalog/{parent}/responsible", json={"group_id": None})
        after = agent.get("/api/v1/routing/delivery")
    assert hung.status_code == 204, hung.text
    assert ok(read)["responsible"] == {str(parent): groups["售后组"]}
    assert child_ticket["group_id"] == groups["售后组"]  # inherited from 售后
    assert plain_ticket["group_id"] == groups["一线组"]
    assert error(no_item, 404)["message"] == "服务目录中没有该项"
    assert error(no_group, 422)["fields"] == {"group_id": "没有该客服组"}
    assert error(forbidden, 403)["code"] == "forbidden"
    assert unhung.status_code == 204
    assert ok(after)["responsible"] == {}


# -- the catalog spreadsheet ----------------------------------------------------------------------


def test_the_template_is_a_real_workbook_listing_the_groups(api: Api) -> None:
    desk_and_groups(api, "售后组", "售前组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        response = boss.get("/api/v1/routing/catalog/template")
        english = boss.get("/api/v1/routing/catalog/template", headers={"Accept-Language": "en"})
        forbidden = agent.get("/api/v1/routing/catalog/template")
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["服务目录", "填写说明"]
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["一级目录", "二级目录", "三级目录", "负责客服组"]
    listed = {str(c.value) for row in book.worksheets[-1].iter_rows() for c in row if c.value}
    assert {"售后组", "售前组"} <= listed
    assert load_workbook(io.BytesIO(english.content)).worksheets[0]["A1"].value == "Level 1"
    assert error(forbidden, 403)["code"] == "forbidden"


def _filled(template: bytes, rows: list[tuple[object, ...]]) -> bytes:
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_template_imports_the_catalog_in_one_go(api: Api) -> None:
    groups = desk_and_groups(api, "售后组")
    with api.client("supervisor") as boss:
        template = boss.get("/api/v1/routing/catalog/template").content
        data = _filled(
            template,
            [
                ("售后", None, None, "售后组", "是", None),
                ("售后", "退货", None, None, "是", None),
                ("售后", "退款", None, None, "否", None),
            ],
        )
        imported = boss.post(
            "/api/v1/routing/catalog/import", files={"file": ("服务目录.xlsx", data, XLSX)}
        )
        catalog = boss.get("/api/v1/catalog")
        delivery = boss.get("/api/v1/routing/delivery")
    assert ok(imported, 201) == {"items": 3, "responsible": 1}
    assert [i["path"] for i in ok(catalog)["items"]] == ["售后", "售后 › 退货"]  # 退款 inactive
    assert list(ok(delivery)["responsible"].values()) == [groups["售后组"]]


def test_a_file_with_problems_lists_them_by_row_and_column_and_imports_nothing(api: Api) -> None:
    desk_and_groups(api, "售后组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        template = boss.get("/api/v1/routing/catalog/template").content
        data = _filled(
            template,
            [
                ("售后", None, None, "售后组", "是", None),
                ("售后", "退货", None, "没有这个组", "是", None),
                (None, "孤儿", None, None, "是", None),
            ],
        )
        before = catalog_count(api)
        bad = boss.post(
            "/api/v1/routing/catalog/import", files={"file": ("服务目录.xlsx", data, XLSX)}
        )
        not_excel = boss.post(
            "/api/v1/routing/catalog/import", files={"file": ("a.xlsx", b"hello", XLSX)}
        )
        empty = boss.post("/api/v1/routing/catalog/import", files={"file": ("a.xlsx", b"", XLSX)})
        no_file = boss.post("/api/v1/routing/catalog/import")
        forbidden = agent.post(
            "/api/v1/routing/catalog/import", files={"file": ("服务目录.xlsx", data, XLSX)}
        )
    problems = error(bad, 422)
    assert problems["code"] == "routing.catalog_sheet_invalid"
    assert "未导入" in problems["message"]
    assert any(k.startswith("row3.") and "没有这个组" in v for k, v in problems["fields"].items())
    assert any(k.startswith("row4.") for k in problems["fields"])
    assert all("{" not in v for v in problems["fields"].values())  # every message filled in
    assert list(error(not_excel, 422)["fields"]) == ["file"]
    assert error(empty, 422)["fields"] == {"file": "必填"}
    assert error(no_file, 422)["fields"] == {"file": "必填"}
    assert error(forbidden, 403)["code"] == "forbidden"
    assert catalog_count(api) == before == 0


# -- rules and the dry run ------------------------------------------------------------------------


REFUND_RULE = {
    "name": "退款加急",
    "conditions": [{"field": "keywords", "op": "any_of", "value": ["退款"]}],
    "actions": [{"kind": "set_priority", "value": "high"}, {"kind": "add_tags", "value": ["退款"]}],
}


def test_rules_are_created_listed_updated_and_deleted(api: Api) -> None:
    groups = desk_and_groups(api, "退款组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        made = ok(boss.post("/api/v1/routing/rules", json=REFUND_RULE), 201)
        second = ok(
            boss.post(
                "/api/v1/routing/rules",
                json={
                    **REFUND_RULE,
                    "name": "退款转组",
                    "actions": [{"kind": "set_group", "value": groups["退款组"]}],
                },
            ),
            201,
        )
        updated = boss.put(
            f"/api/v1/routing/rules/{made['id']}",
            json={**REFUND_RULE, "active": False, "position": 100},
        )
        listed = agent.get("/api/v1/routing/rules")
        ticket = open_ticket(agent)
        deleted = boss.delete(f"/api/v1/routing/rules/{second['id']}")
        after = agent.get("/api/v1/routing/rules")
    assert made["position"] == 10 and second["position"] == 20
    assert ok(updated)["active"] is False
    assert [r["name"] for r in ok(listed)] == ["退款转组", "退款加急"]  # by position
    assert (ticket["group_id"], ticket["priority"]) == (groups["退款组"], "normal")
    assert deleted.status_code == 204
    assert [r["id"] for r in ok(after)] == [made["id"]]


def test_rule_errors_are_named_per_field_in_chinese(api: Api) -> None:
    with api.client("supervisor") as boss, api.client("agent") as agent:
        bad = boss.post(
            "/api/v1/routing/rules",
            json={
                "name": "坏规则",
                "conditions": [
                    {"field": "colour", "op": "eq", "value": "red"},
                    {"field": "channel", "op": "gte", "value": "wechat"},
                ],
                "actions": [
                    {"kind": "set_priority", "value": "asap"},
                    {"kind": "set_group", "value": 999},
                ],
            },
        )
        no_actions = boss.post("/api/v1/routing/rules", json={"name": "空", "actions": []})
        forbidden = agent.post("/api/v1/routing/rules", json=REFUND_RULE)
        missing = boss.put("/api/v1/routing/rules/999", json=REFUND_RULE)
        gone = boss.delete("/api/v1/routing/rules/999")
        listed = agent.get("/api/v1/routing/rules")
    fields = error(bad, 422)["fields"]
    assert fields["conditions.0.field"].startswith("取值无效,可选:channel")
    assert fields["conditions.1.op"].startswith("字段 channel 不支持该运算")
    assert fields["actions.0.value"] == "取值无效,可选:low, normal, high, urgent"
    assert fields["actions.1.value"] == "没有该客服组"
    assert list(error(no_actions, 422)["fields"]) == ["actions"]
    assert error(forbidden, 403)["code"] == "forbidden"
    assert error(missing, 404)["message"] == "没有该路由规则"
    assert error(gone, 404)["code"] == "routing.unknown_rule"
    assert ok(listed) == []


def test_the_dry_run_explains_a_ticket_delivery_and_every_rule(api: Api) -> None:
    groups = desk_and_groups(api, "综合组", "退款组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        ok(
            boss.put(
                "/api/v1/routing/delivery",
                json={"mode": "single", "default_group_id": groups["综合组"]},
            )
        )
        ticket = open_ticket(agent)
        refund = ok(boss.post("/api/v1/routing/rules", json=REFUND_RULE), 201)
        wechat = ok(
            boss.post(
                "/api/v1/routing/rules",
                json={
                    "name": "微信转退款组",
                    "conditions": [{"field": "channel", "op": "eq", "value": "wechat"}],
                    "actions": [{"kind": "set_group", "value": groups["退款组"]}],
                },
            ),
            201,
        )
        run = agent.post("/api/v1/routing/dry-run", json={"ticket_id": ticket["id"]})
        english = agent.post(
            "/api/v1/routing/dry-run",
            json={"ticket_id": ticket["id"]},
            headers={"Accept-Language": "en"},
        )
        missing = agent.post("/api/v1/routing/dry-run", json={"ticket_id": 99999})
    body = ok(run)
    assert body["delivered_group_id"] == groups["综合组"]
    assert body["delivery"] == {
        "code": "routing.delivery.default",
        "message": "投递到默认客服组 「综合组」",
    }
    assert (body["group_id"], body["priority"], body["tags"]) == (
        groups["综合组"],
        "high",
        ["退款"],
    )
    assert body["fired"] == [refund["id"]]
    first, second = body["rules"]
    assert (first["rule_id"], first["name"], first["matched"]) == (refund["id"], "退款加急", True)
    assert first["reasons"][0]["message"] == "内容包含关键词「退款」"
    assert (second["rule_id"], second["matched"]) == (wechat["id"], False)
    assert second["reasons"][0]["code"] == "routing.condition.not_met"
    assert "条件不成立" in second["reasons"][0]["message"]
    assert all("{" not in r["message"] for t in body["rules"] for r in t["reasons"])
    assert ok(english)["delivery"]["message"] == "Delivered to the default group 「综合组」"
    assert error(missing, 404)["code"] == "ticket.not_found"


def test_the_dry_run_explains_a_described_request(api: Api) -> None:
    groups = desk_and_groups(api, "一线组", "售后组", "主管组")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        item = ok(boss.post("/api/v1/catalog", json={"path": "售后/退货"}), 201)
        ok(
            boss.put(
                "/api/v1/routing/delivery",
                json={
                    "mode": "primary_secondary",
                    "default_group_id": groups["一线组"],
                    "supervisor_group_id": groups["主管组"],
                },
            )
        )
        hung = boss.put(
            f"/api/v1/routing/catalog/{item['parent_id']}/responsible",
            json={"group_id": groups["售后组"]},
        )
        assert hung.status_code == 204, hung.text
        vip = ok(
            boss.post(
                "/api/v1/routing/rules",
                json={
                    "name": "大客户加急",
                    "conditions": [{"field": "vip_level", "op": "gte", "value": 3}],
                    "actions": [{"kind": "set_priority", "value": "urgent"}],
                },
            ),
            201,
        )
        returns = agent.post(
            "/api/v1/routing/dry-run",
            json={"channel": "wechat", "catalog_item": "售后 › 退货", "vip_level": 5},
        )
        blacklisted = agent.post("/api/v1/routing/dry-run", json={"blacklisted": True})
        unknown = agent.post("/api/v1/routing/dry-run", json={"catalog_item": "没有/这一项"})
        bad = agent.post("/api/v1/routing/dry-run", json={"channel": "fax", "vip_level": 11})
    body = ok(returns)
    assert body["group_id"] == groups["售后组"]
    assert body["delivery"]["code"] == "routing.delivery.responsible"
    assert "「售后组」" in body["delivery"]["message"]
    assert (body["priority"], body["fired"]) == ("urgent", [vip["id"]])
    assert ok(blacklisted)["delivery"]["message"] == "黑名单客户的请求转给主管组 「主管组」 处理"
    assert ok(blacklisted)["group_id"] == groups["主管组"]
    assert error(unknown, 422)["fields"] == {"catalog_item": "服务目录中没有该项"}
    assert set(error(bad, 422)["fields"]) == {"channel", "vip_level"}


# -- presence, queues and transfers ---------------------------------------------------------------


def test_presence_me_for_anyone_and_others_only_for_supervisors(api: Api) -> None:
    agent, boss = api.user_ids["agent"], api.user_ids["supervisor"]
    with api.client("agent") as mine, api.client("supervisor") as sup:
        me = mine.put(
            "/api/v1/routing/presence/me", json={"presence": "online", "chat_capacity": 3}
        )
        own_id = mine.put(f"/api/v1/routing/presence/{agent}", json={"skills": ["退款", " 发票 "]})
        others = mine.put(f"/api/v1/routing/presence/{boss}", json={"presence": "online"})
        by_boss = sup.put(f"/api/v1/routing/presence/{agent}", json={"presence": "busy"})
        nobody = sup.put("/api/v1/routing/presence/99999", json={"presence": "online"})
        word = sup.put("/api/v1/routing/presence/someone", json={"presence": "online"})
        too_big = mine.put("/api/v1/routing/presence/me", json={"ticket_capacity": 501})
        bad_state = mine.put("/api/v1/routing/presence/me", json={"presence": "sleeping"})
        listed = mine.get("/api/v1/routing/presence")
    read = ok(me)
    assert (read["user_id"], read["presence"], read["chat_capacity"]) == (agent, "online", 3)
    assert (read["active_chats"], read["open_tickets"], read["ticket_capacity"]) == (0, 0, 30)
    assert ok(own_id)["skills"] == ["发票", "退款"]
    assert error(others, 403)["code"] == "forbidden"
    assert ok(by_boss)["presence"] == "busy"
    assert error(nobody, 404)["code"] == "routing.unknown_agent"
    assert error(word, 404)["code"] == "routing.unknown_agent"
    assert error(too_big, 422)["fields"] == {"ticket_capacity": "超出允许范围"}
    assert error(bad_state, 422)["fields"]["presence"].startswith("取值无效,可选:online")
    assert [(p["user_id"], p["presence"]) for p in ok(listed)] == [(agent, "busy")]


def test_a_group_queue_shows_places_and_estimated_waits(api: Api) -> None:
    group = desk_and_groups(api, "在线组")["在线组"]
    agent = api.user_ids["agent"]
    with api.client("supervisor") as boss, api.client("agent") as http:
        ok(boss.put(f"/api/v1/routing/groups/{group}/members", json={"user_ids": [agent]}))
        ok(boss.put("/api/v1/routing/delivery", json={"mode": "single", "default_group_id": group}))
        first = open_ticket(http)
        second = open_ticket(http, customer={"phone": "13900139000"})
        nobody = http.get(f"/api/v1/routing/groups/{group}/queue")
        ok(http.put("/api/v1/routing/presence/me", json={"presence": "online"}))
        someone = http.get(f"/api/v1/routing/groups/{group}/queue")
        missing = http.get("/api/v1/routing/groups/999/queue")
    waiting = ok(nobody)
    assert waiting["online_with_room"] == 0
    assert [(i["ticket_id"], i["position"], i["estimated_wait_s"]) for i in waiting["items"]] == [
        (first["id"], 1, None),
        (second["id"], 2, None),
    ]
    served = ok(someone)
    assert served["online_with_room"] == 1
    assert [i["estimated_wait_s"] for i in served["items"]] == [300.0, 600.0]
    assert error(missing, 404)["code"] == "routing.unknown_group"


def test_a_transfer_moves_the_ticket_and_its_history_stays(api: Api) -> None:
    groups = desk_and_groups(api, "售前组", "售后组")
    boss = api.user_ids["supervisor"]
    with api.client("agent") as http:
        ticket = open_ticket(http)
        moved = http.post(
            f"/api/v1/tickets/{ticket['id']}/transfer",
            json={"group_id": groups["售后组"], "assignee_id": boss},
        )
        got = http.get(f"/api/v1/tickets/{ticket['id']}")
        messages = http.get(f"/api/v1/tickets/{ticket['id']}/messages")
        audit = http.get(f"/api/v1/tickets/{ticket['id']}/audit")
        nothing = http.post(f"/api/v1/tickets/{ticket['id']}/transfer", json={})
        no_group = http.post(f"/api/v1/tickets/{ticket['id']}/transfer", json={"group_id": 999})
        no_agent = http.post(
            f"/api/v1/tickets/{ticket['id']}/transfer",
            json={"group_id": groups["售前组"], "assignee_id": 999},
        )
        no_ticket = http.post("/api/v1/tickets/99999/transfer", json={"group_id": 1})
        still = http.get(f"/api/v1/tickets/{ticket['id']}")
    assert moved.status_code == 204, moved.text
    assert (ok(got)["group_id"], ok(got)["assignee_id"]) == (groups["售后组"], boss)
    assert [m["body"] for m in ok(messages)["items"]] == ["买了三天就开胶,我要退款"]
    changes = [(a["field"], a["new"], a["actor_user_id"]) for a in ok(audit)["items"]]
    agent = api.user_ids["agent"]
    assert ("group_id", str(groups["售后组"]), agent) in changes
    assert ("assignee_id", str(boss), agent) in changes
    assert error(nothing, 422)["fields"] == {"group_id": "必填"}
    assert error(nothing, 422)["message"] == "请选择要转给的客服组或客服"
    assert error(no_group, 422)["fields"] == {"group_id": "没有该客服组"}
    assert error(no_agent, 422)["fields"] == {"assignee_id": "没有该客服(或其账号已停用)"}
    assert error(no_ticket, 404)["code"] == "ticket.not_found"
    assert ok(still)["group_id"] == groups["售后组"]  # the refused transfers moved nothing


# -- notifications --------------------------------------------------------------------------------


def test_supervisors_see_a_complaint_notification_and_mark_it_read(api: Api) -> None:
    with api.client("agent") as http:
        complaint = open_ticket(http, type="complaint", subject="我要投诉")
    with api.client("supervisor") as boss, api.client("agent") as agent:
        unread = boss.get("/api/v1/notifications", params={"unread": "true"})
        mine = agent.get("/api/v1/notifications")
        note_id = ok(unread)[0]["id"]
        marked = agent.post("/api/v1/notifications/read", json={"ids": [note_id]})  # not hers
        still = boss.get("/api/v1/notifications", params={"unread": "true"})
        read = boss.post("/api/v1/notifications/read", json={"ids": [note_id]})
        after = boss.get("/api/v1/notifications", params={"unread": "true"})
        everything = boss.get("/api/v1/notifications")
        bad = boss.post("/api/v1/notifications/read", json={"ids": "all"})
        anonymous = httpx.get(f"{api.base_url}/api/v1/notifications")
    notes = ok(unread)
    assert [(n["kind"], n["ticket_id"], n["read_at"]) for n in notes] == [
        ("complaint_received", complaint["id"], None)
    ]
    assert ok(mine) == []
    assert marked.status_code == 204 and len(ok(still)) == 1
    assert read.status_code == 204
    assert ok(after) == []
    assert ok(everything)[0]["read_at"] is not None
    assert error(bad, 422)["fields"] == {"ids": "类型不正确"}
    assert error(anonymous, 401)["code"] == "unauthenticated"
