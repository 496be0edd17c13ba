"""Incoming activities about participation processes (docs/FEDERATION.md).

On a wijk: Create/Update of a process from a node we follow, addressed to us → our copy;
Delete of it → gone; an argument the gemeente passed on → readable and supportable here.
On the gemeente: a `Note` replying to one of our processes is a resident's response from a
participating node (counted by the domain's rules, or refused with the reason; an Update
of one changes it during the input phase), or a
Mastodon vote on the poll (`name` = the option, no content); a `Like` of one of our
arguments is a resident's support, `Undo{Like}` takes it back.

The processor asks `handler()` first, so these never end up as "In de buurt" content.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from node.federation.network.translate import content_of, has_our_context
from node.federation.participation import translate
from node.federation.vocab import Ignored, object_id, same_host
from node.storage.federation import actors as store

if TYPE_CHECKING:
    from node.community.neighbourhood import Neighbourhood
    from node.federation.ids import Ids
    from node.federation.remote import RemoteActors
    from node.storage import Database

Activity = dict[str, Any]
Handler = Callable[[str, Activity], Awaitable[None]]


class ProcessInbox:
    def __init__(
        self, *, db: Database, ids: Ids, hood: Neighbourhood, remote: RemoteActors
    ) -> None:
        self.db = db
        self.ids = ids
        self.hood = hood
        self.remote = remote

    async def handler(self, name: str, activity: Activity) -> Handler | None:
        """The handler for an activity about a process, or None for anything else."""
        value = activity.get("object")
        exchange = self.hood.processes.exchange
        if name in ("on_create", "on_update") and isinstance(value, dict):
            ours = has_our_context(activity.get("@context"), value.get("@context"))
            if _is_process(activity):
                return self._process
            target = self.ids.parse_object(object_id(value.get("inReplyTo")))
            if target is not None and target[0] == "process":
                return self._reply
            if (
                ours
                and "side" in value
                and await exchange.by_ap_id(object_id(value.get("inReplyTo")) or "")
            ):
                return self._argument
        if name == "on_delete" and await exchange.by_ap_id(object_id(value) or ""):
            return self._delete
        if name == "on_like":
            target = self.ids.parse_object(object_id(value))
            if target is not None and target[0] == "argument":
                return self._like
        return None

    async def backfilled(self, actor: str, activity: Activity) -> bool:
        """A Create/Update read from a followed node's outbox (backfill.py): a process or an
        argument on it is kept with the same checks as a delivered one (True); False for
        anything else."""
        name = f"on_{str(activity.get('type')).lower()}"
        handler = await self.handler(name, activity)
        if handler not in (self._process, self._argument):
            return False
        await handler(actor, activity)  # type: ignore[misc]
        return True

    # -- on a wijk -----------------------------------------------------------------

    async def _process(self, actor: str, activity: Activity) -> None:
        doc = activity["object"]
        if not await self._followed(actor):
            raise Ignored("a process from a node we do not follow")
        if not same_host(object_id(doc), actor):
            raise Ignored("a process that is not on the sender's server")
        recipients = [object_id(r) for r in _list(doc.get("to")) + _list(activity.get("to"))]
        if self.ids.actor not in recipients:
            raise Ignored("a process that does not concern this node")
        origin = await self.remote.get(actor)
        copy = translate.process_copy(doc, origin=actor, origin_name=origin.name)
        await self.hood.processes.exchange.keep(copy)

    async def _delete(self, actor: str, activity: Activity) -> None:
        ap_id = object_id(activity.get("object")) or ""
        if not await self.hood.processes.exchange.forget(ap_id, actor):
            raise Ignored("a Delete of a process by someone other than its node")

    async def _argument(self, actor: str, activity: Activity) -> None:
        doc = activity["object"]
        if not same_host(object_id(doc), actor):
            raise Ignored("an argument that is not on the sender's server")
        source = self.ids.parse_object(object_id(doc.get("sourceResponse")))
        ours = source[1] if source and source[0] == "process_response" else None
        copy = translate.argument_copy(doc, origin=actor, ours=ours)
        await self.hood.processes.exchange.keep_argument(copy)

    # -- on the gemeente -----------------------------------------------------------

    async def _reply(self, actor: str, activity: Activity) -> None:
        doc = activity["object"]
        changed = activity.get("type") == "Update"
        author = object_id(doc.get("attributedTo")) or actor
        if author != actor or not same_host(object_id(doc), actor):
            raise Ignored("a reply attributed to someone other than its sender")
        _, process_id = self.ids.parse_object(object_id(doc.get("inReplyTo"))) or ("", 0)
        exchange = self.hood.processes.exchange
        if "formKind" not in doc:
            if changed:
                raise Ignored("a vote cannot be changed")
            if isinstance(doc.get("name"), str) and not content_of(doc).strip():
                await exchange.fediverse_vote(process_id, actor, doc["name"], str(doc["id"]))
                return
            raise Ignored("a reply to a process that is neither a response nor a vote")
        if (await self.remote.get(actor)).type != "Group":
            raise Ignored("a response from someone who is not a node")
        answer = translate.remote_answer(doc, process_id=process_id, node_actor=actor)
        await (exchange.change(answer) if changed else exchange.accept(answer))

    async def _like(self, actor: str, activity: Activity) -> None:
        like_id = object_id(activity)
        if not like_id or not same_host(like_id, actor):
            raise Ignored("a Like whose id is not on the sender's server")
        _, response_id = self.ids.parse_object(object_id(activity["object"])) or ("", 0)
        await self.hood.processes.exchange.add_support(response_id, actor, like_id)

    async def undo_like(self, actor: str, inner: Any) -> bool:
        """Undo{Like} of an argument's support; False when it is not one (try elsewhere)."""
        like_id = object_id(inner)
        if not like_id or not same_host(like_id, actor):
            return False
        return await self.hood.processes.exchange.remove_support(like_id)

    async def _followed(self, actor: str) -> bool:
        row = await store.following(self.db, actor)
        return row is not None and row["state"] == "accepted"


def _is_process(activity: Activity) -> bool:
    value = activity.get("object")
    return (
        isinstance(value, dict)
        and has_our_context(activity.get("@context"), value.get("@context"))
        and translate.is_process(value)
    )


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
