"""The persistent delivery queue: every outgoing request is a row before it is sent.

A row is marked delivered only after a 2xx. Failures retry with exponential backoff
(1, 2, 4 ... minutes, at most 6 hours apart; the first gap is `[federation]
retry_base_seconds`, 60 unless set) until 48 hours after the first try, then
the row is given up and logged. A 4xx other than 401, 408 and 429 means the receiver will
never take it (as Mastodon 4 judges too), so it is given up at once. Rows survive a
restart, even a kill: the worker picks up whatever is due as soon as it starts. A request
keeps its slot among the CONCURRENCY in flight until its result is committed (results that
finish together share one commit), so a kill re-sends at most CONCURRENCY requests that had
already reached their peer; the receiver stores an activity id once, so each still arrives
once.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from node.community.clock import Clock, iso, parse_iso
from node.federation.http import FediClient, FetchError
from node.storage import Database, Row
from node.storage.federation import actors as actors_store
from node.storage.federation import queues as store

log = logging.getLogger("buurtnode.federation")

FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY_GAP = timedelta(hours=6)
GIVE_UP_AFTER = timedelta(hours=48)
CONCURRENCY = 32  # requests in flight; httpx keeps connections open per host for reuse
BATCH = 200
RETRYABLE_4XX = (401, 408, 429)


def next_try(
    tries: int, first_try: datetime, now: datetime, first_retry: timedelta = FIRST_RETRY
) -> datetime | None:
    """When to try again after `tries` failed tries; None: give up."""
    gap = min(first_retry * 2 ** max(tries - 1, 0), MAX_RETRY_GAP)
    if now + gap - first_try > GIVE_UP_AFTER:
        return None
    return now + gap


class Deliveries:
    def __init__(
        self,
        db: Database,
        client: FediClient,
        clock: Clock,
        first_retry: timedelta = FIRST_RETRY,
    ) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.first_retry = first_retry
        # Never sleep longer than the first retry gap (tests set it to a fraction of a second).
        self._min_idle = min(1.0, first_retry.total_seconds())
        self._limit = asyncio.Semaphore(CONCURRENCY)
        self._waiting: list[tuple[Row, str | None, bool]] = []
        self._commit_lock = asyncio.Lock()

    async def step(self) -> int:
        """Send what is due now; returns how many rows were tried."""
        due = await store.due_deliveries(self.db, iso(self.clock()), BATCH)
        # One inbox gets its rows one after another in the order they were queued (an
        # Accept before the Undo that follows it); different inboxes go in parallel.
        by_inbox: dict[str, list[Row]] = {}
        for row in sorted(due, key=lambda row: row["id"]):
            by_inbox.setdefault(row["inbox"], []).append(row)
        await asyncio.gather(*(self._deliver_in_order(rows) for rows in by_inbox.values()))
        return len(due)

    async def _deliver_in_order(self, rows: list[Row]) -> None:
        for row in rows:
            async with self._limit:
                await self._commit((row, *await self._deliver(row)))

    async def _commit(self, result: tuple[Row, str | None, bool]) -> None:
        """Record one result; returns once it is committed. Whoever holds the lock commits
        every result waiting by then, so a burst of answers costs one transaction."""
        self._waiting.append(result)
        async with self._commit_lock:
            batch, self._waiting = self._waiting, []
            await self._record(batch)

    async def idle(self) -> float:
        """Seconds until the next retry is due (between 1, or less with a shorter first
        retry, and 30)."""
        upcoming = await store.next_delivery_at(self.db)
        if upcoming is None:
            return 30.0
        wait = (parse_iso(upcoming) - self.clock()).total_seconds()
        return min(max(wait, self._min_idle), 30.0)

    async def _deliver(self, row: Row) -> tuple[str | None, bool]:
        """Send one row: (the error or None, whether the receiver will never take it)."""
        try:
            status, reply = await self.client.post(row["inbox"], row["body"].encode())
        except FetchError as failure:
            return str(failure), False
        if 200 <= status < 300:
            return None, False
        return f"HTTP {status}: {reply}", 400 <= status < 500 and status not in RETRYABLE_4XX

    async def _record(self, results: list[tuple[Row, str | None, bool]]) -> None:
        """Results that finished together in one transaction, the delivered rows in one
        statement (a transaction, or a hop to the writer's thread, per row costs more than
        sending)."""
        if not results:
            return
        now = self.clock()
        given_up = []
        # Queue bookkeeping only: nothing a visitor's page shows changes.
        async with self.db.transaction(quiet=True) as tx:
            await store.delivered(
                tx, [row["id"] for row, error, _ in results if error is None], iso(now)
            )
            for row, error, final in results:
                if error is None:
                    continue
                first = parse_iso(row["created_at"])
                retry_at = (
                    None if final else next_try(row["tries"] + 1, first, now, self.first_retry)
                )
                await store.delivery_failed(
                    tx, row["id"], error, iso(retry_at) if retry_at else None
                )
                if retry_at is None:
                    await actors_store.actor_failed(tx, row["inbox"])
                    given_up.append((row, error))
                else:
                    log.info(
                        "delivery of %s to %s failed, retry at %s: %s",
                        row["activity_id"],
                        row["inbox"],
                        iso(retry_at),
                        error,
                    )
        for row, error in given_up:
            log.warning("gave up delivering %s to %s: %s", row["activity_id"], row["inbox"], error)
