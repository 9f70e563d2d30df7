"""The service catalog (服务目录): a tree of what customers ask for, e.g. 售后 › 退货."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from kefu.core.errors import FieldError, Invalid
from kefu.tickets import rules
from kefu.tickets.models import CatalogItem

SEPARATOR = " › "
_SPLIT = re.compile(r"\s*(?:›|>|/|»)\s*")


def canonical_path(path: str) -> str:
    """``售后/退货``, ``售后 > 退货`` and ``售后 › 退货`` all name the same item."""
    return SEPARATOR.join(part for part in _SPLIT.split(path.strip()) if part)


# Built once: ticket creation looks items up by path on every request.
_BY_PATH = select(CatalogItem).where(CatalogItem.path == bindparam("path"))


def find_catalog_item(session: Session, ref: int | str, field: str = "catalog_item") -> CatalogItem:
    """An item by id or by path; ``Invalid`` naming ``field`` when there is none."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        item = session.get(CatalogItem, int(ref))
    else:
        item = session.scalar(_BY_PATH, {"path": canonical_path(ref)})
    if item is None or not item.active:
        raise Invalid(
            "ticket.unknown_catalog_item", fields={field: FieldError("ticket.unknown_catalog_item")}
        )
    return item


def create_catalog_item(
    session: Session, path: str, field_schema: dict[str, Any] | None = None
) -> CatalogItem:
    """Create the item at ``path`` and any missing ancestors; return the existing one if any."""
    parts = _SPLIT.split(path.strip())
    if field_schema is not None:
        try:
            rules.check_schema(field_schema)
        except jsonschema.SchemaError as exc:
            raise Invalid(
                "field.invalid", fields={"field_schema": FieldError("field.invalid")}
            ) from exc
    parent: CatalogItem | None = None
    for depth in range(1, len(parts) + 1):
        sub_path = SEPARATOR.join(parts[:depth])
        item = session.scalar(select(CatalogItem).where(CatalogItem.path == sub_path))
        if item is None:
            item = CatalogItem(
                parent_id=parent.id if parent else None, name=parts[depth - 1], path=sub_path
            )
            session.add(item)
            session.flush()
        parent = item
    assert parent is not None
    if field_schema is not None:
        parent.field_schema = field_schema
    return parent


def list_catalog(session: Session) -> list[CatalogItem]:
    return list(
        session.scalars(select(CatalogItem).where(CatalogItem.active).order_by(CatalogItem.path))
    )
