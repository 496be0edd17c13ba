"""What the home page asks the database (node/community/overview.py), at 100,000 rows of
each kind. Usage: python bench/home.py [ROWS]

The rows are the home page's worst case, written straight into a fresh node's SQLite file:
initiatives that ask for nothing any more (the newest first, so the search for ones that
need help must pass them), activities long over, processes closed or not yet open, report-
backs, and remote objects of three followed nodes. Prints the time per call of what a wijk
and a gemeente show; a rendered home page is also kept in the page cache (node/web/cache.py),
so this is what each write to the node costs the next anonymous visitor.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from node.app import init_node
from node.community.clock import system_clock
from node.community.neighbourhood import Neighbourhood, NodeIdentity
from node.config import load
from node.storage import Database

CALLS = 50
NODES = [f"https://{name}.example/ap/actor" for name in ("noord", "zuid", "oost")]


def seed(path: Path, rows: int) -> None:
    conn = sqlite3.connect(path)
    old = "2025-01-01T09:00:00Z"
    conn.executemany(
        "INSERT INTO initiatives (id, title, summary, status, created_at, updated_at)"
        " VALUES (?, ?, 'Een plan.', ?, ?, ?)",
        [
            # The few that need help are the oldest; every newer one is done.
            (n, f"Plan {n}", "seeking" if n <= 3 else "done", old, f"2025-06-{1 + n % 28:02d}")
            for n in range(1, rows + 1)
        ],
    )
    conn.executemany(
        "INSERT INTO needs (initiative_id, kind, amount) VALUES (?, 'money', 10000)",
        [(n,) for n in range(1, rows + 1)],
    )
    conn.executemany(
        "INSERT INTO events (title, starts_at, ends_at, created_at, updated_at)"
        " VALUES ('Vroeger', ?, ?, ?, ?)",
        [(f"2025-{1 + n % 12:02d}-10T10:00:00Z", f"2025-{1 + n % 12:02d}-10T12:00:00Z", old, old)
         for n in range(rows)],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO processes (uid, title, question, participation_level, level_meaning,"
        " input_from, input_until, decision_on, report_back_by, closed_at, created_at,"
        " updated_at) VALUES (?, 'Traject', 'Vraag?', 'consult', 'Uitleg.', ?, ?, ?, ?, ?, ?, ?)",
        [(f"p{n}", "2025-02-01", "2025-02-20", "2025-03-01", "2025-04-01",
          old if n % 2 else None, old, old) for n in range(rows)],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO process_report_backs (process_id, decision_md, decision_html, published_at)"
        " VALUES (?, 'Besloten.', '<p>Besloten.</p>', ?)",
        [(n, f"2025-05-{1 + n % 28:02d}T10:00:00Z") for n in range(1, rows + 1, 2)],
    )
    for uri in NODES:
        conn.execute(
            "INSERT INTO remote_actors (uri, host, name, inbox, fetched_at) VALUES (?, ?, ?, ?, ?)",
            (uri, uri.split("/")[2], uri.split("/")[2], f"{uri}/inbox", old),
        )
        conn.execute(
            "INSERT INTO federation_following (actor_uri, follow_id, state, created_at,"
            " updated_at) VALUES (?, ?, 'accepted', ?, ?)",
            (uri, f"{uri}#follow", old, old),
        )
    conn.executemany(
        "INSERT INTO remote_objects (ap_id, type, kind, actor_uri, origin_uri, name, published,"
        " starts_at, open_needs, received_at) VALUES (?, ?, ?, ?, ?, 'Iets', ?, ?, ?, ?)",
        [(f"{NODES[n % 3]}/o/{n}", "Event" if n % 2 else "Page",
          "event" if n % 2 else "initiative", NODES[n % 3], NODES[n % 3], old,
          "2025-03-01T10:00:00Z" if n % 2 else None, None if n % 2 else "[]", old)
         for n in range(rows)],
    )  # fmt: skip
    conn.commit()
    conn.close()


async def run(folder: Path) -> None:
    settings = load(folder)
    db = Database(settings.database_path)
    await db.open()
    hood = Neighbourhood(db, system_clock, NodeIdentity(settings.name, settings.kind, settings.url))
    for what, call in (
        ("wijk", hood.overview.neighbourhood),
        ("gemeente", hood.overview.municipality),
    ):
        shown = await call()  # the first call warms SQLite's page cache
        started = time.perf_counter()
        for _ in range(CALLS):
            await call()
        per_call = (time.perf_counter() - started) / CALLS * 1000
        print(f"  {what:9} {per_call:7.2f} ms per home page   ({shown!r:.90}...)")
    await db.close()


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "node"
        init_node(folder, url="http://127.0.0.1:9", name="Bench", kind="wijk", dev=True)
        asyncio.run(_migrate(folder))
        seed(load(folder).database_path, rows)
        print(f"The home page's queries at {rows:,} rows of each kind ({CALLS} calls):")
        asyncio.run(run(folder))


async def _migrate(folder: Path) -> None:
    db = Database(load(folder).database_path)
    await db.open()  # applies the migrations
    await db.close()


if __name__ == "__main__":
    main()
