"""Three real `buurtnode serve` processes on loopback sockets federate with each other."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from node.app import init_node
from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.config import load
from node.storage import Database
from tests.conftest import PASSWORD, RunningNode, csrf_from, free_port, start_node

pytestmark = pytest.mark.multinode
DEADLINE = 20.0
NODES = (("Beekveld-Noord", "wijk"), ("Beekveld-Zuid", "wijk"), ("Gemeente Beekveld", "gemeente"))


@pytest.fixture
def three_nodes(tmp_path: Path) -> Iterator[dict[str, RunningNode]]:
    nodes: dict[str, RunningNode] = {}
    try:
        for name, kind in NODES:
            port = free_port()
            data = tmp_path / name.replace(" ", "")
            init_node(data, url=f"http://127.0.0.1:{port}", name=name, kind=kind, dev=True)
            asyncio.run(_add_admin(data))
            nodes[name] = start_node(data, port)
        yield nodes
    finally:
        for node in nodes.values():
            node.stop()


async def _add_admin(data: Path) -> None:
    settings = load(data)
    db = Database(settings.database_path)
    await db.open()
    try:
        identity = NodeIdentity(settings.name, settings.kind, settings.url)
        await Neighbourhood(db, system_clock, identity).members.add("beheer", PASSWORD, "admin")
    finally:
        await db.close()


def _rows(node: RunningNode, table: str) -> list[tuple[str, str]]:
    """Read the node's own tables (a separate reader; the node keeps writing in WAL mode)."""
    conn = sqlite3.connect(node.settings.database_path)
    try:
        return list(conn.execute(f"SELECT actor_uri, state FROM {table} ORDER BY actor_uri"))
    finally:
        conn.close()


def _eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {DEADLINE}s: {what}")


async def _follow(by: RunningNode, handle: str) -> None:
    """As an admin in a browser: log in, open Beheer → Federatie, follow by handle."""
    async with httpx.AsyncClient(base_url=by.url) as http:
        token = await csrf_from(http, "/inloggen")
        login = await http.post(
            "/inloggen", data={"username": "beheer", "password": PASSWORD, "csrf_token": token}
        )
        assert login.status_code == 303
        token = await csrf_from(http, "/beheer/federatie")
        response = await http.post(
            "/beheer/federatie/volgen", data={"address": handle, "csrf_token": token}
        )
        assert response.status_code == 303, response.text


def test_the_municipality_and_a_neighbour_follow_a_node_by_handle(
    three_nodes: dict[str, RunningNode],
) -> None:
    """Given three nodes on real sockets, when the municipality and Zuid follow Noord by
    handle, then both get Noord's Accept and the lists on every side agree."""
    noord = three_nodes["Beekveld-Noord"]
    zuid = three_nodes["Beekveld-Zuid"]
    gemeente = three_nodes["Gemeente Beekveld"]
    noord_handle = f"{noord.settings.handle}@{noord.settings.host}"
    assert noord_handle.startswith("beekveldnoord@127.0.0.1:")
    noord_actor = f"{noord.url}/ap/actor"

    for follower in (gemeente, zuid):
        asyncio.run(_follow(follower, noord_handle))
    for follower in (gemeente, zuid):
        _eventually(
            lambda f=follower: _rows(f, "federation_following") == [(noord_actor, "accepted")],
            f"{follower.settings.name} gets Noord's Accept",
        )
    expected = sorted(
        [(f"{zuid.url}/ap/actor", "accepted"), (f"{gemeente.url}/ap/actor", "accepted")]
    )
    _eventually(lambda: _rows(noord, "federation_followers") == expected, "Noord lists both")
    ap = {"Accept": "application/activity+json"}
    assert httpx.get(f"{noord.url}/ap/followers", headers=ap).json()["totalItems"] == 2
    assert httpx.get(f"{gemeente.url}/ap/following", headers=ap).json()["totalItems"] == 1
    assert _rows(noord, "federation_following") == []
    for node in three_nodes.values():
        assert "Traceback" not in node.log_path.read_text()
