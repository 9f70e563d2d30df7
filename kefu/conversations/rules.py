"""What a channel hands over, and how a message finds its ticket: pure, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ThreadRule(StrEnum):
    """Why a message continued a ticket or opened one (shown to the agent)."""

    IN_REPLY_TO = "in_reply_to"
    REFERENCES = "references"
    SUBJECT_NUMBER = "subject_number"
    SESSION = "session"  # a chat or call that is still going on
    NEW = "new"


@dataclass(frozen=True)
class ThreadDecision:
    ticket_id: int | None
    rule: ThreadRule
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HeaderMatch:
    """A ticket found through a message id the new message refers to."""

    ticket_id: int
    referenced_id: str


@dataclass(frozen=True)
class NumberMatch:
    """A ticket whose number the subject mentions, and whether the sender takes part in it."""

    ticket_id: int
    number: str
    sender_participates: bool


def decide_thread(
    in_reply_to: HeaderMatch | None,
    references: HeaderMatch | None,
    numbers: list[NumberMatch],
) -> ThreadDecision:
    """The email threading rule (research §3B: the peers' most reported mail bug).

    Headers first: a reply names the message it answers, and that holds whoever sends it.
    Clients such as Outlook rewrite or drop ``References``, so then the ticket number in the
    subject counts, but only when the sender already takes part in that ticket: a stranger's
    mail that merely mentions another customer's ticket number must not land in it."""
    if in_reply_to is not None:
        return ThreadDecision(
            in_reply_to.ticket_id,
            ThreadRule.IN_REPLY_TO,
            "thread.in_reply_to",
            {"id": in_reply_to.referenced_id},
        )
    if references is not None:
        return ThreadDecision(
            references.ticket_id,
            ThreadRule.REFERENCES,
            "thread.references",
            {"id": references.referenced_id},
        )
    for match in numbers:
        if match.sender_participates:
            return ThreadDecision(
                match.ticket_id,
                ThreadRule.SUBJECT_NUMBER,
                "thread.subject_number",
                {"number": match.number},
            )
    if numbers:
        return ThreadDecision(
            None, ThreadRule.NEW, "thread.new_not_participant", {"number": numbers[0].number}
        )
    return ThreadDecision(None, ThreadRule.NEW, "thread.new")
