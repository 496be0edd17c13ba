"""Announcements (mededelingen): news from buurtverbinders, the contact person and admins.

An urgent announcement (a calamity, a safety warning) is shown on top of every page until
it expires, so it must have an end. When the author gives none we take three days rather
than refuse: a warning is written in a hurry, and an honest default that the author sees
(and can change) beats a form that sends them back. Fourteen days at most, so a banner
can never become wallpaper; longer news is a normal announcement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso, parse_iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.text import markdown_to_html, plain_text
from node.storage import Database, Row
from node.storage.announcements import queries as store

SUBJECT = "announcement"
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
URGENT_DEFAULT = timedelta(days=3)
URGENT_MAX = timedelta(days=14)
TITLE = Field(
    "announcement.title",
    N_("Title"),
    150,
    required=True,
    missing=N_("Give the announcement a title."),
)
BODY = Field(
    "announcement.body",
    N_("Announcement"),
    20_000,
    required=True,
    missing=N_("Write the announcement itself."),
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class Announcement:
    id: int
    author_id: int | None
    author_name: str | None
    title: str
    body: str  # markdown, as written
    urgent: bool
    created_at: str
    updated_at: str
    expires_at: str | None
    ended_at: str | None

    @property
    def html(self) -> str:
        return markdown_to_html(self.body)

    @property
    def summary(self) -> str:
        return plain_text(self.html, limit=200)

    def is_current(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > iso(now)

    def may_change(self, member: Member | None) -> bool:
        if member is None or not member.is_active:
            return False
        is_author = member.id == self.author_id and member.can(Action.POST_ANNOUNCEMENT)
        return is_author or member.can(Action.END_ANY_ANNOUNCEMENT)

    @classmethod
    def from_row(cls, row: Row) -> Announcement:
        return cls(
            id=row["id"],
            author_id=row["author_id"],
            author_name=row["author_name"],
            title=row["title"],
            body=row["body"],
            urgent=bool(row["urgent"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            expires_at=row["expires_at"],
            ended_at=row["ended_at"],
        )


def local_moment(date_text: str, time_text: str = "") -> datetime | None:
    """A date (and time) typed in the Netherlands, as an aware datetime; None when empty.

    Accepts what a date field sends (2026-03-31) and what people type (31-3-2026); without
    a time the day's end (23:59) is meant.
    """
    date_text, time_text = date_text.strip(), time_text.strip()
    if not date_text:
        if time_text:
            raise Invalid(N_("Fill in a date with the time."))
        return None
    if found := _ISO_DATE.match(date_text):
        year, month, day = (int(part) for part in found.groups())
    elif found := _DUTCH_DATE.match(date_text):
        day, month, year = (int(part) for part in found.groups())
    else:
        raise Invalid(N_("Write the date as day-month-year, for example 31-12-2026."))
    hour, minute = 23, 59
    if time_text:
        if not (clock := _TIME.match(time_text)):
            raise Invalid(N_("Write the time as hours:minutes, for example 18:00."))
        hour, minute = int(clock.group(1)), int(clock.group(2))
    try:
        return datetime(year, month, day, hour, minute, tzinfo=LOCAL_ZONE)
    except ValueError:
        raise Invalid(N_("This date or time does not exist. Check it and try again.")) from None


class Announcements:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def _checked(
        self, title: str, body: str, urgent: bool, expires_at: datetime | None
    ) -> tuple[str, str, str | None]:
        problems = Problems()
        title = problems.text(TITLE, title, single_line=True)
        body = problems.text(BODY, body)
        problems.check()
        now = self.clock()
        if urgent and expires_at is None:
            expires_at = now + URGENT_DEFAULT
        if expires_at is not None and expires_at <= now:
            raise Invalid(N_("The end date has already passed. Choose a moment in the future."))
        if urgent and expires_at is not None and expires_at - now > URGENT_MAX:
            raise Invalid(
                N_(
                    "An urgent announcement stays on top for at most %(days)s days. Choose an "
                    "earlier end, or post it as normal news."
                ),
                days=URGENT_MAX.days,
            )
        return title, body, None if expires_at is None else iso(expires_at)

    async def post(
        self,
        by: Member,
        *,
        title: str,
        body: str,
        urgent: bool = False,
        expires_at: datetime | None = None,
    ) -> Announcement:
        if not by.can(Action.POST_ANNOUNCEMENT):
            raise NotAllowed(
                N_("Only buurtverbinders, the contact person and admins can post news.")
            )
        title, body, expires = self._checked(title, body, urgent, expires_at)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            announcement_id = await store.insert_announcement(
                tx,
                author_id=by.id,
                title=title,
                body=body,
                urgent=urgent,
                expires_at=expires,
                now=now,
            )
            await record(tx, SUBJECT, announcement_id, ChangeKind.CREATED, by.id, now)
        return await self.get(announcement_id)

    async def update(
        self,
        by: Member,
        announcement_id: int,
        *,
        title: str,
        body: str,
        urgent: bool = False,
        expires_at: datetime | None = None,
    ) -> Announcement:
        announcement = await self.get(announcement_id)
        if not announcement.may_change(by):
            raise NotAllowed(N_("Only the author or an admin can change this announcement."))
        title, body, expires = self._checked(title, body, urgent, expires_at)
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.update_announcement(
                tx,
                announcement_id,
                title=title,
                body=body,
                urgent=urgent,
                expires_at=expires,
                now=now,
            )
            await record(tx, SUBJECT, announcement_id, ChangeKind.UPDATED, by.id, now)
        return await self.get(announcement_id)

    async def end(self, by: Member, announcement_id: int) -> Announcement:
        """End an announcement now (the danger is over); it stays readable among past news."""
        announcement = await self.get(announcement_id)
        if not announcement.may_change(by):
            raise NotAllowed(N_("Only the author or an admin can end this announcement."))
        if not announcement.is_current(self.clock()):
            raise Invalid(N_("This announcement has already ended."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            await store.end_announcement(tx, announcement_id, by.id, now)
            await record(tx, SUBJECT, announcement_id, ChangeKind.UPDATED, by.id, now)
        return await self.get(announcement_id)

    async def get(self, announcement_id: int) -> Announcement:
        announcement = await self.find(announcement_id)
        if announcement is None:
            raise NotFound(N_("This announcement does not exist (any more)."))
        return announcement

    async def find(self, announcement_id: int) -> Announcement | None:
        """An announcement by id, or None (hidden ones too are None). For the federation layer."""
        row = await store.announcement_by_id(self.db, announcement_id)
        return None if row is None else Announcement.from_row(row)

    async def current(self) -> list[Announcement]:
        """Not yet expired: urgent first, then newest first."""
        rows = await store.current_announcements(self.db, iso(self.clock()))
        return [Announcement.from_row(r) for r in rows]

    async def urgent_now(self) -> list[Announcement]:
        """The urgent announcements every page shows on top."""
        rows = await store.urgent_announcements(self.db, iso(self.clock()))
        return [Announcement.from_row(r) for r in rows]

    async def past(self) -> list[Announcement]:
        rows = await store.past_announcements(self.db, iso(self.clock()))
        return [Announcement.from_row(r) for r in rows]

    async def public(self, limit: int = 50, before_id: int | None = None) -> list[Announcement]:
        """Every visible announcement, newest first, expired too; all announcements are public.

        For the federation layer's outbox and feeds; page with `before_id`.
        """
        rows = await store.public_announcements(self.db, limit, before_id)
        return [Announcement.from_row(r) for r in rows]


def expires_local(announcement: Announcement) -> datetime | None:
    """When it ends, in Dutch time (for forms that edit it)."""
    if announcement.expires_at is None:
        return None
    return parse_iso(announcement.expires_at).astimezone(LOCAL_ZONE)
