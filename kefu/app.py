"""The ASGI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from kefu import __version__
from kefu.aftersales import api as aftersales_api
from kefu.channels.appsdk import api as appsdk_api
from kefu.channels.phone import api as phone_api
from kefu.channels.portal import pages as portal_pages
from kefu.channels.webchat import agent_api as webchat_agent_api
from kefu.channels.webchat import api as webchat_api
from kefu.channels.webform import pages as webform_pages
from kefu.channels.wechat import api as wechat_api
from kefu.core.config import Settings, load_settings
from kefu.core.db import Database
from kefu.core.events import configure_bus
from kefu.customers import api as customers_api
from kefu.knowledge import api as knowledge_api
from kefu.knowledge import pages as knowledge_pages
from kefu.performance import api as performance_api
from kefu.quality import api as quality_api
from kefu.routing import api as routing_api
from kefu.search import api as search_api
from kefu.search.rules import warm_up
from kefu.sla import api as sla_api
from kefu.tickets import api as tickets_api
from kefu.users import api as users_api
from kefu.web import admin, auth, ops, pages, shell, stream, workspace
from kefu.web import aftersales as aftersales_pages
from kefu.web import conversation as conversation_pages
from kefu.web import supervisor as supervisor_pages
from kefu.web.api_support import install_error_handlers
from kefu.web.limits import BodyLimitMiddleware
from kefu.wiring import wire

MULTIPART_OVERHEAD = 1024 * 1024


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    settings = settings or load_settings()
    settings.ensure_secret_key()
    database = db or Database(settings.database_url, echo=settings.sql_echo)
    wire(settings)
    configure_bus(settings.redis_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        warm_up()  # jieba's dictionary: load once here, not on the first search
        yield
        if db is None:
            database.dispose()

    app = FastAPI(
        title="kefu 客服",
        version=__version__,
        description="Chinese-first customer-service platform: tickets, customers, search.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.metrics = ops.Metrics()
    install_error_handlers(app)
    for router in (
        tickets_api.router,
        customers_api.router,
        routing_api.router,
        sla_api.router,
        knowledge_api.router,
        quality_api.router,
        aftersales_api.router,
        search_api.router,
        users_api.router,
        wechat_api.router,
        phone_api.router,
        appsdk_api.router,
        stream.router,
        webform_pages.router,
        portal_pages.router,
        webchat_api.router,
        webchat_agent_api.router,
        ops.router,
        pages.router,
        auth.router,
        workspace.router,
        aftersales_pages.router,
        knowledge_pages.router,
        conversation_pages.router,
        performance_api.router,
        supervisor_pages.router,
        admin.router,
        shell.router,
    ):
        app.include_router(router)
    app.add_middleware(
        BodyLimitMiddleware, limit=settings.max_attachment_bytes + MULTIPART_OVERHEAD
    )
    app.add_middleware(ops.MetricsMiddleware, metrics=app.state.metrics)
    return app
