"""FederationService: the federation layer's side of community's FederationPort."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from node.community.accounts.members import Member
from node.community.accounts.permissions import Action
from node.community.clock import iso
from node.community.errors import N_, Invalid, NotAllowed, NotFound
from node.community.fields import Field, Problems
from node.community.network.port import (
    BlockedDomain,
    FollowResult,
    RelationState,
    RemoteNode,
)
from node.federation import intents
from node.federation.blocks import normalise_domain
from node.federation.http import FetchError
from node.federation.negotiation import object_path
from node.storage import Row
from node.storage.accounts import members as settings_store
from node.storage.federation import actors as store

if TYPE_CHECKING:
    from node.community.clock import Clock
    from node.federation.blocks import DomainBlocks
    from node.federation.ids import Ids
    from node.federation.publisher import Publisher
    from node.federation.remote import RemoteActors
    from node.storage import Database

log = logging.getLogger("buurtnode.federation")
MANUAL_APPROVAL = "federation_manual_approval"
FOLLOW_ADDRESS = Field(
    "follow.address", N_("Address of the node"), 500, required=True,
    missing=N_("Fill in a node's address, e.g. noord@noord.example.nl."),
)  # fmt: skip
BLOCK_DOMAIN = Field("block.domain", N_("Domain"), 253, required=True)
BLOCK_REASON = Field("block.reason", N_("Reason"), 500)


def _check(by: Member) -> None:
    if not by.can(Action.MANAGE_FEDERATION):
        raise NotAllowed(N_("Only an admin can manage whom this node follows."))


def _node(row: Row) -> RemoteNode:
    return RemoteNode(
        actor_uri=row["actor_uri"],
        handle=row["handle"] or "",
        name=row["name"] or row["handle"] or row["actor_uri"],
        state=RelationState(row["state"]),
        since=row["created_at"],
        last_seen=row["last_seen_at"],
        failures=row["failures"] or 0,
    )


class FederationService:
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

    async def follow(self, by: Member, handle_or_url: str) -> FollowResult:
        _check(by)
        problems = Problems()
        text = problems.text(FOLLOW_ADDRESS, handle_or_url)
        problems.check()
        if self.blocks.blocks(text.rpartition("@")[2] if "//" not in text else text):
            raise Invalid(N_("That domain is blocked on this node."))
        try:
            remote = await self.remote.resolve(text)
        except FetchError as error:
            log.info("cannot follow %s: %s", text, error)
            raise NotFound(
                N_("No node was found at '%(address)s'. Check the address and try again."),
                address=text,
            ) from None
        if remote.uri == self.ids.actor:
            raise Invalid(N_("This node cannot follow itself."))
        if self.blocks.blocks(remote.uri):
            raise Invalid(N_("That domain is blocked on this node."))
        follow_id = self.ids.new_activity()
        async with self.db.transaction() as tx:
            await store.put_following(tx, remote.uri, follow_id, iso(self.clock()))
        await self.publisher.send(
            {"id": follow_id, "type": "Follow", "object": remote.uri, "to": [remote.uri]},
            [remote.inbox],
        )
        nodes = [n for n in await self.following() if n.actor_uri == remote.uri]
        return FollowResult(nodes[0])

    async def unfollow(self, by: Member, actor_uri: str) -> None:
        _check(by)
        row = await store.following(self.db, actor_uri)
        if row is None:
            raise NotFound(N_("This node does not follow that address."))
        async with self.db.transaction() as tx:
            await store.delete_following(tx, actor_uri)
        remote = await self.remote.get(actor_uri)
        follow = {"id": row["follow_id"], "type": "Follow", "actor": self.ids.actor}
        await self.publisher.send(
            {"type": "Undo", "object": {**follow, "object": actor_uri}, "to": [actor_uri]},
            [remote.inbox],
        )

    async def followers(self) -> list[RemoteNode]:
        return [_node(r) for r in await store.followers_with_actors(self.db)]

    async def following(self) -> list[RemoteNode]:
        return [_node(r) for r in await store.following_with_actors(self.db)]

    async def pending_follow_requests(self) -> list[RemoteNode]:
        return [_node(r) for r in await store.followers_with_actors(self.db, "pending")]

    async def accept_follower(self, by: Member, actor_uri: str) -> None:
        await self._decide(by, actor_uri, accept=True)

    async def reject_follower(self, by: Member, actor_uri: str) -> None:
        await self._decide(by, actor_uri, accept=False)

    async def _decide(self, by: Member, actor_uri: str, *, accept: bool) -> None:
        _check(by)
        row = await store.follower(self.db, actor_uri)
        if row is None:
            raise NotFound(N_("This follow request is not known (any more)."))
        async with self.db.transaction() as tx:
            if accept:
                await store.set_follower_state(tx, actor_uri, "accepted")
            else:
                await store.delete_follower(tx, actor_uri)
        remote = await self.remote.get(actor_uri)
        follow = {
            "id": row["follow_id"],
            "type": "Follow",
            "actor": actor_uri,
            "object": self.ids.actor,
        }
        await self.answer_follow(remote.inbox, follow, accept=accept)

    async def answer_follow(self, inbox: str, follow: dict[str, Any], *, accept: bool) -> None:
        """Accept or Reject a Follow, embedding it: Mastodon matches either form."""
        embedded = {k: follow[k] for k in ("id", "type", "actor", "object") if k in follow}
        await self.publisher.send(
            {
                "type": "Accept" if accept else "Reject",
                "object": embedded,
                "to": [embedded["actor"]],
            },
            [inbox],
        )

    async def block_domain(self, by: Member, domain: str, reason: str) -> None:
        _check(by)
        problems = Problems()
        problems.text(BLOCK_DOMAIN, domain)
        reason = problems.text(BLOCK_REASON, reason)
        if not problems.about("domain"):
            problems.attempt(BLOCK_DOMAIN, lambda: normalise_domain(domain))
        problems.check()
        domain = await self.blocks.add(domain, reason)
        log.info("blocked %s: %s", domain, reason)

    async def unblock_domain(self, by: Member, domain: str) -> None:
        _check(by)
        await self.blocks.remove(domain)

    async def remote_interaction(self, handle: str, page: str) -> str:
        """Where a visitor, on their own server, follows us or answers what `page` shows."""
        path = object_path(page)
        if path is None or path.startswith("/ap/members/"):
            page, path = "/", "/ap/actor"  # a member's page: follow the neighbourhood
        _, host = intents.parse_handle(handle)
        if self.blocks.blocks(host):
            raise Invalid(N_("That server is blocked on this node."))
        return await intents.interaction_url(
            self.remote.client,
            handle,
            self.ids.url + path,
            follow=path == "/ap/actor",
            back=self.ids.url + page,
        )

    async def blocked_domains(self) -> list[BlockedDomain]:
        rows = await store.blocked_domains(self.db)
        return [BlockedDomain(r["domain"], r["reason"], r["created_at"]) for r in rows]

    async def manual_approval(self) -> bool:
        return await settings_store.get_setting(self.db, MANUAL_APPROVAL) == "1"

    async def set_manual_approval(self, by: Member, manual: bool) -> None:
        _check(by)
        async with self.db.transaction() as tx:
            await settings_store.put_setting(tx, MANUAL_APPROVAL, "1" if manual else "0")
