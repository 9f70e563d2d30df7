"""Settings: one object, built at start-up from the environment (``KEFU_*``), passed down."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

WEAK_SECRETS = {"", "secret", "changeme", "change-me", "kefu", "dev", "development"}
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """Everything kefu reads from its environment. Never read at import time."""

    model_config = SettingsConfigDict(env_prefix="KEFU_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    home: Path = Field(default=Path("var"), description="Directory for data, attachments, keys.")
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: SecretStr = SecretStr("")
    redis_url: str | None = None
    # Where customers reach this service (links in mail); unset, http://host:port.
    public_url: str = ""
    timezone: str = "Asia/Shanghai"
    default_locale: str = "zh-CN"
    max_attachment_bytes: int = 20 * 1024 * 1024
    max_request_body_bytes: int = 1024 * 1024
    sql_echo: bool = False
    # Email channel. Inbound: an SMTP listener started by `kefu serve` (0 turns it off);
    # mail_domains limits the recipient domains accepted (empty: every recipient).
    smtp_port: int = 2525
    mail_domains: str = ""
    max_mail_bytes: int = 25 * 1024 * 1024
    # Outbound: where replies are sent (smtp://[user:pass@]host[:port], smtps:// for TLS) and
    # the address they come from; the latter is also how our own mail is recognised on the way in.
    smtp_out_url: str = ""
    mail_from: str = "kefu@localhost"
    imap_url: str = ""
    # Phone: call events are signed with this shared secret (HMAC-SHA256); unset, the webhook
    # refuses everything.
    phone_secret: SecretStr = SecretStr("")
    # A ticket pending on the customer: remind them after this many hours, solve it after this
    # many (0 turns either off).
    pending_remind_hours: int = 72
    pending_solve_hours: int = 168
    # Orders pushed by a shop system are signed with this shared secret (HMAC-SHA256, header
    # X-Kefu-Signature); unset, the order webhook refuses everything.
    order_webhook_secret: SecretStr = SecretStr("")
    # The hour (shop time, 0-23) the day's refund register is sent to the after-sales supervisors.
    refund_register_hour: int = Field(default=18, ge=0, le=23)
    # WeChat official accounts: the API that sends customer-service messages, issues access
    # tokens and serves media (a setting so that tests talk to a local stand-in).
    wechat_api_base: str = "https://api.weixin.qq.com"
    # The shop's name as customers know it: the {shop_name} of canned replies (KEFU_SHOP_NAME).
    shop_name: str = "本店"
    # SMS gateway (an HTTP JSON API) that texts portal sign-in codes: POST {phone, text, sign}
    # with "Authorization: Bearer <sms_key>"; unset, signing in by SMS is offered as unavailable.
    sms_url: str = ""
    sms_key: SecretStr = SecretStr("")

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.home / 'kefu.db').as_posix()}"
        return self

    @property
    def site_url(self) -> str:
        """The address customers use, without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def attachments_dir(self) -> Path:
        return self.home / "attachments"

    @property
    def mail_dir(self) -> Path:
        """Raw inbound mail, kept as received (the source of truth for re-parsing)."""
        return self.home / "mail"

    @property
    def accepted_mail_domains(self) -> set[str]:
        return {d.strip().lower().lstrip("@") for d in self.mail_domains.split(",") if d.strip()}

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def ensure_secret_key(self) -> str:
        """Return the secret key; generate and store one under ``home`` when none is configured.

        Outside development a weak configured secret is refused rather than silently used.
        """
        configured = self.secret_key.get_secret_value()
        if configured:
            if self.env == "production" and (
                configured.lower() in WEAK_SECRETS or len(configured) < MIN_SECRET_LENGTH
            ):
                raise ValueError("KEFU_SECRET_KEY is too weak for production (>= 32 characters).")
            return configured
        key_file = self.home / "secret_key"
        if key_file.exists():
            return key_file.read_text(encoding="utf-8").strip()
        self.home.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.write_text(key, encoding="utf-8")
        key_file.chmod(0o600)
        return key


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (used by tests and the CLI)."""
    return Settings(**overrides)  # type: ignore[arg-type]
