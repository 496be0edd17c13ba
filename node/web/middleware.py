"""Small ASGI middleware: the visitor's language, body size limit, security headers and
the health check."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from html import escape
from http.cookies import SimpleCookie

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from node.web import i18n

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: https:; style-src 'self'; "
        b"script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    ),
]


class LanguageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            cookie = SimpleCookie(headers.get(b"cookie", b"").decode("latin-1"))
            chosen = cookie.get(i18n.LANGUAGE_COOKIE)
            i18n.set_language(
                i18n.negotiate(
                    chosen.value if chosen else None,
                    headers.get(b"accept-language", b"").decode("latin-1"),
                )
            )
        await self.app(scope, receive, send)


class BodyLimitMiddleware:
    """Refuse request bodies over the limit with 413 before reading them into memory.

    Paths under `large_paths` (uploads) get their own, larger limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        large_paths: tuple[str, ...] = (),
        large_max_bytes: int = 0,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.large_paths = large_paths
        self.large_max_bytes = large_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        if self.large_paths and scope["path"].startswith(self.large_paths):
            limit = max(limit, self.large_max_bytes)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(scope, send, limit)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not response_started:
                await _too_large(scope, send, limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    """413 with a message a person understands (browsers) or a JSON error (machines)."""
    accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
    megabytes = f"{limit / 1_000_000:.0f}"
    text = i18n.gettext(
        "What you sent is larger than %(size)s MB, so nothing was saved. Go back, make the "
        "file smaller (or leave it out) and try again.",
        size=megabytes,
    )
    if "text/html" in accept:
        body = (
            f'<!doctype html><html lang="{i18n.current_language()}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="/static/buurtnode.css">'
            f"<title>{escape(i18n.gettext('Too large'))}</title></head><body>"
            f'<main class="wrap" id="inhoud"><h1>{escape(i18n.gettext("Too large"))}</h1>'
            f'<p>{escape(text)}</p><p><a href="/">{escape(i18n.gettext("Go to the home page"))}'
            f"</a></p></main></body></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": text}).encode()
        content_type = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = {name.lower() for name, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (name, value) for name, value in SECURITY_HEADERS if name not in existing
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class HealthCheck:
    """`GET /healthz` for monitoring, answered before sessions, languages and routing: a
    monitor polls it often and needs none of them (through the whole stack it ran at a
    third of a bare endpoint's rate). It asks the database every time; 503 when that fails."""

    PATH = "/healthz"

    def __init__(
        self, app: ASGIApp, *, is_healthy: Callable[[], Awaitable[bool]], version: str
    ) -> None:
        self.app = app
        self.is_healthy = is_healthy
        self.version = version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.PATH or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        state = "ok" if await self.is_healthy() else "error"
        body = json.dumps(
            {"status": state, "version": self.version, "database": state}, separators=(",", ":")
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
        ]
        status = 200 if state == "ok" else 503
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
