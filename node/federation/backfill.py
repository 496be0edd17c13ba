"""Backfill: when a node accepts our Follow, read the newest part of its outbox, so its
initiatives, activities and news show on In de buurt at once instead of from the next change.

The outbox is fetched through the same signed, address-checked client as everything else,
at most MAX_PAGES pages and MAX_ACTIVITIES activities (newest first). Each public Create,
Update or Announce in it goes through the inbox's own content path (`ContentInbox`), so the
same rules hold: an embedded object counts only when its id is on the followed node's
server, otherwise it is fetched from its own id. A participation process goes through the
inbox's process path instead (`ProcessInbox`: kept only when it is addressed to us), so a
wijk that follows the gemeente late still gets the processes that concern it, as they are
now (the newest activity per object: a later Update with the report-back wins). Objects are
kept by id, so a backfill after an activity already arrived (or twice) changes nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from node.community.errors import DomainError
from node.federation.http import FetchError
from node.federation.participation.inbox import ProcessInbox
from node.federation.vocab import Ignored, object_id, same_host

if TYPE_CHECKING:
    from node.federation.http import FediClient
    from node.federation.network.inbox import ContentInbox

log = logging.getLogger("buurtnode.federation")
MAX_PAGES = 5
MAX_ACTIVITIES = 100
CONTENT = ("Create", "Update", "Announce")


class Backfill:
    def __init__(self, client: FediClient, content: ContentInbox, processes: ProcessInbox) -> None:
        self.client = client
        self.content = content
        self.processes = processes

    async def run(self, actor: str) -> int:
        """Ingest the followed actor's recent public content; how many activities were used."""
        try:
            activities = await self._recent(actor)
        except FetchError as error:  # their outbox is unreachable: content comes later
            log.info("no backfill from %s: %s", actor, error)
            return 0
        used = 0
        # Oldest first, so an object comes before the replies to it and a later Update wins.
        for activity in reversed(self._latest_per_object(activities)):
            try:
                await self._ingest(actor, activity)
                used += 1
            except (Ignored, DomainError, FetchError, ValueError, KeyError, TypeError) as why:
                log.debug("backfill from %s skipped %s: %s", actor, activity.get("id"), why)
        return used

    async def _recent(self, actor: str) -> list[dict[str, Any]]:
        document = await self.client.get_json(actor)
        outbox = document.get("outbox") if isinstance(document, dict) else None
        if not isinstance(outbox, str) or not same_host(outbox, actor):
            raise FetchError(f"{actor} has no outbox on its own server")
        collection = await self.client.get_json(outbox)
        page: Any = collection.get("first") if isinstance(collection, dict) else None
        if page is None and isinstance(collection, dict):
            page = collection  # a collection with its items inline
        found: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            if isinstance(page, str):
                if not same_host(page, actor):
                    break
                page = await self.client.get_json(page)
            if not isinstance(page, dict):
                break
            items = page.get("orderedItems") or page.get("items") or []
            found += [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
            if len(found) >= MAX_ACTIVITIES:
                break
            page = page.get("next")
        return found[:MAX_ACTIVITIES]

    @staticmethod
    def _latest_per_object(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Newest first, one activity per object: an outbox lists Create, Announce{Create}
        and Announce{object} of one thing; the newest says how it is now."""
        chosen: list[dict[str, Any]] = []
        seen: set[str] = set()
        for activity in activities:
            verb, inner = activity.get("type"), activity.get("object")
            wrapped = isinstance(inner, dict) and inner.get("type") in (
                "Create",
                "Update",
                "Delete",
            )
            if verb == "Announce" and wrapped and isinstance(inner, dict):
                verb, inner = inner.get("type"), inner.get("object")
            key = object_id(inner)
            if not key or key in seen:
                continue
            seen.add(key)  # a Delete as the newest: the object is gone, nothing to fetch
            if verb != "Delete" and activity.get("type") in CONTENT and _public(activity):
                chosen.append(activity)
        return chosen

    async def _ingest(self, actor: str, activity: dict[str, Any]) -> None:
        if object_id(activity.get("actor")) != actor:
            raise Ignored("an activity in the outbox by someone else")
        if activity.get("type") == "Announce":
            await self.content.on_announce(actor, activity)
        elif not await self.processes.backfilled(actor, activity):
            # as if announced: no reply to us is forwarded again from a backfill
            await self.content.backfilled(actor, activity)


def _public(activity: dict[str, Any]) -> bool:
    audience = []
    for field in ("to", "cc"):
        value = activity.get(field)
        audience += value if isinstance(value, list) else [value]
    return any(
        a in ("https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public")
        for a in audience
    )
