"""What an activity is: its fields, its RSVP answers and counts, and the local calendar week.

Times are stored in UTC and read in Europe/Amsterdam (`TIMEZONE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from node.community.calendar.places import Place
from node.community.clock import parse_iso
from node.community.text import markdown_to_html, plain_text
from node.storage import Row

TIMEZONE = ZoneInfo("Europe/Amsterdam")


class Answer(StrEnum):
    GOING = "going"
    MAYBE = "maybe"
    NOT_GOING = "not_going"


@dataclass(frozen=True)
class Counts:
    going: int = 0
    maybe: int = 0
    not_going: int = 0


@dataclass(frozen=True)
class Event:
    id: int
    title: str
    description: str  # markdown
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    place: Place | None
    location: str  # free text, when not at a known place
    capacity: int | None
    initiative_id: int | None
    initiative_title: str | None
    organiser_id: int | None
    organiser_name: str | None
    cancelled_at: str | None
    created_at: str
    updated_at: str
    counts: Counts

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(TIMEZONE)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(TIMEZONE)

    @property
    def where(self) -> str:
        """The place's name, or the free-text location."""
        return self.place.name if self.place else self.location

    @property
    def address(self) -> str:
        """Where, in full, for a calendar app or a map: name and postal address."""
        if self.place is None:
            return self.location
        return ", ".join(part for part in (self.place.name, self.place.address) if part)

    @property
    def description_html(self) -> str:
        return markdown_to_html(self.description)

    @property
    def description_text(self) -> str:
        return plain_text(self.description_html)

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.counts.going)

    def has_ended(self, now: datetime) -> bool:
        return self.ends_at <= now

    @classmethod
    def from_row(cls, row: Row) -> Event:
        has_place = row["place_id"] is not None and row["place_kind"] is not None
        return cls(
            id=row["id"],
            title=row["title"],
            description=row["description"],
            starts_at=parse_iso(row["starts_at"]),
            ends_at=parse_iso(row["ends_at"]),
            place=Place.from_row(row, prefix="place_") if has_place else None,
            location=row["location"],
            capacity=row["capacity"],
            initiative_id=row["initiative_id"] if row["initiative_title"] else None,
            initiative_title=row["initiative_title"],
            organiser_id=row["organiser_id"],
            organiser_name=row["organiser_name"],
            cancelled_at=row["cancelled_at"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            counts=Counts(row["going"], row["maybe"], row["not_going"]),
        )


@dataclass(frozen=True)
class Week:
    """An ISO week of the local calendar, with the activities starting in it."""

    year: int
    number: int
    monday: date
    events: list[Event]

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


def local_midnight(day: date) -> datetime:
    """The UTC moment a local day begins."""
    return datetime.combine(day, time(0, 0), tzinfo=TIMEZONE).astimezone(UTC)


def monday_of(moment: datetime) -> date:
    day = moment.astimezone(TIMEZONE).date()
    return day - timedelta(days=day.weekday())
