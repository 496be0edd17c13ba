"""What a resident hears about in an app, and where they stopped reading (markers).

Notifications are written by database triggers from what happened (a reply, a mention, a
favourite or "ik steun dit", an offer of help on your initiative, a reblog, a new
follower), so the web pages, apps and federation all notify alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.members import Member
from node.community.clock import Clock, iso
from node.community.errors import N_, NotFound
from node.storage import Database
from node.storage.accounts import social as store

TYPES = ("mention", "favourite", "reblog", "follow")
TIMELINES = ("home", "notifications")
MAX_LIMIT = 80


@dataclass(frozen=True)
class Notification:
    id: int
    type: str
    from_member_id: int | None
    status_id: int | None
    created_at: str
    from_remote_uri: str | None = None  # someone elsewhere (a share from the fediverse)


@dataclass(frozen=True)
class Marker:
    timeline: str
    last_read_id: str
    version: int
    updated_at: str


class Notifications:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def page(
        self,
        member: Member,
        *,
        types: list[str] | None = None,
        exclude_types: list[str] | None = None,
        max_id: int | None = None,
        since_id: int | None = None,
        min_id: int | None = None,
        limit: int = 20,
    ) -> list[Notification]:
        chosen = tuple(
            t for t in TYPES if (not types or t in types) and t not in (exclude_types or [])
        )
        if not chosen:
            return []
        rows = await store.notifications(
            self.db,
            member.id,
            types=chosen,
            max_id=max_id,
            since_id=since_id,
            min_id=min_id,
            limit=max(1, min(limit, MAX_LIMIT)),
        )
        return [Notification(**dict(row)) for row in rows]

    async def get(self, member: Member, notification_id: int) -> Notification:
        row = await store.notification(self.db, member.id, notification_id)
        if row is None:
            raise NotFound(N_("This notification does not exist (any more)."))
        return Notification(**dict(row))

    async def dismiss(self, member: Member, notification_id: int | None = None) -> None:
        """Dismiss one notification, or all of them (None)."""
        async with self.db.transaction() as tx:
            await store.dismiss(tx, member.id, notification_id)

    async def markers(self, member: Member) -> list[Marker]:
        return [Marker(**dict(row)) for row in await store.markers(self.db, member.id)]

    async def set_marker(self, member: Member, timeline: str, last_read_id: str) -> None:
        if timeline not in TIMELINES or not last_read_id.isdigit():
            return
        async with self.db.transaction() as tx:
            await store.set_marker(tx, member.id, timeline, last_read_id, iso(self.clock()))
