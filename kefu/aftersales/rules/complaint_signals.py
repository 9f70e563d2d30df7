"""Complaints written in a conversation that is not (yet) a complaint: a customer who says they
will complain, leave a bad review, go to the press, call 12315 or the consumer association, or
report the shop. Seed 000 七: whoever sees a complaint reports it to the supervisor at once; one
seen and neither reported nor marked costs the agent 10 points (发现投诉后不予理睬和上报的).

``complaint_signal(text)`` finds the first such word; a word said in the negative ("不会给差评",
"没想投诉") is not a complaint. ``report_due`` is when the agent must have acted, by the SOP's
minutes to pass a complaint on (the rule table's ``complaint.pass_on_minutes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from kefu.aftersales.rules.terms import require_aware

# The words of the handbooks (seeds 000 七, 002 六, 004 客诉作业指引) and what Chinese
# customers write when they escalate; traditional forms beside the simplified ones.
COMPLAINT_WORDS: tuple[str, ...] = (
    "投诉", "投訴", "客诉", "客訴",
    "差评", "差評", "中差评", "中差評",
    "曝光",
    "12315", "12345",
    "消协", "消協", "消费者协会", "消費者協會",
    "举报", "舉報",
    "工商局", "市场监管", "市場監管",
    "媒体", "媒體",
    "起诉", "起訴", "律师函", "律師函",
)  # fmt: skip

# Said in the negative within a few characters before the word: not a complaint.
_NEGATION = re.compile(r"(不|没|沒|别|別|勿|无需|無需|不用)[^,,。.!!??;;]{0,3}$")


@dataclass(frozen=True)
class ComplaintSignal:
    keyword: str
    position: int  # where in the text it was found


def complaint_signal(text: str) -> ComplaintSignal | None:
    """The first complaint word of ``text`` not said in the negative, or None."""
    found: list[ComplaintSignal] = []
    for word in COMPLAINT_WORDS:
        start = text.find(word)
        while start != -1:
            if not _NEGATION.search(text[max(0, start - 6) : start]):
                found.append(ComplaintSignal(word, start))
                break
            start = text.find(word, start + len(word))
    if not found:
        return None
    # The earliest; on a tie the longest word (中差评 before 差评).
    return min(found, key=lambda s: (s.position, -len(s.keyword)))


def report_due(seen_at: datetime, pass_on_minutes: int) -> datetime:
    """The last instant to mark the ticket a complaint or report it to the supervisor."""
    require_aware(seen_at, "seen_at")
    return seen_at + timedelta(minutes=pass_on_minutes)


@dataclass(frozen=True)
class ReportFacts:
    """What the agent did, as instants (None: not done)."""

    marked_complaint_at: datetime | None
    supervisor_informed_at: datetime | None


def reported_in_time(facts: ReportFacts, due_at: datetime) -> bool:
    """Marked a complaint (which tells the supervisors) or reported to them by ``due_at``."""
    return any(at is not None and at <= due_at for at in (
        facts.marked_complaint_at, facts.supervisor_informed_at
    ))  # fmt: skip
