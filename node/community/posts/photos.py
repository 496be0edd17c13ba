"""Photos on buurtberichten: an app uploads a photo first (with its alt text), then posts a
message naming it, as Mastodon's API has it.

The photo is re-encoded on upload (community/media.py: EXIF and GPS gone, at most 1600
pixels a side) and kept under a random name in DATA/media/. Until it is attached only its
uploader may use it; a message holds at most four.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.media import MediaStore
from node.storage import Database, Row, Transaction
from node.storage.posts import photos as store

MAX_PHOTOS = 4
# As Mastodon: room for a real description, never cut off.
DESCRIPTION = Field(
    "post.photo_description", N_("What the photo shows, for who cannot see it"), 1500
)
MAX_DESCRIPTION = DESCRIPTION.max


@dataclass(frozen=True)
class Photo:
    id: int
    file_name: str
    description: str
    width: int
    height: int
    post_id: int | None = None
    member_id: int | None = None

    @classmethod
    def from_row(cls, row: Row) -> Photo:
        return cls(**{k: row[k] for k in row.keys()})  # noqa: SIM118 - a sqlite3.Row

    @classmethod
    def of_post(cls, column: str | None) -> tuple[Photo, ...]:
        """The photos of a post from its query's JSON column (storage.posts.photos.OF_POST)."""
        return tuple(cls(**found) for found in json.loads(column or "[]"))


def _description(text: str) -> str:
    problems = Problems()
    text = problems.text(DESCRIPTION, text)
    problems.check()
    return text


class Photos:
    def __init__(self, db: Database, clock: Clock, media: MediaStore) -> None:
        self.db = db
        self.clock = clock
        self.media = media

    async def upload(self, by: Member, data: bytes, description: str = "") -> Photo:
        if not by.can(Action.WRITE_POSTS):
            raise NotAllowed(N_("Log in as a resident to post a message."))
        if not data:
            raise Invalid(N_("Choose a photo to add."))
        description = _description(description)
        saved = self.media.save_sized(data)
        try:
            async with self.db.transaction() as tx:
                photo_id = await store.insert_photo(
                    tx,
                    member_id=by.id,
                    file_name=saved.name,
                    description=description,
                    width=saved.width,
                    height=saved.height,
                    now=iso(self.clock()),
                )
        except BaseException:
            self.media.remove(saved.name)
            raise
        return await self.get(by, photo_id)

    async def get(self, by: Member, photo_id: int) -> Photo:
        """One of the member's own photos."""
        row = await store.photo(self.db, photo_id)
        if row is None or row["member_id"] != by.id:
            raise NotFound(N_("This photo does not exist (any more)."))
        return Photo.from_row(row)

    async def describe(self, by: Member, photo_id: int, description: str) -> Photo:
        """Change the alt text before the photo is posted (after, an edit of the message
        changes it, so that the change federates)."""
        if (await self.get(by, photo_id)).post_id is not None:
            raise Invalid(N_("This photo is on a message already. Edit the message instead."))
        async with self.db.transaction() as tx:
            await store.describe(tx, photo_id, _description(description))
        return await self.get(by, photo_id)

    async def discard(self, by: Member, photo_id: int) -> None:
        """Remove a photo that was never posted (its message was refused)."""
        photo = await self.get(by, photo_id)
        if photo.post_id is None:
            async with self.db.transaction() as tx:
                await store.remove(tx, [photo_id])
            self.media.remove(photo.file_name)

    async def attach(
        self, tx: Transaction, by: Member, post_id: int, photo_ids: list[int]
    ) -> list[str]:
        """Make these the post's photos, in this order, inside the post's own transaction;
        returns the files of photos it no longer has (to remove once committed)."""
        photo_ids = list(dict.fromkeys(photo_ids))
        if len(photo_ids) > MAX_PHOTOS:
            raise Invalid(N_("A message holds at most %(count)s photos."), count=MAX_PHOTOS)
        for photo_id in photo_ids:
            row = await store.photo(tx, photo_id)
            if row is None or row["member_id"] != by.id or row["post_id"] not in (None, post_id):
                raise Invalid(N_("This photo does not exist (any more). Add it once more."))
        dropped = [r for r in await store.photos_of(tx, post_id) if r["id"] not in photo_ids]
        await store.remove(tx, [r["id"] for r in dropped])
        await store.attach(tx, post_id, photo_ids)
        return [r["file_name"] for r in dropped]

    async def may_show(self, file_name: str) -> bool:
        return await store.shown(self.db, file_name)
