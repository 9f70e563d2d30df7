"""Desks, groups, capacity and routing rules over HTTP on both databases, as a supervisor:
edits visible through the REST API, bad input shown beside its field with nothing saved, and
the dry run explaining which rule fires and why."""

from __future__ import annotations

import re

import httpx

from tests.conftest import Api
from tests.web.test_admin_access import csrf_of, error_near, post_form, signed_in

DESKS = "/admin/desks"
RULES = "/admin/rules"


def _api(api: Api, path: str) -> list[dict[str, object]]:
    with api.client("supervisor") as http:
        body: list[dict[str, object]] = http.get(path).json()
        return body


def _desk_and_group(client: httpx.Client, group: str = "售后一组") -> int:
    assert post_form(client, DESKS, DESKS, {"name": "售后服务台"}).status_code == 303
    desk = _api_desks(client)[0]
    form = {"desk_id": str(desk), "name": group, "strategy": "round_robin", "auto_assign": "on"}
    response = post_form(client, DESKS, DESKS + "/groups", form)
    assert response.status_code == 303, response.text[:2000]
    return desk


def _api_desks(client: httpx.Client) -> list[int]:
    return [d["id"] for d in client.get("/api/v1/routing/desks").json()]


def test_a_supervisor_creates_a_desk_and_a_group_with_its_strategy(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        desk = _desk_and_group(client)
    groups = _api(api, "/api/v1/routing/groups")
    assert [(g["name"], g["desk_id"], g["strategy"], g["auto_assign"]) for g in groups] == [
        ("售后一组", desk, "round_robin", True)
    ]


def test_a_duplicate_group_and_an_unknown_strategy_are_refused_beside_their_fields(
    api: Api,
) -> None:
    with signed_in(api, "supervisor") as client:
        desk = _desk_and_group(client)
        form = {"desk_id": str(desk), "name": "售后一组", "strategy": "least_loaded"}
        duplicate = post_form(client, DESKS, DESKS + "/groups", form)
        assert duplicate.status_code == 422
        assert error_near(duplicate.text, "create-group", "name") == "已有同名的客服组"
        form = {"desk_id": str(desk), "name": "二组", "strategy": "random"}
        unknown = post_form(client, DESKS, DESKS + "/groups", form)
        assert unknown.status_code == 422
        assert "round_robin" in error_near(unknown.text, "create-group", "strategy")
        empty = post_form(client, DESKS, DESKS, {"name": ""})
        assert error_near(empty.text, "create-desk", "name") == "必填"
    assert [g["name"] for g in _api(api, "/api/v1/routing/groups")] == ["售后一组"]


def test_members_and_capacity_are_saved_and_a_bad_capacity_is_refused(api: Api) -> None:
    agent = api.user_ids["agent"]
    with signed_in(api, "supervisor") as client:
        _desk_and_group(client)
        group = _api(api, "/api/v1/routing/groups")[0]["id"]
        page = client.get(DESKS).text
        saved = client.post(
            f"{DESKS}/groups/{group}/members",
            data={"csrf_token": csrf_of(page), "user_ids": [str(agent)]},
        )
        assert saved.status_code == 303
        too_many = {"chat_capacity": "900", "ticket_capacity": "30", "skills": ""}
        refused = post_form(client, DESKS, f"{DESKS}/capacity/{agent}", too_many)
        assert refused.status_code == 422
        assert "500" in error_near(refused.text, f"capacity-{agent}", "chat_capacity")
        fine = {"chat_capacity": "3", "ticket_capacity": "12", "skills": "退款, 英语"}
        assert post_form(client, DESKS, f"{DESKS}/capacity/{agent}", fine).status_code == 303
    assert _api(api, "/api/v1/routing/groups")[0]["members"] == [agent]
    presence = {p["user_id"]: p for p in _api(api, "/api/v1/routing/presence")}[agent]
    assert (presence["chat_capacity"], presence["ticket_capacity"]) == (3, 12)
    assert sorted(presence["skills"]) == ["英语", "退款"]


def _rule_form(name: str, **rows: str) -> dict[str, str]:
    return {"name": name, "match": "all", "active": "on", "condition_rows": "3",
            "action_rows": "2", **rows}  # fmt: skip


def test_a_rule_made_with_names_is_stored_with_ids(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        _desk_and_group(client)
        form = _rule_form(
            "退款走售后",
            c0_field="keywords", c0_op="any_of", c0_value="退款, 退货",
            c1_field="vip_level", c1_op="gte", c1_value="2",
            a0_kind="set_group", a0_value="售后一组",
            a1_kind="add_tags", a1_value="退款、售后",
        )  # fmt: skip
        response = post_form(client, RULES + "/new", RULES, form)
        assert response.status_code == 303, response.text[-3000:]
        listing = client.get(response.headers["location"]).text
        assert "规则已保存" in listing and "退款走售后" in listing
    group = _api(api, "/api/v1/routing/groups")[0]["id"]
    (rule,) = _api(api, "/api/v1/routing/rules")
    assert rule["conditions"] == [
        {"field": "keywords", "op": "any_of", "value": ["退款", "退货"]},
        {"field": "vip_level", "op": "gte", "value": 2},
    ]
    assert rule["actions"] == [
        {"kind": "set_group", "value": group},
        {"kind": "add_tags", "value": ["退款", "售后"]},
    ]


def test_a_bad_condition_is_shown_on_its_row_and_nothing_is_saved(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        form = _rule_form(
            "坏规则",
            c1_field="vip_level", c1_op="any_of", c1_value="3",
            a0_kind="set_group", a0_value="不存在的组",
        )  # fmt: skip
        response = post_form(client, RULES + "/new", RULES, form)
    assert response.status_code == 422
    assert "vip_level" in error_near(response.text, "rule", "c1_op")
    assert error_near(response.text, "rule", "a0_value") == "没有该客服组"
    assert 'value="不存在的组"' in response.text
    assert _api(api, "/api/v1/routing/rules") == []


def _two_rules(client: httpx.Client) -> None:
    first = _rule_form("VIP 加急", c0_field="vip_level", c0_op="gte", c0_value="3",
                       a0_kind="set_priority", a0_value="high")  # fmt: skip
    second = _rule_form("投诉通知", c0_field="type", c0_op="eq", c0_value="complaint",
                        a0_kind="add_tags", a0_value="投诉")  # fmt: skip
    for form in (first, second):
        assert post_form(client, RULES + "/new", RULES, form).status_code == 303


def test_rules_move_up_and_an_edit_keeps_the_place(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        _two_rules(client)
        first, second = (r["id"] for r in _api(api, "/api/v1/routing/rules"))
        moved = post_form(client, RULES, f"{RULES}/{second}/move", {"direction": "up"})
        assert moved.status_code == 303
        assert [r["id"] for r in _api(api, "/api/v1/routing/rules")] == [second, first]
        edit = client.get(f"{RULES}/{first}/edit").text
        assert 'value="VIP 加急"' in edit and 'value="3"' in edit
        changed = _rule_form("VIP 加急", c0_field="vip_level", c0_op="gte", c0_value="5",
                             a0_kind="set_priority", a0_value="urgent")  # fmt: skip
        assert (
            post_form(client, f"{RULES}/{first}/edit", f"{RULES}/{first}", changed).status_code
            == 303
        )
        assert post_form(client, RULES, f"{RULES}/{second}/delete", {}).status_code == 303
    (rule,) = _api(api, "/api/v1/routing/rules")
    assert rule["conditions"][0]["value"] == 5 and rule["actions"][0]["value"] == "urgent"


def test_the_dry_run_says_which_rule_fires_and_why(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        _two_rules(client)
        form = {"channel": "web_chat", "type": "complaint", "priority": "normal",
                "vip_level": "1", "text": "快递丢了"}  # fmt: skip
        page = client.get(RULES).text
        fragment = client.post(
            RULES + "/dry-run",
            data={**form, "csrf_token": csrf_of(page)},
            headers={"HX-Request": "true"},
        )
        assert fragment.status_code == 200
        assert "<html" not in fragment.text  # htmx gets the fragment only
        lines = re.findall(r'<li class="(matched|unmatched)">\s*([^<]+?) — ', fragment.text)
        assert lines == [("unmatched", "VIP 加急"), ("matched", "投诉通知")]
        assert "条件不成立:VIP 等级 不低于 3(本工单:1)" in fragment.text
        assert "投诉" in fragment.text
        bad = client.post(
            RULES + "/dry-run",
            data={**form, "vip_level": "99", "csrf_token": csrf_of(page)},
            headers={"HX-Request": "true"},
        )
        assert error_near(bad.text, "dry-run", "vip_level") == "超出允许范围"
        whole = client.post(RULES + "/dry-run", data={**form, "csrf_token": csrf_of(page)})
        assert whole.status_code == 200 and "<html" in whole.text and "投诉通知" in whole.text


def test_an_agent_cannot_run_or_edit_rules(api: Api) -> None:
    with signed_in(api, "agent") as client:
        token = csrf_of(client.get("/workspace").text)
        response = client.post(RULES, data={**_rule_form("x", a0_kind="stop"), "csrf_token": token})
        assert response.status_code == 403
        assert client.get(RULES + "/new").status_code == 403
    assert _api(api, "/api/v1/routing/rules") == []
