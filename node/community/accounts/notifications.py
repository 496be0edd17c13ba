"""What a member hears about: in the notification centre (/meldingen), in an app, and
where they stopped reading (markers).

Notifications are written by database triggers from what happened (a reply, a mention, a
favourite or "ik steun dit", an offer of help on your initiative, a reblog, a new
follower; a sign-up waiting, an answer, a judged proposal, a report-back, an urgent
announcement, a changed activity), so the web pages, apps and federation all notify
alike. Apps see Mastodon's four types; the centre shows every kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.members import Member
from node.community.clock import Clock, iso
from node.community.errors import N_, NotFound
from node.storage import Database, Row
from node.storage.accounts import notices as centre_store
from node.storage.accounts import social as store

TYPES = ("mention", "favourite", "reblog", "follow")  # what the Mastodon API shows
# What the centre tells apart: a member must act on the first ones, would want to know the rest.
KINDS = (
    "signup",
    "offer",
    "comment",
    "official",
    "answer",
    "proposal",
    "report_back",
    "urgent",
    "event_changed",
    "reply",
    "support",
    "favourite",
    "reblog",
    "share",
    "follow",
)
CENTRE_PAGE = 30
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
class Notice:
    """One line of the notification centre: what happened, about what, caused by whom."""

    id: int
    kind: str  # one of KINDS
    created_at: str
    read: bool
    actor_name: str  # '' when from elsewhere or no one in particular
    about_type: str | None  # initiative, event, announcement, process, question, ...
    about_id: int | None
    title: str
    outcome: str = ""  # a proposal's review ('feasible', 'not_feasible'); 'cancelled'
    round_id: int | None = None  # the budget round of a proposal

    @classmethod
    def from_row(cls, row: Row) -> Notice:
        subject = row["subject"] or ""
        outcome = ""
        if row["kind"] == "proposal":
            outcome = subject.rsplit(":", 1)[-1]
        elif row["kind"] == "event_changed" and subject.endswith(":cancelled"):
            outcome = "cancelled"
        return cls(
            id=row["id"],
            kind=row["kind"],
            created_at=row["created_at"],
            read=row["read_at"] is not None,
            actor_name=row["actor_name"],
            about_type=row["about_type"],
            about_id=row["about_id"],
            title=row["title"],
            outcome=outcome,
            round_id=row["round_id"],
        )


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
        row = await store.notification(self.db, member.id, notification_id, TYPES)
        if row is None:
            raise NotFound(N_("This notification does not exist (any more)."))
        return Notification(**dict(row))

    async def dismiss(self, member: Member, notification_id: int | None = None) -> None:
        """Dismiss one notification, or all of them (None)."""
        async with self.db.transaction() as tx:
            await store.dismiss(tx, member.id, notification_id, TYPES)

    async def markers(self, member: Member) -> list[Marker]:
        return [Marker(**dict(row)) for row in await store.markers(self.db, member.id)]

    async def set_marker(self, member: Member, timeline: str, last_read_id: str) -> None:
        if timeline not in TIMELINES or not last_read_id.isdigit():
            return
        async with self.db.transaction() as tx:
            await store.set_marker(tx, member.id, timeline, last_read_id, iso(self.clock()))

    # -- the notification centre -----------------------------------------------------

    async def centre(
        self, member: Member, *, before_id: int | None = None, only_unread: bool = False
    ) -> list[Notice]:
        """The newest first, a page at a time (`before_id`: the last id of the page before)."""
        rows = await centre_store.centre(
            self.db, member.id, before_id=before_id, limit=CENTRE_PAGE, only_unread=only_unread
        )
        return [Notice.from_row(row) for row in rows]

    async def notice(self, member: Member, notification_id: int) -> Notice | None:
        row = await centre_store.one(self.db, member.id, notification_id)
        return None if row is None else Notice.from_row(row)

    async def unread_count(self, member: Member) -> int:
        return await centre_store.unread_count(self.db, member.id)

    async def mark_read(self, member: Member, notification_id: int | None = None) -> int:
        """Mark one notification read, or all of them (None); how many changed."""
        async with self.db.transaction() as tx:
            return await centre_store.mark_read(tx, member.id, notification_id, iso(self.clock()))

    async def since(self, after_id: int, limit: int = 100) -> list[tuple[int, Notice]]:
        """Every member's notifications after an id, oldest first, as (member id, notice):
        for whoever passes them on (e-mail)."""
        rows = await centre_store.since(self.db, after_id, limit)
        return [(row["member_id"], Notice.from_row(row)) for row in rows]
