"""In de buurt: initiatives, activities and news of the nodes this node follows.

The federation layer stores what followed nodes send (`store`, `forget`); residents read
it here and answer it: a comment or "ik steun dit" is recorded as a change
(`remote_comment`, `remote_support`), which the federation layer sends to the home node.
Nothing here knows ActivityPub: a remote object is plain data with a kind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.text import (
    markdown_to_html,
    plain_text,
    sanitise_html,
    shorten,
    shorten_html,
)
from node.storage import Database, Row
from node.storage.network import nearby as store

COMMENT = "remote_comment"
SUPPORT = "remote_support"
KINDS = ("initiative", "event", "announcement")  # what the list shows; replies hang below
COMMENT_BODY = Field(
    "nearby.body",
    N_("Your reaction"),
    5000,
    required=True,
    missing=N_("Write your reaction before you send it."),
)


@dataclass(frozen=True)
class RemoteNeed:
    kind: str  # a NeedKind value
    description: str


@dataclass(frozen=True)
class RemoteObject:
    """What the federation layer hands over: one object, HTML still to be sanitised."""

    ap_id: str
    type: str  # Page, Event, Note, Article
    kind: str  # initiative, event, announcement, reply
    actor_uri: str
    origin_uri: str
    name: str = ""
    content_html: str = ""
    url: str | None = None
    published: str | None = None
    updated: str | None = None
    in_reply_to: str | None = None
    starts_at: str | None = None
    ends_at: str | None = None
    timezone: str | None = None
    location_name: str | None = None
    location_address: str | None = None
    status: str | None = None
    participation_level: str | None = None
    open_needs: list[RemoteNeed] | None = None
    series: str | None = None  # SERIES_LEDGER: a new booking in its node's wijkboekhouding


SERIES_LEDGER = "ledger"
# What others publish has its own bounds: kept, but visibly shortened ("…") beyond these.
MAX_REMOTE_TITLE = 200
MAX_REMOTE_HTML = 100_000
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
FINISHED = ("done", "stopped")  # initiative statuses that ask for nothing any more


@dataclass(frozen=True)
class RemoteItem:
    id: int
    ap_id: str
    kind: str
    name: str
    content_html: str
    url: str | None
    published: str | None
    origin_uri: str
    origin_name: str
    origin_handle: str
    starts_at: str | None
    ends_at: str | None
    location_name: str | None
    location_address: str | None
    status: str | None
    participation_level: str | None
    open_needs: list[RemoteNeed] = field(default_factory=list)
    comments: int = 0
    supports: int = 0  # by residents of this node
    series: str | None = None  # e.g. "ledger:2026-03-02": that day's bookings of its node
    in_series: int = 1  # how many objects the series has; this item stands for them all

    @property
    def link(self) -> str:
        return self.url or self.ap_id

    @property
    def body_html(self) -> str:
        """The content without an opening paragraph that only repeats the title (a Note's
        title is taken from its first paragraph): shown under the title, it says it once."""
        first, closing, rest = self.content_html.partition("</p>")
        if closing and self.name and plain_text(first) == self.name:
            return rest.lstrip()
        return self.content_html

    @property
    def bookings(self) -> int:
        """How many new bookings of its wijkboekhouding this item stands for (0: none)."""
        return self.in_series if (self.series or "").startswith(SERIES_LEDGER + ":") else 0

    @classmethod
    def from_row(cls, row: Row) -> RemoteItem:
        needs = json.loads(row["open_needs"]) if row["open_needs"] else []
        return cls(
            id=row["id"],
            ap_id=row["ap_id"],
            kind=row["kind"],
            name=row["name"],
            content_html=row["content_html"],
            url=row["url"],
            published=row["published"] or row["received_at"],
            origin_uri=row["origin_uri"],
            origin_name=row["origin_name"] or row["origin_uri"],
            origin_handle=row["origin_handle"] or "",
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            location_name=row["location_name"],
            location_address=row["location_address"],
            status=row["status"],
            participation_level=row["participation_level"],
            open_needs=[RemoteNeed(n["kind"], n["description"]) for n in needs],
            comments=row["comments"],
            supports=row["supports"],
            series=row["series"],
            in_series=row["in_series"] if row["series"] else 1,
        )


@dataclass(frozen=True)
class RemoteComment:
    author_name: str
    body_html: str
    created_at: str
    from_here: bool  # written by a resident of this node
    official: str | None = None  # 'response' or 'pledge' of the municipality (from here)


@dataclass(frozen=True)
class RemoteItemPage:
    item: RemoteItem
    comments: list[RemoteComment]
    supported: bool  # by the member looking


@dataclass(frozen=True)
class Interaction:
    """A resident's comment or support on a remote object, as the federation layer sends it."""

    id: int
    kind: str
    member_id: int | None
    author_name: str
    body_html: str
    created_at: str
    withdrawn: bool
    object_ap_id: str
    object_actor: str
    origin_uri: str
    official: str | None = None  # the municipality's 'response' or 'pledge'


def _series(remote: RemoteObject) -> str | None:
    """Bookings group per node per local day (the day a resident would say it happened)."""
    if remote.series != SERIES_LEDGER:
        return None
    day = parse_iso(remote.published).astimezone(LOCAL_ZONE) if remote.published else None
    return f"{SERIES_LEDGER}:{day.date().isoformat() if day else 'undated'}"


