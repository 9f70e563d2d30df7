"""Platform disputes on SQLite and PostgreSQL: opened from the conversation about an order with
the engine's assessment and deadline stored, the checklist ticked and audited, refusals that
write nothing, and the evidence pack: a ZIP whose PDF says the order number and the kind in
Chinese, with the chat transcript, the tracking and the photos byte for byte."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from kefu.aftersales import service
from kefu.aftersales.models import Dispute, DisputeEvent
from kefu.aftersales.rules import DisputeKind, DisputeOutcome, DisputeState
from kefu.core.errors import Conflict, Invalid
from kefu.tickets import service as tickets
from kefu.tickets.rules import AuthorKind
from kefu.users.service import Principal
from tests.aftersales.test_service_orders import (
    SH,
    Clock,
    bj,
    count,
    make_order,
    make_user,
    open_ticket,
)
from tests.conftest import Env

K, S = DisputeKind, DisputeState
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9"
WAYBILL = b"%PDF-1.4 waybill " + bytes(range(200))


def open_dispute(env: Env, actor: Principal, kind: K = K.LATE_SHIPMENT, **kw: Any) -> Dispute:
    order = kw.pop("order", None) or make_order(
        env, paid_at=bj(2026, 11, 10, 20, 15), shipped_at=bj(2026, 11, 14, 9, 0)
    )
    ticket = kw.pop("ticket", None) or open_ticket(env, subject="你们72小时没发货")
    with env.db.transaction() as session:
        return service.open_dispute(
            session, ticket.id, service.DisputeInput(order.id, kind, **kw), actor=actor, tz=SH
        )


def tick(env: Env, dispute_id: int, item: str, actor: Principal, done: bool = True) -> Dispute:
    with env.db.transaction() as session:
        return service.tick_item(session, dispute_id, item, done=done, actor=actor, name="客服1号")


def move(env: Env, dispute_id: int, to: S, actor: Principal, outcome: Any = None) -> Dispute:
    with env.db.transaction() as session:
        return service.move_dispute(session, dispute_id, to, outcome=outcome, actor=actor)


def test_a_late_shipment_dispute_is_opened_with_its_assessment_deadline_and_checklist(
    env: Env,
) -> None:
    at = Clock(bj(2026, 11, 20, 9, 30))
    agent = make_user(env, "agent")
    dispute = open_dispute(env, agent, opened_at=at.at - timedelta(hours=1))
    assert (dispute.kind, dispute.state, dispute.checklist) == ("late_shipment", "open", {})
    # Picked up 84 h 45 min after payment: late; 5% of 398 yuan is owed.
    assert dispute.assessment["code"] == "aftersales.late.shipped_late"
    assert dispute.assessment["params"]["penalty"] == "19.90"
    assert dispute.assessment["rule"]["key"] == "late_shipment.penalty_bp"
    assert dispute.deadline_at == bj(2026, 11, 21, 8, 30)
    assert dispute.assessment["deadline"]["code"] == "aftersales.dispute.respond_by"


def test_a_platforms_deadline_is_kept_and_a_dispute_for_another_customers_order_is_refused(
    env: Env,
) -> None:
    Clock(bj(2026, 11, 20, 9, 30))
    agent = make_user(env, "agent")
    theirs = bj(2026, 11, 22, 18, 0)
    dispute = open_dispute(env, agent, K.NOT_RECEIVED, platform_deadline_at=theirs)
    assert dispute.deadline_at == theirs
    other = open_ticket(env, phone="13900001111")
    order = make_order(env, "X-2", buyer_id="别人", receiver_phone="13700002222")
    with pytest.raises(Invalid) as invalid:
        open_dispute(env, agent, order=order, ticket=other, opened_at=bj(2026, 11, 21))
    assert set(invalid.value.fields) == {"order_id", "opened_at"}
    assert count(env, Dispute) == 1


def test_the_checklist_is_ticked_by_name_and_a_dispute_is_submitted_only_when_done(
    env: Env,
) -> None:
    at = Clock(bj(2026, 11, 20, 9, 30))
    agent = make_user(env, "agent")
    dispute = open_dispute(env, agent)
    with pytest.raises(Invalid) as invalid:
        tick(env, dispute.id, "upload_waybill", agent)  # an item of another kind
    assert invalid.value.fields["item"].code == "aftersales.dispute.unknown_item"
    for item in ("pickup_time", "exemption", "contact_buyer"):
        at.tick(minutes=1)
        tick(env, dispute.id, item, agent)
    with pytest.raises(Conflict) as refused:
        move(env, dispute.id, S.SUBMITTED, agent)
    assert (refused.value.code, refused.value.params["count"]) == (
        "aftersales.dispute.checklist_incomplete", "1",
    )  # fmt: skip
    done = tick(env, dispute.id, "pay_penalty", agent)
    assert done.checklist["pay_penalty"]["name"] == "客服1号"
    untick = tick(env, dispute.id, "exemption", agent, done=False)
    assert "exemption" not in untick.checklist
    tick(env, dispute.id, "exemption", agent)
    submitted = move(env, dispute.id, S.SUBMITTED, agent)
    assert submitted.state == "submitted"
    with pytest.raises(Conflict):
        move(env, dispute.id, S.CLOSED, agent)  # no outcome
    closed = move(env, dispute.id, S.CLOSED, agent, DisputeOutcome.WON)
    assert (closed.state, closed.outcome) == ("closed", "won")
    with pytest.raises(Conflict):
        tick(env, dispute.id, "exemption", agent, done=False)
    with env.db.reading() as session:
        kinds = [e.kind for e in service.dispute_events(session, dispute.id)]
    assert kinds == ["opened", *["ticked"] * 4, "unticked", "ticked", "moved", "moved"]
    assert count(env, DisputeEvent) == len(kinds)


def test_the_evidence_pack_holds_the_summary_transcript_tracking_and_photos(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 9, 30))
    agent = make_user(env, "agent", display_name="客服1号")
    ticket = open_ticket(env, subject="你们72小时没发货")
    with env.db.transaction() as session:
        tickets.add_message(
            session, ticket.id, body="我付款三天多了还没发货,我要维权", actor=None,
            author_kind=AuthorKind.CUSTOMER, customer_id=ticket.customer_id,
        )  # fmt: skip
        tickets.add_message(session, ticket.id, body="亲,非常抱歉,已为您加急", actor=agent)
    dispute = open_dispute(env, agent, ticket=ticket)
    at.tick(minutes=5)
    tick(env, dispute.id, "pickup_time", agent)
    uploads = [
        tickets.NewAttachment("面单.jpg", "image/jpeg", io.BytesIO(PHOTO)),
        tickets.NewAttachment("../快递证明.pdf", "application/pdf", io.BytesIO(WAYBILL)),
    ]
    with env.db.transaction() as session:
        ids = service.add_dispute_evidence(
            session, dispute.id, uploads, note="快递公司揽收证明", actor=agent,
            root=env.settings.attachments_dir, limit=env.settings.max_attachment_bytes,
        )  # fmt: skip
    with env.db.reading() as session:
        facts = service.gather(session, dispute.id)
        data = service.evidence_zip(facts, root=env.settings.attachments_dir, locale="zh-CN", tz=SH)
    pack = zipfile.ZipFile(io.BytesIO(data))
    names = set(pack.namelist())
    photo, proof = f"attachments/{ids[0]}-面单.jpg", f"attachments/{ids[1]}-快递证明.pdf"
    assert names == {"summary.pdf", "transcript.txt", "tracking.txt", photo, proof}
    assert pack.read(photo) == PHOTO and pack.read(proof) == WAYBILL
    pdf = pack.read("summary.pdf")
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "3318864512790231147" in text and "延迟发货" in text
    assert "以快递公司系统记录核对揽收时间" in text and "已完成(客服1号" in text
    assert "延迟发货须向买家支付实际成交金额5%的违约金" in text  # the rule cited
    transcript = pack.read("transcript.txt").decode("utf-8")
    assert "我付款三天多了还没发货,我要维权" in transcript
    assert "客服 客服1号:" in transcript and "快递公司揽收证明" in transcript
    tracking = pack.read("tracking.txt").decode("utf-8")
    assert "运单号: 78563412098745" in tracking and "揽收时间: 2026-11-14 09:00:00" in tracking


def test_the_pack_also_gathers_the_conversations_of_the_orders_cases(env: Env) -> None:
    Clock(bj(2026, 11, 20, 9, 30))
    agent = make_user(env, "agent")
    order = make_order(env)
    first = open_ticket(env, subject="鞋子开胶了,要退货")
    with env.db.transaction() as session:
        service.open_case(
            session, first.id,
            service.CaseInput(order_id=order.id, kind=service.CaseKind.RETURN_REFUND,
                              reason=service.CaseReason.QUALITY),
            actor=agent, tz=SH,
        )  # fmt: skip
    second = open_ticket(env, subject="我在淘宝发起了维权")
    dispute = open_dispute(env, agent, K.SEVEN_DAY_RETURN, order=order, ticket=second)
    with env.db.reading() as session:
        linked = service.linked_tickets(session, dispute)
        facts = service.gather(session, dispute.id)
    assert linked == [second.id, first.id]
    data = service.evidence_zip(facts, root=env.settings.attachments_dir, locale="en", tz=SH)
    transcript = zipfile.ZipFile(io.BytesIO(data)).read("transcript.txt").decode("utf-8")
    assert transcript.index(second.number) < transcript.index(first.number)
