"""The worker: time-based and queued work (queued mail, the IMAP poll, automatic assignment,
SLA warnings and escalations, pending reminders, late shipments and refund timers, complaints
opened and complaints not reported, the end-of-day refund register).
``kefu serve`` runs it in a thread beside the web app (the embedded default); ``kefu worker``
runs it alone (scale-out)."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable

from kefu.core.config import Settings
from kefu.core.db import Database

log = logging.getLogger(__name__)
Sweep = Callable[[Database, Settings], int]
INTERVAL_S = 2.0


@functools.cache
def sweeps() -> list[Sweep]:
    """Every sweep of this process (built once: some keep state, like the IMAP poll time)."""
    from kefu.aftersales.service import (
        RefundRegisterSweep,
        sweep_complaints,
        sweep_late_shipments,
        sweep_refund_timers,
        sweep_unreported_complaints,
    )
    from kefu.channels.email.imap import ImapPoller
    from kefu.channels.email.outbound import send_due
    from kefu.channels.portal.sms import send_due as send_sms
    from kefu.channels.wechat.media import fetch_due as fetch_wechat_media
    from kefu.channels.wechat.outbound import send_due as send_wechat_replies
    from kefu.routing.service import assign_waiting
    from kefu.sla.service import sweep_clocks
    from kefu.tickets.jobs import sweep_pending

    return [
        assign_waiting,
        sweep_clocks,
        sweep_pending,
        sweep_late_shipments,
        sweep_refund_timers,
        sweep_complaints,
        sweep_unreported_complaints,
        RefundRegisterSweep(),
        send_due,
        send_sms,
        send_wechat_replies,
        fetch_wechat_media,
        ImapPoller(),
    ]


def run_once(db: Database, settings: Settings) -> int:
    """One pass over every sweep; returns how much work was done."""
    done = 0
    for sweep in sweeps():
        try:
            done += sweep(db, settings)
        except Exception:  # one failing sweep must not stop the others
            log.exception("worker sweep %s failed", getattr(sweep, "__name__", sweep))
    return done


# Set when new work may be waiting (a ticket opened, an agent came online): the worker of this
# process runs at once instead of at its next tick.
_wake = threading.Event()
WAKE_EVENTS = frozenset({"TicketOpened", "TicketChanged", "PresenceChanged", "MessageAdded"})


def wake(name: str = "", _payload: object = None) -> None:
    if not name or name in WAKE_EVENTS:
        _wake.set()


def run_forever(db: Database, settings: Settings, stop: threading.Event) -> None:
    from kefu.core.events import bus

    bus.subscribe(wake)
    while not stop.is_set():
        _wake.clear()
        busy = run_once(db, settings)
        if not busy:
            _wake.wait(INTERVAL_S)


def start_in_thread(db: Database, settings: Settings) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=run_forever, args=(db, settings, stop), name="kefu-worker")
    thread.daemon = True
    thread.start()
    return thread, stop
