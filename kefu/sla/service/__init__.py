"""Use cases of the SLA context: ``setup`` (default calendars and policies), ``clocks`` (a
ticket's clocks, kept in its transaction), ``sweep`` (the worker's warnings and escalations),
``policies`` (editing), ``snapshot`` (cached configuration)."""

from kefu.sla.service import board as board  # the supervisor's board
from kefu.sla.service.badges import badges_of
from kefu.sla.service.clocks import (
    TicketSla,
    compute_for,
    histories,
    history,
    on_ticket,
    refresh,
    refresh_many,
    ticket_sla,
)
from kefu.sla.service.policies import (
    CalendarInput,
    CalendarView,
    Escalation,
    PolicyInput,
    PolicyView,
    Saved,
    SpecialDayInput,
    create_policy,
    list_calendars,
    list_policies,
    recompute_open_tickets,
    set_calendar,
    update_policy,
    wall_time,
)
from kefu.sla.service.setup import ensure_defaults
from kefu.sla.service.snapshot import invalidate, snapshot
from kefu.sla.service.sweep import SlaBreached, SlaWarned, sweep_batch, sweep_clocks

__all__ = [
    "CalendarInput",
    "CalendarView",
    "Escalation",
    "PolicyInput",
    "PolicyView",
    "Saved",
    "SlaBreached",
    "SlaWarned",
    "SpecialDayInput",
    "TicketSla",
    "badges_of",
    "compute_for",
    "create_policy",
    "ensure_defaults",
    "histories",
    "history",
    "invalidate",
    "list_calendars",
    "list_policies",
    "on_ticket",
    "recompute_open_tickets",
    "refresh",
    "refresh_many",
    "set_calendar",
    "snapshot",
    "sweep_batch",
    "sweep_clocks",
    "ticket_sla",
    "update_policy",
    "wall_time",
]
