"""A background loop around one `step` that returns how much work it did.

`run_once` holds a lock, so a test's settle() and the background loop never run the same
step at the same time. The loop sleeps until woken (new work) or until `idle()` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger("buurtnode.federation")


class Worker:
    def __init__(
        self,
        name: str,
        step: Callable[[], Awaitable[int]],
        idle: Callable[[], Awaitable[float]],
    ) -> None:
        self.name = name
        self._step = step
        self._idle = idle
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    async def run_once(self) -> int:
        async with self._lock:
            return await self._step()

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=f"buurtnode-{self.name}")

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
                timeout = await self._idle()
            except Exception:  # one bad row must not stop the worker
                log.exception("%s worker step failed", self.name)
                timeout = 5.0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            self._wake.clear()
