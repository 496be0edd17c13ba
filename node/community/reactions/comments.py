"""Comments on public content: initiatives and activities (events); announcements later.

A comment is written by a member here or arrives from elsewhere (a reply from Mastodon or
another node), then it carries the remote actor's URI and the object's id instead.
The municipality's contact person can mark a comment on an initiative as the official
response; on an activity a comment is always a plain reaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.text import markdown_to_html, sanitise_html, shorten, shorten_html
from node.storage import Database, Row
from node.storage.reactions import comments as store

SUBJECT = "comment"
BODY = Field(
    "comment.body",
    N_("Your reaction"),
    5000,
    required=True,
    missing=N_("Write your reaction before you send it."),
)
MAX_LENGTH = BODY.max
# What a comment can be on: the web pages, apps (a reply) and federation (inReplyTo) ask here.
SUBJECT_TYPES: tuple[str, ...] = tuple(store.SUBJECT_TABLES)
# An official response of the municipality answers an initiative, not an activity.
OFFICIAL_ON = ("initiative",)


@dataclass(frozen=True)
class Comment:
    id: int
    member_id: int | None
    remote_actor_uri: str | None
    author_name: str
    author_role: str | None
    body_html: str
    is_official: bool
    created_at: str
    remote_handle: str = ""  # name@host of the remote author, when we know it

    @property
    def is_remote(self) -> bool:
        return self.member_id is None and self.remote_actor_uri is not None

    @property
    def remote_link(self) -> str | None:
        """Where a reader finds the remote author (their actor id, which servers such as
        Mastodon redirect to the profile page); only an http(s) address is ever linked."""
        uri = self.remote_actor_uri or ""
        return uri if self.is_remote and uri.startswith(("https://", "http://")) else None

    @classmethod
    def from_row(cls, row: Row) -> Comment:
        return cls(
            id=row["id"],
            member_id=row["member_id"],
            remote_actor_uri=row["remote_actor_uri"],
            author_name=row["author_name"] or "",
            author_role=row["author_role"],
            body_html=row["body_html"],
            is_official=bool(row["is_official"]),
            created_at=row["created_at"],
            remote_handle=row["remote_handle"] or "",
        )


class Comments:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(
        self,
        by: Member | None,
        subject_type: str,
        subject_id: int,
        body: str,
        *,
        official: bool = False,
    ) -> int:
        if by is None or not by.can(Action.COMMENT):
            raise NotAllowed(N_("Log in to react. Nothing was saved."))
        if official and not by.can(Action.RESPOND_OFFICIALLY):
            raise NotAllowed(N_("Only the municipality's contact person can respond officially."))
        await self._check_subject(subject_type, subject_id)
        if official and subject_type not in OFFICIAL_ON:
            raise Invalid(N_("An official response is only possible on an initiative."))
        problems = Problems()
        body = problems.text(BODY, body)
        problems.check()
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            comment_id = await store.insert_comment(
                tx,
                subject_type=subject_type,
                subject_id=subject_id,
                member_id=by.id,
                body_html=markdown_to_html(body),
                is_official=official,
                now=now,
            )
            await record(tx, SUBJECT, comment_id, ChangeKind.CREATED, by.id, now)
        return comment_id

    async def add_remote(
        self,
        subject_type: str,
        subject_id: int,
        *,
        actor_uri: str,
        actor_name: str,
        ap_id: str,
        html: str,
        official: bool = False,
    ) -> int:
        """A reply from elsewhere, its HTML sanitised; the same ap_id twice is stored once.
        `official`: the municipality's node sent it as its official response (kept only on
        an initiative)."""
        await self._check_subject(subject_type, subject_id)
        official = official and subject_type in OFFICIAL_ON
        existing = await store.comment_id_by_ap_id(self.db, ap_id)
        if existing is not None:
            return existing
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            comment_id = await store.insert_comment(
                tx,
                subject_type=subject_type,
                subject_id=subject_id,
                remote_actor_uri=actor_uri,
                remote_actor_name=shorten(actor_name.strip(), 100) or None,
                ap_id=ap_id,
                body_html=shorten_html(sanitise_html(html), MAX_LENGTH * 2),
                is_official=official,
                now=now,
            )
            await record(tx, SUBJECT, comment_id, ChangeKind.CREATED, None, now)
        return comment_id

    async def update_remote(self, ap_id: str, actor_uri: str, html: str) -> bool:
        """Its author changed a reply from elsewhere; False when we do not have it (from them)."""
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            comment_id = await store.remote_comment_id(tx, ap_id, actor_uri)
            if comment_id is None:
                return False
            await store.update_body(
                tx, comment_id, shorten_html(sanitise_html(html), MAX_LENGTH * 2), now
            )
            await record(tx, SUBJECT, comment_id, ChangeKind.UPDATED, None, now)
        return True

    async def remove_remote(self, ap_id: str, actor_uri: str) -> bool:
        """Its author deleted a reply from elsewhere: it goes (only its author can do this)."""
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            comment_id = await store.remote_comment_id(tx, ap_id, actor_uri)
            if comment_id is None:
                return False
            await store.delete_comment(tx, comment_id)
            await record(tx, SUBJECT, comment_id, ChangeKind.DELETED, None, now)
        return True

    async def on(self, subject_type: str, subject_id: int) -> list[Comment]:
        """Visible comments, oldest first."""
        if subject_type not in SUBJECT_TYPES:
            return []
        rows = await store.comments_on(self.db, subject_type, subject_id)
        return [Comment.from_row(r) for r in rows]

    async def _check_subject(self, subject_type: str, subject_id: int) -> None:
        if subject_type not in SUBJECT_TYPES or not await store.subject_visible(
            self.db, subject_type, subject_id
        ):
            raise NotFound(N_("There is nothing here to react to (any more)."))
