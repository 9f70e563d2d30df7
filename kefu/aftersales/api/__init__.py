"""JSON routes of the after-sales context under /api/v1: orders (one by one, or a shop's
export), after-sales cases opened from a conversation and moved along their state machine,
evidence, payouts with their approval and the daily refund register, the complaint workflow
of a complaint ticket with its call-back task, the rule table, and under /api/v1/aftersales the
order webhook, platform disputes with their evidence pack, call-backs and penalty points.
Refused moves answer 409 with the engine's reason."""

from fastapi import APIRouter

from kefu.aftersales.api import (
    callbacks,
    cases,
    complaints,
    disputes,
    orders,
    payouts,
    rules,
    webhook,
)

router = APIRouter(prefix="/api/v1", tags=["aftersales"])
for part in (webhook, orders, cases, payouts, complaints, rules, disputes, callbacks):
    router.include_router(part.router)

__all__ = ["router"]
