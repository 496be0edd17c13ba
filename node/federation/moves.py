"""Move: an account we know moved to a new one (Mastodon's account migration).

`Move{actor: old, object: old, target: new}` counts only from an actor who follows us or
whom we follow, and only when the new account, fetched now, names the old one in its
`alsoKnownAs` (the new account's owner agreed). Then the old follower row becomes the new
account's, and if we followed the old account we follow the new one (a fresh Follow, pending
until it is accepted). Anything else is ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from node.community.clock import iso
from node.federation.vocab import Ignored, object_id
from node.storage.federation import actors as store

if TYPE_CHECKING:
    from node.community.clock import Clock
    from node.federation.blocks import DomainBlocks
    from node.federation.ids import Ids
    from node.federation.publisher import Publisher
    from node.federation.remote import RemoteActors
    from node.storage import Database


def _aliases(doc: Any) -> set[str]:
    value = doc.get("alsoKnownAs") if isinstance(doc, dict) else None
    items = value if isinstance(value, list) else [value]
    return {i for i in (object_id(item) for item in items) if i}


class Moves:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        ids: Ids,
        remote: RemoteActors,
        blocks: DomainBlocks,
        publisher: Publisher,
    ) -> None:
        self.db = db
        self.clock = clock
        self.ids = ids
        self.remote = remote
        self.blocks = blocks
        self.publisher = publisher

    async def on_move(self, actor: str, activity: dict[str, Any]) -> None:
        target = object_id(activity.get("target"))
        if object_id(activity.get("object")) != actor or not target or target == actor:
            raise Ignored("a Move of someone other than its actor, or without a target")
        follower = await store.follower(self.db, actor)
        following = await store.following(self.db, actor)
        if follower is None and following is None:
            raise Ignored("a Move of an account we do not know")
        if self.blocks.blocks(target) or target == self.ids.actor:
            raise Ignored("a Move to a blocked domain or to us")
        new, doc = await self.remote.fetch_with_document(target)
        if actor not in _aliases(doc):
            raise Ignored("the new account does not name the old one in alsoKnownAs")
        now = iso(self.clock())
        follow_id = self.ids.new_activity() if following is not None else None
        async with self.db.transaction() as tx:
            if follower is not None:
                await store.delete_follower(tx, actor)
                await store.put_follower(tx, new.uri, follower["follow_id"], follower["state"], now)
            if follow_id is not None:
                await store.delete_following(tx, actor)
                await store.put_following(tx, new.uri, follow_id, now)
        if follow_id is not None:
            await self.publisher.send(
                {"id": follow_id, "type": "Follow", "object": new.uri, "to": [new.uri]},
                [new.inbox],
            )
