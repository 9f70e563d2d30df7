"""JSON routes of supervision under /api/v1: the live board and today's charts, for
supervisors and admins (an agent gets 403)."""

from __future__ import annotations

from fastapi import APIRouter

from kefu.core import clock
from kefu.core.errors import Forbidden
from kefu.performance import service
from kefu.performance.schemas import BoardRead, ChartsRead
from kefu.users.rules import RANK, Role
from kefu.users.service import Principal
from kefu.web.api_support import DB, Caller

router = APIRouter(prefix="/api/v1/supervision", tags=["supervision"])


def may_supervise(caller: Principal) -> bool:
    return RANK[caller.role] >= RANK[Role.SUPERVISOR]


def _require_supervisor(caller: Principal) -> None:
    if not may_supervise(caller):
        raise Forbidden("forbidden")


@router.get("/board", response_model=BoardRead)
def board(db: DB, caller: Caller) -> BoardRead:
    """Queues, agents, SLA alerts, open complaints and the oldest waiting tickets, now."""
    _require_supervisor(caller)
    with db.reading() as session:
        return BoardRead.model_validate(service.board(session, clock.now()))


@router.get("/charts", response_model=ChartsRead)
def charts(db: DB, caller: Caller) -> ChartsRead:
    """Today's (Asia/Shanghai) volume by channel and hour, first response p50/p90 by hour and
    SLA attainment by channel."""
    _require_supervisor(caller)
    with db.reading() as session:
        return ChartsRead.model_validate(service.today_charts(session, clock.now()))
