"""Access tokens kept in the database (``wechat_access_token``), one per account, so every worker
process uses the same one: WeChat issues a limited number a day, and each new one retires the
previous within minutes. Two workers fetching at the same moment is harmless (the older token
stays valid for those minutes); the last one saved wins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kefu.channels.wechat.client import Token
from kefu.channels.wechat.models import WechatAccessToken
from kefu.core.db import Database


class DbTokenStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def load(self, account_id: int) -> Token | None:
        with self._db.reading() as session:
            row = session.get(WechatAccessToken, account_id)
            return Token(row.token, row.expires_at) if row is not None else None

    def save(self, account_id: int, token: Token, fetched_at: datetime) -> None:
        def write(session: Session) -> None:
            row = session.get(WechatAccessToken, account_id)
            if row is None:
                row = WechatAccessToken(account_id=account_id)
                session.add(row)
            row.token, row.expires_at, row.fetched_at = token.value, token.expires_at, fetched_at

        self._db.retrying(write)  # a concurrent first save loses the key and updates instead

    def discard(self, account_id: int, value: str) -> None:
        """Forget a token WeChat refused, unless another process has already replaced it."""
        with self._db.transaction() as session:
            session.execute(
                delete(WechatAccessToken).where(
                    WechatAccessToken.account_id == account_id, WechatAccessToken.token == value
                )
            )
