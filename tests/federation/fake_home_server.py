"""A visitor's own fediverse server, for the remote-follow tests: a real uvicorn on
127.0.0.1 that answers WebFinger as Mastodon (OStatus subscribe template), as a server with
FEP-3b86 intents, or with no template at all, and shows the page a visitor lands on.

Accounts: `jan` (Mastodon's template), `intents` (FEP-3b86 Follow and Object), `plain`
(no template), `slow` (answers after SLOW_SECONDS); any other name is unknown (404).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from tests.conftest import free_port

SUBSCRIBE = "http://ostatus.org/schema/1.0/subscribe"
FEP = "https://w3id.org/fep/3b86/"
SLOW_SECONDS = 3.0


@dataclass
class HomeServer:
    host: str  # 127.0.0.1:port, as it appears in a handle
    asked: list[str] = field(default_factory=list)  # the WebFinger resources it was asked

    @property
    def url(self) -> str:
        return f"http://{self.host}"


def _app(server: HomeServer) -> Starlette:
    async def webfinger(request: Request) -> Response:
        resource = request.query_params.get("resource", "")
        server.asked.append(resource)
        name = resource.removeprefix("acct:").partition("@")[0]
        base = server.url
        links: list[dict[str, str]] = [
            {"rel": "self", "type": "application/activity+json", "href": f"{base}/users/{name}"}
        ]
        if name == "jan":
            links.append(
                {"rel": SUBSCRIBE, "template": f"{base}/authorize_interaction?uri={{uri}}"}
            )
        elif name == "intents":
            links += [
                {"rel": f"{FEP}Follow", "template": f"{base}/intent/follow?id={{object}}"},
                {
                    "rel": f"{FEP}Object",
                    "template": f"{base}/intent/object?id={{object}}&back={{on-success}}",
                },
            ]
        elif name == "slow":
            await asyncio.sleep(SLOW_SECONDS)
        elif name != "plain":
            return JSONResponse({"error": "not found"}, 404)
        return JSONResponse({"subject": resource, "links": links})

    async def landing(request: Request) -> Response:
        uri = request.query_params.get("uri") or request.query_params.get("id", "")
        return HTMLResponse(
            f"<!doctype html><title>Home server</title><h1>Confirm</h1><p id=uri>{escape(uri)}</p>"
        )

    return Starlette(
        routes=[
            Route("/.well-known/webfinger", webfinger),
            Route("/authorize_interaction", landing),
            Route("/intent/{what}", landing),
        ]
    )


@contextmanager
def home_server() -> Iterator[HomeServer]:
    server = HomeServer(f"127.0.0.1:{free_port()}")
    port = int(server.host.rsplit(":", 1)[1])
    config = uvicorn.Config(_app(server), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:  # waiting for the socket, not measuring anything
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the fake home server did not start")
        time.sleep(0.05)
    try:
        yield server
    finally:
        running.should_exit = True
        thread.join(timeout=SLOW_SECONDS + 5)
