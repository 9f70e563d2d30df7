"""The after-sales pages of the staff workspace: the panel beside a conversation (orders, the
ticket's cases, opening a case after previewing the engine's decision), the cases list and
case page (moves, evidence, payouts with approvals), and the supervisors' complaints list.

Pages read through the after-sales services and render the engine's decisions in words; every
write is the page's script calling the after-sales REST API (``kefu.aftersales.api``), so the
rules, checks and audit of a write live in one place."""

from fastapi import APIRouter

from kefu.web.aftersales import cases, complaints, panel

router = APIRouter(include_in_schema=False)
for part in (panel, cases, complaints):
    router.include_router(part.router)

__all__ = ["router"]
