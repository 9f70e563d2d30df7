"""Pure rules of the email channel: which mail is ours, how a reply is addressed and threaded,
when a failed send is tried again."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum

# Seconds to wait before attempt 2, 3, ...; after the last the mail is marked failed and the
# failure is put on its ticket for the agent to see.
RETRY_DELAYS = (60, 300, 1800, 7200, 21600)
MAX_REFERENCES = 20


class Outcome(StrEnum):
    """What became of a received mail."""

    OPENED = "opened"
    CONTINUED = "continued"
    DUPLICATE = "duplicate"
    AUTO_REPLY = "auto_reply"  # noted on its ticket if it has one; never opens one
    OWN_MAIL = "own_mail"  # a loop: mail from our own address
    BOUNCE = "bounce"  # attached to the ticket whose mail bounced
    BOUNCE_UNMATCHED = "bounce_unmatched"
    REVIEW = "review"  # unusable (no sender): kept raw for a person to look at
    BLACKLISTED = "blacklisted"


class SendStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    BOUNCED = "bounced"


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower() if "@" in address else ""


def accepts_recipient(address: str, domains: set[str]) -> bool:
    """``KEFU_MAIL_DOMAINS`` unset: every recipient; else only those domains (others: 550)."""
    return not domains or domain_of(address) in domains


def in_our_domains(address: str, domains: set[str]) -> bool:
    """A mailbox of ours (support@ our domain): a recipient, never a participant."""
    return bool(domains) and domain_of(address) in domains


def is_own_address(address: str, own: set[str]) -> bool:
    return address.strip().lower() in own


MAX_CC = 20


def entry_point(envelope: list[str], header_to: list[str], domains: set[str]) -> str:
    """Which of our mailboxes a mail came through (``mail:<address>``), so that multi-desk
    delivery can send service@ and aftersales@ to their own desks. The SMTP envelope says it
    best (a Bcc leaves no header); a mail fetched by IMAP has only its headers. With accepted
    domains set, the first recipient in them; else the first recipient."""
    for candidates in (envelope, header_to):
        addresses = [a.strip().lower() for a in candidates if a and "@" in a]
        ours = [a for a in addresses if in_our_domains(a, domains)] if domains else addresses
        if ours:
            return f"mail:{ours[0]}"
    return ""


def reply_cc(to: list[str], participants: list[str], own: set[str]) -> list[str]:
    """Who a reply copies: the people who were on the conversation (a customer's colleague on
    CC), like a mail client's reply-all, but never the addressee again, never our own
    addresses, each once (addresses compared without case), at most ``MAX_CC``."""
    seen = {a.strip().lower() for a in to} | own
    cc: list[str] = []
    for address in participants:
        key = address.strip().lower()
        if key and key not in seen:
            seen.add(key)
            cc.append(address.strip())
    return cc[:MAX_CC]


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failed sends; ``None``: give up."""
    if attempts > len(RETRY_DELAYS):
        return None
    return now + timedelta(seconds=RETRY_DELAYS[attempts - 1])


_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|sv|回复|答复|转发)\s*[:：]\s*)+", re.IGNORECASE)


def reply_subject(number: str, subject: str) -> str:
    """``Re: [#20261122-0007] 原主题``: the number lets a reply whose client dropped the
    headers still find its ticket (the sender being a participant)."""
    base = _REPLY_PREFIX.sub("", subject).strip()
    tag = f"[#{number}]"
    if tag not in base:
        base = f"{tag} {base}".strip()
    return f"Re: {base}"


def references_for(known: list[str]) -> list[str]:
    """The References of a reply: the thread's ids, oldest first, the first and the most
    recent kept when there are too many (RFC 5322 §3.6.4 practice)."""
    unique = list(dict.fromkeys(known))
    if len(unique) <= MAX_REFERENCES:
        return unique
    return [unique[0], *unique[-(MAX_REFERENCES - 1) :]]


def new_message_id(token: str, sender: str) -> str:
    domain = domain_of(sender) or "kefu.localhost"
    return f"kefu.{token}@{domain}"
