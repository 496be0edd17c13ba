"""A node killed with deliveries queued for a peer that is down delivers each one, once,
after both come back; a node killed again and again in the middle of a fan-out loses
nothing and re-sends at most the requests it had in flight (real processes, real sockets,
SIGKILL)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from node.community.clock import iso, system_clock
from node.config import load
from node.federation.delivery import CONCURRENCY
from node.storage import Database
from node.storage.federation import queues
from tests.conftest import RunningNode, free_port
from tests.federation.real_nodes import (
    actor,
    eventually,
    handle,
    in_thread,
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


INBOXES = 200
ACTIVITIES = 10  # each to every inbox: 2,000 requests
KILLS = 10
SINK = Path(__file__).resolve().parents[2] / "bench" / "sink.py"


@pytest.fixture
def sink() -> Iterator[str]:
    """bench/sink.py in its own process: 200 inboxes that count every receipt and answer
    after 50 ms, like a busy server, so a kill finds requests in flight."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(SINK), "--port", str(port), "--inboxes", str(INBOXES)]
        + ["--delay", "0.05"]
    )
    url = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(eventually(lambda: _receipts(url) is not None, "the sink answers"))
        yield url
    finally:
        process.terminate()
        process.wait()


def _receipts(sink: str) -> Counter[str] | None:
    try:
        return Counter(httpx.get(f"{sink}/receipts", timeout=10).json())
    except httpx.TransportError:
        return None


async def _queue_fan_out(node: RunningNode, sink: str) -> set[str]:
    """Queue ten activities for 200 inboxes, as the publisher does for a big gemeente."""
    db = Database(node.settings.database_path)
    await db.open()
    now, expected = iso(system_clock()), set()
    try:
        async with db.transaction() as tx:
            for n in range(ACTIVITIES):
                activity_id = f"{node.url}/ap/activities/fan-out-{n}"
                body = json.dumps({"id": activity_id, "type": "Create", "actor": actor(node)})
                for k in range(INBOXES):
                    await queues.insert_delivery(tx, activity_id, f"{sink}/inbox/{k}", body, now)
                    expected.add(f"/inbox/{k} {activity_id}")
    finally:
        await db.close()
    return expected


def _pending(node: RunningNode) -> int:
    return query(node, "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")[0][0]


async def _kill_during_fan_out(node: RunningNode, sink: str) -> list[Counter[str]]:
    """Kill the node ten times, each after 150 more receipts; returns what the sink had
    received at each kill and, last, once the node finished."""
    seen: list[Counter[str]] = []
    for _ in range(KILLS):
        node = restart(node)
        before = sum(seen[-1].values()) if seen else 0

        def progressed(before: int = before) -> bool:
            return sum((_receipts(sink) or Counter()).values()) >= before + 150

        await eventually(progressed, "the node delivers again after a restart", within=60)
        node.process.kill()  # SIGKILL in the middle of the fan-out: no shutdown code runs
        node.process.wait()
        seen.append(_receipts(sink) or Counter())
        assert _pending(node) > 0, "killed before the fan-out was done"
    node = restart(node)
    try:
        await eventually(lambda: _pending(node) == 0, "every delivery done", within=60)
        seen.append(_receipts(sink) or Counter())
    finally:
        node.stop()
    no_tracebacks(node)
    return seen


def test_kills_during_a_fan_out_lose_nothing_and_resend_only_what_was_in_flight(
    tmp_path: Path, sink: str
) -> None:
    """Given a node with 2,000 deliveries queued for 200 inboxes, when it is killed ten
    times mid-delivery and restarted, then every inbox receives every activity, and after
    each kill at most CONCURRENCY requests that had already arrived arrive again."""
    node = make_node(tmp_path / "gemeente", name="Gemeente Beekveld", kind="gemeente")
    node.stop()
    expected = in_thread(asyncio.run, _queue_fan_out(node, sink))
    seen = asyncio.run(_kill_during_fan_out(node, sink))
    final = seen[-1]
    assert set(final) == expected  # nothing lost, nothing else sent
    duplicates = [sum(seen[k + 1][key] - seen[k][key] for key in seen[k]) for k in range(KILLS)]
    print(f"duplicates per kill (at most {CONCURRENCY}): {duplicates}")
    assert max(duplicates) <= CONCURRENCY, duplicates
    assert sum(final.values()) - len(expected) == sum(duplicates)
