"""Named measurements. Each compares the node with a bare endpoint measured in the same run,
because absolute numbers drift between runs and machines while ratios hold (PERF.md).

To add one: write a function taking a `Bench` and returning a `ScenarioResult`, and append
a `Scenario` to `SCENARIOS` with an honest `seconds` estimate, so the whole run stays under
its budget.
"""

from __future__ import annotations

import json
import math
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from loadgen import Load, WrkResult, run_wrk
from servers import BENCH_DIR, PASSWORD, REPO, Server, free_port, start_bare, start_script
from signed import LUA_SCRIPT, make_sender, sign_requests

from node.config import DATABASE_FILE


@dataclass
class Bench:
    """What a scenario gets: the running node, scratch space, and a place to register cleanup."""

    node: Server
    folder: Path
    cleanup: ExitStack

    def start_bare(self, name: str, responses: dict[str, httpx.Response]) -> Server:
        server = start_bare(self.folder / f"bare-{name}", responses)
        self.cleanup.callback(server.stop)
        return server

    def start_script(self, name: str, script: str, args: list[str], ready: str) -> Server:
        port = free_port()
        server = start_script(name, script, args, port, self.folder / name, ready)
        self.cleanup.callback(server.stop)
        return server


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    spec: str = ""  # format spec for the printed table, e.g. ",.0f"


@dataclass
class ScenarioResult:
    rows: list[dict[str, Any]]
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    name: str
    about: str
    seconds: float  # planned wall time, checked against the run's budget
    columns: tuple[Column, ...]
    run: Callable[[Bench], ScenarioResult]


def side_by_side(
    runners: dict[str, Callable[[int], WrkResult]], rounds: int
) -> dict[str, list[WrkResult]]:
    """Run each side's wrk run (given the round number) in turn, reversing the order every
    round (ABBA), so a slow drift of the machine (heat, other work) falls on both alike."""
    names = list(runners)
    runs: dict[str, list[WrkResult]] = {name: [] for name in names}
    for round_number in range(rounds):
        for name in names if round_number % 2 == 0 else reversed(names):
            runs[name].append(runners[name](round_number))
    return runs


def wrk_each(
    targets: dict[str, tuple[str, Server]],
    load: Load,
    rounds: int,
    headers: dict[str, str] | None = None,
) -> dict[str, list[WrkResult]]:
    """`side_by_side` for plain GETs of each target's (URL, server) (with a cookie, say)."""
    return side_by_side(
        {
            name: lambda _, url=url, pid=server.process.pid: run_wrk(
                url, load, headers=headers, pid=pid
            )
            for name, (url, server) in targets.items()
        },
        rounds,
    )


def median(runs: list[WrkResult], attribute: str) -> float:
    return float(statistics.median(getattr(run, attribute) for run in runs))


# The columns every node-vs-bare table has, and their values from a side-by-side run.
COMPARED = (
    Column("node_rps", "node req/s", ",.0f"),
    Column("bare_rps", "bare req/s", ",.0f"),
    Column("ratio", "node/bare", ".2f"),
    Column("cpu_ratio", "cpu bare/node", ".2f"),
    Column("node_p50_ms", "node p50 ms", ".2f"),
    Column("bare_p50_ms", "bare p50 ms", ".2f"),
)


def compared(runs: dict[str, list[WrkResult]]) -> dict[str, float]:
    node_rps = median(runs["node"], "requests_per_second")
    bare_rps = median(runs["bare"], "requests_per_second")
    return {
        "node_rps": node_rps,
        "bare_rps": bare_rps,
        "ratio": node_rps / bare_rps,
        # CPU time per request, bare over node: the same ratio as req/s when both have a
        # core to themselves, and the steadier one when the machine is busy.
        "node_cpu_us": (node_cpu := median(runs["node"], "cpu_us_per_request")),
        "bare_cpu_us": (bare_cpu := median(runs["bare"], "cpu_us_per_request")),
        "cpu_ratio": bare_cpu / node_cpu if node_cpu else 0.0,
        "node_p50_ms": median(runs["node"], "p50_ms"),
        "bare_p50_ms": median(runs["bare"], "p50_ms"),
    }


# --- node pages vs the same bytes (or the same work) from a bare Starlette endpoint -------

