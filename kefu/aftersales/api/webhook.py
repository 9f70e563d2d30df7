"""Orders pushed by a shop system (``POST /api/v1/aftersales/orders/webhook``), signed like the
phone webhook: ``X-Kefu-Signature: sha256=<hex HMAC-SHA256 of the raw body>`` with
``KEFU_ORDER_WEBHOOK_SECRET``. A bad signature is refused (401) before the body is read as an
order, so nothing is stored; the same platform and number again updates the order (200)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from kefu.aftersales import service
from kefu.aftersales.api.orders import order_input, order_reads
from kefu.aftersales.api.words import shop_tz
from kefu.aftersales.schemas import OrderCreate, OrderRead
from kefu.core.errors import KefuError, Unauthenticated
from kefu.web.api_support import DB, CurrentSettings, locale_of

router = APIRouter(prefix="/aftersales", tags=["aftersales"])


class NotConfigured(KefuError):
    status = 503


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """``sha256=<hex HMAC-SHA256 of body>``, compared in constant time."""
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


@router.post("/orders/webhook", response_model=OrderRead, status_code=201)
async def order_webhook(
    request: Request, db: DB, settings: CurrentSettings, response: Response
) -> OrderRead:
    """One order, created (201) or updated (200); retries of the same push are safe."""
    secret = settings.order_webhook_secret.get_secret_value()
    if not secret:
        raise NotConfigured("aftersales.webhook.not_configured")
    body = await request.body()
    if not signature_ok(secret, body, request.headers.get("x-kefu-signature")):
        raise Unauthenticated("aftersales.webhook.bad_signature")
    try:
        order = OrderCreate.model_validate_json(body)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from exc

    def write(session: Any) -> tuple[Any, bool]:
        return service.upsert_order(session, order_input(order), tz=shop_tz(settings))

    stored, created = await run_in_threadpool(db.retrying, write)
    if not created:
        response.status_code = 200
    reads = await run_in_threadpool(order_reads, db, settings, [stored], locale_of(request))
    return reads[0]
