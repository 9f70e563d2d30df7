"""The worker's after-sales sweeps, each cheap when nothing is due (one indexed probe):

- ``sweep_late_shipments``: paid orders not shipped, as they come within the warning lead of
  their shipping deadline and again once past it, are told to the supervisors (seed 001 维权:
  72 hours after payment); each order's warning and lateness are told once (dedupe keys).
- ``sweep_refund_timers``: a refund owed (the goods came back, or a refund was decided) and
  still unpaid: past the shop's promise the agent gets the handbook's penalty point (八 注:
  未及时帮助客人处理退款), past the escalation point the supervisors are told.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two workers never take the
same order or case; the next look is stamped on the row in the same transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesCase, ShopOrder
from kefu.aftersales.rules import RefundStage, RuleRow, WatchStage, shipment_watch
from kefu.aftersales.service.cases import refresh
from kefu.aftersales.service.orders import paid_order, watch
from kefu.aftersales.service.penalties import record_penalty
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.aftersales.service.terms import Fault, OrderStatus
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.routing import service as routing
from kefu.users.rules import Role

BATCH = 200


def _team(session: Session) -> list[int]:
    """Who is told: the supervisors (the admins when there is none)."""
    return routing.users_with_role(session, Role.SUPERVISOR.value) or routing.users_with_role(
        session, Role.ADMIN.value
    )


def _claimed(session: Session) -> bool:
    """Whether rows are claimed with a lock that other workers skip (PostgreSQL)."""
    return session.get_bind().dialect.name == "postgresql"


def sweep_late_shipments(db: Database, settings: Settings) -> int:
    """Warn the team about paid orders nearing or past their shipping deadline; returns how
    many people were told."""
    now = clock.now()
    with db.read_connection() as conn:
        due = conn.execute(select(ShopOrder.id).where(ShopOrder.watch_at <= now).limit(1)).first()
    if due is None:
        return 0
    tz = ZoneInfo(settings.timezone)
    with db.transaction() as session:
        stmt = (
            select(ShopOrder)
            .where(ShopOrder.watch_at <= now)
            .order_by(ShopOrder.watch_at)
            .limit(BATCH)
        )
        if _claimed(session):
            stmt = stmt.with_for_update(skip_locked=True)
        orders = list(session.scalars(stmt))
        rows, team = rows_in_force(session), _team(session)
        return sum(_watch_order(session, order, rows, team, now, tz) for order in orders)


def _watch_order(
    session: Session,
    order: ShopOrder,
    rows: tuple[RuleRow, ...],
    team: list[int],
    now: datetime,
    tz: tzinfo,
) -> int:
    engine_order = paid_order(order)
    if engine_order is None or order.shipped_at is not None or order.status != OrderStatus.PAID:
        order.watch_at = None
        return 0
    alerts = shipment_watch([engine_order], rows=rows, now=now, tz=tz)
    if not alerts:
        watch(session, order, rows, tz)  # the rules changed: look again when they say
        if order.watch_at is not None and order.watch_at <= now:
            order.watch_at = None
        return 0
    alert = alerts[0]
    late = alert.stage is WatchStage.LATE
    # Late once past the deadline: look again just after it, then never.
    order.watch_at = None if late else alert.ship_by + timedelta(seconds=1)
    return routing.notify(
        session,
        team,
        f"late_shipment_{alert.stage.value}",
        ticket_id=None,
        dedupe_key=f"late_shipment:{order.id}:{alert.stage.value}",
        params={**alert.params, "order": order.number, "platform": order.platform},
        now=now,
    )


def sweep_refund_timers(db: Database, settings: Settings) -> int:
    """Look at unpaid refunds whose timer is due; returns the penalties and notices written."""
    now = clock.now()
    with db.read_connection() as conn:
        due = conn.execute(
            select(AfterSalesCase.id).where(AfterSalesCase.timer_at <= now).limit(1)
        ).first()
    if due is None:
        return 0
    tz = ZoneInfo(settings.timezone)
    with db.transaction() as session:
        stmt = (
            select(AfterSalesCase)
            .where(AfterSalesCase.timer_at <= now)
            .order_by(AfterSalesCase.timer_at)
            .limit(BATCH)
        )
        if _claimed(session):
            stmt = stmt.with_for_update(skip_locked=True)
        cases = list(session.scalars(stmt))
        team = _team(session)
        return sum(_check_case(session, case, team, tz) for case in cases)


def _check_case(session: Session, case: AfterSalesCase, team: list[int], tz: tzinfo) -> int:
    refresh(session, case, tz)
    timer = case.decisions.get("refund_timer")
    if timer is None:
        return 0
    stage = RefundStage(int(timer["level"]))
    done = 0
    if stage >= RefundStage.OVERDUE and case.agent_id is not None:
        done += int(
            record_penalty(
                session,
                case.agent_id,
                Fault.REFUND_NOT_HANDLED,
                dedupe_key=f"{Fault.REFUND_NOT_HANDLED.value}:case:{case.id}",
                ticket_id=case.ticket_id,
                case_id=case.id,
                detail={"stage": timer["stage"], "due": timer["due"]["at"]},
            )
        )
    if stage >= RefundStage.ESCALATED:
        done += routing.notify(
            session,
            team,
            "refund_escalated",
            ticket_id=case.ticket_id,
            dedupe_key=f"refund_timer:{case.id}:{timer['stage']}",
            params={**timer["params"], "case": str(case.id)},
        )
    return done
