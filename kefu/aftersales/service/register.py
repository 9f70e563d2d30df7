"""The end of the day's refund register (seed 000 八(3): 退款登记每天下班前提交): at the
configured hour (18:00 shop time by default) each agent's refunds of the day are summed and sent
to the after-sales supervisors as a notification, once per agent and day however many workers
run (the notifications' dedupe keys); the full register is exported through the API."""

from __future__ import annotations

from datetime import date, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kefu.aftersales.rules import register_due, totals_by_agent, yuan
from kefu.aftersales.service.payouts import refund_register
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.routing import service as routing
from kefu.routing.service import Notice
from kefu.users.rules import Role


def send_refund_register(session: Session, day: date, *, tz: tzinfo) -> int:
    """Tell the supervisors (the admins when there is none) each agent's refunds of ``day``;
    returns how many notifications were new."""
    lines = refund_register(session, day, agent_id=None, tz=tz)
    totals = totals_by_agent(
        (line.payout.requested_by_id, line.agent, line.payout.amount_fen, line.payout.fee_fen)
        for line in lines
    )
    team = routing.users_with_role(session, Role.SUPERVISOR.value) or routing.users_with_role(
        session, Role.ADMIN.value
    )
    notices = [
        Notice(
            tuple(team),
            "refund_register",
            None,
            f"refund_register:{day.isoformat()}:{total.agent_id}",
            {
                "agent": total.agent,
                "agent_id": str(total.agent_id),
                "day": day.isoformat(),
                "count": str(total.count),
                "total": yuan(total.amount_fen),
            },
        )
        for total in totals
    ]
    return routing.notify_many(session, notices)


class RefundRegisterSweep:
    """The worker's sweep: once the register's hour has passed, send the day's register (one
    look per day per process; the dedupe keys hold across processes)."""

    __name__ = "sweep_refund_register"

    def __init__(self) -> None:
        self.sent_day: date | None = None

    def __call__(self, db: Database, settings: Settings) -> int:
        tz = ZoneInfo(settings.timezone)
        day = register_due(clock.now(), settings.refund_register_hour, tz)
        if day is None or day == self.sent_day:
            return 0
        with db.transaction() as session:
            told = send_refund_register(session, day, tz=tz)
        self.sent_day = day
        return told
