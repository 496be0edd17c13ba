"""Every activity the inbox answered 202 for is on disk, even when the node is killed right
after a burst (group commit: the 202 waits for the commit that holds it). Real processes,
real sockets, real signatures, SIGKILL."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from node.app import init_node
from node.config import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE
from node.federation.ids import Ids
from node.federation.keys import NodeKey
from node.federation.signatures import sign_request
from tests.conftest import RunningNode, free_port, start_node

pytestmark = pytest.mark.multinode
BURST = 300
CONNECTIONS = 16


@pytest.fixture
def sender_and_receiver(tmp_path: Path) -> Iterator[tuple[RunningNode, RunningNode]]:
    running = []
    try:
        for name in ("Beekveld-Noord", "Oosterbroek"):
            port = free_port()
            folder = tmp_path / name.lower()
            init_node(folder, url=f"http://127.0.0.1:{port}", name=name, kind="wijk", dev=True)
            running.append(start_node(folder, port))
        yield running[0], running[1]
    finally:
        for node in running:
            node.stop()


async def _burst(sender: RunningNode, inbox: str) -> list[str]:
    """POST BURST signed activities, CONNECTIONS at a time; the ids answered with 202."""
    ids = Ids(sender.url)
    data = sender.settings.data_dir
    key = NodeKey.load(data / PRIVATE_KEY_FILE, data / PUBLIC_KEY_FILE, ids.key)
    queue = list(range(BURST))
    acknowledged: list[str] = []

    async def connection(http: httpx.AsyncClient) -> None:
        while queue:  # bounded: every round takes one item off the queue
            number = queue.pop()
            activity_id = f"{ids.actor}/burst/{number}"
            activity = {
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": activity_id,
                "type": "Like",
                "actor": ids.actor,
                "object": "http://127.0.0.1:9/objects/elsewhere",
            }
            request = http.build_request("POST", inbox, content=json.dumps(activity).encode())
            request.headers["Content-Type"] = "application/activity+json"
            sign_request(request, key.secret, datetime.now(UTC))
            response = await http.send(request)
            if response.status_code == 202 and response.json()["status"] == "accepted":
                acknowledged.append(activity_id)

    async with httpx.AsyncClient(timeout=20) as http:
        await asyncio.gather(*(connection(http) for _ in range(CONNECTIONS)))
    return acknowledged


def test_every_acknowledged_activity_survives_a_kill(
    sender_and_receiver: tuple[RunningNode, RunningNode],
) -> None:
    sender, receiver = sender_and_receiver
    acknowledged = asyncio.run(_burst(sender, f"{receiver.url}/ap/inbox"))
    receiver.process.kill()  # SIGKILL: no shutdown, no final commit
    receiver.process.wait()
    assert len(acknowledged) == BURST
    conn = sqlite3.connect(receiver.settings.database_path)
    try:
        stored = {row[0] for row in conn.execute("SELECT activity_id FROM inbox_activities")}
    finally:
        conn.close()
    assert set(acknowledged) <= stored
