"""Named measurements. Each compares the node with a bare endpoint measured in the same run,
because absolute numbers drift between runs and machines while ratios hold (PERF.md).

To add one (e.g. signed inbox POSTs, fan-out delivery): write a function taking a `Bench`
and returning a `ScenarioResult`, and append a `Scenario` to `SCENARIOS` with an honest
`seconds` estimate, so the whole run stays under its budget.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from loadgen import Load, WrkResult, run_wrk
from servers import Server, start_bare


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


def side_by_side(targets: dict[str, str], load: Load, rounds: int) -> dict[str, list[WrkResult]]:
    """Run wrk against each target in turn, reversing the order every round (ABBA), so a
    slow drift of the machine (heat, other work) falls on both sides alike."""
    names = list(targets)
    runs: dict[str, list[WrkResult]] = {name: [] for name in names}
    for round_number in range(rounds):
        for name in names if round_number % 2 == 0 else reversed(names):
            runs[name].append(run_wrk(targets[name], load))
    return runs


def median(runs: list[WrkResult], attribute: str) -> float:
    return float(statistics.median(getattr(run, attribute) for run in runs))


# --- node pages vs the same bytes from a bare Starlette endpoint -------------------------

PAGES = ("/", "/healthz")
ROUNDS = 2
WARM_UP = Load(connections=16, seconds=1)
THROUGHPUT = Load(connections=16, seconds=5)
LATENCY = Load(connections=1, seconds=2)  # p50 without queueing, as in PERF.md


def pages(bench: Bench) -> ScenarioResult:
    recorded = {path: httpx.get(bench.node.url + path) for path in PAGES}
    for path, response in recorded.items():
        if response.status_code != 200:
            raise RuntimeError(f"the node answered {response.status_code} for {path}")
    bare = bench.start_bare("pages", recorded)
    impls = {"node": bench.node.implementations(), "bare": bare.implementations()}
    if impls["node"] != impls["bare"]:
        raise RuntimeError(f"node and bare run different server stacks: {impls}")
    bare_idle_kb = bare.rss_kb()
    rows = []
    for path in PAGES:
        targets = {"node": bench.node.url + path, "bare": bare.url + path}
        side_by_side(targets, WARM_UP, rounds=1)  # discarded: first requests fill caches
        busy = side_by_side(targets, THROUGHPUT, ROUNDS)
        calm = side_by_side(targets, LATENCY, ROUNDS)
        bad = sum(run.bad_responses for runs in (*busy.values(), *calm.values()) for run in runs)
        node_rps = median(busy["node"], "requests_per_second")
        bare_rps = median(busy["bare"], "requests_per_second")
        rows.append(
            {
                "path": path,
                "bytes": len(recorded[path].content),
                "node_rps": node_rps,
                "bare_rps": bare_rps,
                "ratio": node_rps / bare_rps,
                "node_p50_ms": median(busy["node"], "p50_ms"),
                "bare_p50_ms": median(busy["bare"], "p50_ms"),
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
            "load": f"wrk -t1 -c16 -d5s, {ROUNDS} rounds ABBA, median; p50 1c: -c1 -d2s",
        },
    )


def _planned_pages_seconds() -> float:
    per_path = 2 * WARM_UP.seconds + ROUNDS * 2 * (THROUGHPUT.seconds + LATENCY.seconds)
    return len(PAGES) * per_path + 2  # plus starting the bare server


SCENARIOS = [
    Scenario(
        name="pages",
        about=(
            "GET / and /healthz from the node vs the same bytes from bare Starlette. "
            "The node's / reads SQLite and sets a session cookie, so the ratio is what "
            "our framework costs."
        ),
        seconds=_planned_pages_seconds(),
        columns=(
            Column("path", "path"),
            Column("bytes", "bytes", ","),
            Column("node_rps", "node req/s", ",.0f"),
            Column("bare_rps", "bare req/s", ",.0f"),
            Column("ratio", "node/bare", ".2f"),
            Column("node_p50_ms", "node p50 ms", ".2f"),
            Column("bare_p50_ms", "bare p50 ms", ".2f"),
            Column("node_p50_1c_ms", "node p50 1c", ".2f"),
            Column("bare_p50_1c_ms", "bare p50 1c", ".2f"),
        ),
        run=pages,
    ),
]
