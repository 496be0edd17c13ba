"""The mail layer of one running node: the notifier, the weekly digest and the sender in
one background loop. Built by node/app.py only when buurtnode.toml has a [mail] table."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from node.community.clock import Clock
from node.community.neighbourhood import Neighbourhood
from node.config import MailSettings
from node.mail.compose import Composer
from node.mail.notifier import Notifier
from node.mail.sender import MailSender
from node.mail.weekly import WeeklyDigest

log = logging.getLogger("buurtnode.mail")


class Mail:
    def __init__(self, settings: MailSettings, hood: Neighbourhood, clock: Clock) -> None:
        composer = Composer(settings, hood.identity.url, hood.identity.name, hood.addresses)
        self.notifier = Notifier(hood.db, hood.addresses, hood.mailbox)
        self.weekly = WeeklyDigest(hood.db, clock, hood.digests)
        self.sender = MailSender(hood.db, clock, settings, composer)
        self._lock = asyncio.Lock()  # a test's settle() and the loop never step together
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> int:
        """One round: new notifications and a due digest into the queue, then send."""
        async with self._lock:
            queued = await self.notifier.step() + await self.weekly.step()
            return queued + await self.sender.step()

    async def settle(self) -> None:
        """Until nothing more is due now (tests, and the command line)."""
        while await self.run_once():
            pass

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="buurtnode-mail")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                if await self.run_once():
                    continue
                timeout = await self.sender.idle()
            except Exception:  # one bad row must not stop the mail
                log.exception("mail step failed")
                timeout = 5.0
            await asyncio.sleep(timeout)
