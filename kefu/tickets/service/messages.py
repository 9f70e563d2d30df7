"""Messages on a ticket (public replies and internal notes) and their attachments."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import on_rollback
from kefu.core.errors import FieldError, Invalid, NotFound, TooLarge
from kefu.core.events import record
from kefu.core.i18n import human_size
from kefu.search import service as search
from kefu.tickets import rules
from kefu.tickets.events import MessageAdded
from kefu.tickets.models import Attachment, Message, Ticket
from kefu.tickets.rules import AuthorKind, Channel, Status
from kefu.tickets.service.changes import change_status
from kefu.tickets.service.hooks import ticket_event
from kefu.tickets.service.queries import get_ticket
from kefu.users.service import Principal

CHUNK = 64 * 1024

# Channels that must act on a new message inside its transaction (queue the reply mail, say)
# register here; tickets cannot import them.
MessageHook = Callable[[Session, Ticket, Message], None]
_message_hooks: dict[str, MessageHook] = {}


def on_message_added(name: str, hook: MessageHook) -> None:
    """Register (or replace) the hook called ``name``."""
    _message_hooks[name] = hook


@dataclass
class NewAttachment:
    filename: str
    content_type: str
    stream: BinaryIO


def _store(root: Path, upload: NewAttachment, limit: int) -> tuple[str, int, str]:
    """Copy an upload under ``root``; refuse (and remove the partial file) past ``limit``."""
    key = f"{clock.now():%Y/%m}/{uuid.uuid4().hex}"
    target = root / key
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with target.open("wb") as out:
        while chunk := upload.stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                out.close()
                target.unlink(missing_ok=True)
                raise TooLarge("payload_too_large", limit=human_size(limit))
            digest.update(chunk)
            out.write(chunk)
    return key, size, digest.hexdigest()


def add_message(
    session: Session,
    ticket_id: int,
    *,
    body: str,
    body_html: str | None = None,
    public: bool = True,
    actor: Principal | None,
    author_kind: AuthorKind = AuthorKind.AGENT,
    customer_id: int | None = None,
    channel: Channel | None = None,
    attachments: list[NewAttachment] | None = None,
    attachments_root: Path | None = None,
    max_attachment_bytes: int = 0,
) -> Message:
    """Add a reply or note. The first public agent reply records the first response time and
    moves a new ticket into work; a customer writing again reopens a pending or solved one."""
    ticket = get_ticket(session, ticket_id, for_update=True)
    text, clean = rules.message_bodies(body, body_html)
    if not text and not attachments:
        raise Invalid("ticket.message_empty", fields={"body": FieldError("field.required")})
    now = clock.now()
    message = Message(
        ticket_id=ticket.id,
        author_kind=author_kind.value,
        author_user_id=actor.user_id if actor and author_kind == AuthorKind.AGENT else None,
        author_customer_id=customer_id if author_kind == AuthorKind.CUSTOMER else None,
        public=public,
        channel=(channel or Channel(ticket.channel)).value,
        body_text=text,
        body_html=clean,
        created_at=now,
    )
    session.add(message)
    session.flush()
    status_before = ticket.status
    _react(session, ticket, message, actor)
    if attachments:
        assert attachments_root is not None
        _attach_files(session, ticket, message, attachments, attachments_root, max_attachment_bytes)
    index_message(session, ticket, message)
    ticket.updated_at = now
    record(session, MessageAdded(ticket.id, message.id, message.author_kind, message.public))
    session.flush()
    for hook in _message_hooks.values():
        hook(session, ticket, message)
    ticket_event(session, ticket, "message", ("status",) if ticket.status != status_before else ())
    return message


def attach_files(
    session: Session,
    ticket_id: int,
    message_id: int,
    uploads: list[NewAttachment],
    root: Path,
    limit: int,
) -> None:
    """Store files on a message that already exists (a mail's attachments on the message that
    opened its ticket)."""
    ticket = get_ticket(session, ticket_id)
    message = session.get(Message, message_id)
    if message is None or message.ticket_id != ticket.id:
        raise NotFound("ticket.message_not_found")
    _attach_files(session, ticket, message, uploads, root, limit)


def first_message_id(session: Session, ticket_id: int) -> int:
    """The message a ticket was opened with."""
    found = session.scalar(
        select(Message.id).where(Message.ticket_id == ticket_id).order_by(Message.id).limit(1)
    )
    if found is None:
        raise NotFound("ticket.message_not_found")
    return found


def index_message(session: Session, ticket: Ticket, message: Message) -> None:
    if message.body_text:
        search.index(
            session,
            search.DocKind.MESSAGE,
            message.id,
            message.body_text,
            title=ticket.subject,
            ticket_id=ticket.id,
            customer_id=ticket.customer_id,
            new=True,
        )


def _react(session: Session, ticket: Ticket, message: Message, actor: Principal | None) -> None:
    current = Status(ticket.status)
    if message.author_kind == AuthorKind.AGENT and message.public:
        if ticket.first_response_at is None:
            ticket.first_response_at = message.created_at
        target = rules.status_after_agent_reply(current)
    elif message.author_kind == AuthorKind.CUSTOMER:
        target = rules.status_after_customer_message(current)
    else:
        target = current
    if target != current:
        change_status(session, ticket, target, actor)


def _attach_files(
    session: Session,
    ticket: Ticket,
    message: Message,
    uploads: list[NewAttachment],
    root: Path,
    limit: int,
) -> None:
    stored: list[Path] = []
    try:
        for upload in uploads:
            key, size, sha = _store(root, upload, limit)
            stored.append(root / key)
            session.add(
                Attachment(
                    ticket_id=ticket.id,
                    message_id=message.id,
                    filename=upload.filename[:255] or "attachment",
                    content_type=upload.content_type or "application/octet-stream",
                    size=size,
                    sha256=sha,
                    storage_key=key,
                    created_at=message.created_at,
                )
            )
    except BaseException:
        _remove(stored)  # nothing partial: files of a refused message go too
        raise
    on_rollback(session, lambda: _remove(stored))


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def list_messages(
    session: Session, ticket_id: int
) -> tuple[list[Message], dict[int, list[Attachment]]]:
    get_ticket(session, ticket_id)
    messages = list(
        session.scalars(select(Message).where(Message.ticket_id == ticket_id).order_by(Message.id))
    )
    files: dict[int, list[Attachment]] = {m.id: [] for m in messages}
    for attachment in session.scalars(
        select(Attachment).where(Attachment.ticket_id == ticket_id).order_by(Attachment.id)
    ):
        if attachment.message_id in files:
            files[attachment.message_id].append(attachment)
    return messages, files


def get_attachment(session: Session, attachment_id: int) -> Attachment:
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFound("ticket.attachment_not_found")
    return attachment


def attachment_path(root: Path, attachment: Attachment) -> Path:
    return root / attachment.storage_key
