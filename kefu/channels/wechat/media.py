"""Downloading the media of image and voice messages (``/cgi-bin/media/get``) and storing them
as attachments of the ticket message the push became.

A push must be answered within 5 seconds, so the download is not done then: receiving queues a
``wechat_media`` row in the push's transaction, and the worker fetches it afterwards, with
retries (WeChat keeps temporary media for 3 days). A file larger than attachments may be, or a
media id WeChat no longer knows, is given up and said on the ticket."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.channels.wechat import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.wechat import rules
from kefu.channels.wechat.client import ApiError, Credentials, Media, MediaTooLarge, WechatClient
from kefu.channels.wechat.due import claim_due
from kefu.channels.wechat.models import WechatAccount, WechatMedia, WechatPush
from kefu.channels.wechat.rules import ApiOutcome, MediaState
from kefu.channels.wechat.tokens import DbTokenStore
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.errors import TooLarge
from kefu.core.i18n import human_size, translate
from kefu.tickets import service as tickets
from kefu.tickets.models import Attachment
from kefu.tickets.rules import AuthorKind, Channel

log = logging.getLogger(__name__)


def queue_download(session: Session, push: WechatPush) -> WechatMedia | None:
    """Called in the push's transaction: an image or voice message's media, to fetch later."""
    media_id = rules.media_to_fetch(push.msg_type, push.fields)
    if media_id is None or push.message_id is None:
        return None
    row = WechatMedia(
        push_id=push.id,
        media_id=media_id[:128],
        kind=push.msg_type,
        state=MediaState.QUEUED.value,
        attempts=0,
        next_attempt_at=push.received_at,
        errcode=None,
        last_error=None,
        attachment_id=None,
        done_at=None,
        created_at=push.received_at,
    )
    session.add(row)
    return row


def fetch_due(db: Database, settings: Settings) -> int:
    """Fetch the media due now; returns how many were tried."""
    due = claim_due(db, WechatMedia)
    if not due:
        return 0
    with httpx.Client(timeout=60) as http:
        client = WechatClient(settings.wechat_api_base, DbTokenStore(db), http)
        for media_row_id in due:
            _fetch_one(db, settings, client, media_row_id)
    return len(due)


@dataclass(frozen=True)
class _Result:
    media: Media | None = None
    error: ApiError | None = None
    too_large: bool = False
    no_secret: bool = False  # the account cannot call the API: no AppSecret configured


def _fetch_one(db: Database, settings: Settings, client: WechatClient, row_id: int) -> None:
    with db.reading() as session:
        row = session.get(WechatMedia, row_id)
        if row is None or row.state != MediaState.QUEUED.value:
            return
        push = session.get(WechatPush, row.push_id)
        account = session.get(WechatAccount, push.account_id) if push else None
    if account is None or not account.secret:
        result = _Result(no_secret=True)
    else:
        creds = Credentials(account.id, account.appid, account.secret)
        try:
            result = _Result(client.get_media(creds, row.media_id, settings.max_attachment_bytes))
        except ApiError as exc:
            log.warning("WeChat media %s not fetched: %s", row_id, exc)
            result = _Result(error=exc)
        except MediaTooLarge:
            result = _Result(too_large=True)
    _record(db, settings, row_id, result)


def _record(db: Database, settings: Settings, row_id: int, result: _Result) -> None:
    with db.transaction() as session:
        row = session.get(WechatMedia, row_id)
        push = session.get(WechatPush, row.push_id) if row else None
        if row is None or push is None or row.state != MediaState.QUEUED.value:
            return
        row.attempts += 1
        if result.media is not None:
            try:
                _store(session, settings, row, push, result.media)
                return
            except TooLarge:
                result = _Result(too_large=True)
        if result.too_large:
            limit = human_size(settings.max_attachment_bytes)
            row.last_error = f"larger than {settings.max_attachment_bytes} bytes"
            _give_up(session, row, push, translate("wechat.media_too_large", limit=limit))
        elif result.no_secret:
            row.last_error = "no AppSecret"
            _give_up(session, row, push, translate("wechat.error.no_secret"))
        elif result.error is not None:
            _after_error(session, row, push, result.error)


def _store(
    session: Session, settings: Settings, row: WechatMedia, push: WechatPush, media: Media
) -> None:
    assert push.ticket_id is not None and push.message_id is not None
    reference = push.fields.get("MsgId", "") or str(push.id)
    filename = rules.media_filename(row.kind, reference, media.content_type, media.filename)
    upload = tickets.NewAttachment(filename, media.content_type, io.BytesIO(media.content))
    tickets.attach_files(
        session,
        push.ticket_id,
        push.message_id,
        [upload],
        settings.attachments_dir,
        settings.max_attachment_bytes,
    )
    session.flush()
    row.attachment_id = session.scalar(
        select(Attachment.id)
        .where(Attachment.message_id == push.message_id)
        .order_by(Attachment.id.desc())
        .limit(1)
    )
    row.state, row.done_at, row.next_attempt_at = MediaState.STORED.value, clock.now(), None
    row.errcode, row.last_error = 0, None


def _after_error(session: Session, row: WechatMedia, push: WechatPush, error: ApiError) -> None:
    row.errcode, row.last_error = error.errcode, error.errmsg[:500]
    why, params = rules.error_reason(error.errcode, error.errmsg)
    if error.outcome != ApiOutcome.FAILED:
        row.next_attempt_at = rules.next_attempt(row.attempts, clock.now())
        if row.next_attempt_at is not None:
            return
    _give_up(session, row, push, translate(why, **params))


def _give_up(session: Session, row: WechatMedia, push: WechatPush, why: str) -> None:
    row.state, row.next_attempt_at = MediaState.FAILED.value, None
    if push.ticket_id is None:
        return
    kind = translate(f"wechat.media_kind.{row.kind}")
    tickets.add_message(
        session,
        push.ticket_id,
        body=translate("wechat.media_failed", kind=kind, attempts=row.attempts, why=why),
        public=False,
        actor=None,
        author_kind=AuthorKind.SYSTEM,
        channel=Channel.WECHAT,
    )
