"""The rule table: the values in force with their sources, and a shop's own rows."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from kefu.aftersales import service
from kefu.aftersales.api.words import require_supervisor, shop_tz
from kefu.aftersales.rules import RULE_KEYS, RuleRow
from kefu.aftersales.schemas import EffectiveRuleRead, RuleCreate, RuleRowRead, RulesRead
from kefu.core import clock
from kefu.core.errors import FieldError, Invalid
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, CurrentSettings, require

router = APIRouter()


def _row_read(row: RuleRow, row_id: int | None) -> RuleRowRead:
    return RuleRowRead(
        id=row_id,
        origin="default" if row_id is None else "custom",
        scope=row.scope,
        key=row.key,
        value=row.value,
        unit=RULE_KEYS[row.key].unit,
        source=row.source,
        effective_from=row.effective_from,
        effective_until=row.effective_until,
    )


@router.get("/aftersales/rules", response_model=RulesRead)
def list_rules(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    platform: str | None = None,
    on: date | None = None,
) -> RulesRead:
    """The value of every rule in force for ``platform`` on ``on`` (today), the row it comes
    from with its source, the rows set aside, and every row of the table."""
    require(caller, Permission.WORK_TICKETS)
    if platform in ("law", "shop"):
        raise Invalid(
            "validation_failed",
            fields={"platform": FieldError("aftersales.order.platform_reserved")},
        )
    day = on or clock.now().astimezone(shop_tz(settings)).date()
    with db.reading() as session:
        stored = service.stored_rows(session)
        effective = service.effective_rules(session, platform=platform, on=day)
    ids = {s.row: s.id for s in stored}
    return RulesRead(
        platform=platform,
        on=day,
        effective=[
            EffectiveRuleRead(
                key=e.key,
                unit=RULE_KEYS[e.key].unit,
                favours=RULE_KEYS[e.key].favours.value,
                value=e.resolved.value if e.resolved else None,
                row=_row_read(e.resolved.row, ids.get(e.resolved.row)) if e.resolved else None,
                set_aside=[_row_read(r, ids.get(r)) for r in e.resolved.set_aside]
                if e.resolved
                else [],
            )
            for e in effective
        ],
        rows=[_row_read(s.row, s.id) for s in stored],
    )


@router.post("/aftersales/rules", response_model=RuleRowRead, status_code=201)
def add_rule(db: DB, caller: Caller, body: RuleCreate) -> RuleRowRead:
    """A shop's own number (or a platform's new one), in force from its date."""
    require_supervisor(caller)
    with db.transaction() as session:
        stored = service.add_rule(
            session, service.RuleInput(**body.model_dump()), actor_id=caller.user_id
        )
    return _row_read(stored.row, stored.id)
