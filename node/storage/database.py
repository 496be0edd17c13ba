"""One SQLite file per node, in WAL mode, with one writer and one reader connection.

SQLite allows a single writer at a time; funnelling every write through one connection
behind a lock avoids `database is locked` under load, while reads go through their own
connection and never wait for a write transaction.

Reads run on the event loop's own thread, without aiosqlite: a read here is a small indexed
query (tens of microseconds), while each hop to aiosqlite's thread and back cost more than
the query and three of them were made per read (bench/README.md has the numbers). In WAL
mode a reader never waits for the writer. Writes stay on aiosqlite's thread, since a commit
waits for the disk.

`generation` counts committed write transactions: whatever caches what it read (the
anonymous page cache) compares it to know that nothing changed since.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

Row = sqlite3.Row
Params = Sequence[Any] | dict[str, Any]

MIGRATIONS_PACKAGE = "node.storage.migrations"


def _configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA synchronous = NORMAL")


def migrations() -> list[tuple[int, str, str]]:
    """The numbered migrations shipped with the code, as (version, name, sql), in order."""
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        if entry.name.endswith(".sql"):
            number, _, slug = entry.name.removesuffix(".sql").partition("_")
            found.append((int(number), slug, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


def migrate_file(path: Path) -> list[int]:
    """Apply every migration not yet applied, each in its own transaction.

    Synchronous on purpose: it runs once, before the node serves anything, and from the
    command line. Returns the versions applied now.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        _configure(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                # executescript would commit first; run statement by statement instead.
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name)
                )
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise
            applied.append(version)
        return applied
    finally:
        conn.close()


def _statements(script: str) -> Iterable[str]:
    """Split a script into complete statements (triggers contain `;` inside BEGIN...END)."""
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                yield current.strip()
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        raise ValueError(f"incomplete SQL statement at end of migration: {current[:80]!r}")


class Database:
    """The node's database. Open it once at start-up and close it on shutdown."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer: aiosqlite.Connection | None = None
        self._reader: sqlite3.Connection | None = None
        self._write_lock = asyncio.Lock()
        self.generation = 0

    async def open(self) -> None:
        migrate_file(self.path)
        self._writer = await aiosqlite.connect(self.path, isolation_level=None)
        self._writer.row_factory = sqlite3.Row
        for pragma in ("foreign_keys = ON", "busy_timeout = 5000", "synchronous = NORMAL"):
            await self._writer.execute(f"PRAGMA {pragma}")
        self._reader = sqlite3.connect(self.path, isolation_level=None)
        _configure(self._reader)
        self._reader.execute("PRAGMA query_only = ON")

    async def close(self) -> None:
        if self._writer is not None:
            await self._writer.close()
        if self._reader is not None:
            self._reader.close()
        self._writer = self._reader = None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        assert self._reader is not None, "database not open"
        # Run and fetch in one step: a statement left open would keep the connection's read
        # snapshot, hiding what was committed meanwhile (a new status answered 404).
        return self._reader.execute(sql, params).fetchall()

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    @asynccontextmanager
    async def transaction(self, quiet: bool = False) -> AsyncIterator[Transaction]:
        """A write transaction; committed when the block ends, rolled back on error.
        `quiet`: it changes nothing any page shows (queue bookkeeping), so caches stay."""
        assert self._writer is not None, "database not open"
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(self._writer)
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")
            if not quiet:
                self.generation += 1

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One write statement in its own transaction; returns lastrowid."""
        async with self.transaction() as tx:
            return await tx.execute(sql, params)

    async def is_healthy(self) -> bool:
        try:
            return await self.fetch_value("SELECT 1") == 1
        except Exception:
            return False


class Transaction:
    """The writer connection inside a transaction; reads here see the uncommitted writes."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    # One hop to the writer's thread per statement: the cursor is left to the garbage
    # collector rather than closed with a second hop.
    async def execute(self, sql: str, params: Params = ()) -> int:
        cursor = await self._conn.execute(sql, params)
        return cursor.lastrowid or 0

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """One statement for many rows in one hop to the writer's thread."""
        await self._conn.executemany(sql, rows)

    async def execute_count(self, sql: str, params: Params = ()) -> int:
        """Run a write and return how many rows it changed."""
        cursor = await self._conn.execute(sql, params)
        return cursor.rowcount

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_value(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]
