"""Fan-out: how long one public activity takes to reach 1,000 followers on N shared inboxes.

Run as `python bench/fanout.py FOLDER --sink http://127.0.0.1:PORT [--followers 1000]
[--inboxes 200]`; prints one JSON object. It makes a node in FOLDER, writes the followers
straight into its database through the storage layer (follower k lives on shared inbox
`SINK/inbox/{k % N}`), then runs the node in this process (its real delivery worker and
HTTP client), publishes one Note and waits until no delivery is pending. For scale it
also times signing N requests alone in the same process, which is the floor: delivery
must sign once per shared inbox (PERF.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx

from node.app import create_app, init_node
from node.community.clock import iso, system_clock
from node.config import Settings
from node.federation.signatures import sign_request
from node.storage import Database
from node.storage.federation import actors as actors_store
from node.storage.federation import queues

POLL_SECONDS = 0.002


async def add_followers(settings: Settings, sink: str, followers: int, inboxes: int) -> None:
    db = Database(settings.database_path)
    await db.open()
    try:
        now = iso(system_clock())
        async with db.transaction() as tx:
            for k in range(followers):
                uri = f"{sink}/users/f{k}"
                await actors_store.upsert_actor(
                    tx,
                    uri=uri,
                    host=sink.split("//")[1],
                    handle=f"f{k}@{sink.split('//')[1]}",
                    name=f"Follower {k}",
                    type="Person",
                    inbox=f"{uri}/inbox",
                    shared_inbox=f"{sink}/inbox/{k % inboxes}",
                    key_id=f"{uri}#main-key",
                    public_key_pem="",
                    fetched_at=now,
                )
                await actors_store.put_follower(tx, uri, f"{uri}/follows/1", "accepted", now)
    finally:
        await db.close()


async def measure(settings: Settings) -> dict[str, Any]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        fed = app.state.federation
        db = app.state.hood.db
        note = {"type": "Note", "content": "<p>Buurtsoep op zaterdag in De Horst.</p>"}
        # Warm up: the first signature imports bovine; a running node has paid for it.
        warm = httpx.Request("POST", f"{settings.url}/inbox", content=b"{}")
        sign_request(warm, fed.key.secret, system_clock())

        started, cpu = time.perf_counter(), time.process_time()
        activity = await fed.publisher.publish({"type": "Create", "object": note})
        while await queues.next_delivery_at(db) is not None:
            await asyncio.sleep(POLL_SECONDS)
        deliver_seconds = time.perf_counter() - started
        deliver_cpu = time.process_time() - cpu

        rows = [r for r in await queues.all_deliveries(db) if r["activity_id"] == activity["id"]]
        states: dict[str, int] = {}
        for row in rows:
            states[row["state"]] = states.get(row["state"], 0) + 1
        body = json.dumps(activity, ensure_ascii=False, separators=(",", ":")).encode()
        requests = [httpx.Request("POST", row["inbox"], content=body) for row in rows]
        started, cpu = time.perf_counter(), time.process_time()
        for request in requests:
            sign_request(request, fed.key.secret, system_clock())
        sign_seconds = time.perf_counter() - started
        sign_cpu = time.process_time() - cpu
    return {
        "deliver_seconds": deliver_seconds,
        "sign_seconds": sign_seconds,
        # This process's CPU time for each: what a busy machine moves least.
        "deliver_cpu_seconds": deliver_cpu,
        "sign_cpu_seconds": sign_cpu,
        "delivery_rows": len(rows),
        "states": states,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sink", required=True)
    parser.add_argument("--followers", type=int, default=1000)
    parser.add_argument("--inboxes", type=int, default=200)
    args = parser.parse_args()
    settings = init_node(
        args.folder,
        url="http://127.0.0.1:9",  # never served: the node only sends here
        name="Gemeente Beekveld",
        kind="gemeente",
        dev=True,
    )
    asyncio.run(add_followers(settings, args.sink, args.followers, args.inboxes))
    result = asyncio.run(measure(settings))
    print(json.dumps({"followers": args.followers, "inboxes": args.inboxes, **result}))


if __name__ == "__main__":
    main()
