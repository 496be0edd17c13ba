"""Domain → ActivityStreams: what followers read about our initiatives, activities, news and
comments. The one place that decides the shape we send (golden files in
tests/federation/golden/ show every change of it).

Mastodon 4 shows only `name`, `content`, `url` and images of a Page or an Event and turns
`summary` into a content warning, so we send no `summary` and write status, needs, date,
time and place into `content` as plain Dutch sentences (the node's language). The same
facts travel as properties for software that reads them: Mobilizon's for events, our own
JSON-LD context (`{url}/ns`) for initiatives.
"""

from __future__ import annotations

from html import escape
from typing import Any

from babel.dates import format_date, format_time

from node.community.announcements.service import Announcement
from node.community.calendar.activities import TIMEZONE, Event
from node.community.initiatives.needs import Need, NeedKind
from node.community.initiatives.service import InitiativePage
from node.community.network.nearby import Interaction
from node.federation.documents import node_terms
from node.federation.ids import AS_CONTEXT, PUBLIC, Ids
from node.storage import Row

Object = dict[str, Any]

STATUS_SENTENCES = {
    "idea": "Dit initiatief is nog een idee.",
    "seeking": "Dit initiatief zoekt hulp.",
    "running": "Dit initiatief loopt.",
    "done": "Dit initiatief is afgerond.",
    "stopped": "Dit initiatief is gestopt.",
}
NEED_WORDS = {
    NeedKind.SUPPORT: "ondersteuning van de gemeente",
    NeedKind.LOCATION: "een tijdelijke plek",
    NeedKind.NETWORK: "contacten en netwerk",
    NeedKind.MONEY: "geld",
    NeedKind.MATERIALS: "materialen",
    NeedKind.VOLUNTEERS: "vrijwilligers",
}
LEVEL_WORDS = {
    "inform": "informeren",
    "consult": "raadplegen",
    "advise": "adviseren",
    "coproduce": "coproduceren",
    "codecide": "meebeslissen",
    "selfmanage": "zelf beheren",
}
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


def extension_terms(ids: Ids) -> dict[str, Any]:
    """Our own terms for initiatives; served in full at ids.context."""
    return {
        "buurtnode": f"{ids.context}#",
        "status": "buurtnode:status",
        "participationLevel": "buurtnode:participationLevel",
        "needs": {"@id": "buurtnode:needs", "@container": "@list"},
        "Need": "buurtnode:Need",
        "needKind": "buurtnode:needKind",
        "open": "buurtnode:open",
    }


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _addressed(ids: Ids, document: Object) -> Object:
    return {**document, "to": [PUBLIC], "cc": [ids.followers]}


def _need_sentence(need: Need) -> str:
    words = NEED_WORDS[need.kind]
    if need.kind is NeedKind.MONEY and need.amount:
        words += f" (€ {need.amount // 100:,}".replace(",", ".") + ")"
    elif need.kind is NeedKind.VOLUNTEERS and need.amount:
        words += f" ({need.amount} {'persoon' if need.amount == 1 else 'mensen'})"
    return f"{words[0].upper()}{words[1:]}: {need.description}"


def initiative_page(ids: Ids, page: InitiativePage) -> Object:
    initiative = page.initiative
    open_needs = [n for n in page.needs if n.is_open]
    parts = [_p(initiative.summary), initiative.description_html]
    status = STATUS_SENTENCES[initiative.status.value]
    if initiative.status.value == "stopped" and initiative.status_reason:
        status += f" De reden: {initiative.status_reason}"
    parts.append(_p(status))
    if open_needs and initiative.status.is_active:
        items = "".join(f"<li>{escape(_need_sentence(n))}</li>" for n in open_needs)
        parts.append(f"<p>Wat nog nodig is:</p><ul>{items}</ul>")
    level = LEVEL_WORDS[initiative.participation_level.value]
    parts.append(_p(f"Zeggenschap van bewoners: {level}."))
    if initiative.area:
        parts.append(_p(f"Waar in de buurt: {initiative.area}."))
    content = "".join(part for part in parts if part)
    document: Object = {
        "id": ids.object("initiative", initiative.id),
        "type": "Page",
        "attributedTo": ids.actor,
        "name": initiative.title,
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "url": f"{ids.url}/initiatieven/{initiative.id}",
        "published": initiative.created_at,
        "updated": initiative.updated_at,
        "status": initiative.status.value,
        "participationLevel": initiative.participation_level.value,
        "needs": [
            {"type": "Need", "needKind": n.kind.value, "name": n.description, "open": n.is_open}
            for n in page.needs
        ],
    }
    if initiative.image_path:
        document["image"] = {
            "type": "Image",
            "url": f"{ids.url}/initiatieven/media/{initiative.image_path}",
        }
    return {"@context": [AS_CONTEXT, extension_terms(ids)], **_addressed(ids, document)}


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
    parts = [_p(_when(event))]
    if event.address:
        parts.append(_p(f"Waar: {event.address}."))
    if event.is_cancelled:
        parts.append(_p("Deze activiteit gaat niet door."))
    if event.capacity:
        parts.append(_p(f"Er zijn {event.capacity} plaatsen."))
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
    return {"@context": [AS_CONTEXT, MOBILIZON_TERMS], **_addressed(ids, document)}


