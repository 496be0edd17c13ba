"""Incoming content: what followed nodes publish, and what others do with ours.

- From a node we follow: Create/Update/Delete of a Page, Article, Event or Note, directly
  or announced (FEP-1b12 `Announce{Create{...}}`, or Lemmy's and our `Announce{object}`),
  is kept as remote content for the "In de buurt" page. An embedded object counts only
  when its id is on the sender's server; otherwise it is fetched from its own server.
- From anyone: a Note replying to one of our initiatives or activities becomes a comment
  (and is announced to our followers, as a FEP-1b12 group does), Update/Delete of it change
  or remove it, a Like of an initiative is a support (Undo{Like} takes it back), an Announce
  of one of our objects is a share (Undo{Announce} takes it back), and Join / Leave of an
  activity answer it (Mobilizon), answered with Accept or Reject.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from node.community.errors import DomainError
from node.community.reactions.comments import SUBJECT_TYPES as COMMENT_SUBJECTS
from node.federation.network import translate as translate_in
from node.federation.vocab import Ignored, host, object_id, same_host
from node.storage.federation import actors as store
from node.storage.federation import lookups
from node.storage.reactions import comments as comment_store

if TYPE_CHECKING:
    from node.community.neighbourhood import Neighbourhood
    from node.federation.http import FediClient
    from node.federation.ids import Ids
    from node.federation.publisher import Publisher
    from node.federation.remote import RemoteActors
    from node.storage import Database

Activity = dict[str, Any]


class ContentInbox:
    def __init__(
        self,
        *,
        db: Database,
        ids: Ids,
        hood: Neighbourhood,
        client: FediClient,
        remote: RemoteActors,
        publisher: Publisher,
    ) -> None:
        self.db = db
        self.ids = ids
        self.hood = hood
        self.client = client
        self.remote = remote
        self.publisher = publisher

    # -- Create, Update, Delete ----------------------------------------------------

    async def on_create(self, actor: str, activity: Activity) -> None:
        await self._content(actor, activity, origin=actor, contexts=())

    async def on_update(self, actor: str, activity: Activity) -> None:
        if object_id(activity.get("object")) == actor:
            # A new name, picture or key: read the profile again from its own server.
            await self.remote.get(actor, refresh=True)
            return
        await self._content(actor, activity, origin=actor, contexts=())

    async def on_delete(self, actor: str, activity: Activity) -> None:
        ap_id = object_id(activity.get("object"))
        if ap_id and ap_id != actor and await self.hood.comments.remove_remote(ap_id, actor):
            await self._forward(activity)  # a reply on one of our initiatives or activities
            return
        await self._delete(actor, ap_id)

    async def backfilled(self, actor: str, activity: Activity) -> None:
        """A Create/Update read from a followed node's outbox (backfill.py): kept as content,
        never treated as a new reply to forward."""
        await self._content(actor, activity, origin=actor, contexts=(), announced=True)

    async def on_announce(self, actor: str, activity: Activity) -> None:
        inner = activity.get("object")
        if self._ours(object_id(inner)):  # a boost of our content, from anyone
            await self._shared(actor, activity)
            return
        if not await self._followed(actor):
            raise Ignored("an Announce from someone we do not follow")
        if isinstance(inner, str):
            inner = await self.client.get_json(inner)
        if not isinstance(inner, dict):
            raise Ignored("an Announce of nothing")
        contexts = (activity.get("@context"),)
        kind = inner.get("type")
        if kind in ("Create", "Update"):
            await self._content(actor, inner, origin=actor, contexts=contexts, announced=True)
        elif kind == "Delete":
            await self._delete(actor, object_id(inner.get("object")))
        elif kind in translate_in.OBJECT_TYPES:
            wrapped = {"type": "Create", "object": inner}
            await self._content(actor, wrapped, origin=actor, contexts=contexts, announced=True)
        else:
            raise Ignored(f"an Announce of a {kind}")

    async def _content(
        self,
        actor: str,
        activity: Activity,
        *,
        origin: str,
        contexts: tuple[Any, ...],
        announced: bool = False,
    ) -> None:
        value = activity.get("object")
        claimed = value.get("inReplyTo") if isinstance(value, dict) else None
        to_us = not announced and self.ids.parse_object(object_id(claimed)) is not None
        followed = await self._followed(origin)
        if not (to_us or followed):  # checked before fetching anything
            raise Ignored("content from a node we do not follow")
        doc = await self._trusted_object(actor, value)
        if self._ours(object_id(doc)):
            raise Ignored("our own object, sent back to us")
        target = self.ids.parse_object(object_id(doc.get("inReplyTo")))
        if target is not None and not announced:
            await self._reply_to_us(actor, activity, doc, target)
            return
        if not followed:
            raise Ignored("content from a node we do not follow")
        remote = translate_in.remote_object(
            doc, origin=origin, contexts=(activity.get("@context"), *contexts)
        )
        if remote.in_reply_to and await self.hood.nearby.known(remote.in_reply_to) is None:
            raise Ignored("a reply to something we do not keep")
        await self.hood.nearby.store(remote)

    async def _trusted_object(self, actor: str, value: Any) -> dict[str, Any]:
        """The object, embedded when its id is on the sender's server, else fetched."""
        ap_id = object_id(value)
        if not ap_id:
            raise Ignored("an activity without an object")
        if isinstance(value, dict) and same_host(ap_id, actor):
            return value
        if self._ours(ap_id):
            raise Ignored("our own object, sent back to us")
        fetched = await self.client.get_json(ap_id)
        if not isinstance(fetched, dict) or fetched.get("id") != ap_id:
            raise Ignored(f"{ap_id} does not serve itself")
        return fetched

    async def _reply_to_us(
        self, actor: str, activity: Activity, doc: dict[str, Any], target: tuple[str, int]
    ) -> None:
        kind, subject_id = target
        author = object_id(doc.get("attributedTo")) or actor
        if not same_host(author, actor):
            raise Ignored("a reply attributed to someone on another server")
        comments = self.hood.comments
        ap_id = str(doc["id"])
        html = translate_in.content_of(doc)
        if activity.get("type") == "Update":
            if not await comments.update_remote(ap_id, actor, html):
                raise Ignored("an Update of a reply we do not have")
        else:
            if kind not in COMMENT_SUBJECTS:
                raise Ignored(f"comments on a {kind} are not kept")
            if await comment_store.comment_id_by_ap_id(self.db, ap_id) is not None:
                raise Ignored("a reply we already have")
            remote = await self._official_sender(actor, activity, doc)
            await comments.add_remote(
                kind,
                subject_id,
                actor_uri=actor,
                actor_name=remote.name,
                ap_id=ap_id,
                html=html,
                official=remote.node_kind == "gemeente" and doc.get("official") is True,
            )
        await self._forward(activity)

    async def _delete(self, actor: str, ap_id: str | None) -> None:
        if not ap_id or ap_id == actor:
            raise Ignored("a Delete of an actor or of nothing")
        known = await self.hood.nearby.known(ap_id)
        if known is None:
            raise Ignored("a Delete of something we do not keep")
        if not same_host(ap_id, actor):
            # Announced by a group for someone elsewhere: we cannot check who deleted it.
            raise Ignored("a Delete of an object on another server")
        await self.hood.nearby.forget(ap_id)

    async def _forward(self, activity: Activity) -> None:
        """Announce a remote reply's Create/Update/Delete to our followers (FEP-1b12)."""
        inner = {k: v for k, v in activity.items() if k != "@context"}
        await self.publisher.publish(
            {"@context": activity.get("@context", []), "type": "Announce", "object": inner}
        )

    # -- Announce of our content, Undo{Announce} -------------------------------------

    async def _shared(self, actor: str, activity: Activity) -> None:
        target = self.ids.parse_object(object_id(activity.get("object")))
        if target is None:
            raise Ignored("an Announce of something of ours that is not an object")
        if not await self.hood.shares.add(*target, actor, str(activity["id"])):
            raise Ignored(f"a share of {target[0]} {target[1]}: not shareable, or counted")

    async def is_share(self, ap_id: str) -> bool:
        return await self.hood.shares.known(ap_id)

    async def undo_announce(self, actor: str, inner: Any) -> None:
        shares = self.hood.shares
        ap_id = object_id(inner)
        if ap_id and await shares.remove(actor, ap_id):
            return
        shared = inner.get("object") if isinstance(inner, dict) else None
        target = self.ids.parse_object(object_id(shared))
        if target is None or not await shares.remove_of(*target, actor):
            raise Ignored("an Undo of a share we do not have")

    # -- Like, Undo{Like} ----------------------------------------------------------

    async def on_like(self, actor: str, activity: Activity) -> None:
        target = self.ids.parse_object(object_id(activity.get("object")))
        if target is None or target[0] != "initiative":
            raise Ignored("a Like of something other than one of our initiatives")
        like_id = str(activity["id"])
        remote = await self.remote.get(actor)
        # A node (Group) sends one Like per resident who supports it, so each counts; a
        # person supports once.
        key = like_id if remote.type == "Group" and same_host(like_id, actor) else actor
        await self.hood.initiatives.add_remote_support(target[1], key, ap_id=like_id)

    async def undo_like(self, actor: str, inner: Any) -> None:
        like_id = object_id(inner)
        row = await lookups.support_by_ap_id(self.db, like_id) if like_id else None
        if row is None:
            raise Ignored("an Undo of something we do not keep")
        key = row["remote_actor_uri"]
        if key != actor and not (key == like_id and same_host(like_id, actor)):
            raise Ignored("an Undo of someone else's Like")
        await self.hood.initiatives.remove_remote_support(row["initiative_id"], key)

    # -- Join, Leave (Mobilizon's RSVP) --------------------------------------------

    async def on_join(self, actor: str, activity: Activity) -> None:
        target = self.ids.parse_object(object_id(activity.get("object")))
        if target is None or target[0] != "event":
            raise Ignored("a Join of something other than one of our activities")
        remote = await self.remote.get(actor)
        accepted = True
        try:
            await self.hood.calendar.answer_remote(target[1], actor, remote.name, "going")
        except DomainError:  # full, cancelled or over
            accepted = False
        join = {k: activity[k] for k in ("id", "type", "actor", "object") if k in activity}
        await self.publisher.send(
            {"type": "Accept" if accepted else "Reject", "object": join, "to": [actor]},
            [remote.inbox],
        )

    async def on_leave(self, actor: str, activity: Activity) -> None:
        target = self.ids.parse_object(object_id(activity.get("object")))
        if target is None or target[0] != "event":
            raise Ignored("a Leave of something other than one of our activities")
        await self.hood.calendar.withdraw_remote(target[1], actor)

    # -- helpers -------------------------------------------------------------------

    async def _official_sender(self, actor: str, activity: Activity, doc: dict[str, Any]) -> Any:
        """The sender; refreshed once when a reply claims to be official (`official` in our
        context) and we do not know the sender as a gemeente node yet. Only a Group whose
        actor says `nodeKind: gemeente` speaks for the municipality."""
        remote = await self.remote.get(actor)
        claims = doc.get("official") is True and translate_in.has_our_context(
            doc.get("@context"), activity.get("@context")
        )
        if claims and remote.node_kind is None:
            remote = await self.remote.get(actor, refresh=True)
        if not claims or remote.type != "Group":
            return replace(remote, node_kind=None)
        return remote

    def _ours(self, ap_id: str | None) -> bool:
        return bool(ap_id) and host(ap_id) == host(self.ids.url)

    async def _followed(self, actor: str) -> bool:
        row = await store.following(self.db, actor)
        return row is not None and row["state"] == "accepted"
