"""Domain → ActivityStreams, what every area's translation shares: the addressing of a public
object, the Dutch words of the participation ladder, tombstones and embedding.

Each area writes its own objects (federation/<area>/translate.py); golden files in
tests/federation/golden/ show every change of the shape we send.

Mastodon 4 shows only `name`, `content`, `url` and images of a Page or an Event and turns
`summary` into a content warning, so we send no `summary` and write status, needs, date,
time and place into `content` as plain Dutch sentences (the node's language). The same
facts travel as properties for software that reads them: Mobilizon's for events, our own
JSON-LD context (`{url}/ns`) for initiatives.
"""

from __future__ import annotations

from html import escape
from typing import Any

from node.federation.ids import AS_CONTEXT, PUBLIC, Ids

Object = dict[str, Any]

LEVEL_WORDS = {
    "inform": "informeren",
    "consult": "raadplegen",
    "advise": "adviseren",
    "coproduce": "coproduceren",
    "codecide": "meebeslissen",
    "selfmanage": "zelf beheren",
}


def paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def addressed(ids: Ids, document: Object) -> Object:
    """Public, to our followers."""
    return {**document, "to": [PUBLIC], "cc": [ids.followers]}


def tombstone(object_id: str, former_type: str, deleted: str) -> Object:
    return {"id": object_id, "type": "Tombstone", "formerType": former_type, "deleted": deleted}


def embedded(document: Object) -> Object:
    """A document inside an activity: the activity carries the @context."""
    return {k: v for k, v in document.items() if k != "@context"}


def context_of(document: Object) -> Any:
    return document.get("@context", AS_CONTEXT)
