"""The admin pages (``/admin``): one module per area, each with its page and its forms.

``common`` holds what they share (who may open what, forms, errors, notices); ``accounts``,
``catalog_edits`` and ``wechat_edits`` are the few use cases the contexts' services do not offer
yet, kept apart from the pages so they can move into their context unchanged.
"""

from fastapi import APIRouter

from kefu.web.admin import (
    catalog,
    channels,
    desks,
    index,
    routing_rules,
    sla_settings,
    users,
    wechat,
)

router = APIRouter(include_in_schema=False)
for _module in (index, users, desks, catalog, routing_rules, sla_settings, wechat, channels):
    router.include_router(_module.router)

__all__ = ["router"]
