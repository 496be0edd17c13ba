"""The mail queue's sender: what is due goes to the SMTP server one by one; a temporary
failure (no connection, a 4xx) is retried with backoff (1, 2, 4 ... minutes, at most 6
hours apart; the first gap is `[mail] retry_base_seconds`) for three days, a permanent one
(a 5xx for that address) is given up at once and shown on /beheer. Rows survive a restart;
one refused address does not hold up the others."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from node.community.clock import Clock, iso, parse_iso
from node.config import MailSettings
from node.mail.compose import Composer
from node.mail.smtp import SendFailed, send
from node.storage import Database, Row
from node.storage.mail import outbox as store

log = logging.getLogger("buurtnode.mail")

MAX_RETRY_GAP = timedelta(hours=6)
GIVE_UP_AFTER = timedelta(days=3)
BATCH = 20


def next_try(
    tries: int, first_try: datetime, now: datetime, first_gap: timedelta
) -> datetime | None:
    """When to try again after `tries` failed tries; None: give up."""
    gap = min(first_gap * 2 ** max(tries - 1, 0), MAX_RETRY_GAP)
    return None if now + gap - first_try > GIVE_UP_AFTER else now + gap


class MailSender:
    def __init__(self, db: Database, clock: Clock, settings: MailSettings, composer: Composer):
        self.db = db
        self.clock = clock
        self.settings = settings
        self.composer = composer
        self.first_gap = timedelta(seconds=settings.retry_base_seconds)

    async def step(self) -> int:
        """Send what is due now; how many mails were tried."""
        due = await store.due_mail(self.db, iso(self.clock()), BATCH)
        for row in due:
            await self._send(row)
        return len(due)

    async def idle(self) -> float:
        upcoming = await store.next_mail_at(self.db)
        if upcoming is None:
            return 30.0
        wait = (parse_iso(upcoming) - self.clock()).total_seconds()
        return min(max(wait, min(1.0, self.first_gap.total_seconds())), 30.0)

    async def _send(self, row: Row) -> None:
        error, permanent = None, False
        try:
            await send(self.settings, self.composer.compose(row))
        except SendFailed as failure:
            error, permanent = str(failure), failure.permanent
        except (KeyError, ValueError) as broken:  # params the composer cannot use: never will
            error, permanent = f"cannot compose: {broken!r}", True
        now = self.clock()
        async with self.db.transaction() as tx:
            if error is None:
                await store.mail_sent(tx, row["id"], iso(now))
                return
            first = parse_iso(row["created_at"])
            retry = None if permanent else next_try(row["tries"] + 1, first, now, self.first_gap)
            await store.mail_failed(tx, row["id"], error, iso(retry) if retry else None)
        if retry is None:
            log.warning(
                "gave up mail %s (%s) to %s: %s", row["id"], row["kind"], row["address"], error
            )
        else:
            log.info(
                "mail %s to %s failed, retry at %s: %s",
                row["id"],
                row["address"],
                iso(retry),
                error,
            )
