"""Editing the service catalog tree beyond ``kefu.tickets.service`` (which creates items and
lists the active ones): every item, active or not; renaming, moving and (de)activating. Here,
beside the catalog's Excel import and its responsible groups, because a change must also reach
the routing snapshot.

A path (``售后 › 退货``) is stored on every item and unique, so a rename or a move rewrites
the paths of the item's whole subtree, and is refused when another item already has the new
path. Deactivating an item deactivates its subtree (a request cannot be filed under a child of
a withdrawn item); an item comes back only under an active parent.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.routing.service.snapshot import changed
from kefu.tickets.models import CatalogItem
from kefu.tickets.service.catalog import SEPARATOR

MAX_NAME = 100
MAX_PATH = 400
FORBIDDEN_IN_NAME = ("/", "›", ">", "»")  # what a path is split on


def list_items(session: Session) -> list[CatalogItem]:
    """The whole tree in path order (a parent before its children), inactive items too."""
    return list(session.scalars(select(CatalogItem).order_by(CatalogItem.path)))


def _get(session: Session, item_id: int) -> CatalogItem:
    item = session.get(CatalogItem, item_id)
    if item is None:
        raise NotFound("ticket.unknown_catalog_item")
    return item


def _subtree(session: Session, item: CatalogItem) -> list[CatalogItem]:
    below = CatalogItem.path.startswith(item.path + SEPARATOR, autoescape=True)
    return list(session.scalars(select(CatalogItem).where(or_(CatalogItem.id == item.id, below))))


def name_problem(name: str) -> FieldError | None:
    if not name:
        return FieldError("field.required")
    if len(name) > MAX_NAME:
        return FieldError("field.too_long", {"max": MAX_NAME})
    if any(mark in name for mark in FORBIDDEN_IN_NAME):
        return FieldError("admin.catalog.bad_name", {"marks": " ".join(FORBIDDEN_IN_NAME)})
    return None


def _repath(session: Session, item: CatalogItem, new_path: str, field: str) -> None:
    taken = session.scalar(select(CatalogItem.id).where(CatalogItem.path == new_path))
    if taken is not None and taken != item.id:
        raise Invalid("validation_failed", fields={field: FieldError("admin.catalog.taken")})
    if len(new_path) > MAX_PATH:
        raise Invalid(
            "validation_failed", fields={field: FieldError("field.too_long", {"max": MAX_PATH})}
        )
    old = item.path
    for node in _subtree(session, item):
        node.path = new_path + node.path[len(old) :]
    session.flush()


def rename_item(session: Session, item_id: int, name: str) -> CatalogItem:
    item = _get(session, item_id)
    name = name.strip()
    problem = name_problem(name)
    if problem is not None:
        raise Invalid("validation_failed", fields={"name": problem})
    parent_path = item.path[: -len(item.name)] if item.parent_id else ""
    _repath(session, item, parent_path + name, "name")
    item.name = name
    session.flush()
    return item


def move_item(session: Session, item_id: int, parent_id: int | None) -> CatalogItem:
    """Hang ``item_id`` under ``parent_id`` (None: at the top)."""
    item = _get(session, item_id)
    parent = None
    if parent_id is not None:
        parent = session.get(CatalogItem, parent_id)
        inside = parent is not None and parent.id in {n.id for n in _subtree(session, item)}
        if parent is None or inside or not parent.active:
            raise Invalid(
                "validation_failed", fields={"parent_id": FieldError("admin.catalog.bad_parent")}
            )
    _repath(session, item, (parent.path + SEPARATOR if parent else "") + item.name, "parent_id")
    item.parent_id = parent.id if parent else None
    session.flush()
    changed(session)  # routing keeps the tree's parents in its cached configuration
    return item


def set_item_active(session: Session, item_id: int, active: bool) -> CatalogItem:
    item = _get(session, item_id)
    if not active:
        for node in _subtree(session, item):
            node.active = False
    else:
        parent = session.get(CatalogItem, item.parent_id) if item.parent_id else None
        if parent is not None and not parent.active:
            raise Invalid("admin.catalog.parent_inactive", parent=parent.path)
        item.active = True
    session.flush()
    return item
