"""A resident's own data: download all of it, or leave the neighbourhood."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from node.community.accounts.members import PASSWORD, Member, Members
from node.community.accounts.permissions import Role
from node.community.changes import ChangeKind, record
from node.community.clock import Clock, iso
from node.community.errors import N_, Invalid, NotAllowed
from node.community.fields import Field, Problems
from node.storage import Database
from node.storage.accounts import privacy as store

LEAVE_MODE = Field("leave.mode", N_("What happens to what you posted"), 20, required=True)


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
        """A resident leaves: their password proves it is them."""
        problems = Problems()
        try:
            chosen = leave_mode(mode, N_("Choose what happens to what you posted."))
        except Invalid as error:
            problems.catch(LEAVE_MODE, error)
        if not password or len(password) > PASSWORD.max:
            problems.text(PASSWORD, password)
        elif await self.members.authenticate(member.username, password) is None:
            problems.add(PASSWORD, N_("Your password is not right; your account was not removed."))
        problems.check()
        await self.erase(
            member,
            chosen,
            N_("You are the only admin. Make someone else admin before you leave."),
            "removed at the author's request",
        )

    async def erase(self, member: Member, mode: LeaveMode, last_admin: str, reason: str) -> None:
        """Delete the member's personal data; their contributions stay without a name
        ("oud-bewoner") or are removed. The caller checks who may; `last_admin` is the message
        when this would leave the node without an admin (it may name them: %(name)s)."""
        now = iso(self.clock())
        async with self.db.transaction() as tx:
            if member.role is Role.ADMIN and member.is_active and await store.count_admins(tx) <= 1:
                raise NotAllowed(last_admin, name=member.display_name)
            if mode is LeaveMode.REMOVE:
                gone = await store.hide_authored(tx, member.id, now, reason)
                for content_type, content_id in gone:
                    await record(tx, content_type, content_id, ChangeKind.DELETED, None, now)
            else:
                for content_type, content_id in await store.authored(tx, member.id):
                    await record(tx, content_type, content_id, ChangeKind.UPDATED, None, now)
            await store.delete_member(tx, member.id)


def leave_mode(mode: str, message: str) -> LeaveMode:
    try:
        return LeaveMode(mode)
    except ValueError:
        raise Invalid(message) from None
