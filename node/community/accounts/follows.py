"""Residents following each other on this node, and what an app shows about an account."""

from __future__ import annotations

import re
from dataclasses import dataclass

from node.community.accounts.members import Member, Members
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotFound
from node.storage import Database
from node.storage.accounts import social as store

_WORD = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class AccountStats:
    statuses: int
    followers: int
    following: int
    last_status_at: str | None


class Follows:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self.db = db
        self.clock = clock
        self.members = members

    async def active(self, member_id: int) -> Member:
        found = await self.members.find(member_id)
        if found is None or not found.is_active:
            raise NotFound(N_("This person is not known here."))
        return found

    async def follow(self, by: Member, member_id: int) -> None:
        target = await self.active(member_id)
        if target.id == by.id:
            raise Invalid(N_("You cannot follow yourself."))
        async with self.db.transaction() as tx:
            await store.follow(tx, by.id, target.id, iso(self.clock()))

    async def unfollow(self, by: Member, member_id: int) -> None:
        async with self.db.transaction() as tx:
            await store.unfollow(tx, by.id, member_id)

    async def follows(self, follower: Member, member_id: int) -> bool:
        return await store.follows(self.db, follower.id, member_id)

    async def stats(self, member: Member) -> AccountStats:
        row = await store.account_counts(self.db, member.id)
        last = row["last_status_at"]
        return AccountStats(row["statuses"], row["followers"], row["following"], last)

    async def find(self, query: str, limit: int = 20) -> list[Member]:
        """Active residents whose user name or name contains the query."""
        words = _WORD.findall(query.lstrip("@").split("@")[0])
        if not words:
            return []
        pattern = "%" + words[0].replace("\\", "").replace("%", "").replace("_", "\\_") + "%"
        return [await self.active(i) for i in await store.find_members(self.db, pattern, limit)]
