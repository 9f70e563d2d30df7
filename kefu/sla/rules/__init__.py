"""The SLA arithmetic, pure: which policy applies (policies), when each metric's clock is
active (history) and how the clocks stand in working time (clocks)."""

from kefu.sla.rules.clocks import (
    Clock,
    ClockState,
    Segment,
    Targets,
    compute_clocks,
    format_seconds,
)
from kefu.sla.rules.history import DONE_STATUSES, HAPPENING_KINDS, Happening, Metric
from kefu.sla.rules.policies import (
    DEFAULT_POLICIES,
    Policy,
    PolicyChoice,
    PolicyFacts,
    describe_conditions,
    select_policy,
)

__all__ = [
    "DEFAULT_POLICIES",
    "DONE_STATUSES",
    "HAPPENING_KINDS",
    "Clock",
    "ClockState",
    "Happening",
    "Metric",
    "Policy",
    "PolicyChoice",
    "PolicyFacts",
    "Segment",
    "Targets",
    "compute_clocks",
    "describe_conditions",
    "format_seconds",
    "select_policy",
]
