"""A simulated municipality: one gemeente node ingesting what 100 neighbourhoods publish.

Usage: python bench/municipality.py [--nodes 100] [--initiatives 1000] [--activities 500]
[--concurrency 16] [--json FILE]; `make bench-municipality` runs it at full size (150,000
activities), a smaller run takes flags (`--nodes 10 --initiatives 50 --activities 25`).

This process is the simulator: one uvicorn server on 127.0.0.1 hosts N neighbourhood
actors, each with its own RSA key, WebFinger, actor document (a Buurtnode wijk), an empty
outbox and an inbox that answers the gemeente's Follow with a signed Accept. A real
gemeente node (`buurtnode serve`, its own process) follows all N through its admin page,
as its admin would. Then every actor publishes initiatives (Create{Page}) and activities
(Create{Event}), signed on every core in rounds of 20,000 just before each is sent
(signing is the senders' work, not the gemeente's; a Date must stay within the node's
hour), POSTed to the gemeente's shared inbox with `--concurrency` in flight.

Reported: activities accepted (202) per second of sending; processed per second and the
time from the first POST until the gemeente's queue is empty (signing pauses between
rounds included, so a little low); p50/p99 of the gemeente dashboard (/gemeente, signed in as
its admin) and In de buurt (/in-de-buurt, anonymous), each fetched one after another while
ingesting and afterwards; the gemeente's RSS. Finally every id is checked: each activity
answered 202 is stored, processed and its object is in the gemeente's remote content.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from servers import free_port  # noqa: E402

from tests.federation.real_nodes import logged_in, make_node, submit  # noqa: E402
from tests.signed_requests import signed  # noqa: E402

AS = "https://www.w3.org/ns/activitystreams"
PUBLIC = f"{AS}#Public"
PROBE_GAP = 0.5  # seconds between two looks at one page while ingesting (a few people)
AFTER_PROBES = 100  # requests per page once everything is in
DRAIN_LIMIT = 3 * 3600.0  # seconds: give up waiting for the queue to empty
# Signed in rounds of this many activities, each just before it is sent: a signature's Date
# must stay within the node's hour, and a slow full run takes longer than that.
ROUND = 20_000


def context(base: str) -> list[Any]:
    return [
        AS,
        "https://w3id.org/security/v1",
        {
            "buurtnode": f"{base}/ns#",
            "nodeKind": "buurtnode:nodeKind",
            "status": "buurtnode:status",
        },
    ]


class Neighbourhoods:
    """N actors on one server: their documents, keys and the Accepts they owe."""

    def __init__(self, count: int, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.port = port
        self.keys = [
            rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(count)
        ]
        self.accepted: set[str] = set()  # follows answered
        self.tasks: set[asyncio.Task[None]] = set()

    def actor(self, k: int) -> str:
        return f"{self.base}/wijken/{k}"

    def pem(self, k: int, private: bool = False) -> bytes:
        if private:
            return self.keys[k].private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        return (
            self.keys[k]
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )

    def document(self, k: int) -> dict[str, Any]:
        uri = self.actor(k)
        return {
            "@context": context(self.base),
            "id": uri,
            "type": "Group",
            "preferredUsername": f"wijk{k}",
            "name": f"Wijk {k}",
            "nodeKind": "wijk",
            "inbox": f"{uri}/inbox",
            "outbox": f"{uri}/outbox",
            "endpoints": {"sharedInbox": f"{self.base}/inbox"},
            "publicKey": {
                "id": f"{uri}#main-key",
                "owner": uri,
                "publicKeyPem": self.pem(k).decode(),
            },
        }

    def app(self) -> Starlette:
        async def webfinger(request: Request) -> Response:
            name = request.query_params.get("resource", "").removeprefix("acct:").split("@")[0]
            if (
                not name.startswith("wijk")
                or not name[4:].isdigit()
                or int(name[4:]) >= len(self.keys)
            ):
                return JSONResponse({}, 404)
            href = self.actor(int(name[4:]))
            links = [{"rel": "self", "type": "application/activity+json", "href": href}]
            return JSONResponse({"subject": f"acct:{name}@127.0.0.1:{self.port}", "links": links})

        async def actor(request: Request) -> Response:
            k = int(request.path_params["k"])
            body = json.dumps(self.document(k))
            return Response(body, media_type="application/activity+json")

        async def outbox(request: Request) -> Response:
            page = {"type": "OrderedCollectionPage", "orderedItems": []}
            collection = {
                "@context": AS,
                "type": "OrderedCollection",
                "totalItems": 0,
                "first": page,
            }
            return JSONResponse(collection, media_type="application/activity+json")

        async def inbox(request: Request) -> Response:
            activity = json.loads(await request.body())
            if activity.get("type") == "Follow" and isinstance(activity.get("object"), str):
                k = int(activity["object"].rsplit("/", 1)[1])
                task = asyncio.create_task(self._accept(k, activity))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
            return JSONResponse({}, 202)

        return Starlette(
            routes=[
                Route("/.well-known/webfinger", webfinger),
                Route("/wijken/{k:int}", actor),
                Route("/wijken/{k:int}/outbox", outbox),
                Route("/wijken/{k:int}/inbox", inbox, methods=["POST"]),
                Route("/inbox", inbox, methods=["POST"]),
            ]
        )

    async def _accept(self, k: int, follow: dict[str, Any]) -> None:
        gemeente = follow["actor"]
        accept = {
            "@context": AS,
            "id": f"{self.actor(k)}/accepts/{len(self.accepted)}",
            "type": "Accept",
            "actor": self.actor(k),
            "object": follow,
        }
        body = json.dumps(accept).encode()
        inbox = gemeente.rsplit("/", 1)[0] + "/inbox"  # the node's actor is BASE/ap/actor
        request = signed(inbox, body, f"{self.actor(k)}#main-key", self.keys[k], datetime.now(UTC))
        async with httpx.AsyncClient(timeout=30) as http:
            response = await http.send(request)
        if response.status_code == 202:
            self.accepted.add(self.actor(k))


# --- what the neighbourhoods publish, signed on every core a round at a time ------------

_key: Any = None


def _load_key(pem: bytes) -> None:
    global _key
    _key = serialization.load_pem_private_key(pem, None, unsafe_skip_rsa_key_validation=True)


def _sign(job: tuple[str, str, str, int, int, int]) -> list[tuple[str, dict[str, str], bytes]]:
    """(activity id, headers, body) for one actor's items `first` to `last`: its
    initiatives are numbered first, then its activities."""
    base, actor, inbox, initiatives, first, last = job
    start = datetime.now(UTC) + timedelta(days=7)
    out = []
    for n in range(first, last):
        object_id = f"{actor}/objects/{n}"
        if n < initiatives:
            thing: dict[str, Any] = {
                "type": "Page",
                "name": f"Initiatief {n}",
                "content": f"<p>Plan {n} van deze wijk: wie doet mee?</p>",
                "status": "seeking",
            }
        else:
            begins = start + timedelta(hours=n)
            thing = {
                "type": "Event",
                "name": f"Activiteit {n}",
                "content": f"<p>Bijeenkomst {n} in het buurthuis.</p>",
                "startTime": begins.isoformat(),
                "endTime": (begins + timedelta(hours=2)).isoformat(),
            }
        published = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        thing |= {"id": object_id, "attributedTo": actor, "published": published, "to": [PUBLIC]}
        activity = {
            "@context": context(base),
            "id": f"{actor}/activities/{n}",
            "type": "Create",
            "actor": actor,
            "to": [PUBLIC],
            "object": thing,
        }
        body = json.dumps(activity, separators=(",", ":")).encode()
        request = signed(inbox, body, f"{actor}#main-key", _key, datetime.now(UTC))
        out.append((activity["id"], dict(request.headers), body))
    return out


def _sign_one_actor(job: tuple[bytes, tuple[str, str, str, int, int, int]]) -> list[Any]:
    _load_key(job[0])
    return _sign(job[1])


def sign_round(
    hoods: Neighbourhoods, inbox: str, initiatives: int, first: int, last: int
) -> list[Any]:
    """Every actor's items `first` to `last`, signed on every core."""
    jobs = [
        (hoods.pem(k, private=True), (hoods.base, hoods.actor(k), inbox, initiatives, first, last))
        for k in range(len(hoods.keys))
    ]
    with ProcessPoolExecutor(max(1, len(os.sched_getaffinity(0)))) as pool:
        per_actor = list(pool.map(_sign_one_actor, jobs))
    # Interleaved, as many neighbourhoods publish at the same time.
    return [batch[i] for i in range(last - first) for batch in per_actor]


