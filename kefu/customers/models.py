"""Customer profiles and the identities they are recognised by."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class Customer(Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    vip_level: Mapped[int] = mapped_column(default=0)
    birthday: Mapped[date | None]
    note: Mapped[str] = mapped_column(String(2000), default="")
    blacklisted: Mapped[bool] = mapped_column(default=False)
    blacklist_reason: Mapped[str | None] = mapped_column(String(500))
    blacklisted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    blacklisted_at: Mapped[datetime | None]
    # A merged customer stays as a pointer so old links and references keep resolving.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CustomerIdentity(Base):
    __tablename__ = "customer_identity"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
