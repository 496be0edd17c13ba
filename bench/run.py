"""`make bench`: the node's speed against bare endpoints, and its memory.

Usage: python bench/run.py [SCENARIO ...]   (default: all; --list names them)

Starts a temporary node on 127.0.0.1, runs the named scenarios (bench/scenarios.py), prints
a table per scenario and writes everything to bench/results/latest.json. Every process it
starts is stopped before it exits, also on errors and Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from loadgen import require_wrk
from scenarios import SCENARIOS, Bench, Scenario, ScenarioResult
from servers import BENCH_DIR, create_node, free_port, start_node

BUDGET_SECONDS = 240  # the whole run, start-up included, stays under four minutes
START_UP_SECONDS = 8  # key generation, seeding, starting the node
RESULTS = BENCH_DIR / "results" / "latest.json"


def choose(names: list[str]) -> list[Scenario]:
    known = {s.name: s for s in SCENARIOS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"bench: unknown scenario {', '.join(unknown)}; known: {', '.join(known)}")
    chosen = [known[n] for n in names] if names else SCENARIOS
    planned = START_UP_SECONDS + sum(s.seconds for s in chosen)
    if planned > BUDGET_SECONDS:
        raise SystemExit(f"bench: planned {planned:.0f}s exceeds the {BUDGET_SECONDS}s budget")
    return chosen


def table(scenario: Scenario, result: ScenarioResult) -> str:
    header = [c.title for c in scenario.columns]
    body = [[format(row[c.key], c.spec) for c in scenario.columns] for row in result.rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True))

    lines = [line(header), line(["-" * w for w in widths]), *(line(cells) for cells in body)]
    lines += [f"  {key}: {value}" for key, value in result.notes.items()]
    return "\n".join(lines)


# Issue #16's goals: (what, where in the report, at least / at most, the goal).
GOALS: list[tuple[str, tuple[str, ...], str, float]] = [
    *(
        (f"{path} node/bare", ("pages", path), "≥", 0.7)
        for path in ("/", "/prikbord", "/initiatieven")
    ),
    ("/prikbord signed in node/bare", ("pages", "/prikbord signed in"), "≥", 0.35),
    *(
        (f"{path} node/bare", ("pages", path), "≥", 0.8)
        for path in ("/ap/actor", "webfinger", "nodeinfo")
    ),
    ("/healthz node/bare", ("pages", "/healthz"), "≥", 0.7),
    ("signed inbox POST c=16 node/bare", ("inbox", "signed POST"), "≥", 0.5),
    ("fan-out deliver/sign", ("fanout", "1000"), "≤", 3.0),
    ("RSS idle MB", ("memory", "node_idle_rss_kb"), "≤", 70),
    ("RSS after load MB", ("memory", "node_after_load_rss_kb"), "≤", 100),
]


def goals(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal with today's figure (req/s ratio, and the CPU ratio beside it), if measured."""
    found = []
    for what, (part, key), sense, goal in GOALS:
        if part == "memory":
            value, cpu = report["memory"][key] / 1024, None
        elif part in report["scenarios"]:
            rows = report["scenarios"][part]["rows"]
            row = next(
                r for r in rows if str(r.get("path", r.get("endpoint", r.get("followers")))) == key
            )
            value, cpu = row["ratio"], row.get("cpu_ratio")
        else:
            continue
        met = value >= goal if sense == "≥" else value <= goal
        found.append(
            {
                "goal": f"{what} {sense} {goal:g}",
                "value": round(value, 2),
                "cpu_ratio": cpu and round(cpu, 2),
                "met": met,
            }
        )
    return found


def environment() -> dict[str, Any]:
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "load_average_1m_at_start": round(os.getloadavg()[0], 2),
        **{pkg: version(pkg) for pkg in ("uvicorn", "starlette", "uvloop", "httptools")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Measure the node against bare endpoints.")
    parser.add_argument("scenarios", nargs="*", help="scenario names (default: all)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and stop")
    args = parser.parse_args()
    if args.list:
        for s in SCENARIOS:
            print(f"{s.name:12} ~{s.seconds:.0f}s  {s.about}")
        return 0
    chosen = choose(args.scenarios)
    require_wrk()
    if os.getloadavg()[0] > 0.5:
        # Other work on the machine skews both sides, but not always alike: say so.
        print(
            f"bench: note: the machine is busy (load {os.getloadavg()[0]:.1f}); figures will drift"
        )
    started = time.monotonic()
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": environment(),
        "scenarios": {},
    }
    with tempfile.TemporaryDirectory(prefix="buurtnode-bench-") as scratch, ExitStack() as cleanup:
        folder = Path(scratch)
        node = start_node(create_node(folder, free_port()))
        cleanup.callback(node.stop)
        time.sleep(0.5)  # let start-up garbage settle before calling the process idle
        memory = {"node_idle_rss_kb": node.rss_kb()}
        bench = Bench(node=node, folder=folder, cleanup=cleanup)
        for scenario in chosen:
            print(f"\n== {scenario.name} (~{scenario.seconds:.0f}s): {scenario.about}", flush=True)
            result = scenario.run(bench)
            print(table(scenario, result), flush=True)
            report["scenarios"][scenario.name] = {
                "about": scenario.about,
                "rows": result.rows,
                "notes": result.notes,
            }
        memory["node_after_load_rss_kb"] = node.rss_kb()
    report["memory"] = memory
    report["seconds"] = round(time.monotonic() - started, 1)
    report["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    print(
        f"\nnode RSS: idle {memory['node_idle_rss_kb'] / 1024:.1f} MB, "
        f"after load {memory['node_after_load_rss_kb'] / 1024:.1f} MB"
    )
    report["goals"] = goals(report)
    load = (report["environment"]["load_average_1m_at_start"], report["load_average_1m_at_end"])
    print(f"\n== goals (load average {load[0]:.1f} at the start, {load[1]:.1f} at the end)")
    for item in report["goals"]:
        cpu = f"  (CPU ratio {item['cpu_ratio']:.2f})" if item["cpu_ratio"] is not None else ""
        print(f"  {'met ' if item['met'] else 'MISS'}  {item['goal']:40} {item['value']:8.2f}{cpu}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{report['seconds']}s in all; written to {RESULTS.relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
