"""A dispute's evidence pack, ready to hand to the platform (seed 000 七(4): 提交有效聊天记录凭证):
one ZIP holding ``summary.pdf`` (the dispute, the order, the timeline, the engine's assessment
with the rule cited, the checklist), ``transcript.txt`` (every message of the linked
conversations), ``tracking.txt`` (the parcels' carriers and numbers) and ``attachments/`` (the
photos and files of those conversations, byte for byte)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesCase, Dispute, DisputeEvent, OrderItem, ShopOrder
from kefu.aftersales.rules import CHECKLISTS, DisputeKind, yuan
from kefu.aftersales.service.disputes import dispute_events, get_dispute, linked_tickets
from kefu.aftersales.service.orders import get_order, items_of
from kefu.aftersales.service.pack_pdf import Section, render_pdf
from kefu.core.i18n import translate
from kefu.customers import service as customers
from kefu.tickets import service as tickets
from kefu.tickets.models import Attachment, Message, Ticket
from kefu.users.models import User


@dataclass(frozen=True)
class Conversation:
    ticket: Ticket
    messages: list[Message]
    files: dict[int, list[Attachment]]


@dataclass(frozen=True)
class PackFacts:
    """Everything the pack shows, read in one transaction."""

    dispute: Dispute
    order: ShopOrder
    items: list[OrderItem]
    cases: list[AfterSalesCase]
    events: list[DisputeEvent]
    conversations: list[Conversation]
    customer_name: str
    user_names: dict[int, str]


def gather(session: Session, dispute_id: int) -> PackFacts:
    dispute = get_dispute(session, dispute_id)
    order = get_order(session, dispute.order_id)
    conversations = []
    for ticket_id in linked_tickets(session, dispute):
        messages, files = tickets.list_messages(session, ticket_id)
        conversations.append(Conversation(tickets.get_ticket(session, ticket_id), messages, files))
    events = dispute_events(session, dispute.id)
    cases = list(
        session.scalars(
            select(AfterSalesCase)
            .where(AfterSalesCase.order_id == order.id)
            .order_by(AfterSalesCase.id)
        )
    )
    user_ids = {e.actor_id for e in events if e.actor_id} | {
        m.author_user_id for c in conversations for m in c.messages if m.author_user_id
    }
    names = dict(
        session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
    )
    customer = customers.names_of(session, [dispute.customer_id]).get(dispute.customer_id, "")
    return PackFacts(
        dispute, order, items_of(session, [order.id])[order.id], cases, events, conversations,
        customer, names,
    )  # fmt: skip


def evidence_zip(facts: PackFacts, *, root: Path, locale: str, tz: tzinfo) -> bytes:
    """The pack as ZIP bytes; files missing from the store are listed but left out."""
    words = _Words(locale, tz)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        pack.writestr("summary.pdf", _summary_pdf(facts, words))
        pack.writestr("transcript.txt", _transcript(facts, words))
        pack.writestr("tracking.txt", _tracking(facts, words))
        for name, attachment in _attachment_names(facts):
            path = tickets.attachment_path(root, attachment)
            if path.is_file():
                pack.write(path, f"attachments/{name}")
    return out.getvalue()


class _Words:
    def __init__(self, locale: str, tz: tzinfo) -> None:
        self.locale, self.tz = locale, tz

    def __call__(self, code: str, **params: Any) -> str:
        return translate(code, self.locale, **params)

    def at(self, value: datetime | None) -> str:
        if value is None:
            return self("aftersales.pack.none")
        return value.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")


def _attachment_names(facts: PackFacts) -> list[tuple[str, Attachment]]:
    named = []
    for conversation in facts.conversations:
        for message in conversation.messages:
            for a in conversation.files.get(message.id, []):
                safe = Path(a.filename.replace("\\", "/")).name or "file"
                named.append((f"{a.id}-{safe}", a))
    return named


def _summary_pdf(facts: PackFacts, w: _Words) -> bytes:
    d, kind = facts.dispute, w(f"aftersales.dispute.kind.{facts.dispute.kind}")
    assessment = d.assessment
    decision_lines = [w(assessment["code"], **assessment["params"])]
    if assessment.get("rule"):
        decision_lines.append(assessment["rule"]["source"])
    deadline = assessment.get("deadline")
    if deadline:
        decision_lines.append(w(deadline["code"], **deadline["params"]))
    sections = [
        Section(w("aftersales.pack.dispute"), rows=_dispute_rows(facts, w, kind)),
        Section(w("aftersales.pack.order"), rows=_order_rows(facts, w)),
        Section(w("aftersales.pack.timeline"), lines=tuple(_timeline(facts, w))),
        Section(w("aftersales.pack.decision"), lines=tuple(decision_lines)),
        Section(w("aftersales.pack.checklist"), rows=_checklist_rows(facts, w)),
        Section(w("aftersales.pack.files"), lines=_file_lines(facts, w)),
    ]
    title = f"{w('aftersales.pack.title')} · {kind} · {facts.order.number}"
    return render_pdf(title, sections, subject=kind)


def _dispute_rows(facts: PackFacts, w: _Words, kind: str) -> tuple[tuple[str, str], ...]:
    d = facts.dispute
    state = w(f"aftersales.dispute_state.{d.state}")
    if d.outcome:
        state = f"{state}({w(f'aftersales.dispute.outcome.{d.outcome}')})"
    return (
        (w("aftersales.pack.dispute"), f"#{d.id}"),
        (w("aftersales.pack.kind"), kind),
        (w("aftersales.pack.state"), state),
        (w("aftersales.pack.opened_at"), w.at(d.opened_at)),
        (w("aftersales.pack.deadline"), w.at(d.deadline_at)),
    )


def _order_rows(facts: PackFacts, w: _Words) -> tuple[tuple[str, str], ...]:
    o = facts.order
    items = "; ".join(
        f"{i.title or i.sku} {i.colour} {i.size} ×{i.quantity} ¥{yuan(i.paid_fen)}".replace(
            "  ", " "
        )
        for i in facts.items
    )
    return (
        (w("aftersales.pack.platform"), o.platform),
        (w("aftersales.pack.order_number"), o.number),
        (w("aftersales.pack.buyer"), o.buyer_id or facts.customer_name),
        (w("aftersales.pack.receiver"), f"{o.receiver_name} {o.receiver_phone}".strip()),
        (w("aftersales.pack.paid"), yuan(o.paid_fen)),
        (w("aftersales.pack.items"), items or w("aftersales.pack.none")),
        (w("aftersales.pack.carrier"), o.carrier or w("aftersales.pack.none")),
        (w("aftersales.pack.tracking"), o.tracking_number or w("aftersales.pack.none")),
    )


def _timeline(facts: PackFacts, w: _Words) -> list[str]:
    o, kind = facts.order, DisputeKind(facts.dispute.kind)
    moments: list[tuple[datetime, str]] = [
        (at, w(f"aftersales.pack.event.{name}"))
        for name, at in (("paid", o.paid_at), ("shipped", o.shipped_at), ("signed", o.signed_at))
        if at is not None
    ]
    moments.append((facts.dispute.opened_at, w("aftersales.pack.event.opened")))
    for case in facts.cases:
        state = w(f"aftersales.case_state.{case.state}")
        moments.append(
            (case.created_at, w("aftersales.pack.event.case", case=case.id, state=state))
        )
    for event in facts.events:
        who = facts.user_names.get(event.actor_id or 0, "")
        if event.kind == "ticked" and event.detail.get("item") in CHECKLISTS[kind]:
            item = w(f"aftersales.dispute.check.{kind.value}.{event.detail['item']}")
            moments.append((event.at, f"{w('aftersales.pack.event.ticked', item=item)} {who}"))
        elif event.kind == "moved":
            state = w(f"aftersales.dispute_state.{event.detail.get('new', '')}")
            moments.append((event.at, f"{w('aftersales.pack.event.moved', state=state)} {who}"))
    return [f"{w.at(at)}  {text.strip()}" for at, text in sorted(moments, key=lambda m: m[0])]


def _checklist_rows(facts: PackFacts, w: _Words) -> tuple[tuple[str, str], ...]:
    kind = DisputeKind(facts.dispute.kind)
    rows = []
    for item in CHECKLISTS[kind]:
        done = facts.dispute.checklist.get(item)
        state = (
            w(
                "aftersales.pack.done",
                name=done["name"],
                at=w.at(datetime.fromisoformat(done["at"])),
            )
            if done
            else w("aftersales.pack.not_done")
        )
        rows.append((w(f"aftersales.dispute.check.{kind.value}.{item}"), state))
    return tuple(rows)


def _file_lines(facts: PackFacts, w: _Words) -> tuple[str, ...]:
    count = sum(len(c.messages) for c in facts.conversations)
    files = tuple(f"attachments/{name}" for name, _ in _attachment_names(facts))
    return (w("aftersales.pack.messages", count=count), *files)


def _transcript(facts: PackFacts, w: _Words) -> str:
    lines: list[str] = []
    for conversation in facts.conversations:
        t = conversation.ticket
        lines.append(f"== {w('aftersales.pack.ticket', number=t.number, channel=t.channel)} ==")
        lines.append(t.subject)
        for m in conversation.messages:
            lines.append(f"[{w.at(m.created_at)}] {_author(facts, m, w)}:")
            lines.extend(f"    {line}" for line in (m.body_text or "").splitlines() or [""])
            for a in conversation.files.get(m.id, []):
                lines.append(f"    [{w('aftersales.pack.files')}] {a.id}-{Path(a.filename).name}")
        lines.append("")
    return "\n".join(lines)


def _author(facts: PackFacts, message: Message, w: _Words) -> str:
    if message.author_kind == "customer":
        who = f"{w('aftersales.pack.author.customer')} {facts.customer_name}".strip()
    elif message.author_user_id:
        name = facts.user_names.get(message.author_user_id, "")
        who = f"{w('aftersales.pack.author.agent')} {name}".strip()
    else:
        who = w("aftersales.pack.author.system")
    return who if message.public else f"{who}({w('aftersales.pack.internal')})"


def _tracking(facts: PackFacts, w: _Words) -> str:
    o = facts.order
    rows = [
        (w("aftersales.pack.order_number"), f"{o.platform} {o.number}"),
        (w("aftersales.pack.carrier"), o.carrier or w("aftersales.pack.none")),
        (w("aftersales.pack.tracking"), o.tracking_number or w("aftersales.pack.none")),
        (w("aftersales.pack.paid_at"), w.at(o.paid_at)),
        (w("aftersales.pack.ship_by"), w.at(o.ship_by)),
        (w("aftersales.pack.shipped_at"), w.at(o.shipped_at)),
        (w("aftersales.pack.signed_at"), w.at(o.signed_at)),
    ]
    for case in facts.cases:
        if case.return_tracking:
            label = w("aftersales.pack.return_parcel", case=case.id)
            rows.append((label, f"{case.return_carrier} {case.return_tracking}".strip()))
        if case.replacement_tracking:
            label = w("aftersales.pack.replacement_parcel", case=case.id)
            rows.append((label, case.replacement_tracking))
    return "\n".join(f"{label}: {value}" for label, value in rows) + "\n"