async def publish_all(
    hoods: Neighbourhoods, inbox: str, args: argparse.Namespace
) -> tuple[list[str], float, float]:
    """Sign a round, send it, and on to the next: (acknowledged ids, seconds sending,
    seconds signing)."""
    per_actor = args.initiatives + args.activities
    step = max(1, ROUND // len(hoods.keys))
    acknowledged: list[str] = []
    sending = signing = 0.0
    for first in range(0, per_actor, step):
        started = time.perf_counter()
        requests = await asyncio.to_thread(
            sign_round, hoods, inbox, args.initiatives, first, min(first + step, per_actor)
        )
        signing += time.perf_counter() - started
        ids, seconds = await send_all(inbox, requests, args.concurrency)
        acknowledged += ids
        sending += seconds
    return acknowledged, sending, signing


# --- measuring ----------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def waiting(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    try:
        return int(
            conn.execute(
                "SELECT COUNT(*) FROM inbox_activities WHERE state = 'received'"
            ).fetchone()[0]
        )
    finally:
        conn.close()


def percentiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"p50_ms": 0.0, "p99_ms": 0.0, "requests": 0}
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p99_ms": round(1000 * p99, 2),
        "requests": len(ordered),
    }


async def probe(
    http: httpx.AsyncClient, path: str, samples: list[float], until: asyncio.Event
) -> None:
    """One request after another (with a gap) until told to stop: what a person would see."""
    while not until.is_set():  # bounded by `until`, set when ingesting ends
        started = time.perf_counter()
        response = await http.get(path)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        await asyncio.sleep(PROBE_GAP)


