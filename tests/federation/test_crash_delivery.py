"""A node killed with deliveries queued for a peer that is down delivers each one, once,
after both come back (real processes, real sockets, SIGKILL)."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from node.app import init_node
from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.config import CONFIG_FILE, load
from node.storage import Database
from tests.conftest import PASSWORD, RunningNode, csrf_from, free_port, start_node

pytestmark = pytest.mark.multinode
DEADLINE = 20.0
PAGE = "/beheer/federatie"


def _make_node(folder: Path, name: str, port: int) -> Path:
    init_node(folder, url=f"http://127.0.0.1:{port}", name=name, kind="wijk", dev=True)
    # Retries a fifth of a second apart instead of a minute, so the test waits briefly.
    with (folder / CONFIG_FILE).open("a", encoding="utf-8") as config:
        config.write("\n[federation]\nretry_base_seconds = 0.2\n")
    assert load(folder).retry_base_seconds == 0.2
    asyncio.run(_add_admin(folder))
    return folder


async def _add_admin(data: Path) -> None:
    settings = load(data)
    db = Database(settings.database_path)
    await db.open()
    try:
        identity = NodeIdentity(settings.name, settings.kind, settings.url)
        await Neighbourhood(db, system_clock, identity).members.add("beheer", PASSWORD, "admin")
    finally:
        await db.close()


@pytest.fixture
def two_nodes(tmp_path: Path) -> Iterator[dict[str, Any]]:
    ports = {"a": free_port(), "b": free_port()}
    folders = {
        "a": _make_node(tmp_path / "a", "Beekveld-Noord", ports["a"]),
        "b": _make_node(tmp_path / "b", "Oosterbroek", ports["b"]),
    }
    running: dict[str, RunningNode] = {}
    nodes = {"ports": ports, "folders": folders, "running": running}
    try:
        for key in ("a", "b"):
            running[key] = start_node(folders[key], ports[key])
        yield nodes
    finally:
        for node in running.values():
            node.stop()


def _query(node: RunningNode, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the node's tables with a separate reader; the node keeps writing (WAL)."""
    conn = sqlite3.connect(node.settings.database_path)
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()


def _eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {DEADLINE}s: {what}")


def _admin_post(node: RunningNode, path: str, data: dict[str, str]) -> None:
    """As an admin in a browser: log in, open Beheer → Federatie, submit one form."""

    async def run() -> None:
        async with httpx.AsyncClient(base_url=node.url) as http:
            token = await csrf_from(http, "/inloggen")
            login = await http.post(
                "/inloggen",
                data={"username": "beheer", "password": PASSWORD, "csrf_token": token},
            )
            assert login.status_code == 303
            token = await csrf_from(http, PAGE)
            response = await http.post(PAGE + path, data={**data, "csrf_token": token})
            assert response.status_code == 303, response.text

    asyncio.run(run())


def test_queued_deliveries_survive_a_kill_and_arrive_once(two_nodes: dict[str, Any]) -> None:
    """Given A follows B and B asked to follow A (A approves followers by hand), when B is
    down, A accepts B and stops following B, and A is killed with both deliveries still
    queued, then after A and B restart each activity reaches B exactly once and A's queue
    ends delivered."""
    running: dict[str, RunningNode] = two_nodes["running"]
    a, b = running["a"], running["b"]
    a_actor, b_actor = f"{a.url}/ap/actor", f"{b.url}/ap/actor"
    b_inbox = f"{b.url}/ap/inbox"

    _admin_post(a, "/goedkeuring", {"manual": "1"})
    _admin_post(a, "/volgen", {"address": f"{b.settings.handle}@{b.settings.host}"})
    _eventually(
        lambda: _query(a, "SELECT state FROM federation_following") == [("accepted",)],
        "A follows B",
    )
    _admin_post(b, "/volgen", {"address": a_actor})
    _eventually(
        lambda: (
            _query(a, "SELECT actor_uri, state FROM federation_followers") == [(b_actor, "pending")]
        ),
        "B's follow request waits at A",
    )

    b.stop()
    _admin_post(a, "/volgers/accepteren", {"actor": b_actor})
    _admin_post(a, "/ontvolgen", {"actor": b_actor})
    queued_sql = "SELECT activity_id, state, tries FROM deliveries WHERE inbox = ? ORDER BY id"
    _eventually(
        lambda: (
            [(state, tries > 0) for _, state, tries in _query(a, queued_sql, (b_inbox,))[-2:]]
            == [("pending", True), ("pending", True)]
        ),
        "A tried both deliveries and keeps them queued",
    )
    queued = [row[0] for row in _query(a, queued_sql, (b_inbox,))[-2:]]
    a.process.kill()  # SIGKILL: no shutdown code runs
    a.process.wait()

    running["a"] = a = start_node(two_nodes["folders"]["a"], two_nodes["ports"]["a"])
    running["b"] = b = start_node(two_nodes["folders"]["b"], two_nodes["ports"]["b"])
    _eventually(
        lambda: _query(a, "SELECT DISTINCT state FROM deliveries") == [("delivered",)],
        "every delivery of A ends delivered",
    )
    stored_sql = (
        "SELECT activity_id, type, COUNT(*) FROM inbox_activities"
        " WHERE activity_id IN (?, ?) GROUP BY activity_id ORDER BY id"
    )
    _eventually(lambda: len(_query(b, stored_sql, tuple(queued))) == 2, "B stored both")
    # Independent activities: after a restart either may be due first.
    assert sorted(_query(b, stored_sql, tuple(queued))) == sorted(
        [(queued[0], "Accept", 1), (queued[1], "Undo", 1)]
    )
    _eventually(
        lambda: (
            _query(b, "SELECT actor_uri, state FROM federation_following")
            == [(a_actor, "accepted")]
        ),
        "B learns that A accepted it",
    )
    _eventually(
        lambda: _query(b, "SELECT actor_uri FROM federation_followers") == [],
        "B learns that A stopped following",
    )
    for node in (a, b):
        assert "Traceback" not in node.log_path.read_text()
