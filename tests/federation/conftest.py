"""A fake network in one process: several nodes (and remote fediverse actors) reached by
host through one httpx transport that records every request; settle() drains queues."""

from __future__ import annotations

import asyncio
import copy
import json
import shutil
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from node.app import create_app, init_node
from node.config import Settings, load
from node.federation.node import Federation
from tests.conftest import MovableClock
from tests.signed_requests import signed, signed_9421

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fedi"
NODES = {
    "noord": ("Beekveld-Noord", "wijk", 8101),
    "zuid": ("Beekveld-Zuid", "wijk", 8102),
    "gemeente": ("Gemeente Beekveld", "gemeente", 8103),
}


def fixture(path: str) -> dict[str, Any]:
    return json.loads((FIXTURES / path).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


class FakeNetwork(httpx.AsyncBaseTransport):
    """Routes each request by host to an ASGI app; records what was sent."""

    def __init__(self) -> None:
        self.apps: dict[str, Starlette] = {}
        self.sent: list[httpx.Request] = []
        self.down: set[str] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        host = request.url.netloc.decode()
        if host not in self.apps or host in self.down:
            raise httpx.ConnectError(f"no route to {host}", request=request)
        return await httpx.ASGITransport(app=self.apps[host]).handle_async_request(request)

    def posts_to(self, url: str) -> list[dict[str, Any]]:
        return [
            json.loads(r.content) for r in self.sent if r.method == "POST" and str(r.url) == url
        ]


@dataclass
class Node:
    app: Starlette
    settings: Settings

    @property
    def fed(self) -> Federation:
        return self.app.state.federation  # type: ignore[no-any-return]

    @property
    def handle(self) -> str:
        return f"{self.settings.handle}@{self.settings.host}"

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url=self.settings.url
        )


@dataclass
class RemoteActor:
    """A fediverse account on another server: a recorded actor document with our test key."""

    doc: dict[str, Any]
    key: rsa.RSAPrivateKey
    inbox_posts: list[dict[str, Any]] = field(default_factory=list)
    status: int = 202
    # Seconds each next request takes before it is recorded (a slow server).
    delays: list[float] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.doc["id"])

    @property
    def host(self) -> str:
        return httpx.URL(self.id).netloc.decode()

    def routes(self) -> list[Route]:
        async def actor(request: Request) -> Response:
            return JSONResponse(self.doc, media_type="application/activity+json")

        async def inbox(request: Request) -> Response:
            body = await request.body()
            if self.delays:
                await asyncio.sleep(self.delays.pop(0))
            self.inbox_posts.append(json.loads(body))
            return Response(status_code=self.status)

        paths = {httpx.URL(self.id).path: actor}
        for url in (self.doc["inbox"], self.doc.get("endpoints", {}).get("sharedInbox")):
            if url:
                paths[httpx.URL(url).path] = inbox
        return [Route(p, h, methods=["GET"] if h is actor else ["POST"]) for p, h in paths.items()]

    def signed(
        self, url: str, body: bytes, now: datetime, key_id: str | None = None
    ) -> httpx.Request:
        return signed(url, body, key_id or self.doc["publicKey"]["id"], self.key, now)

    def signed_9421(self, url: str, body: bytes, now: datetime) -> httpx.Request:
        return signed_9421(url, body, self.doc["publicKey"]["id"], self.key, now)


@dataclass
class Network:
    transport: FakeNetwork
    clock: MovableClock
    nodes: dict[str, Node]
    remotes: dict[str, RemoteActor] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Node:
        return self.nodes[name]

    async def settle(self, max_rounds: int = 50) -> None:
        """Run every node's queues until two rounds in a row do nothing."""
        quiet = 0
        for _ in range(max_rounds):
            done = 0
            for node in self.nodes.values():
                done += await node.fed.run_queues_once()
            quiet = quiet + 1 if done == 0 else 0
            if quiet == 2:
                return
        raise AssertionError("the queues did not settle")

    def remote(self, doc: dict[str, Any]) -> RemoteActor:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        doc = copy.deepcopy(doc)
        doc["publicKey"]["publicKeyPem"] = pem.decode()
        actor = RemoteActor(doc, key)
        self.remotes[actor.id] = actor
        # Every account on one server is served by one app (they share its inbox).
        same_host = [a for a in self.remotes.values() if a.host == actor.host]
        self.transport.apps[actor.host] = Starlette(
            routes=[route for a in same_host for route in a.routes()]
        )
        return actor

    async def deliver(self, request: httpx.Request) -> httpx.Response:
        async with httpx.AsyncClient(transport=self.transport) as http:
            return await http.send(request)


@pytest.fixture(scope="session")
def node_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folders = {}
    for name, (title, kind, port) in NODES.items():
        folder = tmp_path_factory.mktemp("federation") / name
        init_node(folder, url=f"http://127.0.0.1:{port}", name=title, kind=kind, dev=True)
        folders[name] = folder
    return folders


@pytest.fixture
async def network(tmp_path: Path, node_templates: dict[str, Path]) -> AsyncIterator[Network]:
    transport, clock = FakeNetwork(), MovableClock(datetime(2025, 5, 1, 12, 0, tzinfo=UTC))
    nodes = {}
    async with AsyncExitStack() as stack:
        for name, template in node_templates.items():
            folder = tmp_path / name
            shutil.copytree(template, folder)
            settings = load(folder)
            app = create_app(settings, clock, http_transport=transport)
            await stack.enter_async_context(app.router.lifespan_context(app))
            transport.apps[settings.host] = app
            nodes[name] = Node(app, settings)
        yield Network(transport, clock, nodes)


@pytest.fixture
def mastodon_user(network: Network) -> RemoteActor:
    return network.remote(fixture("mastodon/objects/person.json"))
