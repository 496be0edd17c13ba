"""Once a week, on Monday from 08:00 Dutch time, the digest is queued for every member who
gets it. The week it was last queued for is kept in node_settings, so a restart on Monday
does not queue it twice and a node that was down on Monday catches up when it starts.
`buurtnode mail digest` queues one at any time."""

from __future__ import annotations

from node.community.accounts.digest import Digests
from node.community.calendar.model import TIMEZONE
from node.community.clock import Clock
from node.storage import Database
from node.storage.accounts import members as settings_store

LAST_WEEK = "mail.digest_week"
SEND_FROM_HOUR = 8


class WeeklyDigest:
    def __init__(self, db: Database, clock: Clock, digests: Digests) -> None:
        self.db = db
        self.clock = clock
        self.digests = digests

    def _week(self) -> str | None:
        """This ISO week ('2026-W10'), once its Monday 08:00 has passed; else None."""
        local = self.clock().astimezone(TIMEZONE)
        if local.weekday() == 0 and local.hour < SEND_FROM_HOUR:
            return None
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"

    async def step(self) -> int:
        week = self._week()
        last = await settings_store.get_setting(self.db, LAST_WEEK)
        if week is None or last == week:
            return 0
        # A node's first week only starts the count: its first digest comes next Monday.
        queued = 0 if last is None else await self.digests.queue()
        async with self.db.transaction() as tx:
            await settings_store.put_setting(tx, LAST_WEEK, week)
        return queued
