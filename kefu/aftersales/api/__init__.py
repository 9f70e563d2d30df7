"""JSON routes of the after-sales context under /api/v1: orders (one by one, or a shop's
export), after-sales cases opened from a conversation and moved along their state machine,
evidence, payouts with their approval and the daily refund register, the complaint workflow
of a complaint ticket, and the rule table. Refused moves answer 409 with the engine's reason."""

from fastapi import APIRouter

from kefu.aftersales.api import cases, complaints, orders, payouts, rules

router = APIRouter(prefix="/api/v1", tags=["aftersales"])
for part in (orders, cases, payouts, complaints, rules):
    router.include_router(part.router)

__all__ = ["router"]
