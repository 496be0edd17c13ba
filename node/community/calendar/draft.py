"""The activity form as typed (dates, times, numbers as text), checked into stored values.

People type local times in Europe/Amsterdam; stored times are UTC. Browsers without a
date picker send what the resident typed, so the common Dutch ways of writing are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from node.community.calendar.model import TIMEZONE, Event
from node.community.clock import iso
from node.community.errors import N_, Invalid

MAX_CAPACITY = 100_000
FIRST_YEAR, LAST_YEAR = 2000, 2100
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
_TIME_FORMATS = ("%H:%M", "%H.%M", "%H:%M:%S")


@dataclass(frozen=True)
class EventDraft:
    """What someone typed in the activity form, as text; `checked()` turns it into values."""

    title: str = ""
    description: str = ""
    start_date: str = ""
    start_time: str = ""
    end_date: str = ""  # empty: the same day as the start
    end_time: str = ""
    place_id: str = ""
    location: str = ""
    capacity: str = ""
    initiative_id: str = ""

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(cls.__dataclass_fields__)

    @classmethod
    def from_event(cls, event: Event) -> EventDraft:
        start, end = event.local_start, event.local_end
        return cls(
            title=event.title,
            description=event.description,
            start_date=start.date().isoformat(),
            start_time=start.strftime("%H:%M"),
            end_date=end.date().isoformat(),
            end_time=end.strftime("%H:%M"),
            place_id=str(event.place.id) if event.place else "",
            location=event.location,
            capacity="" if event.capacity is None else str(event.capacity),
            initiative_id="" if event.initiative_id is None else str(event.initiative_id),
        )

    def checked(self) -> dict[str, object]:
        title = self.title.strip()[:150]
        if not title:
            raise Invalid(N_("Fill in a title for the activity."))
        if not self.start_date.strip() or not self.start_time.strip():
            raise Invalid(N_("Fill in the date and time the activity starts."))
        if not self.end_time.strip():
            raise Invalid(N_("Fill in the time the activity ends."))
        start_day = _parse_date(self.start_date)
        end_day = _parse_date(self.end_date) if self.end_date.strip() else start_day
        starts_at = to_utc(start_day, _parse_time(self.start_time))
        ends_at = to_utc(end_day, _parse_time(self.end_time))
        if ends_at <= starts_at:
            raise Invalid(N_("The end must be after the start. Check the end date and time."))
        place_id = _optional_id(self.place_id, N_("Choose a place from the list."))
        location = self.location.strip()[:300]
        if place_id is None and not location:
            raise Invalid(N_("Choose a place from the list, or write where the activity is."))
        return {
            "title": title,
            "description": self.description.strip()[:10_000],
            "starts_at": iso(starts_at),
            "ends_at": iso(ends_at),
            "place_id": place_id,
            "location": "" if place_id is not None else location,
            "capacity": _capacity(self.capacity),
            "initiative_id": _optional_id(self.initiative_id, N_("Choose an initiative.")),
        }


def _parse_date(text: str) -> date:
    for pattern in _DATE_FORMATS:
        try:
            day = datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
        # A typo like 20255 would otherwise break calendar feeds and week pages for all.
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise Invalid(
                N_("Choose a date between %(first)s and %(last)s."),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        return day
    raise Invalid(N_("'%(value)s' is not a date. Write a date like 23-11-2025."), value=text)


def _parse_time(text: str) -> time:
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).time()
        except ValueError:
            continue
    raise Invalid(N_("'%(value)s' is not a time. Write a time like 19:30."), value=text)


def to_utc(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=TIMEZONE).astimezone(UTC)


def _optional_id(text: str, message: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise Invalid(message)
    return int(text)


def _capacity(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_CAPACITY:
        raise Invalid(
            N_(
                "The maximum number of participants is a whole number, like 20. Leave it empty "
                "when there is no maximum."
            )
        )
    return int(text)
