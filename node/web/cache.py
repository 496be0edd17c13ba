"""What every anonymous visitor sees, rendered once: the bytes of GET answers, kept in memory.

A stored answer is served again only while nothing has been written since it was made: the
database's write generation (node/storage/database.py) goes up with every committed write,
whoever makes it (a page, the federation worker bringing In de buurt, the command line in
this process), so a write is visible on the very next request. Answers also expire when the
clock's minute changes (the urgent banner ends, "today" moves on).

Never cached, so nothing per visitor leaks to another: requests that carry a session cookie
(a signed-in member, a flash message, a CSRF token), an Authorization or Signature header;
answers that set a cookie (a form made a CSRF token), say `Cache-Control: no-store` or
`private`, or are not 200. The key holds the language, the Accept header, the host, the
scheme and the cookies (an urgent announcement one visitor hid stays in another's banner),
so two languages (or HTML and JSON) never mix.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from node.web import i18n

MAX_ENTRIES = 256
MAX_BODY_BYTES = 512_000
_PER_VISITOR = (b"authorization", b"signature", b"signature-input")


@dataclass(frozen=True)
class _Entry:
    generation: int
    minute: datetime
    headers: list[tuple[bytes, bytes]]
    body: bytes


class AnonymousPageCache:
    def __init__(
        self,
        app: ASGIApp,
        *,
        generation: Callable[[], int],
        clock: Callable[[], datetime],
        session_cookie: str,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.app = app
        self.generation = generation
        self.clock = clock
        self.session_cookie = session_cookie.encode() + b"="
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[object, ...], _Entry] = OrderedDict()

    def _key(self, scope: Scope) -> tuple[object, ...] | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        accept = host = cookies = b""
        for name, value in scope["headers"]:
            if name == b"cookie":
                if self.session_cookie in value:
                    return None
                cookies = value
            if name in _PER_VISITOR:
                return None
            if name == b"accept":
                accept = value
            elif name == b"host":
                host = value
        language = i18n.current_language()  # set by LanguageMiddleware, which runs first
        path, query = scope["path"], scope["query_string"]
        return (path, query, language, accept, host, scope["scheme"], cookies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        # Read before rendering: a write during the render makes this answer old at once.
        generation, minute = self.generation(), self.clock().replace(second=0, microsecond=0)
        entry = self.entries.get(key)
        if entry is not None and entry.generation == generation and entry.minute == minute:
            self.entries.move_to_end(key)
            await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
            await send({"type": "http.response.body", "body": entry.body})
            return
        started: Message = {}
        chunks: list[bytes] = []

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body" and started:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._store(key, started, b"".join(chunks), generation, minute)
            await send(message)

        await self.app(scope, receive, recording_send)

    def _store(
        self,
        key: tuple[object, ...],
        started: Message,
        body: bytes,
        generation: int,
        minute: datetime,
    ) -> None:
        if started["status"] != 200 or len(body) > MAX_BODY_BYTES:
            return
        headers = list(started.get("headers", []))
        for name, value in headers:
            lowered = name.lower()
            if lowered == b"set-cookie":
                return
            if lowered == b"cache-control" and (b"no-store" in value or b"private" in value):
                return
        self.entries[key] = _Entry(generation, minute, headers, body)
        self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
