"""Images and files in a web chat: a visitor's upload becomes a message with an attachment (the
same path as a typed message, the same ``client_id`` promise), and the files of the chat are
served back to the visitor's browser at addresses signed for that chat.

What the file is, is decided by its first bytes (``rules.file_kind``): a picture the widget
shows inline is a real PNG, JPEG, GIF or WebP; everything else is only ever a download.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from kefu.channels.webchat import rules
from kefu.channels.webchat import service as chat
from kefu.channels.webchat.models import ChatSession
from kefu.channels.webchat.rules import Upload
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.errors import FieldError, Invalid
from kefu.core.i18n import DEFAULT_LOCALE
from kefu.tickets import service as tickets
from kefu.tickets.models import Attachment, Message


def receive_file(
    db: Database,
    settings: Settings,
    session_id: int,
    upload: Upload,
    stream: BinaryIO,
    declared_type: str,
) -> chat.Stored:
    """Store the visitor's file (and caption) as one message; returns after the commit. Too
    large: ``TooLarge`` and nothing stored; empty: ``Invalid``."""
    head = stream.read(rules.SNIFF_BYTES)
    stream.seek(0)
    if not head:
        raise Invalid("validation_failed", fields={"file": FieldError("webchat.file_empty")})
    kind = rules.file_kind(head, declared_type)
    subject = "" if upload.text else rules.file_subject(upload.filename, kind.image, DEFAULT_LOCALE)
    attachment = tickets.NewAttachment(upload.filename, kind.content_type, stream)
    return chat.receive_message(
        db,
        settings,
        session_id,
        upload.client_id,
        upload.text,
        files=(attachment,),
        subject=subject,
    )


@dataclass(frozen=True)
class VisitorFile:
    path: Path
    filename: str
    content_type: str
    image: bool


def file_for_visitor(
    session: Session, session_id: int, attachment_id: int, signature: str, root: Path
) -> VisitorFile | None:
    """The file behind a chat file address, if the signature is that chat's and the file is on
    a public message of the chat; else None (the caller answers 404 either way)."""
    found = session.get(ChatSession, session_id)
    if found is None:
        return None
    expected = rules.file_signature(found.token_digest, attachment_id)
    if not hmac.compare_digest(expected, signature):
        return None
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.message_id is None:
        return None
    message = session.get(Message, attachment.message_id)
    if message is None or not message.public:
        return None
    if message.ticket_id not in chat.tickets_of(session, session_id):
        return None
    return VisitorFile(
        path=tickets.attachment_path(root, attachment),
        filename=attachment.filename,
        content_type=attachment.content_type,
        image=attachment.content_type in rules.IMAGE_TYPES,
    )
