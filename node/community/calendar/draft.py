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
from node.community.fields import Field, Problems

MAX_CAPACITY = 100_000
FIRST_YEAR, LAST_YEAR = 2000, 2100
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
_TIME_FORMATS = ("%H:%M", "%H.%M", "%H:%M:%S")

TITLE = Field(
    "activity.title",
    N_("Title"),
    150,
    required=True,
    missing=N_("Fill in a title for the activity."),
)
DESCRIPTION = Field("activity.description", N_("Description"), 10_000)
START_DATE = Field("activity.start_date", N_("Start date"), 20, required=True)
START_TIME = Field("activity.start_time", N_("Start time"), 10, required=True)
END_DATE = Field("activity.end_date", N_("End date"), 20)
END_TIME = Field("activity.end_time", N_("End time"), 10, required=True)
PLACE = Field("activity.place_id", N_("Place"), 20)
LOCATION = Field("activity.location", N_("Where"), 300)
CAPACITY = Field("activity.capacity", N_("Maximum number of participants"), 6)
INITIATIVE = Field("activity.initiative_id", N_("Initiative"), 20)


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
        problems = Problems()
        title = problems.text(TITLE, self.title, single_line=True)
        description = problems.text(DESCRIPTION, self.description)
        location = problems.text(LOCATION, self.location, single_line=True)
        for spec, value in ((START_DATE, self.start_date), (START_TIME, self.start_time)):
            problems.text(spec, value)
        problems.text(END_TIME, self.end_time)
        start_day = problems.attempt(START_DATE, lambda: _parse_date(self.start_date))
        start_time = problems.attempt(START_TIME, lambda: _parse_time(self.start_time))
        end_day = start_day
        if self.end_date.strip():
            end_day = problems.attempt(END_DATE, lambda: _parse_date(self.end_date))
        end_time = problems.attempt(END_TIME, lambda: _parse_time(self.end_time))
        place_id = problems.attempt(
            PLACE, lambda: _optional_id(self.place_id, N_("Choose a place from the list."))
        )
        if place_id is None and not location and not problems.about("place_id"):
            problems.add(
                LOCATION, N_("Choose a place from the list, or write where the activity is.")
            )
        capacity = problems.attempt(CAPACITY, lambda: _capacity(self.capacity))
        initiative_id = problems.attempt(
            INITIATIVE, lambda: _optional_id(self.initiative_id, N_("Choose an initiative."))
        )
        if None not in (start_day, start_time, end_day, end_time):
            starts_at = to_utc(start_day, start_time)  # type: ignore[arg-type]
            ends_at = to_utc(end_day, end_time)  # type: ignore[arg-type]
            if ends_at <= starts_at:
                problems.add(
                    END_TIME, N_("The end must be after the start. Check the end date and time.")
                )
        problems.check()
        return {
            "title": title,
            "description": description,
            "starts_at": iso(starts_at),
            "ends_at": iso(ends_at),
            "place_id": place_id,
            "location": "" if place_id is not None else location,
            "capacity": capacity,
            "initiative_id": initiative_id,
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
