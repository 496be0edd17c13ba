"""Announcements (mededelingen) → ActivityStreams: a public Note, its title the first line."""

from __future__ import annotations

from html import escape

from node.community.announcements.service import Announcement
from node.federation.content import Object, addressed
from node.federation.ids import AS_CONTEXT, Ids


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
    return {"@context": AS_CONTEXT, **addressed(ids, document)}
