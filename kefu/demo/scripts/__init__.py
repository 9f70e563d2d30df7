"""The demo's conversation scripts, by ticket type."""

from kefu.demo.scripts import aftersales, feedback, presale
from kefu.demo.scripts.base import Scenario
from kefu.demo.scripts.feedback import MALICIOUS
from kefu.tickets.rules import TicketType

SCENARIOS: tuple[Scenario, ...] = (
    *presale.SCENARIOS,
    *aftersales.SCENARIOS,
    *feedback.SCENARIOS,
)


def by_type(kind: TicketType) -> list[Scenario]:
    """The scenarios of one ticket type that the random draw may pick."""
    return [s for s in SCENARIOS if s.type == kind and s.weight > 0]


def named(key: str) -> Scenario:
    return next(s for s in SCENARIOS if s.key == key)


__all__ = ["MALICIOUS", "SCENARIOS", "Scenario", "by_type", "named"]
