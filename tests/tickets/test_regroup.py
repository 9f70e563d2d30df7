"""Merging two tickets and splitting a message out, through the API, with history kept and mail
threading following the messages."""

from __future__ import annotations

from sqlalchemy import select

from kefu.channels.email.rules import Outcome
from kefu.channels.email.service import receive_mail
from kefu.search.models import SearchDocument
from tests.channels.email.test_receive import mail
from tests.conftest import Api

NEW = {"subject": "鞋子开胶", "description": "鞋子开胶了", "customer": {"phone": "13800138000"}}


def _open(api: Api, **extra: object) -> dict[str, object]:
    with api.client() as http:
        response = http.post("/api/v1/tickets", json={**NEW, **extra})
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def test_merging_moves_every_message_and_leaves_a_closed_pointer(api: Api) -> None:
    first = _open(api, tags=["退货"])
    second = _open(api, description="再补充一张照片", tags=["质量"])
    with api.client() as http:
        merged = http.post(f"/api/v1/tickets/{second['id']}/merge", json={"into_id": first["id"]})
        assert merged.status_code == 200, merged.text
        assert merged.json()["id"] == first["id"]
        assert sorted(merged.json()["tags"]) == ["质量", "退货"]
        source = http.get(f"/api/v1/tickets/{second['id']}").json()
        messages = http.get(f"/api/v1/tickets/{first['id']}/messages").json()["items"]
        source_audit = http.get(f"/api/v1/tickets/{second['id']}/audit").json()["items"]
        target_audit = http.get(f"/api/v1/tickets/{first['id']}/audit").json()["items"]
    assert source["status"] == "closed" and source["merged_into_id"] == first["id"]
    assert [m["body"] for m in messages] == ["鞋子开胶了", "再补充一张照片"]
    assert any(a["field"] == "merged_into" and a["new"] == first["number"] for a in source_audit)
    assert any(a["field"] == "merged_from" and a["new"] == second["number"] for a in target_audit)
    with api.client() as http:
        found = http.get("/api/v1/search", params={"q": "照片"}).json()["items"]
    assert {hit["ticket_id"] for hit in found} == {first["id"]}


def test_merge_errors_are_refused_and_write_nothing(api: Api) -> None:
    first, second = _open(api), _open(api)
    with api.client() as http:
        itself = http.post(f"/api/v1/tickets/{first['id']}/merge", json={"into_id": first["id"]})
        missing = http.post(f"/api/v1/tickets/{first['id']}/merge", json={"into_id": 99999})
        bad = http.post(f"/api/v1/tickets/{first['id']}/merge", json={"into": 1})
        http.post(f"/api/v1/tickets/{second['id']}/merge", json={"into_id": first["id"]})
        again = http.post(f"/api/v1/tickets/{second['id']}/merge", json={"into_id": first["id"]})
        untouched = http.get(f"/api/v1/tickets/{first['id']}").json()
    assert itself.status_code == 409 and "自己" in itself.json()["error"]["message"]
    assert missing.status_code == 404
    assert bad.status_code == 422
    assert again.status_code == 409 and second["number"] in again.json()["error"]["message"]
    assert untouched["status"] == "new" and untouched["merged_into_id"] is None


def test_splitting_a_message_opens_a_ticket_with_it(api: Api) -> None:
    ticket = _open(api)
    with api.client() as http:
        note = http.post(f"/api/v1/tickets/{ticket['id']}/messages", json={"body": "另一件事:发票"})
        note_id = note.json()["id"]
        split = http.post(f"/api/v1/tickets/{ticket['id']}/messages/{note_id}/split")
        assert split.status_code == 201, split.text
        fresh = split.json()
        left = http.get(f"/api/v1/tickets/{ticket['id']}/messages").json()["items"]
        moved = http.get(f"/api/v1/tickets/{fresh['id']}/messages").json()["items"]
        audit = http.get(f"/api/v1/tickets/{fresh['id']}/audit").json()["items"]
        only = http.post(f"/api/v1/tickets/{fresh['id']}/messages/{note_id}/split")
        wrong = http.post(f"/api/v1/tickets/{ticket['id']}/messages/{note_id}/split")
    assert fresh["number"] != ticket["number"] and fresh["customer_id"] == ticket["customer_id"]
    assert [m["body"] for m in left] == ["鞋子开胶了"]
    assert [m["id"] for m in moved] == [note_id]
    assert any(a["field"] == "split_from" and a["new"] == ticket["number"] for a in audit)
    assert only.status_code == 409
    assert wrong.status_code == 404
    with api.env.db.reading() as session:
        doc = session.scalar(
            select(SearchDocument).where(
                SearchDocument.kind == "message", SearchDocument.ref_id == note_id
            )
        )
        assert doc is not None and doc.ticket_id == fresh["id"]


def test_after_a_merge_a_reply_to_either_thread_finds_the_merged_ticket(api: Api) -> None:
    env = api.env
    env.settings.mail_from = "kefu@shop.example"
    raw_a, id_a = mail("退货申请", "第一封")
    raw_b, id_b = mail("退货申请(补充)", "第二封,忘了引用")
    a = receive_mail(env.db, env.settings, raw_a)
    b = receive_mail(env.db, env.settings, raw_b)
    assert a.ticket_id != b.ticket_id
    with api.client() as http:
        merged = http.post(f"/api/v1/tickets/{b.ticket_id}/merge", json={"into_id": a.ticket_id})
        assert merged.status_code == 200
    reply = receive_mail(
        env.db, env.settings, mail("Re: 退货", "第三封", in_reply_to=f"<{id_b}>")[0]
    )
    assert (reply.outcome, reply.ticket_id) == (Outcome.CONTINUED, a.ticket_id)
    with api.client() as http:
        arrivals = [
            m["arrival"]["rule"]
            for m in http.get(f"/api/v1/tickets/{a.ticket_id}/messages").json()["items"]
        ]
    assert arrivals == ["new", "new", "in_reply_to"]
    assert id_a != id_b
