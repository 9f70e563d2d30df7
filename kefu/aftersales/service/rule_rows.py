"""The rule table as the engine reads it: the defaults shipped with the code (law, platforms,
the handbooks' shop numbers) and the rows an operator added, with their sources; adding a row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesRule
from kefu.aftersales.rules import DEFAULT_RULES, LAW, RULE_KEYS, ResolvedRule, RuleRow, rule_value
from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, Invalid


@dataclass(frozen=True)
class StoredRow:
    """A row in force somewhere, and where it comes from: ``id`` is None for a default."""

    row: RuleRow
    id: int | None


def stored_rows(session: Session) -> list[StoredRow]:
    custom = session.scalars(select(AfterSalesRule).order_by(AfterSalesRule.id))
    return [StoredRow(row, None) for row in DEFAULT_RULES] + [
        StoredRow(_rule_row(r), r.id) for r in custom
    ]


def rows_in_force(session: Session) -> tuple[RuleRow, ...]:
    """Every rule row the engine may use: the defaults, then the operator's."""
    return tuple(s.row for s in stored_rows(session))


def _rule_row(r: AfterSalesRule) -> RuleRow:
    return RuleRow(r.scope, r.key, r.value, r.source, r.effective_from, r.effective_until)


@dataclass(frozen=True)
class RuleInput:
    key: str
    value: int
    source: str
    effective_from: date
    effective_until: date | None = None
    scope: str = "shop"


def add_rule(session: Session, data: RuleInput, *, actor_id: int | None) -> StoredRow:
    """Add a shop (or a platform's) row. The law is not the operator's to change; two rows of
    one scope and key may not start on the same day."""
    scope = data.scope.strip().lower()
    if scope == LAW:
        raise Invalid(
            "aftersales.rule.law_fixed", fields={"scope": FieldError("aftersales.rule.law_fixed")}
        )
    if data.key not in RULE_KEYS:
        raise Invalid("validation_failed", fields={"key": FieldError("aftersales.rule.unknown")})
    try:
        row = RuleRow(
            scope, data.key, data.value, data.source.strip(), data.effective_from,
            data.effective_until,
        )  # fmt: skip
    except ValueError as exc:
        raise Invalid(
            "aftersales.rule.invalid",
            fields={"value": FieldError("aftersales.rule.invalid", {"detail": str(exc)})},
            detail=str(exc),
        ) from exc
    same_day = [
        s
        for s in stored_rows(session)
        if (s.row.scope, s.row.key, s.row.effective_from) == (scope, row.key, row.effective_from)
    ]
    if same_day:
        raise Conflict(
            "aftersales.rule.same_day",
            fields={"effective_from": FieldError("aftersales.rule.same_day")},
        )
    stored = AfterSalesRule(
        scope=row.scope,
        key=row.key,
        value=row.value,
        source=row.source,
        effective_from=row.effective_from,
        effective_until=row.effective_until,
        created_by_id=actor_id,
        created_at=clock.now(),
    )
    session.add(stored)
    session.flush()
    return StoredRow(row, stored.id)


@dataclass(frozen=True)
class Effective:
    """The value of one key for a platform on a day, or None when no row is in force."""

    key: str
    resolved: ResolvedRule | None


def effective_rules(session: Session, *, platform: str | None, on: date) -> list[Effective]:
    rows = rows_in_force(session)
    result: list[Effective] = []
    for key in RULE_KEYS:
        try:
            result.append(Effective(key, rule_value(rows, key, platform=platform, on=on)))
        except LookupError:
            result.append(Effective(key, None))
    return result
