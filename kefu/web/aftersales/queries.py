"""The read models the after-sales lists need and the context's services do not offer yet: a
filtered, keyset-paged list of cases, and names by id. Reads only; every write goes through the
after-sales API. (These belong in ``kefu.aftersales.service`` once that context grows a list
use case; they live here meanwhile so the pages do not wait for it.)"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesCase, ShopOrder
from kefu.users.models import User


@dataclass(frozen=True)
class CaseFilters:
    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    agent_id: int | None = None


def list_cases(
    session: Session, filters: CaseFilters, *, limit: int, before_id: int | None = None
) -> list[AfterSalesCase]:
    """Newest first, keyset-paged on the id (no OFFSET, no COUNT)."""
    stmt = select(AfterSalesCase)
    if filters.states:
        stmt = stmt.where(AfterSalesCase.state.in_(filters.states))
    if filters.kinds:
        stmt = stmt.where(AfterSalesCase.kind.in_(filters.kinds))
    if filters.agent_id is not None:
        stmt = stmt.where(AfterSalesCase.agent_id == filters.agent_id)
    if before_id is not None:
        stmt = stmt.where(AfterSalesCase.id < before_id)
    return list(session.scalars(stmt.order_by(AfterSalesCase.id.desc()).limit(limit)))


def order_numbers(session: Session, order_ids: Iterable[int]) -> dict[int, str]:
    ids = set(order_ids)
    if not ids:
        return {}
    rows = session.execute(select(ShopOrder.id, ShopOrder.number).where(ShopOrder.id.in_(ids)))
    return {order_id: number for order_id, number in rows}


def user_names(session: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    stmt = select(User.id, User.display_name, User.username).where(User.id.in_(ids))
    rows = session.execute(stmt)
    return {user_id: name or username for user_id, name, username in rows}
