"""Activities → ActivityStreams: an Event shaped like Mobilizon's (INTEROP.md), with date, time
and place also written out in Dutch for Mastodon, which shows only `content`."""

from __future__ import annotations

from babel.dates import format_date, format_time

from node.community.calendar.model import TIMEZONE, Event
from node.federation.content import Object, addressed, paragraph
from node.federation.ids import AS_CONTEXT, Ids

# Mobilizon's terms (schema.org and its own namespace), so event software reads our Event.
MOBILIZON_TERMS = {
    "sc": "http://schema.org#",
    "mz": "https://joinmobilizon.org/ns#",
    "ical": "http://www.w3.org/2002/12/cal/ical#",
    "timezone": {"@id": "mz:timezone", "@type": "sc:Text"},
    "joinMode": {"@id": "mz:joinMode", "@type": "mz:joinModeType"},
    "maximumAttendeeCapacity": "sc:maximumAttendeeCapacity",
    "location": {"@id": "sc:location", "@type": "sc:Place"},
    "address": {"@id": "sc:address", "@type": "sc:PostalAddress"},
    "PostalAddress": "sc:PostalAddress",
    "streetAddress": "sc:streetAddress",
    "postalCode": "sc:postalCode",
    "addressLocality": "sc:addressLocality",
    "addressCountry": "sc:addressCountry",
}


def _when(event: Event) -> str:
    start, end = event.local_start, event.local_end
    day = format_date(start.date(), "EEEE d MMMM y", locale="nl")
    start_time = format_time(start.time(), "HH:mm", locale="nl")
    end_time = format_time(end.time(), "HH:mm", locale="nl")
    if start.date() == end.date():
        return f"Wanneer: {day}, van {start_time} tot {end_time}."
    end_day = format_date(end.date(), "EEEE d MMMM y", locale="nl")
    return f"Wanneer: van {day} {start_time} tot {end_day} {end_time}."


def _location(event: Event) -> Object | None:
    if event.place is not None:
        place = event.place
        location: Object = {
            "type": "Place",
            "name": place.name,
            "address": {
                "type": "PostalAddress",
                "streetAddress": place.street_address,
                "postalCode": place.postal_code,
                "addressLocality": place.locality,
                "addressCountry": "NL",
            },
        }
        if place.latitude is not None and place.longitude is not None:
            location["latitude"] = place.latitude
            location["longitude"] = place.longitude
        return location
    if event.location:
        return {"type": "Place", "name": event.location}
    return None


def event_object(ids: Ids, event: Event) -> Object:
    """Shaped like Mobilizon's Event (see INTEROP.md); no organiser: residents stay private."""
    parts = [paragraph(_when(event))]
    if event.address:
        parts.append(paragraph(f"Waar: {event.address}."))
    if event.is_cancelled:
        parts.append(paragraph("Deze activiteit gaat niet door."))
    if event.capacity:
        parts.append(paragraph(f"Er zijn {event.capacity} plaatsen."))
    parts.append(event.description_html)
    content = "".join(part for part in parts if part)
    document: Object = {
        "id": ids.object("event", event.id),
        "type": "Event",
        "attributedTo": ids.actor,
        "name": event.title,
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "url": f"{ids.url}/activiteiten/{event.id}",
        "published": event.created_at,
        "updated": event.updated_at,
        "startTime": event.local_start.isoformat(),
        "endTime": event.local_end.isoformat(),
        "timezone": str(TIMEZONE),
        "joinMode": "free",
        "ical:status": "CANCELLED" if event.is_cancelled else "CONFIRMED",
    }
    location = _location(event)
    if location is not None:
        document["location"] = location
    if event.capacity:
        document["maximumAttendeeCapacity"] = event.capacity
    return {"@context": [AS_CONTEXT, MOBILIZON_TERMS], **addressed(ids, document)}