class Nearby:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- residents ------------------------------------------------------------------

    async def latest(self, limit: int = 100) -> list[RemoteItem]:
        """Initiatives, activities and news of followed nodes, newest first."""
        return [RemoteItem.from_row(r) for r in await store.listing(self.db, KINDS, limit)]

    async def get(self, item_id: int) -> RemoteItem:
        row = await store.visible_object(self.db, item_id)
        if row is None or row["kind"] not in KINDS:
            raise NotFound(N_("This item from another neighbourhood is not here (any more)."))
        return RemoteItem.from_row(row)

    async def page(self, item_id: int, member: Member | None) -> RemoteItemPage:
        item = await self.get(item_id)
        ours = [
            RemoteComment(r["author_name"], r["body_html"], r["created_at"], True, r["official"])
            for r in await store.comments_on(self.db, item_id)
        ]
        theirs = [
            RemoteComment(r["author_name"], r["content_html"], r["published"] or "", False)
            for r in await store.replies_to(self.db, item.ap_id)
        ]
        comments = sorted(ours + theirs, key=lambda c: c.created_at)
        return RemoteItemPage(item, comments, await self.supported_by(member, item_id))

    async def supported_by(self, member: Member | None, item_id: int) -> bool:
        return (
            member is not None
            and await store.active_support(self.db, item_id, member.id) is not None
        )

    async def comment(self, by: Member | None, item_id: int, body: str) -> int:
        """A resident's reaction; the home node gets it with the resident's display name."""
        return await self.record_comment(by, item_id, body, official=None)

    async def record_comment(
        self, by: Member | None, item_id: int, body: str, *, official: str | None
    ) -> int:
        """`official` ('response', 'pledge'): the municipality speaking; the caller
        (hood.dashboard) has checked that `by` may."""
        if by is None or not by.can(Action.COMMENT):
            raise NotAllowed(N_("Log in to react. Nothing was saved."))
        await self.get(item_id)
        problems = Problems()
        body = problems.text(COMMENT_BODY, body)
        problems.check()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            interaction_id = await store.insert_interaction(
                tx,
                item_id,
                by.id,
                "comment",
                now,
                body_html=markdown_to_html(body),
                author_name=by.display_name,
                official=official,
            )
            await record(tx, COMMENT, interaction_id, ChangeKind.CREATED, by.id, now)
        return interaction_id

    async def toggle_support(self, by: Member | None, item_id: int) -> bool:
        """'Ik steun dit' on a remote initiative, on or off; whether the member supports it now."""
        if by is None or not by.can(Action.SUPPORT):
            raise NotAllowed(N_("Log in to support an initiative."))
        item = await self.get(item_id)
        if item.kind != "initiative":
            raise Invalid(N_("Only initiatives can be supported."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            existing = await store.active_support(tx, item_id, by.id)
            if existing is not None:
                await store.withdraw_support(tx, existing, now)
                await record(tx, SUPPORT, existing, ChangeKind.DELETED, by.id, now)
                return False
            support_id = await store.insert_interaction(tx, item_id, by.id, "support", now)
            await record(tx, SUPPORT, support_id, ChangeKind.CREATED, by.id, now)
            return True

    # -- the federation layer -------------------------------------------------------

    async def store(self, remote: RemoteObject) -> int:
        """Keep (or refresh) an object from a followed node; its HTML is sanitised here."""
        values: dict[str, Any] = {
            **remote.__dict__,
            "name": shorten(" ".join(remote.name.split()), MAX_REMOTE_TITLE),
            "series": _series(remote),
            "content_html": shorten_html(sanitise_html(remote.content_html), MAX_REMOTE_HTML),
            "open_needs": None
            if remote.open_needs is None
            else json.dumps(
                # A done or stopped initiative needs nothing, whatever its node says.
                [n.__dict__ for n in remote.open_needs if remote.status not in FINISHED],
                ensure_ascii=False,
            ),
        }
        async with self.db.transaction() as tx:
            return await store.upsert_object(tx, values, iso(self.clock()))

    async def known(self, ap_id: str) -> tuple[str, str] | None:
        """(kind, actor) of a stored object, deleted or not; None when unknown."""
        row = await store.object_by_ap_id(self.db, ap_id)
        return None if row is None else (row["kind"], row["actor_uri"])

    async def forget(self, ap_id: str) -> bool:
        """The object was deleted at home; True when we had it."""
        async with self.db.transaction() as tx:
            return await store.mark_deleted(tx, ap_id, iso(self.clock())) > 0

    async def interaction(self, interaction_id: int) -> Interaction | None:
        row = await store.interaction(self.db, interaction_id)
        if row is None:
            return None
        return Interaction(
            id=row["id"],
            kind=row["kind"],
            member_id=row["member_id"],
            author_name=row["author_name"],
            body_html=row["body_html"],
            created_at=row["created_at"],
            withdrawn=row["withdrawn_at"] is not None,
            object_ap_id=row["object_ap_id"],
            object_actor=row["object_actor"],
            origin_uri=row["origin_uri"],
            official=row["official"],
        )
