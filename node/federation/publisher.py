"""Queue activities for delivery. `publish(activity)` is the one call for "tell every follower".

The activity and one delivery row per inbox are written in one transaction before
anything is sent, so a crash between the two loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from node.community.clock import Clock, iso
from node.federation.ids import AS_CONTEXT, PUBLIC, Ids
from node.storage import Database
from node.storage.federation import actors as actors_store
from node.storage.federation import queues as store

Activity = dict[str, Any]


class Publisher:
    def __init__(self, db: Database, ids: Ids, clock: Clock, wake: Callable[[], None]) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self._wake = wake

    def complete(self, activity: Activity) -> Activity:
        """Add what every activity we send needs: @context, an id, our actor."""
        return {
            "@context": AS_CONTEXT,
            "id": self.ids.new_activity(),
            "actor": self.ids.actor,
            **activity,
        }

    async def publish(self, activity: Activity, also: Iterable[str] = ()) -> Activity:
        """Send a public activity to every accepted follower (one request per server), and
        `also` to these inboxes, and list it in our outbox. Addressed to Public and our
        followers unless it says otherwise."""
        activity = self.complete(
            {"to": [PUBLIC], "cc": [self.ids.followers], "published": iso(self.clock()), **activity}
        )
        return await self._queue(activity, None, public=True, also=tuple(also))

    async def send(self, activity: Activity, inboxes: Iterable[str]) -> Activity:
        """Send a non-public activity (Follow, Accept, Undo...) to these inboxes."""
        return await self._queue(self.complete(activity), list(inboxes), public=False)

    async def _queue(
        self,
        activity: Activity,
        inboxes: list[str] | None,
        *,
        public: bool,
        also: tuple[str, ...] = (),
    ) -> Activity:
        body = json.dumps(activity, ensure_ascii=False, separators=(",", ":"))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if inboxes is None:
                inboxes = [*await actors_store.follower_inboxes(tx), *also]
            await store.insert_outgoing(tx, activity["id"], activity["type"], body, public, now)
            for inbox in dict.fromkeys(inboxes):
                await store.insert_delivery(tx, activity["id"], inbox, body, now)
        self._wake()
        return activity