async def send_all(inbox: str, requests: list[Any], concurrency: int) -> tuple[list[str], float]:
    queue = list(reversed(requests))
    acknowledged: list[str] = []

    async def lane(session: aiohttp.ClientSession) -> None:
        while queue:  # bounded: each round takes one request off the queue
            activity_id, headers, body = queue.pop()
            headers = {k: v for k, v in headers.items() if k.lower() != "content-length"}
            async with session.post(inbox, data=body, headers=headers) as response:
                await response.read()
                if response.status == 202:
                    acknowledged.append(activity_id)
                else:
                    raise RuntimeError(f"{activity_id}: {response.status} {await response.text()}")

    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        await asyncio.gather(*(lane(session) for _ in range(concurrency)))
    return acknowledged, time.perf_counter() - started


async def run(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    port = free_port()
    hoods = Neighbourhoods(args.nodes, port)
    config = uvicorn.Config(
        hoods.app(), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    gemeente = await asyncio.to_thread(
        make_node, folder / "gemeente", name="Gemeente Beekveld", kind="gemeente"
    )
    try:
        admin = await logged_in(gemeente, "beheer")
        for k in range(args.nodes):
            address = f"wijk{k}@127.0.0.1:{port}"
            await submit(
                admin, "/beheer/federatie/volgen", "/beheer/federatie", {"address": address}
            )
        deadline = time.monotonic() + 120
        while len(hoods.accepted) < args.nodes:  # bounded by the deadline
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {len(hoods.accepted)} of {args.nodes} follows accepted")
            await asyncio.sleep(0.2)
        inbox = f"{gemeente.url}/ap/inbox"
        pid = gemeente.process.pid
        idle_rss = rss_mb(pid)
        database = gemeente.settings.database_path

        samples: dict[str, list[float]] = {"/gemeente": [], "/in-de-buurt": []}
        done = asyncio.Event()
        anonymous = httpx.AsyncClient(base_url=gemeente.url, timeout=60)
        probes = [
            asyncio.create_task(probe(admin, "/gemeente", samples["/gemeente"], done)),
            asyncio.create_task(probe(anonymous, "/in-de-buurt", samples["/in-de-buurt"], done)),
        ]
        peak_rss = idle_rss
        started = time.perf_counter()
        sending = asyncio.create_task(publish_all(hoods, inbox, args))
        while not sending.done() or waiting(database):  # bounded by DRAIN_LIMIT
            peak_rss = max(peak_rss, rss_mb(pid))
            if time.perf_counter() - started > DRAIN_LIMIT:
                raise RuntimeError(f"the queue was not empty after {DRAIN_LIMIT:.0f}s")
            await asyncio.sleep(0.25)
        acknowledged, send_seconds, signing = await sending
        empty_after = time.perf_counter() - started
        done.set()
        await asyncio.gather(*probes)
        during = {path: percentiles(s) for path, s in samples.items()}
        after: dict[str, Any] = {}
        for path, http in (("/gemeente", admin), ("/in-de-buurt", anonymous)):
            times = []
            for _ in range(AFTER_PROBES):
                t = time.perf_counter()
                (await http.get(path)).raise_for_status()
                times.append(time.perf_counter() - t)
            after[path] = percentiles(times)
        await admin.aclose()
        await anonymous.aclose()
        lost = missing(database, acknowledged)
        total = args.nodes * (args.initiatives + args.activities)
        return {
            "nodes": args.nodes,
            "activities": total,
            "concurrency": args.concurrency,
            "signing_seconds_between_rounds": round(signing, 1),
            "accepted": len(acknowledged),
            "accepted_per_second": round(len(acknowledged) / send_seconds),
            "processed_per_second": round(total / empty_after),
            "queue_empty_after_seconds": round(empty_after, 1),
            "while_ingesting": during,
            "after": after,
            "rss_mb": {
                "before": round(idle_rss, 1),
                "peak": round(peak_rss, 1),
                "after": round(rss_mb(pid), 1),
            },
            "lost": lost,
            "load_average_1m": round(os.getloadavg()[0], 2),
        }
    finally:
        gemeente.stop()
        server.should_exit = True
        await serving


def missing(database: Path, acknowledged: list[str]) -> dict[str, int]:
    """Every acknowledged activity stored and processed, and its object kept as content."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    try:
        states = dict(conn.execute("SELECT activity_id, state FROM inbox_activities").fetchall())
        objects = {row[0] for row in conn.execute("SELECT ap_id FROM remote_objects")}
    finally:
        conn.close()
    not_stored = [a for a in acknowledged if a not in states]
    not_processed = [a for a in acknowledged if states.get(a) not in (None, "processed")]
    no_object = [a for a in acknowledged if a.replace("/activities/", "/objects/") not in objects]
    return {
        "not_stored": len(not_stored),
        "not_processed": len(not_processed),
        "no_object": len(no_object),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="A gemeente ingesting 100 neighbourhoods.")
    parser.add_argument("--nodes", type=int, default=100)
    parser.add_argument("--initiatives", type=int, default=1000, help="per node")
    parser.add_argument("--activities", type=int, default=500, help="per node")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="buurtnode-municipality-") as scratch:
        report = asyncio.run(run(args, Path(scratch)))
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lost = sum(report["lost"].values())
    return 1 if lost or report["accepted"] != report["activities"] else 0


if __name__ == "__main__":
    sys.exit(main())
