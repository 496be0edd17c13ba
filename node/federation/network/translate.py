"""Followed nodes' content both ways: their objects → `RemoteObject`s, and our residents'
comments and supports on them → a Note in reply and a Like, to that node only.

Read as plain JSON (as Mastodon does). Tested with recorded payloads from Mastodon, Lemmy,
Mobilizon and lotide (tests/fixtures/fedi/). What a Buurtnode sends in its own context
(status, participation level, needs) is read only when that context is present, in the
object or in any activity around it: a Lemmy `status` means something else.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from node.community.clock import iso
from node.community.initiatives.model import Status
from node.community.initiatives.needs import NeedKind
from node.community.ladder import ParticipationLevel
from node.community.network.nearby import SERIES_LEDGER, Interaction, RemoteNeed, RemoteObject
from node.community.text import plain_text, shorten
from node.federation.content import Object, paragraph
from node.federation.documents import node_terms
from node.federation.ids import AS_CONTEXT, PUBLIC, Ids
from node.federation.vocab import Ignored, object_id

OBJECT_TYPES = ("Page", "Article", "Event", "Note")
MAX_TITLE = 200


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def content_of(doc: dict[str, Any]) -> str:
    content = _text(doc.get("content"))
    if not content and isinstance(doc.get("contentMap"), dict):
        content = next((v for v in doc["contentMap"].values() if isinstance(v, str)), "")
    return content


def _url(value: Any) -> str | None:
    """`url` as a string, a Link, or a list of them (Mastodon, PeerTube); web pages only."""
    for item in value if isinstance(value, list) else [value]:
        href = item.get("href") if isinstance(item, dict) else item
        media = item.get("mediaType", "text/html") if isinstance(item, dict) else "text/html"
        if isinstance(href, str) and href.startswith(("https://", "http://")) and "html" in media:
            return href
    return None


def moment(value: Any) -> str | None:
    """An ISO 8601 time in any offset (fractions too) as our stored UTC text; None if bad."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return iso(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))
    except (ValueError, OverflowError):  # OverflowError: "0001-01-01T00:00+01:00" in UTC
        return None


def has_our_context(*contexts: Any) -> bool:
    """Whether a Buurtnode's extension context is in any of these @context values."""
    for context in contexts:
        for item in context if isinstance(context, list) else [context]:
            if isinstance(item, dict) and str(item.get("buurtnode", "")).endswith("/ns#"):
                return True
    return False


def _location(value: Any) -> tuple[str | None, str | None]:
    place = value[0] if isinstance(value, list) and value else value
    if isinstance(place, str):
        return shorten(place, 200), None
    if not isinstance(place, dict):
        return None, None
    address = place.get("address")
    line = None
    if isinstance(address, dict):
        town = " ".join(
            _text(address.get(k)) for k in ("postalCode", "addressLocality") if address.get(k)
        )
        line = ", ".join(p for p in (_text(address.get("streetAddress")), town) if p) or None
    elif isinstance(address, str):
        line = address
    name = _text(place.get("name")) or None
    return (shorten(name, 200) if name else None), (shorten(line, 300) if line else None)


def _needs(value: Any) -> list[RemoteNeed]:
    needs = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict) or item.get("open") is not True:
            continue
        kind = item.get("needKind")
        if kind in NeedKind.__members__.values():
            needs.append(RemoteNeed(str(kind), shorten(_text(item.get("name")), 500)))
    return needs[:20]


def _title(doc: dict[str, Any], content: str) -> str:
    name = _text(doc.get("name"))
    if name:
        return shorten(" ".join(name.split()), MAX_TITLE)
    # A Note has no title: its first paragraph is one (our announcements put it there).
    first = content.split("</p>", 1)[0] if "</p>" in content else content
    return plain_text(first, limit=MAX_TITLE) or plain_text(content, limit=80)


def kind_of(doc: dict[str, Any], ours: bool) -> str:
    kind = doc.get("type")
    if kind == "Event":
        return "event"
    if object_id(doc.get("inReplyTo")):
        return "reply"
    if kind in ("Page", "Article") and ours and doc.get("status") in Status.__members__.values():
        return "initiative"
    return "announcement"  # a Note, or a Page from elsewhere (a Lemmy post): news


def remote_object(doc: Any, *, origin: str, contexts: tuple[Any, ...] = ()) -> RemoteObject:
    """One object from a followed node; Ignored when it is not content we keep."""
    if not isinstance(doc, dict) or doc.get("type") not in OBJECT_TYPES:
        raise Ignored(f"not a {', '.join(OBJECT_TYPES)}")
    ap_id = object_id(doc)
    if not ap_id:
        raise Ignored("an object without an id")
    ours = has_our_context(doc.get("@context"), *contexts)
    if ours and "inputUntil" in doc:  # e.g. read back from an outbox: process_inbox.py's
        raise Ignored("a participation process, not news")
    kind = kind_of(doc, ours)
    content = content_of(doc)
    location_name, location_address = _location(doc.get("location"))
    level = doc.get("participationLevel") if ours else None
    return RemoteObject(
        ap_id=ap_id,
        type=str(doc["type"]),
        kind=kind,
        actor_uri=object_id(doc.get("attributedTo")) or object_id(doc.get("actor")) or origin,
        origin_uri=origin,
        name=_title(doc, content),
        # A new booking of its wijkboekhouding (federation/ledger/translate.py sends it).
        series=SERIES_LEDGER if ours and isinstance(doc.get("ledgerEntry"), int) else None,
        content_html=content,
        url=_url(doc.get("url")),
        published=moment(doc.get("published")),
        updated=moment(doc.get("updated")),
        in_reply_to=object_id(doc.get("inReplyTo")),
        starts_at=moment(doc.get("startTime")),
        ends_at=moment(doc.get("endTime")),
        timezone=_text(doc.get("timezone"))[:64] or None,
        location_name=location_name,
        location_address=location_address,
        status=str(doc["status"]) if kind == "initiative" else None,
        participation_level=level if level in ParticipationLevel.__members__.values() else None,
        open_needs=_needs(doc.get("needs")) if kind == "initiative" else None,
    )


def reply_note(ids: Ids, interaction: Interaction, node_name: str) -> Object:
    """A resident's comment on another node's object. Residents have no actor of their own
    (private by default), so the Group sends it and the display name is in the text."""
    official = interaction.official is not None
    signature = paragraph(
        f"— {interaction.author_name}, " + ("namens " if official else "") + node_name
    )
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
