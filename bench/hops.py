"""What a read costs on the event loop's thread versus a hop to a database thread.

Usage: python bench/hops.py [READS]. Makes a scratch SQLite file (WAL, 2,000 rows), then
times the same small indexed query (one row by primary key, what a session or member
lookup is) READS times each way, from one asyncio task, as the node's pages do: plain
sqlite3 on the loop's thread (what node/storage/database.py does for reads), aiosqlite
(`execute` + `fetchall`: a hop to its thread and back for each), and aiosqlite's
`execute_fetchall` (one hop). Prints wall and CPU microseconds per read; bench/README.md
has the numbers.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiosqlite

ROWS = 2000


def make(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE members (id INTEGER PRIMARY KEY, name TEXT, role TEXT)")
    conn.executemany(
        "INSERT INTO members VALUES (?, ?, 'resident')", [(n, f"Buur {n}") for n in range(ROWS)]
    )
    conn.commit()
    conn.close()


async def timed(reads: int, read: Callable[[int], Awaitable[object]]) -> tuple[float, float]:
    """(wall, CPU) µs per read; CPU counts both threads and moves less on a busy machine."""
    for n in range(200):
        await read(n)
    wall, cpu = time.perf_counter(), time.process_time()
    for n in range(reads):
        await read(n % ROWS)
    return (
        1e6 * (time.perf_counter() - wall) / reads,
        1e6 * (time.process_time() - cpu) / reads,
    )


async def main(reads: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "hops.sqlite3"
        make(path)
        sql = "SELECT id, name, role FROM members WHERE id = ?"
        plain = sqlite3.connect(path, isolation_level=None)
        async with aiosqlite.connect(path) as conn:

            async def on_loop(n: int) -> object:
                return plain.execute(sql, (n,)).fetchall()

            async def two_hops(n: int) -> object:
                cursor = await conn.execute(sql, (n,))
                rows = await cursor.fetchall()
                await cursor.close()
                return rows

            async def one_hop(n: int) -> object:
                return await conn.execute_fetchall(sql, (n,))

            for name, read in (
                ("sqlite3 on the loop's thread", on_loop),
                ("aiosqlite execute_fetchall (1 hop)", one_hop),
                ("aiosqlite execute+fetchall+close (3 hops)", two_hops),
            ):
                wall, cpu = await timed(reads, read)
                print(f"{name:44} {wall:7.1f} µs wall {cpu:7.1f} µs CPU per read")
        plain.close()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
