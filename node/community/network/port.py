"""What the rest of the node may ask of federation, without knowing what ActivityPub is.

The federation layer implements `FederationPort`; node/app.py sets it on the
Neighbourhood (`hood.federation`), and web pages call it. Every method that changes
something takes the member asking and checks MANAGE_FEDERATION.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from node.community.accounts.members import Member


class RelationState(StrEnum):
    PENDING = "pending"  # our Follow waits for their Accept, or theirs for our approval
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class RemoteNode:
    """Another node (or any fediverse actor) as the admin page shows it."""

    actor_uri: str
    handle: str  # name@host, '' when unknown
    name: str
    state: RelationState
    since: str
    last_seen: str | None
    failures: int  # deliveries to it given up on


@dataclass(frozen=True)
class BlockedDomain:
    domain: str
    reason: str
    since: str


@dataclass(frozen=True)
class FollowResult:
    node: RemoteNode


class FederationPort(Protocol):
    async def follow(self, by: Member, handle_or_url: str) -> FollowResult:
        """Follow `name@host` or an actor URL; raises Invalid/NotFound with a clear message."""
        ...

    async def unfollow(self, by: Member, actor_uri: str) -> None: ...

    async def followers(self) -> list[RemoteNode]: ...

    async def following(self) -> list[RemoteNode]: ...

    async def pending_follow_requests(self) -> list[RemoteNode]: ...

    async def accept_follower(self, by: Member, actor_uri: str) -> None: ...

    async def reject_follower(self, by: Member, actor_uri: str) -> None: ...

    async def block_domain(self, by: Member, domain: str, reason: str) -> None: ...

    async def unblock_domain(self, by: Member, domain: str) -> None: ...

    async def blocked_domains(self) -> list[BlockedDomain]: ...

    async def remote_interaction(self, handle: str, page: str) -> str:
        """The visitor's own server's page to follow us (or answer what `page` of ours
        shows) as `handle`; raises Invalid with what to do when it cannot be found."""
        ...

    async def manual_approval(self) -> bool: ...

    async def set_manual_approval(self, by: Member, manual: bool) -> None: ...
