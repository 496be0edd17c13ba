"""iCalendar (RFC 5545) feeds of activities, built with the `icalendar` library.

Times carry TZID=Europe/Amsterdam with a VTIMEZONE, so calendar apps keep an activity
at 14:00 local time across the change to and from summer time.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from node import __version__
from node.community.calendar.model import Event
from node.community.clock import parse_iso

if TYPE_CHECKING:
    import icalendar

CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event: Event, base_url: str) -> str:
    """Stable per activity and node, so an edit replaces the entry in a calendar app."""
    return f"event-{event.id}@{urlsplit(base_url).netloc}"


def _vevent(event: Event, base_url: str) -> icalendar.Event:
    import icalendar  # on the first feed: an idle node need not hold it (~3 MB)

    url = f"{base_url}/activiteiten/{event.id}"
    item = icalendar.Event()
    item.add("uid", event_uid(event, base_url))
    item.add("dtstamp", parse_iso(event.updated_at))
    item.add("created", parse_iso(event.created_at))
    item.add("last-modified", parse_iso(event.updated_at))
    item.add("dtstart", event.local_start)
    item.add("dtend", event.local_end)
    item.add("summary", event.title)
    description = event.description_text
    item.add("description", f"{description}\n\n{url}" if description else url)
    if event.address:
        item.add("location", event.address)
    if event.place and event.place.latitude is not None and event.place.longitude is not None:
        item.add("geo", (event.place.latitude, event.place.longitude))
    item.add("url", url)
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return item


def calendar_bytes(events: list[Event], node_name: str, base_url: str) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Buurtnode {__version__}//{node_name}//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", node_name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for event in events:
        calendar.add_component(_vevent(event, base_url))
    if events:
        # Only the transitions the listed activities need, not fifty years of them.
        years = [e.local_start.year for e in events]
        calendar.add_missing_timezones(
            first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
        )
    return bytes(calendar.to_ical())
