"""Initiatives → ActivityStreams: a Page with status, needs and the participation level in
plain Dutch in `content`, and as properties in our own JSON-LD context (`{url}/ns`)."""

from __future__ import annotations

from html import escape
from typing import Any

from babel.numbers import format_currency

from node.community.initiatives.needs import Need, NeedKind
from node.community.initiatives.service import InitiativePage
from node.community.media import media_type
from node.federation.content import LEVEL_WORDS, Object, addressed, paragraph
from node.federation.ids import AS_CONTEXT, Ids

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


def _need_sentence(need: Need) -> str:
    words = NEED_WORDS[need.kind]
    if need.kind is NeedKind.MONEY and need.amount:
        words += f" ({_euros(need.amount)})"
    elif need.kind is NeedKind.VOLUNTEERS and need.amount:
        words += f" ({need.amount} {'persoon' if need.amount == 1 else 'mensen'})"
    return f"{words[0].upper()}{words[1:]}: {need.description}"


def _euros(cents: int) -> str:
    """€ 350,50 in Dutch; whole euros without cents (€ 800)."""
    pattern = "¤ #,##0" if cents % 100 == 0 else "¤ #,##0.00"
    return format_currency(cents / 100, "EUR", pattern, locale="nl", currency_digits=False)


def initiative_page(ids: Ids, page: InitiativePage) -> Object:
    initiative = page.initiative
    open_needs = [n for n in page.needs if n.is_open]
    parts = [paragraph(initiative.summary), initiative.description_html]
    status = STATUS_SENTENCES[initiative.status.value]
    if initiative.status.value == "stopped" and initiative.status_reason:
        status += f" De reden: {initiative.status_reason}"
    parts.append(paragraph(status))
    if open_needs and initiative.status.is_active:
        items = "".join(f"<li>{escape(_need_sentence(n))}</li>" for n in open_needs)
        parts.append(f"<p>Wat nog nodig is:</p><ul>{items}</ul>")
    level = LEVEL_WORDS[initiative.participation_level.value]
    parts.append(paragraph(f"Zeggenschap van bewoners: {level}."))
    if initiative.area:
        parts.append(paragraph(f"Waar in de buurt: {initiative.area}."))
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
        url = f"{ids.url}/initiatieven/media/{initiative.image_path}"
        document["image"] = {"type": "Image", "url": url}
        # Mastodon shows an object's photos only from `attachment` (alt text in `name`).
        document["attachment"] = [
            {
                "type": "Document",
                "mediaType": media_type(initiative.image_path),
                "url": url,
                "name": f"Foto bij het initiatief {initiative.title}",
            }
        ]
    return {"@context": [AS_CONTEXT, extension_terms(ids)], **addressed(ids, document)}
