"""Everything an app shows as a status, in one increasing id space: posts, comments,
initiatives, activities and announcements, and (in home and the federated public timeline)
those of followed nodes. Pages, threads, favourites and reblogs.

Hidden content (moderation) and members-only posts for outsiders never come out of here.
A favourite on an initiative is its "ik steun dit" support, also on one of a followed node
(sent there, as from the "In de buurt" page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from node.community.accounts.members import Member, Members
from node.community.accounts.permissions import Action
from node.community.announcements.service import Announcement, Announcements
from node.community.calendar.activities import Calendar
from node.community.calendar.model import Event
from node.community.clock import Clock, iso
from node.community.errors import N_, DomainError, Invalid, NotAllowed, NotFound
from node.community.initiatives.service import Initiatives, InitiativeSummary
from node.community.network.nearby import Nearby, RemoteItem
from node.community.posts.service import Post, Posts, Visibility, visibilities_for
from node.storage import Database, Row
from node.storage.posts import statuses as store

MAX_LIMIT = 40
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CommentItem:
    id: int
    subject_type: str
    subject_id: int
    member_id: int | None
    remote_actor_uri: str | None
    author_name: str
    remote_handle: str  # name@host of a remote author (the gemeente's), '' when unknown
    html: str
    created_at: str


@dataclass(frozen=True)
class StatusItem:
    id: int
    subject_type: str
    subject_id: int
    member_id: int | None  # who wrote it, or started the initiative
    author: Member | None  # for posts and comments; None: the node (or a remote author)
    created_at: str
    post: Post | None = None
    comment: CommentItem | None = None
    initiative: InitiativeSummary | None = None
    event: Event | None = None
    announcement: Announcement | None = None
    remote: RemoteItem | None = None  # an initiative, activity or news of a followed node
    in_reply_to_id: int | None = None
    in_reply_to_member_id: int | None = None  # None with a reply: the node's own status
    replies: int = 0
    favourites: int = 0
    reblogs: int = 0
    favourited: bool = False
    reblogged: bool = False

    @property
    def by_node(self) -> bool:
        """Initiatives, activities and announcements appear as the node's (group's) own."""
        return self.subject_type in ("initiative", "event", "announcement")


class Timeline:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        members: Members,
        posts: Posts,
        initiatives: Initiatives,
        calendar: Calendar,
        announcements: Announcements,
        nearby: Nearby,
    ) -> None:
        self.db = db
        self.clock = clock
        self.members = members
        self.posts = posts
        self.initiatives = initiatives
        self.calendar = calendar
        self.announcements = announcements
        self.nearby = nearby

    async def page(
        self,
        viewer: Member | None,
        kind: str = "home",
        *,
        local_only: bool = False,
        remote_only: bool = False,
        tag: str | None = None,
        member_id: int | None = None,
        max_id: int | None = None,
        since_id: int | None = None,
        min_id: int | None = None,
        limit: int = 20,
    ) -> list[StatusItem]:
        """A page of a timeline: home (all this node shows the viewer, and what followed
        nodes published), public (`local_only`: this node's; `remote_only`: followed nodes'),
        tag, account."""
        shown = visibilities_for(viewer)
        if kind in ("public", "tag"):
            shown = (Visibility.PUBLIC.value,)
        rows = await store.page(
            self.db,
            visibilities=shown,
            include_remote=not local_only,
            local=not remote_only,
            followed=kind == "home" or (kind == "public" and not local_only),
            tag=tag.lower() if tag is not None else None,
            member_id=member_id,
            max_id=max_id,
            since_id=since_id,
            min_id=min_id,
            limit=max(1, min(limit, MAX_LIMIT)),
        )
        return [item for row in rows if (item := await self._load(viewer, row)) is not None]

    async def get(self, viewer: Member | None, status_id: int) -> StatusItem:
        row = await store.visible_status(self.db, status_id, visibilities_for(viewer))
        item = None if row is None else await self._load(viewer, row)
        if item is None:
            raise NotFound(N_("This message does not exist (any more)."))
        return item

    async def status_of(self, subject_type: str, subject_id: int) -> int:
        found = await store.status_id_of(self.db, subject_type, subject_id)
        if found is None:
            raise NotFound(N_("This message does not exist (any more)."))
        return found

    async def context(
        self, viewer: Member | None, status_id: int
    ) -> tuple[list[StatusItem], list[StatusItem]]:
        """What a status answers (oldest first) and the answers below it."""
        item = await self.get(viewer, status_id)
        ancestors: list[StatusItem] = []
        current = item
        while current.in_reply_to_id is not None and len(ancestors) < 40:
            try:
                current = await self.get(viewer, current.in_reply_to_id)
            except NotFound:
                break
            ancestors.insert(0, current)
        if item.post is not None:
            below = await store.reply_ids(self.db, item.post.id)
        elif item.by_node:
            below = await store.comment_status_ids(self.db, item.subject_type, item.subject_id)
        else:
            below = []
        descendants = []
        for found_id in below:
            try:
                descendants.append(await self.get(viewer, found_id))
            except NotFound:
                continue
        return ancestors, descendants

    async def favourite(self, member: Member, status_id: int, on: bool = True) -> StatusItem:
        item = await self.get(member, status_id)
        if item.remote is not None:  # only an initiative can be supported (else Invalid)
            if await self.nearby.supported_by(member, item.subject_id) != on:
                await self.nearby.toggle_support(member, item.subject_id)
        elif item.subject_type == "initiative":
            if await self.initiatives.supported_by(member, item.subject_id) != on:
                await self.initiatives.toggle_support(member, item.subject_id)
        else:
            if not member.can(Action.SUPPORT):
                raise NotAllowed(N_("Log in to support an initiative."))
            async with self.db.transaction() as tx:
                if on:
                    await store.mark(
                        tx, "status_favourites", status_id, member.id, iso(self.clock())
                    )
                else:
                    await store.unmark(tx, "status_favourites", status_id, member.id)
        return await self.get(member, status_id)

    async def reblog(self, member: Member, status_id: int, on: bool = True) -> StatusItem:
        item = await self.get(member, status_id)
        if not member.can(Action.WRITE_POSTS):
            raise NotAllowed(N_("Log in as a resident to post a message."))
        if item.remote is not None:
            raise Invalid(N_("Content of another neighbourhood cannot be shared from here."))
        if on and item.post is not None and item.post.visibility is Visibility.MEMBERS:
            raise Invalid(N_("A message for residents only cannot be shared further."))
        async with self.db.transaction() as tx:
            if on:
                await store.mark(tx, "status_reblogs", status_id, member.id, iso(self.clock()))
            else:
                await store.unmark(tx, "status_reblogs", status_id, member.id)
        return await self.get(member, status_id)

    async def idempotent(self, member: Member, key: str) -> int | None:
        return await store.idempotent_status(self.db, member.id, key[:200])

    async def remember(self, member: Member, key: str, status_id: int) -> None:
        async with self.db.transaction() as tx:
            await store.remember_key(tx, member.id, key[:200], status_id, iso(self.clock()))

    async def search(self, viewer: Member | None, query: str, limit: int = 20) -> list[StatusItem]:
        """Posts containing every word, then initiatives matching the words."""
        words = _WORD.findall(query.lower())[:5]
        if not words:
            return []
        found = await store.post_ids_matching(self.db, words, limit)
        for initiative in await self.initiatives.search(query=query, limit=limit):
            found.append(await self.status_of("initiative", initiative.id))
        items = []
        for status_id in dict.fromkeys(found):
            try:
                items.append(await self.get(viewer, status_id))
            except DomainError:
                continue
        return items[:limit]

    async def _load(self, viewer: Member | None, row: Row) -> StatusItem | None:
        base = StatusItem(
            id=row["id"],
            subject_type=row["subject_type"],
            subject_id=row["subject_id"],
            member_id=row["member_id"],
            author=None,
            created_at=row["created_at"],
        )
        try:
            item = await self._subject(viewer, base)
        except NotFound:
            return None
        if item.remote is not None:
            return replace(
                item,
                replies=item.remote.comments,
                favourites=item.remote.supports,
                favourited=await self.nearby.supported_by(viewer, item.remote.id),
            )
        counts = await store.counts(self.db, item.id, item.subject_type, item.subject_id)
        item = replace(item, replies=counts["replies"], reblogs=counts["reblogs"])
        if item.initiative is not None:
            return replace(
                item,
                favourites=item.initiative.supports,
                favourited=await self.initiatives.supported_by(viewer, item.subject_id),
                reblogged=await self._marked(viewer, "status_reblogs", item.id),
            )
        return replace(
            item,
            favourites=counts["favourites"],
            favourited=await self._marked(viewer, "status_favourites", item.id),
            reblogged=await self._marked(viewer, "status_reblogs", item.id),
        )

    async def _marked(self, viewer: Member | None, table: str, status_id: int) -> bool:
        return viewer is not None and await store.marked_by(self.db, table, status_id, viewer.id)

    async def _subject(self, viewer: Member | None, item: StatusItem) -> StatusItem:
        kind, subject_id = item.subject_type, item.subject_id
        if kind == "post":
            post = await self.posts.get(subject_id, viewer)
            item = replace(item, post=post, author=await self._member(post.member_id))
            if post.in_reply_to_post_id is not None:
                parent = await self.posts.get(post.in_reply_to_post_id, viewer)
                return replace(
                    item,
                    in_reply_to_id=await self.status_of("post", parent.id),
                    in_reply_to_member_id=parent.member_id,
                )
            return item
        if kind == "comment":
            row = await store.comment_by_id(self.db, subject_id)
            if row is None:
                raise NotFound(N_("This message does not exist (any more)."))
            fields = dict(row)
            html = fields.pop("body_html")
            comment = CommentItem(**fields, html=html)
            return replace(
                item,
                comment=comment,
                author=await self._member(comment.member_id),
                in_reply_to_id=await store.status_id_of(
                    self.db, comment.subject_type, comment.subject_id
                ),
            )
        if kind == "remote":
            return replace(item, remote=await self.nearby.get(subject_id))
        if kind == "initiative":
            return replace(item, initiative=await self.initiatives.summary(subject_id))
        if kind == "event":
            return replace(item, event=await self.calendar.get(subject_id))
        found = await self.announcements.find(subject_id)
        if found is None:
            raise NotFound(N_("This message does not exist (any more)."))
        return replace(item, announcement=found)

    async def _member(self, member_id: int | None) -> Member | None:
        return None if member_id is None else await self.members.find(member_id)
