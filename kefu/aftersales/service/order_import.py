"""Orders from a shop's export file: every order in it, or — when any row has a problem —
none at all, with every problem named by row and column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from sqlalchemy.orm import Session

from kefu.aftersales.service.order_sheet import parse_orders
from kefu.aftersales.service.orders import upsert_order
from kefu.core.errors import FieldError, Invalid


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    order_ids: tuple[int, ...]


def import_orders(session: Session, data: bytes, *, platform: str, tz: tzinfo) -> ImportResult:
    sheet = parse_orders(data, platform=platform, tz=tz)
    if sheet.problems:
        raise Invalid(
            "aftersales.import.invalid",
            fields={
                (f"row{p.row}.{p.key}" if p.key else f"row{p.row}") if p.row else "file": (
                    FieldError(p.code, dict(p.params))
                )
                for p in sheet.problems
            },
            count=len(sheet.problems),
        )
    created = updated = 0
    ids: list[int] = []
    for order_input in sheet.orders:
        order, new = upsert_order(session, order_input, tz=tz)
        created, updated = created + new, updated + (not new)
        ids.append(order.id)
    return ImportResult(created, updated, tuple(ids))