# (label, path on the node, signed in?); the webfinger resource is filled in per node.
# Anonymous answers are compared with their own recorded bytes from a bare app (stricter
# than the goal's bare Jinja2 page); the signed-in page, which no cache may answer, with
# bench/bare_page.py: a bare app doing that page's work (session, 20 posts, Jinja2).
PAGES = (
    ("/", "/", False),
    ("/healthz", "/healthz", False),
    ("/prikbord", "/prikbord", False),
    ("/initiatieven", "/initiatieven", False),
    ("/prikbord signed in", "/prikbord", True),
    ("webfinger", "/.well-known/webfinger?resource={url}/ap/actor", False),
    ("/ap/actor", "/ap/actor", False),
    ("nodeinfo", "/nodeinfo/2.1", False),
)
ROUNDS = 2
WARM_UP = Load(connections=16, seconds=1)
THROUGHPUT = Load(connections=16, seconds=3)
LATENCY = Load(connections=1, seconds=1)  # p50 without queueing, as in PERF.md
AP_ACCEPT = {"accept": "application/activity+json"}


def _session_cookie(node_url: str) -> str:
    """Log in as a resident and return the Cookie header a browser would send."""
    with httpx.Client(base_url=node_url) as client:
        form = client.get("/inloggen").text
        token = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        client.post(
            "/inloggen", data={"username": "bert", "password": PASSWORD, "csrf_token": token}
        )
        return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def pages(bench: Bench) -> ScenarioResult:
    cookie = _session_cookie(bench.node.url)
    headers = {
        label: {
            **(AP_ACCEPT if path.startswith("/ap/") else {}),
            **({"cookie": cookie} if signed_in else {}),
        }
        for label, path, signed_in in PAGES
    }
    node_urls = {
        label: bench.node.url + path.format(url=bench.node.url) for label, path, _ in PAGES
    }
    recorded = {label: httpx.get(node_urls[label], headers=headers[label]) for label in node_urls}
    for label, response in recorded.items():
        if response.status_code != 200:
            raise RuntimeError(f"the node answered {response.status_code} for {label}")
    if "Uitloggen" not in recorded["/prikbord signed in"].text:
        raise RuntimeError("the signed-in page does not show a signed-in member")
    bare_paths = {label: f"/p{number}" for number, label in enumerate(recorded)}
    bare = bench.start_bare("pages", {bare_paths[label]: r for label, r in recorded.items()})
    bare_urls = {label: (bare.url + bare_paths[label], bare) for label in recorded}
    database = str(bench.folder / "node" / DATABASE_FILE)
    bare_page = bench.start_script("bare-page", "bare_page.py", [database], "/ready")
    signed_in_labels = {label for label, _, signed_in in PAGES if signed_in}
    for label in signed_in_labels:
        bare_urls[label] = (bare_page.url + "/page", bare_page)
        shown = httpx.get(bare_urls[label][0], headers=headers[label])
        if shown.status_code != 200 or "Uitloggen" not in shown.text:
            raise RuntimeError(f"the bare page answered {shown.status_code}: {shown.text}")
    impls = {"node": bench.node.implementations(), "bare": bare.implementations()}
    if impls["node"] != impls["bare"]:
        raise RuntimeError(f"node and bare run different server stacks: {impls}")
    bare_idle_kb = bare.rss_kb()
    rows = []
    for label in recorded:
        targets = {"node": (node_urls[label], bench.node), "bare": bare_urls[label]}
        wrk_each(targets, WARM_UP, 1, headers[label])  # discarded: first requests fill caches
        busy = wrk_each(targets, THROUGHPUT, ROUNDS, headers[label])
        calm = wrk_each(targets, LATENCY, ROUNDS, headers[label])
        bad = sum(run.bad_responses for runs in (*busy.values(), *calm.values()) for run in runs)
        rows.append(
            {
                "path": label,
                "bytes": len(recorded[label].content),
                "bare": "Jinja2 page" if label in signed_in_labels else "same bytes",
                **compared(busy),
                "node_p50_1c_ms": median(calm["node"], "p50_ms"),
                "bare_p50_1c_ms": median(calm["bare"], "p50_ms"),
                "bad_responses": bad,
                "runs": {
                    f"{side}_{kind}": [run.as_dict() for run in runs[side]]
                    for kind, runs in (("c16", busy), ("c1", calm))
                    for side in runs
                },
            }
        )
    return ScenarioResult(
        rows,
        {
            "server_stack": impls["node"],
            "bare_idle_rss_kb": bare_idle_kb,
            "bare_after_load_rss_kb": bare.rss_kb(),
            "load": f"wrk -t1 -c16 -d{THROUGHPUT.seconds:g}s, {ROUNDS} rounds ABBA, median;"
            f" p50 1c: -c1 -d{LATENCY.seconds:g}s",
        },
    )


