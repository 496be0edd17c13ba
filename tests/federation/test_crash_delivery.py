"""A node killed with deliveries queued for a peer that is down delivers each one, once,
after both come back (real processes, real sockets, SIGKILL)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from node.config import load
from tests.conftest import RunningNode
from tests.federation.real_nodes import (
    actor,
    eventually,
    handle,
    logged_in,
    make_node,
    no_tracebacks,
    query,
    restart,
    submit,
)

pytestmark = pytest.mark.multinode
PAGE = "/beheer/federatie"
# Retries a fifth of a second apart instead of a minute, so the test waits briefly.
FAST_RETRIES = "[federation]\nretry_base_seconds = 0.2"


@pytest.fixture
def two_nodes(tmp_path: Path) -> Iterator[dict[str, RunningNode]]:
    """A and B; the test replaces them in the dict when it restarts them."""
    running: dict[str, RunningNode] = {}
    try:
        for key, name in (("a", "Beekveld-Noord"), ("b", "Oosterbroek")):
            running[key] = make_node(tmp_path / key, name=name, config=FAST_RETRIES)
            assert load(tmp_path / key).retry_base_seconds == 0.2
        yield running
    finally:
        for node in running.values():
            node.stop()


async def _admin_post(node: RunningNode, path: str, data: dict[str, str]) -> None:
    """As an admin in a browser: log in, open Beheer → Federatie, submit one form."""
    http = await logged_in(node, "beheer")
    try:
        await submit(http, PAGE + path, PAGE, data)
    finally:
        await http.aclose()


async def _story(running: dict[str, RunningNode]) -> None:
    a, b = running["a"], running["b"]
    b_inbox = f"{b.url}/ap/inbox"

    await _admin_post(a, "/goedkeuring", {"manual": "1"})
    await _admin_post(a, "/volgen", {"address": handle(b)})
    await eventually(
        lambda: query(a, "SELECT state FROM federation_following") == [("accepted",)],
        "A follows B",
    )
    await _admin_post(b, "/volgen", {"address": actor(a)})
    await eventually(
        lambda: (
            query(a, "SELECT actor_uri, state FROM federation_followers") == [(actor(b), "pending")]
        ),
        "B's follow request waits at A",
    )

    b.stop()
    await _admin_post(a, "/volgers/accepteren", {"actor": actor(b)})
    await _admin_post(a, "/ontvolgen", {"actor": actor(b)})
    queued_sql = "SELECT activity_id, state, tries FROM deliveries WHERE inbox = ? ORDER BY id"
    await eventually(
        lambda: (
            [(state, tries > 0) for _, state, tries in query(a, queued_sql, b_inbox)[-2:]]
            == [("pending", True), ("pending", True)]
        ),
        "A tried both deliveries and keeps them queued",
    )
    queued = [row[0] for row in query(a, queued_sql, b_inbox)[-2:]]
    a.process.kill()  # SIGKILL: no shutdown code runs
    a.process.wait()

    running["a"] = a = restart(a)
    running["b"] = b = restart(b)
    await eventually(
        lambda: query(a, "SELECT DISTINCT state FROM deliveries") == [("delivered",)],
        "every delivery of A ends delivered",
    )
    stored_sql = (
        "SELECT activity_id, type, COUNT(*) FROM inbox_activities"
        " WHERE activity_id IN (?, ?) GROUP BY activity_id ORDER BY id"
    )
    await eventually(lambda: len(query(b, stored_sql, *queued)) == 2, "B stored both")
    # Independent activities: after a restart either may be due first.
    assert sorted(query(b, stored_sql, *queued)) == sorted(
        [(queued[0], "Accept", 1), (queued[1], "Undo", 1)]
    )
    await eventually(
        lambda: (
            query(b, "SELECT actor_uri, state FROM federation_following")
            == [(actor(a), "accepted")]
        ),
        "B learns that A accepted it",
    )
    await eventually(
        lambda: query(b, "SELECT actor_uri FROM federation_followers") == [],
        "B learns that A stopped following",
    )


def test_queued_deliveries_survive_a_kill_and_arrive_once(
    two_nodes: dict[str, RunningNode],
) -> None:
    """Given A follows B and B asked to follow A (A approves followers by hand), when B is
    down, A accepts B and stops following B, and A is killed with both deliveries still
    queued, then after A and B restart each activity reaches B exactly once and A's queue
    ends delivered."""
    asyncio.run(_story(two_nodes))
    no_tracebacks(*two_nodes.values())
