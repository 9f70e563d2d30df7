"""SLA policies and business calendars over HTTP on both databases (administrators only)."""

from __future__ import annotations

from kefu.sla import service as sla
from tests.conftest import Api
from tests.web.test_admin_access import csrf_of, error_near, post_form, signed_in

PAGE = "/admin/sla"


def _defaults(api: Api) -> None:
    with api.env.db.transaction() as session:
        sla.ensure_defaults(session)


def _policies(api: Api) -> dict[str, dict[str, object]]:
    with api.client("admin") as http:
        return {p["key"]: p for p in http.get("/api/v1/sla/policies").json()}


def _calendars(api: Api) -> dict[str, dict[str, object]]:
    with api.client("admin") as http:
        return {c["key"]: c for c in http.get("/api/v1/sla/calendars").json()}


def _policy_form(**fields: str) -> dict[str, str]:
    form = {
        "name": "订单咨询", "calendar": "shop_hours", "active": "on",
        "first_response_s": "5", "first_response_s_unit": "min",
        "next_response_s": "", "next_response_s_unit": "min",
        "resolution_s": "2", "resolution_s_unit": "h", "warn_ratio": "0.75",
    }  # fmt: skip
    return {**form, **fields}


def test_a_policys_targets_are_edited_and_seen_by_the_api(api: Api) -> None:
    _defaults(api)
    order = _policies(api)["order"]
    page = f"{PAGE}/policies/{order['id']}"
    with signed_in(api, "admin") as client:
        assert "订单咨询" in client.get(PAGE).text
        response = post_form(client, page, page, _policy_form())
        assert response.status_code == 303
        assert "SLA 策略已保存" in client.get(response.headers["location"]).text
    saved = _policies(api)["order"]
    assert (saved["first_response_s"], saved["next_response_s"], saved["resolution_s"]) == (
        300,
        None,
        7200,
    )
    assert saved["warn_ratio"] == 0.75 and saved["calendar"] == "shop_hours"
    assert saved["channels"] == order["channels"] and saved["types"] == order["types"]


def test_bad_targets_are_refused_beside_their_fields_and_nothing_changes(api: Api) -> None:
    _defaults(api)
    before = _policies(api)["order"]
    page = f"{PAGE}/policies/{before['id']}"
    with signed_in(api, "admin") as client:
        words = post_form(client, page, page, _policy_form(first_response_s="五"))
        assert error_near(words.text, "policy", "first_response_s") == "类型不正确"
        none = post_form(
            client, page, page, _policy_form(first_response_s="", resolution_s="", warn_ratio="1.5")
        )
        assert none.status_code == 422
        assert error_near(none.text, "policy", "first_response_s")
        assert error_near(none.text, "policy", "warn_ratio")
    assert _policies(api)["order"] == before


def test_a_calendar_gets_its_hours_and_holidays(api: Api) -> None:
    _defaults(api)
    page = f"{PAGE}/calendars/office"
    form = {
        "name": "办公时间", "timezone": "Asia/Shanghai",
        "w0": "09:00-12:00, 13:30-18:00", "w1": "09:00-18:00", "w2": "09:00-18:00",
        "w3": "09:00-18:00", "w4": "9:00-17:00", "w5": "", "w6": "",
        "special_days": "2030-10-01 holiday 国庆节\n2030-09-29 workday 国庆调休",
    }  # fmt: skip
    with signed_in(api, "admin") as client:
        assert post_form(client, page, page, form).status_code == 303
        shown = client.get(page).text
        assert "国庆调休" in shown and "调休上班" in shown
    office = _calendars(api)["office"]
    assert office["weekly"][0] == [["09:00", "12:00"], ["13:30", "18:00"]]
    assert office["weekly"][4] == [["09:00", "17:00"]] and office["weekly"][5] == []
    assert office["special_days"] == [
        {"day": "2030-09-29", "kind": "workday", "name": "国庆调休"},
        {"day": "2030-10-01", "kind": "holiday", "name": "国庆节"},
    ]


def test_bad_calendar_lines_are_named_and_nothing_is_saved(api: Api) -> None:
    _defaults(api)
    before = _calendars(api)["office"]
    page = f"{PAGE}/calendars/office"
    form = {
        "name": "办公时间", "timezone": "Mars/Olympus",
        "w0": "18:00-09:00", "w1": "nine to five", "w2": "", "w3": "", "w4": "", "w5": "", "w6": "",
        "special_days": "2030-10-01 holiday 国庆节\n10/02 holiday",
    }  # fmt: skip
    with signed_in(api, "admin") as client:
        response = post_form(client, page, page, form)
        assert response.status_code == 422
        assert (
            error_near(response.text, "calendar", "special_days")
            == "第 2 行格式不对,应为:日期 类型 名称"
        )
        assert "09:00-12:00" in error_near(response.text, "calendar", "w1")
        fixed = {**form, "w1": "", "special_days": ""}
        second = post_form(client, page, page, fixed)
        assert error_near(second.text, "calendar", "timezone")
        assert error_near(second.text, "calendar", "w0")
        assert (
            client.post(
                f"{PAGE}/calendars/nope",
                data={**fixed, "csrf_token": csrf_of(client.get(page).text)},
            ).status_code
            == 404
        )
    assert _calendars(api)["office"] == before


def test_a_supervisor_cannot_edit_sla(api: Api) -> None:
    _defaults(api)
    order = _policies(api)["order"]
    with signed_in(api, "supervisor") as client:
        token = csrf_of(client.get("/admin").text)
        response = client.post(
            f"{PAGE}/policies/{order['id']}", data={**_policy_form(), "csrf_token": token}
        )
    assert response.status_code == 403
    assert _policies(api)["order"] == order
