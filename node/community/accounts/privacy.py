"""A resident's own data: download all of it, or leave the neighbourhood."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from node.community.accounts.members import Member, Members
from node.community.accounts.permissions import Role
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed
from node.storage import Database
from node.storage.accounts import privacy as store


class LeaveMode(StrEnum):
    ANONYMISE = "anonymise"  # posts stay, without the name
    REMOVE = "remove"  # posts disappear too


class Privacy:
    def __init__(self, db: Database, clock: Clock, members: Members) -> None:
        self.db = db
        self.clock = clock
        self.members = members

    async def export(self, member: Member) -> dict[str, Any]:
        """Everything the node holds that refers to this member, as plain data."""
        return {
            "format": "buurtnode-personal-data/1",
            "exported_at": iso(self.clock()),
            "member": member.username,
            "tables": await store.rows_of_member(self.db, member.id),
        }

    async def leave(self, member: Member, password: str, mode: str) -> None:
        try:
            chosen = LeaveMode(mode)
        except ValueError:
            raise Invalid(N_("Choose what happens to what you posted.")) from None
        if await self.members.authenticate(member.username, password) is None:
            raise Invalid(N_("Your password is not right; your account was not removed."))
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if member.role is Role.ADMIN and await store.count_admins(tx) <= 1:
                raise NotAllowed(
                    N_("You are the only admin. Make someone else admin before you leave.")
                )
            if chosen is LeaveMode.REMOVE:
                gone = await store.hide_authored(
                    tx, member.id, now, "removed at the author's request"
                )
                for content_type, content_id in gone:
                    await record(tx, content_type, content_id, ChangeKind.DELETED, None, now)
            else:
                for content_type, content_id in await store.authored(tx, member.id):
                    await record(tx, content_type, content_id, ChangeKind.UPDATED, None, now)
            await store.delete_member(tx, member.id)
