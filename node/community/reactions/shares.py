"""Shares from the fediverse: someone elsewhere boosted (Announce) one of our initiatives,
activities, announcements or public posts. Each actor counts once per object; an Undo takes
it back. Apps see them in `reblogs_count`, the pages as "shared N times in the fediverse";
a share of a resident's post notifies them (a database trigger, as all notifications).
"""

from __future__ import annotations

from node.community.clock import Clock, iso
from node.storage import Database
from node.storage.posts import statuses as statuses_store
from node.storage.reactions import shares as store

KINDS = ("initiative", "event", "announcement", "post")
_SHAREABLE = ("public", "unlisted")  # a post for residents only cannot be shared


class Shares:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(self, subject_type: str, subject_id: int, actor_uri: str, ap_id: str) -> bool:
        """Count a share; False when the subject cannot be shared or it was counted already."""
        if subject_type not in KINDS:
            return False
        status_id = await statuses_store.status_id_of(self.db, subject_type, subject_id)
        if status_id is None:
            return False
        if await statuses_store.visible_status(self.db, status_id, _SHAREABLE) is None:
            return False
        async with self.db.transaction() as tx:
            return await store.add(
                tx, subject_type, subject_id, actor_uri, ap_id, iso(self.clock())
            )

    async def remove(self, actor_uri: str, ap_id: str) -> bool:
        """Undo by the Announce's id; True when there was such a share by this actor."""
        async with self.db.transaction() as tx:
            return await store.remove_by_announce(tx, actor_uri, ap_id) > 0

    async def remove_of(self, subject_type: str, subject_id: int, actor_uri: str) -> bool:
        """Undo naming what was shared (an Announce embedded without a known id)."""
        async with self.db.transaction() as tx:
            return await store.remove_by_subject(tx, subject_type, subject_id, actor_uri) > 0

    async def known(self, ap_id: str) -> bool:
        return await store.is_share(self.db, ap_id)

    async def count(self, subject_type: str, subject_id: int) -> int:
        return await store.count(self.db, subject_type, subject_id)
