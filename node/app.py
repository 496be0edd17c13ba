"""Composition root: creates a node on disk and builds the running node from its settings.
The only module, with the command line, that sees every layer."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

from node import __version__
from node.community.clock import Clock, system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.community.signing import RsaSigner, derive_secret
from node.config import (
    CONFIG_FILE,
    KINDS,
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    SESSION_SECRET_FILE,
    ConfigError,
    Settings,
    check_url,
    handle_for,
    render,
)
from node.federation.negotiation import ContentNegotiation
from node.federation.node import Federation
from node.federation.routes import routes as federation_routes
from node.mail.node import Mail
from node.storage import Database
from node.storage.database import migrate_file
from node.storage.folder import secure
from node.web import errors
from node.web.cache import AnonymousPageCache
from node.web.middleware import (
    BodyLimitMiddleware,
    HealthCheck,
    LanguageMiddleware,
    SecurityHeadersMiddleware,
)
from node.web.routes import routes as web_routes
from node.web.routes import sections
from node.web.security import LoginThrottle

log = logging.getLogger("buurtnode")

SESSION_COOKIE = "buurtnode_session"
SESSION_MAX_AGE = 30 * 24 * 3600
# Forms under these paths may carry a file (an image, a receipt); the rest stay small.
UPLOAD_PATHS = (
    "/initiatieven",
    "/activiteiten",
    "/plekken",
    "/wijkboekhouding",
    "/prikbord",
    "/api/v1/media",
    "/api/v2/media",
)
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
    hood.addresses.configure(derive_secret(settings.session_secret(), "mail"))
    mail = Mail(settings.mail, hood, clock) if settings.mail else None  # optional

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await db.open()
        log.info("%s (%s) serving at %s", settings.name, settings.kind, settings.url)
        await federation.start()
        if mail:
            mail.start()
        else:
            log.info("no [mail] settings: this node sends no e-mail")
        try:
            yield
        finally:
            if mail:
                await mail.stop()
            await federation.stop()
            await db.close()

    app = Starlette(
        routes=[*federation_routes, *web_routes()],
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            Middleware(HealthCheck, is_healthy=db.is_healthy, version=__version__),
            Middleware(LanguageMiddleware),
            Middleware(ContentNegotiation, base_url=settings.url),  # pages ↔ their objects
            Middleware(
                AnonymousPageCache,
                generation=lambda: db.generation,
                clock=clock,
                session_cookie=SESSION_COOKIE,
            ),
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
    app.state.sections = sections()
    app.state.federation = federation
    app.state.mail = mail
    app.state.login_throttle = LoginThrottle()
    return app


def init_node(
    data_dir: Path,
    *,
    url: str,
    name: str,
    kind: str,
    dev: bool = False,
    registration: str = "approval",
) -> Settings:
    """Create a node in `data_dir`: settings, database, keys and session secret."""
    if kind not in KINDS:
        raise ConfigError(f"kind must be one of {', '.join(KINDS)}, not '{kind}'")
    url = check_url(url, dev=dev)
    if not name.strip():
        raise ConfigError("give the node a name, e.g. --name 'Beekveld-Noord'")
    if (data_dir / CONFIG_FILE).exists():
        raise ConfigError(f"{data_dir} already holds a node; choose another folder")
    if not data_dir.parent.is_dir():
        raise ConfigError(f"the folder {data_dir.parent} does not exist; create it first")
    data_dir.mkdir(mode=0o700, exist_ok=True)
    if any(data_dir.iterdir()):
        raise ConfigError(f"{data_dir} is not empty; give an empty or new folder")
    settings = Settings(
        data_dir=data_dir, url=url, name=name.strip(), kind=kind, handle=handle_for(name), dev=dev
    )
    fd = os.open(data_dir / SESSION_SECRET_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_urlsafe(48))
    from node.federation.keys import create_key_pair  # imports bovine: only when needed

    create_key_pair(data_dir / PRIVATE_KEY_FILE, data_dir / PUBLIC_KEY_FILE)
    migrate_file(settings.database_path)
    run_with_hood(
        settings, lambda hood: hood.settings.update(None, registration=registration, description="")
    )
    # Written last: a folder with buurtnode.toml is a complete node.
    (data_dir / CONFIG_FILE).write_text(render(settings), encoding="utf-8")
    secure(data_dir)  # residents' data: only the node's own user reads it
    return settings


def run_with_hood(settings: Settings, action):  # type: ignore[no-untyped-def]
    async def run():  # type: ignore[no-untyped-def]
        db = Database(settings.database_path)
        await db.open()
        try:
            hood = Neighbourhood(
                db, system_clock, NodeIdentity(settings.name, settings.kind, settings.url)
            )
            hood.addresses.configure(derive_secret(settings.session_secret(), "mail"))
            return await action(hood)
        finally:
            await db.close()

    return asyncio.run(run())