def _planned_pages_seconds() -> float:
    per_path = 2 * WARM_UP.seconds + ROUNDS * 2 * (THROUGHPUT.seconds + LATENCY.seconds)
    return len(PAGES) * per_path + 3  # plus starting the bare servers


# --- signed inbox POSTs: the node's /ap/inbox vs a bare verifying endpoint ---------------

INBOX_ROUNDS = 2
INBOX_WARM_UP = Load(connections=16, seconds=1)
INBOX_LOAD = Load(connections=16, seconds=3)
INBOX_DRAIN_SECONDS = 60.0  # bound on waiting for the node's processor between runs
WARM_SIGNED = 1000
BARE_SIGNED = 2000  # the bare endpoint stores nothing, so it may see the same requests again


def _stored(database: Path, actor: str) -> tuple[int, int]:
    """(activities stored from `actor`, of which still waiting for the processor)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(state = 'received'), 0) FROM inbox_activities"
            " WHERE actor = ?",
            (actor,),
        ).fetchone()
        return int(row[0]), int(row[1])
    finally:
        conn.close()


def _drain(database: Path, actor: str) -> float:
    """Wait until the node has processed everything it accepted; seconds waited."""
    started = time.monotonic()
    while _stored(database, actor)[1]:
        if time.monotonic() - started > INBOX_DRAIN_SECONDS:
            raise RuntimeError(f"the node did not process its inbox in {INBOX_DRAIN_SECONDS}s")
        time.sleep(0.1)
    return time.monotonic() - started


def inbox(bench: Bench) -> ScenarioResult:
    folder = bench.folder / "inbox"
    port = free_port()
    sender = make_sender(folder, f"http://127.0.0.1:{port}")
    bare = start_script("bare-inbox", "bare_inbox.py", [str(folder)], port, folder, "/actor")
    bench.cleanup.callback(bare.stop)
    database = bench.folder / "node" / DATABASE_FILE
    node_url, bare_url = bench.node.url + "/ap/inbox", bare.url + "/inbox"
    followed = "http://127.0.0.1:9/ap/actor"  # not the node: stored, then marked ignored
    started = time.monotonic()
    warm_file = sign_requests(sender, node_url, followed, [WARM_SIGNED], folder / "warm")[0]
    bare_file = sign_requests(sender, bare_url, followed, [BARE_SIGNED], folder / "bare")[0]
    signing = time.monotonic() - started

    def node_run(load: Load, file: Path) -> tuple[WrkResult, int]:
        before = _stored(database, sender["actor"])[0]
        result = run_wrk(node_url, load, LUA_SCRIPT, (str(file),), pid=bench.node.process.pid)
        return result, _stored(database, sender["actor"])[0] - before

    # The first requests make the node import bovine and fetch the sender's key (then kept
    # in memory); a second warm-up tells how many unique activities a run will need.
    node_run(INBOX_WARM_UP, warm_file)
    warm, _ = node_run(INBOX_WARM_UP, warm_file)
    run_wrk(bare_url, INBOX_WARM_UP, LUA_SCRIPT, (str(bare_file),))
    drained = [_drain(database, sender["actor"])]
    # Enough unique activities that each node run stores only new ones (replays cost less).
    per_run = math.ceil(warm.requests_per_second * INBOX_LOAD.seconds * 2) + 500
    started = time.monotonic()
    node_files = sign_requests(
        sender, node_url, followed, [per_run] * INBOX_ROUNDS, folder / "node"
    )
    signing += time.monotonic() - started

    stored = 0

    def node_side(round_number: int) -> WrkResult:
        nonlocal stored
        result, new = node_run(INBOX_LOAD, node_files[round_number])
        stored += new
        drained.append(_drain(database, sender["actor"]))
        return result

    def bare_side(_: int) -> WrkResult:
        return run_wrk(bare_url, INBOX_LOAD, LUA_SCRIPT, (str(bare_file),), pid=bare.process.pid)

    runs = side_by_side({"node": node_side, "bare": bare_side}, INBOX_ROUNDS)
    node_requests = sum(r.requests for r in runs["node"])
    row = {
        "endpoint": "signed POST",
        **compared(runs),
        "stored_share": stored / node_requests if node_requests else 0.0,
        "bad_responses": sum(r.bad_responses for side in runs.values() for r in side),
        "runs": {side: [r.as_dict() for r in side_runs] for side, side_runs in runs.items()},
    }
    processed = stored / sum(drained[1:]) if sum(drained[1:]) else None
    return ScenarioResult(
        [row],
        {
            "activity": "Follow of a third actor, unique id, 233-byte body, RSA-2048 signature",
            "node_does": "checks, verifies (key cached in memory), stores; a worker processes",
            "bare_does": "checks Date and Digest, verifies with the pre-loaded key, answers 202",
            "node_waiting_after_runs_seconds": [round(d, 2) for d in drained],
            "node_processing_drain_per_second": round(processed) if processed else None,
            "pre_signed": f"{WARM_SIGNED + BARE_SIGNED + INBOX_ROUNDS * per_run} in {signing:.1f}s",
            "load": f"wrk -t1 -c16 -d{INBOX_LOAD.seconds:g}s + inbox.lua, {INBOX_ROUNDS} rounds"
            " ABBA, median; the node drains its processing queue after each run",
        },
    )


# --- fan-out: one activity to 1,000 followers on 200 shared inboxes ----------------------

FOLLOWERS = 1000
SHARED_INBOXES = 200


def fanout(bench: Bench) -> ScenarioResult:
    sink = bench.start_script("sink", "sink.py", ["--inboxes", str(SHARED_INBOXES)], "/count")
    command = [
        sys.executable,
        str(BENCH_DIR / "fanout.py"),
        str(bench.folder / "fanout-node"),
        "--sink",
        sink.url,
        "--followers",
        str(FOLLOWERS),
        "--inboxes",
        str(SHARED_INBOXES),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"fanout.py failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    received = httpx.get(sink.url + "/count").json()
    if received["posts"] != SHARED_INBOXES or received["most_to_one"] != 1:
        raise RuntimeError(f"the sink expected one POST per shared inbox, got {received}")
    row = {
        "followers": FOLLOWERS,
        "inboxes": SHARED_INBOXES,
        "deliver_s": result["deliver_seconds"],
        "sign_s": result["sign_seconds"],
        "ratio": result["deliver_seconds"] / result["sign_seconds"],
        "cpu_ratio": result["deliver_cpu_seconds"] / result["sign_cpu_seconds"],
        "per_inbox_ms": 1000 * result["deliver_seconds"] / SHARED_INBOXES,
    }
    return ScenarioResult(
        [row],
        {
            "delivery_states": result["states"],
            "sink_received": received,
            "measured": "publish() until no delivery is pending (the node's own worker and "
            "HTTP client, in one process), vs signing the same 200 requests in that process",
        },
    )


SCENARIOS = [
    Scenario(
        name="pages",
        about=(
            "Pages, discovery and the actor from the node vs the same bytes from bare "
            "Starlette (the signed-in page vs a bare Jinja2 page doing its work), so the "
            "ratio is what our framework costs."
        ),
        seconds=_planned_pages_seconds(),
        columns=(
            Column("path", "path"),
            Column("bytes", "bytes", ","),
            Column("bare", "bare side"),
            *COMPARED,
            Column("node_p50_1c_ms", "node p50 1c", ".2f"),
            Column("bare_p50_1c_ms", "bare p50 1c", ".2f"),
        ),
        run=pages,
    ),
    Scenario(
        name="inbox",
        about=(
            "Signed Follow-like POSTs accepted per second by the node's /ap/inbox vs a bare "
            "Starlette endpoint that verifies the same RSA signature and Digest."
        ),
        seconds=(
            5 * INBOX_WARM_UP.seconds + 2 * INBOX_ROUNDS * INBOX_LOAD.seconds + 18
        ),  # plus signing ~8 s and draining the node's processing queue
        columns=(
            Column("endpoint", "endpoint"),
            *COMPARED,
            Column("stored_share", "new ids", ".0%"),
        ),
        run=inbox,
    ),
    Scenario(
        name="fanout",
        about=(
            f"One activity to {FOLLOWERS:,} followers on {SHARED_INBOXES} shared inboxes of a "
            "loopback sink: delivery wall time vs only signing those requests."
        ),
        seconds=10,
        columns=(
            Column("followers", "followers", ","),
            Column("inboxes", "shared inboxes", ","),
            Column("deliver_s", "deliver s", ".2f"),
            Column("sign_s", "sign only s", ".2f"),
            Column("ratio", "deliver/sign", ".1f"),
            Column("cpu_ratio", "cpu deliver/sign", ".1f"),
            Column("per_inbox_ms", "ms per inbox", ".2f"),
        ),
        run=fanout,
    ),
]
