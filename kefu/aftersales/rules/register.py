"""The daily refund register (退款登记, seed 000 八(3): 每天下班前提交): when the day's register
is due to the after-sales supervisor, and each agent's lines summed for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from kefu.aftersales.rules.terms import SHOP_TZ, require_aware


def register_due(now: datetime, hour: int, tz: tzinfo = SHOP_TZ) -> date | None:
    """The shop day whose register is due at ``now`` (once the clock passed ``hour`` that day),
    or None before the hour."""
    require_aware(now, "now")
    if not 0 <= hour <= 23:
        raise ValueError("the register's hour is 0 to 23")
    local = now.astimezone(tz)
    return local.date() if local.hour >= hour else None


@dataclass(frozen=True)
class AgentTotal:
    agent_id: int
    agent: str
    count: int
    amount_fen: int
    fee_fen: int


def totals_by_agent(lines: Iterable[tuple[int, str, int, int]]) -> tuple[AgentTotal, ...]:
    """``(agent id, agent name, amount, fee)`` per refund paid → one total per agent, in the
    order agents first appear."""
    totals: dict[int, AgentTotal] = {}
    for agent_id, name, amount, fee in lines:
        seen = totals.get(agent_id)
        if seen is None:
            totals[agent_id] = AgentTotal(agent_id, name, 1, amount, fee)
        else:
            totals[agent_id] = AgentTotal(
                agent_id, name, seen.count + 1, seen.amount_fen + amount, seen.fee_fen + fee
            )
    return tuple(totals.values())
