"""Composition root: builds a node from its settings. The only module that sees every layer."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

from node.community.clock import Clock, system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.community.signing import RsaSigner, derive_secret
from node.config import Settings
from node.federation.node import Federation
from node.federation.routes import routes as federation_routes
from node.storage import Database
from node.web import errors
from node.web.middleware import BodyLimitMiddleware, LanguageMiddleware, SecurityHeadersMiddleware
from node.web.routes import routes as web_routes
from node.web.security import LoginThrottle

log = logging.getLogger("buurtnode")

SESSION_COOKIE = "buurtnode_session"
SESSION_MAX_AGE = 30 * 24 * 3600
# Forms under these paths may carry a file (an image, a receipt); the rest stay small.
UPLOAD_PATHS = ("/initiatieven", "/activiteiten", "/plekken", "/wijkboekhouding")
MAX_UPLOAD_BYTES = 12_000_000


def create_app(
    settings: Settings,
    clock: Clock = system_clock,
    http_transport: httpx.AsyncBaseTransport | None = None,  # tests route between nodes
) -> Starlette:
    db = Database(settings.database_path)
    hood = Neighbourhood(db, clock, NodeIdentity(settings.name, settings.kind, settings.url))
    federation = Federation(settings, hood, clock, http_transport)
    hood.federation = federation.service
    key = federation.key  # the ledger is signed with the node's own key; ballots keyed apart
    hood.budget.configure(
        signer=RsaSigner.from_key(key.private_key, key.public_pem, key.key_id),
        ballot_secret=derive_secret(settings.session_secret(), "ballots"),
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await db.open()
        log.info("%s (%s) serving at %s", settings.name, settings.kind, settings.url)
        await federation.start()
        try:
            yield
        finally:
            await federation.stop()
            await db.close()

    app = Starlette(
        routes=[*federation_routes, *web_routes()],
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            Middleware(LanguageMiddleware),
            Middleware(
                BodyLimitMiddleware,
                max_bytes=settings.max_body_bytes,
                large_paths=UPLOAD_PATHS,
                large_max_bytes=MAX_UPLOAD_BYTES,
            ),
            Middleware(
                SessionMiddleware,
                secret_key=settings.session_secret(),
                session_cookie=SESSION_COOKIE,
                max_age=SESSION_MAX_AGE,
                same_site="lax",
                https_only=settings.secure,
            ),
        ],
        exception_handlers=errors.HANDLERS,  # type: ignore[arg-type]
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.hood = hood
    app.state.federation = federation
    app.state.login_throttle = LoginThrottle()
    return app
