"""Group commit for the inbox: activities accepted at the same moment share one transaction.

Each verified activity waits here until a transaction that holds it has committed, so the
202 is only ever sent for an activity on disk. While one batch commits, the next ones queue
up behind it; they go together in the next transaction, one INSERT for the whole batch. At
one request at a time a batch is just that request, so nothing waits for a timer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from node.storage import Database
from node.storage.federation import queues as store

MAX_BATCH = 500  # SQLite allows 32,766 parameters; five per row

Row = tuple[str, str, str, str, str]  # activity id, actor, type, body, received at


class Intake:
    def __init__(self, db: Database, wake: Callable[[], None]) -> None:
        self.db = db
        self.wake = wake  # the processor, when something new is stored
        self._waiting: list[tuple[Row, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def store(self, row: Row) -> bool:
        """Store one activity; True once committed now, False for an id stored before."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((row, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())
        return await done

    async def _write_all(self) -> None:
        while self._waiting:  # bounded: each round takes up to MAX_BATCH waiting rows
            batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            try:
                stored = await store.insert_incoming_batch(self.db, [row for row, _ in batch])
            except Exception as error:  # the disk, not the sender: every waiter hears it
                for _, done in batch:
                    if not done.done():
                        done.set_exception(error)
                continue
            if stored:
                self.wake()
            for row, done in batch:
                new = row[0] in stored
                stored.discard(row[0])  # the same id twice in one batch: the first is new
                if not done.done():
                    done.set_result(new)