def announcement_note(ids: Ids, announcement: Announcement) -> Object:
    """A Note with the title as its first line (Mastodon shows no `name` on a Note)."""
    title = f"Dringend: {announcement.title}" if announcement.urgent else announcement.title
    content = f"<p><strong>{escape(title)}</strong></p>{announcement.html}"
    document: Object = {
        "id": ids.object("announcement", announcement.id),
        "type": "Note",
        "attributedTo": ids.actor,
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "url": f"{ids.url}/mededelingen/{announcement.id}",
        "published": announcement.created_at,
        "updated": announcement.updated_at,
    }
    return {"@context": AS_CONTEXT, **_addressed(ids, document)}


# The page a comment shows on, by what it is on.
_COMMENT_PAGES = {
    "initiative": "/initiatieven/{id}#reacties",
    "event": "/activiteiten/{id}#reacties",
}


def comment_note(ids: Ids, comment: Row) -> Object:
    """A resident's comment on our initiative or activity, from the Group, signed with their
    name."""
    author = comment["author_name"] or "een oud-bewoner"
    signature = f"— {author}" + (", namens de gemeente" if comment["is_official"] else "")
    content = f"{comment['body_html']}{_p(signature)}"
    subject = comment["subject_type"]
    document: Object = {
        "id": ids.object("comment", comment["id"]),
        "type": "Note",
        "attributedTo": ids.actor,
        "inReplyTo": ids.object(subject, comment["subject_id"]),
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "url": ids.url + _COMMENT_PAGES[subject].format(id=comment["subject_id"]),
        "published": comment["created_at"],
        "updated": comment["updated_at"],
    }
    return {"@context": AS_CONTEXT, **_addressed(ids, document)}


def reply_note(ids: Ids, interaction: Interaction, node_name: str) -> Object:
    """A resident's comment on another node's object. Residents have no actor of their own
    (private by default), so the Group sends it and the display name is in the text."""
    official = interaction.official is not None
    signature = _p(f"— {interaction.author_name}, " + ("namens " if official else "") + node_name)
    pledge = "<p><strong>De gemeente ondersteunt dit initiatief.</strong></p>"
    content = (pledge if interaction.official == "pledge" else "") + interaction.body_html
    content += signature
    document: Object = {
        "id": ids.object("reply", interaction.id),
        "type": "Note",
        "attributedTo": ids.actor,
        "inReplyTo": interaction.object_ap_id,
        "content": content,
        "contentMap": {"nl": content},
        "mediaType": "text/html",
        "published": interaction.created_at,
        "tag": [{"type": "Mention", "href": interaction.object_actor}],
        # Public, but delivered to the home node only; it announces it to its followers.
        "to": [PUBLIC],
        "cc": [interaction.origin_uri],
    }
    if not official:
        return {"@context": AS_CONTEXT, **document}
    # Honoured by a Buurtnode only when the sender is a gemeente node.
    return {"@context": [AS_CONTEXT, node_terms(ids)], **document, "official": True}


def like(ids: Ids, interaction: Interaction) -> Object:
    return {
        "id": ids.like(interaction.id),
        "type": "Like",
        "actor": ids.actor,
        "object": interaction.object_ap_id,
        "to": [interaction.origin_uri],
    }


def tombstone(object_id: str, former_type: str, deleted: str) -> Object:
    return {"id": object_id, "type": "Tombstone", "formerType": former_type, "deleted": deleted}


def embedded(document: Object) -> Object:
    """A document inside an activity: the activity carries the @context."""
    return {k: v for k, v in document.items() if k != "@context"}


def context_of(document: Object) -> Any:
    return document.get("@context", AS_CONTEXT)
