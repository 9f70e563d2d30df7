"""The service catalog page over HTTP on both databases: the tree edited item by item, the Excel
template, and an import that lists every problem by row and column and imports nothing."""

from __future__ import annotations

import io

import httpx
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import Api
from tests.web.test_admin_access import csrf_of, error_near, post_form, signed_in

PAGE = "/admin/catalog"
HEADER = ("一级目录", "二级目录", "三级目录", "负责客服组", "启用", "说明")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _catalog(api: Api) -> dict[str, dict[str, object]]:
    with api.client("supervisor") as http:
        return {i["path"]: i for i in http.get("/api/v1/catalog").json()["items"]}


def _group(api: Api, name: str = "售后一组") -> int:
    with api.client("admin") as http:
        desk = http.post("/api/v1/routing/desks", json={"name": "服务台"}).json()
        group = http.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": name})
        ident: int = group.json()["id"]
        return ident


def _sheet(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client: httpx.Client, data: bytes) -> httpx.Response:
    token = csrf_of(client.get(PAGE).text)
    files = {"file": ("服务目录.xlsx", data, XLSX)}
    return client.post(PAGE + "/import", data={"csrf_token": token}, files=files)


def test_items_are_added_renamed_moved_and_deactivated(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        assert post_form(client, PAGE, PAGE, {"path": "售后/退货"}).status_code == 303
        assert post_form(client, PAGE, PAGE, {"path": "物流"}).status_code == 303
        items = _catalog(api)
        returns, logistics = items["售后 › 退货"]["id"], items["物流"]["id"]
        renamed = post_form(client, PAGE, f"{PAGE}/{returns}/name", {"name": "退货退款"})
        assert renamed.status_code == 303
        moved = post_form(client, PAGE, f"{PAGE}/{returns}/parent", {"parent_id": str(logistics)})
        assert moved.status_code == 303
        assert set(_catalog(api)) == {"售后", "物流", "物流 › 退货退款"}
        off = post_form(client, PAGE, f"{PAGE}/{logistics}/active", {"active": "0"})
        assert off.status_code == 303
        assert set(_catalog(api)) == {"售后"}
        child = post_form(client, PAGE, f"{PAGE}/{returns}/active", {"active": "1"})
        assert child.status_code == 422 and "请先启用上级" in child.text
        assert (
            post_form(client, PAGE, f"{PAGE}/{logistics}/active", {"active": "1"}).status_code
            == 303
        )
    assert set(_catalog(api)) == {"售后", "物流"}  # the child stays off until reactivated


def test_bad_names_and_moves_are_refused_beside_their_fields(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        post_form(client, PAGE, PAGE, {"path": "售后/退货"})
        post_form(client, PAGE, PAGE, {"path": "售后/换货"})
        items = _catalog(api)
        parent, returns = items["售后"]["id"], items["售后 › 退货"]["id"]
        taken = post_form(client, PAGE, f"{PAGE}/{returns}/name", {"name": "换货"})
        assert error_near(taken.text, f"item-{returns}", "name") == "已有同名条目"
        slash = post_form(client, PAGE, f"{PAGE}/{returns}/name", {"name": "a/b"})
        assert "名称不能包含" in error_near(slash.text, f"item-{returns}", "name")
        loop = post_form(client, PAGE, f"{PAGE}/{parent}/parent", {"parent_id": str(returns)})
        assert "不能移到这里" in error_near(loop.text, f"item-{parent}", "parent_id")
        again = post_form(client, PAGE, PAGE, {"path": "售后 › 退货"})
        assert error_near(again.text, "add-item", "path") == "已有同名条目"
    assert set(_catalog(api)) == {"售后", "售后 › 退货", "售后 › 换货"}


def test_the_responsible_group_is_set_from_the_tree(api: Api) -> None:
    group = _group(api)
    with signed_in(api, "supervisor") as client:
        post_form(client, PAGE, PAGE, {"path": "售后"})
        item = _catalog(api)["售后"]["id"]
        unknown = post_form(client, PAGE, f"{PAGE}/{item}/responsible", {"group_id": "999"})
        assert error_near(unknown.text, f"item-{item}", "group_id") == "没有该客服组"
        saved = post_form(client, PAGE, f"{PAGE}/{item}/responsible", {"group_id": str(group)})
        assert saved.status_code == 303
    with api.client("supervisor") as http:
        assert http.get("/api/v1/routing/delivery").json()["responsible"] == {str(item): group}


def test_the_template_downloads_as_a_workbook_with_the_groups(api: Api) -> None:
    _group(api)
    with signed_in(api, "supervisor") as client:
        response = client.get(PAGE + "/template")
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    assert tuple(c.value for c in book.worksheets[0][1]) == HEADER
    assert "售后一组" in {c.value for s in book.worksheets for row in s.iter_rows() for c in row}


def test_an_import_with_problems_lists_them_and_imports_nothing(api: Api) -> None:
    _group(api)
    data = _sheet(
        ("售后", "退货", None, "售后一组", "是", ""),
        ("售后", "换货", None, "售后二组", "是", ""),
        ("投诉", None, None, None, "也许", ""),
    )
    with signed_in(api, "supervisor") as client:
        response = _upload(client, data)
    assert response.status_code == 422
    assert "未导入任何条目" in response.text
    assert "第 3 行 D 列:客服组“售后二组”不存在" in response.text
    assert "第 4 行" in response.text
    assert _catalog(api) == {}


def test_a_good_import_creates_the_items_and_their_groups(api: Api) -> None:
    group = _group(api)
    data = _sheet(
        ("售后", "退货", None, "售后一组", "是", ""),
        ("售后", "退款", "仅退款", "售后一组", "是", ""),
    )
    with signed_in(api, "supervisor") as client:
        response = _upload(client, data)
        assert response.status_code == 303
        assert "服务目录已导入" in client.get(response.headers["location"]).text
        empty = _upload(client, b"")
        assert error_near(empty.text, "import", "file") == "必填"
    items = _catalog(api)
    assert {"售后 › 退货", "售后 › 退款 › 仅退款"} <= set(items)
    with api.client("supervisor") as http:
        responsible = http.get("/api/v1/routing/delivery").json()["responsible"]
    assert responsible[str(items["售后 › 退货"]["id"])] == group
