"""Buurtberichten: a resident's short public message to the neighbourhood (the prikbord).

The same post is written on the web page or from a Mastodon app. A reply to another post is
a post; a reply to an initiative or activity becomes a comment on it (see comments.py). Each
post records a change (subject 'post') for the federation layer, and gets a status id. A
post may hold photos (photos.py) and its author may edit it; an edit records an 'updated'
change, which federates as an Update.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, DomainError, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.media import MediaStore
from node.community.posts.photos import DESCRIPTION, Photo, Photos
from node.community.reactions.comments import SUBJECT_TYPES as COMMENTABLE
from node.community.reactions.comments import Comments
from node.community.text import markdown_to_html
from node.storage import Database, Row, Transaction
from node.storage.posts import queries as store

SUBJECT = "post"
BODY = Field(
    "post.body",
    N_("Your message"),
    1000,
    required=True,
    missing=N_("Write your message before you post it."),
)
SPOILER = Field("post.spoiler_text", N_("Warning shown first"), 200)
VISIBILITY = Field("post.visibility", N_("Who may read it?"), 20, required=True)
PER_HOUR = 30
_TAG = re.compile(r"(?<![\w/&#])#(\w{1,50})")
_MENTION = re.compile(r"(?<![\w/@])@([a-z0-9_]{2,30})(?![\w@])", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class Visibility(StrEnum):
    PUBLIC = "public"
    UNLISTED = "unlisted"  # readable by anyone with the link, not on public timelines
    MEMBERS = "members"  # only logged-in residents of this node


class TooMany(DomainError):
    status = 429
    retry_after = 3600  # seconds: the posting limit counts the last hour


@dataclass(frozen=True)
class Post:
    id: int
    member_id: int | None
    author_username: str
    author_name: str
    author_public_profile: bool  # has a page at /@author_username
    body: str
    html: str
    visibility: Visibility
    spoiler_text: str
    language: str | None
    in_reply_to_post_id: int | None
    created_at: str
    tags: tuple[str, ...]
    mentions: tuple[tuple[int, str, bool], ...]  # (member id, username, public profile)
    photos: tuple[Photo, ...] = ()
    edited_at: str | None = None

    def visible_to(self, viewer: Member | None) -> bool:
        return self.visibility is not Visibility.MEMBERS or (
            viewer is not None and viewer.is_active
        )

    def may_delete(self, member: Member | None) -> bool:
        if member is None or not member.is_active:
            return False
        return member.id == self.member_id or member.can(Action.MODERATE)

    def may_edit(self, member: Member | None) -> bool:
        return member is not None and member.is_active and member.id == self.member_id

    @classmethod
    def from_row(cls, row: Row) -> Post:
        mentions = []
        for pair in (row["mentions"] or "").split():
            member_id, username, public = pair.split(":")
            mentions.append((int(member_id), username, public == "1"))
        return cls(
            id=row["id"],
            member_id=row["member_id"],
            author_username=row["author_username"] or "",
            author_name=row["author_name"] or "",
            author_public_profile=bool(row["author_public_profile"]),
            body=row["body"],
            html=row["body_html"],
            visibility=Visibility(row["visibility"]),
            spoiler_text=row["spoiler_text"],
            language=row["language"],
            in_reply_to_post_id=row["in_reply_to_post_id"],
            created_at=row["created_at"],
            tags=tuple(sorted((row["tags"] or "").split())),
            mentions=tuple(mentions),
            photos=Photo.of_post(row["photos"]),
            edited_at=row["edited_at"],
        )


def hashtags(text: str) -> list[str]:
    return list(dict.fromkeys(tag.lower() for tag in _TAG.findall(text)))


def visibilities_for(viewer: Member | None) -> tuple[str, ...]:
    if viewer is not None and viewer.is_active:
        return tuple(v.value for v in Visibility)
    return (Visibility.PUBLIC.value, Visibility.UNLISTED.value)


@dataclass(frozen=True)
class _Text:
    body: str
    spoiler_text: str
    language: str | None


def _checked(
    problems: Problems, body: str, spoiler_text: str, language: str | None, has_photos: bool
) -> _Text:
    """The message's text as kept, its problems noted: never cut off, never changed silently.
    A message of photos alone needs no text."""
    body = problems.text(BODY, body) if body.strip() or not has_photos else ""
    spoiler_text = problems.text(SPOILER, spoiler_text, single_line=True)
    language = (language or "").strip().lower() or None
    if language is not None and not _LANGUAGE.match(language):
        language = None
    return _Text(body, spoiler_text, language)


class Posts:
    def __init__(self, db: Database, clock: Clock, comments: Comments) -> None:
        self.db = db
        self.clock = clock
        self.comments = comments
        # Photos sit beside the database in DATA/media/, as initiatives' images do.
        self.photos = Photos(db, clock, MediaStore(db.path.parent / "media"))

    async def write(
        self,
        by: Member,
        body: str,
        *,
        visibility: str = Visibility.PUBLIC.value,
        spoiler_text: str = "",
        language: str | None = None,
        in_reply_to: tuple[str, int] | None = None,
        photo_ids: list[int] | None = None,
    ) -> tuple[str, int]:
        """Post a message; returns what was made: ('post', id) or ('comment', id)."""
        if not by.can(Action.WRITE_POSTS):
            raise NotAllowed(N_("Log in as a resident to post a message."))
        since = iso(self.clock() - timedelta(hours=1))
        await self._within_limit(self.db, by, since)
        if in_reply_to is not None and in_reply_to[0] in COMMENTABLE:
            if photo_ids:
                raise Invalid(N_("Photos go with messages, not with reactions."))
            return "comment", await self.comments.add(by, in_reply_to[0], in_reply_to[1], body)
        if in_reply_to is not None and in_reply_to[0] != SUBJECT:
            raise NotFound(N_("There is nothing here to react to (any more)."))
        problems = Problems()
        text = _checked(problems, body, spoiler_text, language, bool(photo_ids))
        chosen = Visibility.PUBLIC
        try:
            chosen = Visibility(visibility)
        except ValueError:
            problems.add(VISIBILITY, N_("Choose who may read the message."))
        problems.check()
        parent_id = None
        if in_reply_to is not None:
            parent = await self.get(in_reply_to[1], by)
            parent_id = parent.id
        mentioned = await self._mentioned(text.body)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            # Counted again inside the write: concurrent creates cannot pass the limit together.
            await self._within_limit(tx, by, since)
            post_id = await store.insert_post(
                tx,
                member_id=by.id,
                body=text.body,
                body_html=markdown_to_html(text.body),
                visibility=chosen.value,
                spoiler_text=text.spoiler_text,
                language=text.language,
                in_reply_to_post_id=parent_id,
                now=now,
            )
            await record(tx, SUBJECT, post_id, ChangeKind.CREATED, by.id, now)
            await store.insert_tags(tx, post_id, hashtags(text.body))
            await store.insert_mentions(tx, post_id, mentioned)
            await self.photos.attach(tx, by, post_id, photo_ids or [])
        return SUBJECT, post_id

    async def write_with_photo(
        self, by: Member, body: str, *, photo: bytes | None, photo_description: str, **options: Any
    ) -> tuple[str, int]:
        """The prikbord's form: a message with at most one photo and its description, every
        problem of the form told at once; a refused message keeps no photo."""
        problems = Problems()
        if photo is None and photo_description.strip():
            problems.add(DESCRIPTION, N_("Add the photo this describes, or leave this empty."))
        else:
            photo_description = problems.text(DESCRIPTION, photo_description)
        _checked(problems, body, str(options.get("spoiler_text", "")), None, photo is not None)
        problems.check()
        uploaded = None if photo is None else await self.photos.upload(by, photo, photo_description)
        try:
            return await self.write(
                by, body, photo_ids=[uploaded.id] if uploaded else None, **options
            )
        except DomainError:
            if uploaded is not None:
                await self.photos.discard(by, uploaded.id)
            raise

    async def edit(
        self,
        by: Member,
        post_id: int,
        body: str,
        *,
        spoiler_text: str = "",
        language: str | None = None,
        photo_ids: list[int] | None = None,
    ) -> Post:
        """Change the text, warning, language and photos of one's own message (who may
        read it stays as it was). Without `photo_ids` the photos stay; with them, those are
        the photos it keeps, in that order (the others are removed)."""
        post = await self.get(post_id, by)
        if not post.may_edit(by):
            raise NotAllowed(N_("Only the author can change this message."))
        if photo_ids is None:
            photo_ids = [photo.id for photo in post.photos]
        problems = Problems()
        text = _checked(problems, body, spoiler_text, language or post.language, bool(photo_ids))
        problems.check()
        mentioned = await self._mentioned(text.body)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.update_post(
                tx,
                post_id,
                body=text.body,
                body_html=markdown_to_html(text.body),
                spoiler_text=text.spoiler_text,
                language=text.language,
                now=now,
            )
            await record(tx, SUBJECT, post_id, ChangeKind.UPDATED, by.id, now)
            await store.replace_tags(tx, post_id, hashtags(text.body))
            await store.replace_mentions(tx, post_id, mentioned)
            dropped = await self.photos.attach(tx, by, post_id, photo_ids)
        for name in dropped:
            self.photos.media.remove(name)
        return await self.get(post_id, by)

    async def _mentioned(self, body: str) -> list[int]:
        names = [name.lower() for name in _MENTION.findall(body)]
        return list((await store.active_member_ids(self.db, list(dict.fromkeys(names)))).values())

    async def _within_limit(self, db: Database | Transaction, by: Member, since: str) -> None:
        if await store.count_since(db, by.id, since) >= PER_HOUR:
            raise TooMany(
                N_("You posted %(count)s messages in the last hour. Wait a while."),
                count=PER_HOUR,
            )

    async def get(self, post_id: int, viewer: Member | None = None) -> Post:
        """A post the viewer may read; deleted, hidden and members-only posts are not found."""
        row = await store.post_by_id(self.db, post_id)
        if row is None or row["deleted_at"] is not None or row["hidden_at"] is not None:
            raise NotFound(N_("This message does not exist (any more)."))
        post = Post.from_row(row)
        if not post.visible_to(viewer):
            raise NotFound(N_("This message does not exist (any more)."))
        return post

    async def delete(self, by: Member, post_id: int) -> Post:
        post = await self.get(post_id, by)
        if not post.may_delete(by):
            raise NotAllowed(N_("Only the author or a buurtverbinder can remove this message."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.mark_deleted(tx, post_id, now)
            await record(tx, SUBJECT, post_id, ChangeKind.DELETED, by.id, now)
        return post

    async def recent(
        self,
        viewer: Member | None,
        limit: int = 50,
        before_id: int | None = None,
        tag: str | None = None,
    ) -> list[Post]:
        """Posts the viewer may read, newest first (the prikbord); `tag` without '#'."""
        tag = tag.lstrip("#").lower() or None if tag else None
        rows = await store.visible_posts(self.db, visibilities_for(viewer), limit, before_id, tag)
        return [Post.from_row(row) for row in rows]
